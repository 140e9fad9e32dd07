"""Extract quotes: run every rule over a parsed article and assemble the rows of `quotes`.

Reported speech without quote marks comes from `reported` (rules `reported+cue`,
`reported+parenthetical`, `reported+object`, `according-to`), transcript turns from
`transcript` (`colon`), quotes in quote marks from `marked`; a speaker mention resolves
to its entity (pronouns through `coref`).
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsquotes.entities.extract import Entity, entity_at
from newsquotes.names import catalogue_key
from newsquotes.quotes.attribution import (
    Speaker,
)
from newsquotes.quotes.context import ArticleContext, Found
from newsquotes.quotes.coref import resolve_pronoun
from newsquotes.quotes.marked import nested_rows, quote_mark_rows, without_repeats
from newsquotes.quotes.reported import according_to_rows, reported_speech
from newsquotes.quotes.speaker_type import NAMED_TYPES, speaker_type
from newsquotes.quotes.transcript import colon_rows
from newsquotes.records import stable_id


def _resolve(article: ArticleContext, speaker: Speaker) -> Entity | None:
    if speaker.entity is not None:
        return speaker.entity
    if speaker.head.pos_ == "PRON":
        return resolve_pronoun(speaker.head, article.entities, article.genders, article.quoted)
    head = speaker.span.root  # "a North Korean diplomat" is not the entity "North Korean"
    found = entity_at(article.entities, head.idx, head.idx + len(head))
    return found[0] if found else None


def _row(article: ArticleContext, found: Found, article_id: str) -> dict:
    source = found.inherited or found
    speaker, cue, parent = source.speaker, source.cue, found.parent
    entity = _resolve(article, speaker) if speaker is not None else None
    kind = (speaker.kind if speaker else None) or speaker_type(
        speaker.head if speaker else None, entity.label if entity else None
    )
    named = entity is not None and kind in NAMED_TYPES
    text = article.text
    return {
        "quote_id": stable_id(article_id, found.start, found.end),
        "article_id": article_id,
        "parent_quote_id": stable_id(article_id, parent.start, parent.end) if parent else None,
        "text": text[found.start : found.end],
        "start": found.start,
        "end": found.end,
        "kind": found.kind,
        "speaker": speaker.span.text if speaker is not None else None,
        "speaker_start": speaker.span.start_char if speaker is not None else None,
        "speaker_end": speaker.span.end_char if speaker is not None else None,
        "speaker_entity_id": entity.entity_id if entity else None,
        "speaker_name": entity.name if named else None,
        "speaker_description": speaker.description if speaker is not None else None,
        "cue": cue.text if cue is not None else None,
        "cue_start": cue.start_char if cue is not None else None,
        "cue_end": cue.end_char if cue is not None else None,
        "cue_lemma": " ".join(t.lemma_ for t in cue) if cue is not None else None,
        "rule": found.rule,
        "confidence": found.confidence,
        # the article's key of the speaker; the corpus key once the run relinks (corpus.relink)
        "speaker_id": catalogue_key(entity.name, entity.label) if named else None,
        "speaker_type": kind,
    }


def _overlaps(row: Found, others: list[Found]) -> bool:
    return any(o.start < row.end and row.start < o.end for o in others)


def extract_quotes(doc: Doc, entities: list[Entity], article_id: str) -> list[dict]:
    """Quote rows for one parsed article, in text order (a nested quote after its outer one)."""
    article = ArticleContext(doc, entities)
    reported, held = reported_speech(article)
    transcript = colon_rows(article)
    labels = [row.cue.start_char for row in transcript if row.cue is not None]
    marked = [  # a quote mark opening "PENCE: ..." is the turn's, not a quote around labels
        row
        for row in quote_mark_rows(article, held, reported)
        if not any(row.start <= label < row.end for label in labels)
    ]
    found = marked + [r for r in reported if not _overlaps(r, marked)]
    found += [r for r in according_to_rows(article) + transcript if not _overlaps(r, found)]
    found = without_repeats(sorted(found, key=lambda r: r.start), article.text)
    found += nested_rows(article, found)
    found.sort(key=lambda r: (r.start, r.parent is not None))
    spans: set[tuple[int, int]] = set()
    unique = []
    for row in found:  # one row per span: a quote nested in all of its outer quote is that quote
        if (row.start, row.end) not in spans:
            spans.add((row.start, row.end))
            unique.append(row)
    return [_row(article, row, article_id) for row in unique]
