"""Gender of the people across the corpus, evidence first, as the Gender Gap Tracker does.

The articles' own evidence comes first: what each article says of a person (an honorific
such as "Ms.", or gendered pronouns that refer to them: `entities.gender`), counted over
every article of the person. Where the articles say nothing, the first name is looked up
offline with gender-guesser: its "female"/"male" answers and its "mostly" ones ("Chris",
"Mary"), never "andy" (either). Otherwise, or when the articles disagree, the gender is
unknown. Names are not identities and the labels are binary: the README says so.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from newsquotes.names import PERSON_LABELS, first_name_gender, person_name
from newsquotes.output.storage import Location

AGREEMENT = 2 / 3  # share of a person's articles with evidence that must agree
UNKNOWN = "unknown"
FEW_ARTICLES = 3  # fewer articles than this do not outweigh a confident first name
# gender-guesser's "mostly" answers, taken when the articles say nothing ("Chris", "Mary")
MOSTLY = {"mostly_female": "female", "mostly_male": "male"}


@dataclass(frozen=True)
class Gender:
    gender: str  # female | male | unknown
    evidence: str | None


def corpus_genders(staging: Location) -> dict[str, Gender]:
    """catalogue_id -> Gender of every person in the staged entities (after relinking)."""
    said: dict[str, Counter] = defaultdict(Counter)
    names: dict[str, Counter] = defaultdict(Counter)
    columns = ["catalogue_id", "label", "name", "gender"]
    for part in (staging / "entities").files():
        table = part.read_columns(columns)
        for key, label, name, gender in zip(*(table[c] for c in columns), strict=True):
            if label in PERSON_LABELS:
                names[key][name] += 1
                if gender:
                    said[key][gender] += 1
    return {key: gender_of(said[key], names[key]) for key in names}


def gender_of(said: Counter, names: Counter) -> Gender:
    """From the articles' evidence (gender -> articles), else from the person's first name.

    Articles that disagree (a stray "her" near a man's name) leave the majority standing
    only when the first name agrees with it; the evidence of one or two articles that a
    confident first name contradicts ("she" for a Mitch) is no evidence: unknown.
    """
    full = [n for n, _ in names.most_common() if person_name(n).is_full]
    first = person_name(full[0]).first if full else ""
    answer = first_name_gender(first) if first else None
    sure = answer if answer in ("female", "male") else None
    if said:
        counts = f"articles: {said['female']} female, {said['male']} male"
        gender, articles = said.most_common(1)[0]
        if sure and sure != gender and sum(said.values()) < FEW_ARTICLES:
            return Gender(UNKNOWN, f"{counts}; first name {first!r} disagrees")
        if articles >= AGREEMENT * sum(said.values()):
            return Gender(gender, counts)
        if articles > sum(said.values()) / 2 and sure == gender:
            return Gender(gender, f"{counts}; first name {first!r} agrees (gender-guesser)")
        return Gender(UNKNOWN, counts)
    likely = MOSTLY.get(answer or "", answer)
    if likely in ("female", "male"):
        return Gender(likely, f"first name {first!r} (gender-guesser: {answer})")
    return Gender(UNKNOWN, None)
