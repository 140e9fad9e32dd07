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

from newsquotes.names import MOSTLY, PERSON_LABELS, first_name_gender, person_name
from newsquotes.output.storage import Location

AGREEMENT = 2 / 3  # share of a person's articles with evidence that must agree
UNKNOWN = "unknown"
FEW_ARTICLES = 3  # fewer articles than this do not outweigh a sure first name
STRONG = 0.8  # nor does a smaller share of them


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

    Two thirds of the articles decide. A first name the offline list is sure of overrules
    evidence that is split or thin: pronouns near a man's name in coverage of a woman give
    him stray "her"s, and one or two articles can be wrong; it takes four fifths of at
    least `FEW_ARTICLES` articles to go against a sure first name.
    """
    full = next((n for n, _ in names.most_common() if person_name(n).is_full), None)
    first = person_name(full).first if full else ""
    answer = first_name_gender(first) if first else None
    sure = answer if answer in ("female", "male") else None
    if said:
        counts = f"articles: {said['female']} female, {said['male']} male"
        total = sum(said.values())
        gender, articles = said.most_common(1)[0]
        strong = articles >= STRONG * total and total >= FEW_ARTICLES
        if articles >= AGREEMENT * total and (sure in (None, gender) or strong):
            return Gender(gender, counts)
        if sure:
            return Gender(sure, f"first name {first!r} (gender-guesser); {counts}")
        return Gender(UNKNOWN, counts)
    likely = MOSTLY.get(answer or "", answer)
    if likely in ("female", "male"):
        return Gender(likely, f"first name {first!r} (gender-guesser: {answer})")
    return Gender(UNKNOWN, None)
