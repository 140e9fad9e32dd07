"""Pronoun resolution: "he" and "she" to the person of the article they most likely refer to.

A deliberately small rule set, good enough for speakers: a pronoun refers to a recently
mentioned person whose gender does not contradict it, preferring a grammatical subject.
A person's gender comes from an honorific before a mention (Mr., Mrs., Ms.), then from a
first name gender-guesser is sure of ("Kevin Barrett"), then from the gendered pronouns that
follow the person in a sentence where the person is the subject and the last person named,
outside the quote marks before the pronoun ("Park said his plan ..."; not '"Monsod and I
agree," he said'), or that open the next sentence as its subject when the person is the
only one the sentence before names ("Monsod said ... She said ..."), last from a first name
it only leans on ("Chris"). The article's own evidence (honorifics and pronouns) is the
`gender` of the entities (`person_genders`); pronoun resolution also weighs first names
(`pronoun_genders`).
Plural "they" is left unresolved: groups are not person clusters.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from newsquotes.entities.extract import Entity
from newsquotes.names import MOSTLY, first_name_gender, person_name

PRONOUN_GENDER = {
    "he": "male",
    "him": "male",
    "his": "male",
    "himself": "male",
    "she": "female",
    "her": "female",
    "hers": "female",
    "herself": "female",
}
HONORIFIC_GENDER = {
    "mr": "male",
    "mr.": "male",
    "sir": "male",
    "mrs": "female",
    "mrs.": "female",
    "ms": "female",
    "ms.": "female",
    "miss": "female",
    "madam": "female",
    "lord": "male",
    "lady": "female",
    "dame": "female",
    "baroness": "female",
    "prince": "male",
    "princess": "female",
}
_QUOTE_MARK = re.compile(r'["“”]')
# How many of the nearest compatible people a pronoun considers.
CANDIDATES = 3


def _people(entities: list[Entity]) -> list[tuple[int, int, Entity]]:
    """(start, end, entity) of every person mention, in text order."""
    mentions = [(m.start, m.end, e) for e in entities if e.label == "PERSON" for m in e.mentions]
    return sorted(mentions, key=lambda item: item[0])


def person_genders(doc: Doc, entities: list[Entity]) -> dict[str, str]:
    """entity_id -> "male"/"female", where the article gives evidence (the `gender` of
    `entities`): an honorific, else the pronouns that follow the person."""
    pronouns, honorifics = _article_evidence(doc, entities)
    return pronouns | honorifics


def pronoun_genders(doc: Doc, entities: list[Entity]) -> dict[str, str]:
    """entity_id -> "male"/"female" for resolving pronouns: the article's evidence, with a
    first name gender-guesser is sure of ("Kevin Barrett") above the pronouns counted near
    the name, which may refer to someone else; one it leans on ("Chris") where the article
    says nothing. A "She" opening the sentence after a person's is not counted here: it is
    one of the pronouns being resolved ("Charlie McDowell told reporters. She said ...")."""
    pronouns, honorifics = _article_evidence(doc, entities, next_sentence=False)
    likely, sure = _first_name_genders(entities)
    return likely | pronouns | sure | honorifics


def _article_evidence(
    doc: Doc, entities: list[Entity], next_sentence: bool = True
) -> tuple[dict[str, str], dict[str, str]]:
    """(pronouns, honorifics): entity_id -> gender from the gendered pronouns that follow
    the person (in its sentence, and with `next_sentence` one opening the next), and from
    an honorific before a mention."""
    people = _people(entities)
    honorifics: dict[str, str] = {}
    votes: dict[str, Counter] = {}
    text = doc.text
    for start, end, entity in people:
        # the word before the mention ("Mr Blair") or its own first ("Baroness Kennedy")
        own = text[start:end].split()
        words = text[max(0, start - 12) : start].split()[-1:] + own[:1] * (len(own) > 1)
        style = next(
            (HONORIFIC_GENDER[w.lower()] for w in words if w.lower() in HONORIFIC_GENDER), None
        )
        if style:
            honorifics.setdefault(entity.entity_id, style)
    for token in doc:
        gender = PRONOUN_GENDER.get(token.lower_)
        if gender is None:
            continue
        sentence = token.sent
        before = [
            (s, end, e)
            for s, end, e in people
            if sentence.start_char <= s
            and end <= token.idx
            and not _QUOTE_MARK.search(text, end, token.idx)
        ]  # '"Secretary Monsod and I get along," he said': "he" is not who the quote names
        if next_sentence and not before and _opens(token) and sentence.start > 0:
            before = _only_person(doc[sentence.start - 1].sent, people)  # "Monsod said. She ..."
        if before and _is_subject(doc, before[-1][0], before[-1][1]):
            votes.setdefault(before[-1][2].entity_id, Counter())[gender] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}, honorifics


def _first_name_genders(entities: list[Entity]) -> tuple[dict[str, str], dict[str, str]]:
    """(likely, sure): entity_id -> gender of the people named in full, from gender-guesser's
    offline list of first names: its "mostly" answers and its sure ones."""
    likely: dict[str, str] = {}
    sure: dict[str, str] = {}
    for entity in entities:
        name = person_name(entity.name) if entity.label == "PERSON" else None
        answer = first_name_gender(name.first) if name and name.is_full else None
        if answer in ("female", "male"):
            sure[entity.entity_id] = answer
        elif answer in MOSTLY:
            likely[entity.entity_id] = MOSTLY[answer]
    return likely, sure


def _opens(token: Token) -> bool:
    """A subject pronoun that opens its sentence ("She said ...")."""
    return token.i == token.sent.start and token.dep_ in {"nsubj", "nsubjpass"}


def _only_person(sentence: Span, people: list[tuple[int, int, Entity]]) -> list:
    """The mentions of a sentence that names one person only (several: whose "she" is
    unclear)."""
    named = [p for p in people if sentence.start_char <= p[0] and p[1] <= sentence.end_char]
    return named if len({p[2].entity_id for p in named}) == 1 else []


def _is_subject(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and span.root.dep_ in {"nsubj", "nsubjpass"}


def resolve_pronoun(
    token: Token,
    entities: list[Entity],
    genders: dict[str, str],
    quoted: Callable[[int], object] = lambda offset: None,
) -> Entity | None:
    """The person a singular gendered pronoun refers to, or None.

    Of the nearest people mentioned before it whose gender does not contradict it, a
    subject wins over an object ("Mary Jones, the mayor of Riverton ... she"): subjects are
    what later pronouns usually pick up. People named at an offset `quoted` finds inside
    quote marks (`ArticleContext.quoted`) are not candidates: a speaker's "he" is not whom
    the quote names ('"Lleyton is proving how versatile he is," he said').
    """
    gender = PRONOUN_GENDER.get(token.lower_)
    if gender is None:
        return None
    nearest = [
        (start, end, entity)
        for start, end, entity in reversed(_people(entities))
        if end <= token.idx
        and genders.get(entity.entity_id, gender) == gender
        and not quoted(start)
    ][:CANDIDATES]
    for start, end, entity in nearest:
        if _is_subject(token.doc, start, end):
            return entity
    return nearest[0][2] if nearest else None
