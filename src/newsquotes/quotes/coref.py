"""Pronoun resolution: "he" and "she" to the person of the article they most likely refer to.

A deliberately small rule set, good enough for speakers: a pronoun refers to a recently
mentioned person whose gender does not contradict it, preferring a grammatical subject.
A person's gender comes from the article itself: an honorific before a mention (Mr., Mrs.,
Ms.) or, failing that, the gendered pronouns that follow the person in a sentence where
the person is the subject and the last person named, outside the quote marks before the
pronoun ("Park said his plan ..."; not '"Monsod and I agree," he said'), or that
open the next sentence as its subject when the person is the only one the sentence before
names ("Monsod said ... She said ...").
Plural "they" is left unresolved: groups are not person clusters.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Span, Token

from newsquotes.entities.extract import Entity

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
    """entity_id -> "male"/"female", where the article gives evidence."""
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
        if not before and _opens(token) and sentence.start > 0:
            before = _only_person(doc[sentence.start - 1].sent, people)  # "Monsod said. She ..."
        if before and _is_subject(doc, before[-1][0], before[-1][1]):
            votes.setdefault(before[-1][2].entity_id, Counter())[gender] += 1
    genders = {key: counter.most_common(1)[0][0] for key, counter in votes.items()}
    return genders | honorifics


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


def resolve_pronoun(token: Token, entities: list[Entity], genders: dict[str, str]) -> Entity | None:
    """The person a singular gendered pronoun refers to, or None.

    Of the nearest people mentioned before it whose gender does not contradict it, a
    subject wins over an object ("Mary Jones, the mayor of Riverton ... she"): subjects are
    what later pronouns usually pick up.
    """
    gender = PRONOUN_GENDER.get(token.lower_)
    if gender is None:
        return None
    nearest = [
        (start, end, entity)
        for start, end, entity in reversed(_people(entities))
        if end <= token.idx and genders.get(entity.entity_id, gender) == gender
    ][:CANDIDATES]
    for start, end, entity in nearest:
        if _is_subject(token.doc, start, end):
            return entity
    return nearest[0][2] if nearest else None
