"""Entities: clean spaCy's entity mentions and group them into one entity per thing per article.

Grouping is deliberately simple and explainable: a person's surname ("Sigal") joins the
full name it ends ("Leon Sigal"), "the United Nations" joins "United Nations", and other
mentions group by their normalised text. The group's longest form is its canonical name.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsquotes.records import stable_id

# Labels that are quantities, not things; they are not counted as entities.
NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_EDGE_PUNCTUATION = "\"'“”‘’«»()[]{},.;:!?-–— \n"


@dataclass
class Mention:
    start: int
    end: int
    text: str
    label: str


@dataclass
class Entity:
    name: str
    label: str
    mentions: list[Mention] = field(default_factory=list)
    entity_id: str = ""


def clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the span without surrounding punctuation, a leading "the" or a possessive."""
    while start < end and text[start] in _EDGE_PUNCTUATION:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCTUATION:
        end -= 1
    possessive = _TRAILING_POSSESSIVE.search(text[start:end])
    if possessive and possessive.start() > 0:
        end = start + possessive.start()
    article = _LEADING_ARTICLE.match(text[start:end])
    if article and article.end() < end - start:
        start += article.end()
    return start, end


def find_mentions(doc: Doc) -> list[Mention]:
    """Named-entity mentions, cleaned; untagged repeats of a person's surname are added."""
    text = doc.text
    mentions: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ in NUMERIC_LABELS:
            continue
        start, end = clean_span(text, ent.start_char, ent.end_char)
        if start < end:
            mentions.append(Mention(start, end, text[start:end], ent.label_))
    surnames = {m.text.split()[-1] for m in mentions if m.label == "PERSON" and " " in m.text}
    covered = {i for m in mentions for i in range(m.start, m.end)}
    for token in doc:
        if token.text in surnames and token.pos_ == "PROPN" and token.idx not in covered:
            mentions.append(Mention(token.idx, token.idx + len(token), token.text, "PERSON"))
    return sorted(mentions, key=lambda m: m.start)


def _person_key(mention: Mention, full_names: dict[str, str]) -> str | None:
    """The full name a surname-only mention refers to, when exactly one person ends with it."""
    return full_names.get(mention.text.split()[-1]) if " " not in mention.text else None


def group_mentions(mentions: list[Mention], article_id: str) -> list[Entity]:
    """Mentions grouped into entities, each with a canonical name, label and stable id."""
    persons = [m.text for m in mentions if m.label == "PERSON" and " " in m.text]
    surname_owners: dict[str, set[str]] = {}
    for name in persons:
        surname_owners.setdefault(name.split()[-1], set()).add(name)
    full_names = {s: next(iter(o)) for s, o in surname_owners.items() if len(o) == 1}

    groups: dict[str, list[Mention]] = {}
    for mention in mentions:
        key = (_person_key(mention, full_names) or mention.text).casefold()
        groups.setdefault(key, []).append(mention)

    entities = []
    for members in groups.values():
        labels = Counter(m.label for m in members)
        label = "PERSON" if labels["PERSON"] else labels.most_common(1)[0][0]
        name = max((m.text for m in members), key=len)
        entity = Entity(name=name, label=label, mentions=members)
        entity.entity_id = stable_id(article_id, label, name)
        for mention in members:
            mention.label = label
        entities.append(entity)
    return sorted(entities, key=lambda e: e.mentions[0].start)


def extract_entities(doc: Doc, article_id: str) -> list[Entity]:
    return group_mentions(find_mentions(doc), article_id)


def entity_at(entities: list[Entity], start: int, end: int) -> tuple[Entity, Mention] | None:
    """The entity with a mention overlapping [start, end), if any."""
    for entity in entities:
        for mention in entity.mentions:
            if mention.start < end and start < mention.end:
                return entity, mention
    return None


def mention_rows(entities: list[Entity], article_id: str) -> list[dict]:
    return [
        {
            "mention_id": stable_id(article_id, m.start, m.end),
            "article_id": article_id,
            "entity_id": e.entity_id,
            "text": m.text,
            "label": m.label,
            "start": m.start,
            "end": m.end,
        }
        for e in entities
        for m in e.mentions
    ]


def entity_rows(entities: list[Entity], article_id: str) -> list[dict]:
    return [
        {
            "entity_id": e.entity_id,
            "article_id": article_id,
            "name": e.name,
            "label": e.label,
            "mention_count": len(e.mentions),
            "first_start": min(m.start for m in e.mentions),
        }
        for e in entities
    ]


def catalogue_key(name: str, label: str) -> str:
    """Corpus-wide key of a real-world entity, the same in every article that names it.

    Shared by the entity catalogue and the speakers table, so a quoted person links to both.
    """
    return stable_id(label, " ".join(name.casefold().split()))
