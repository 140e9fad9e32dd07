"""A small published output made with the real part writer and publish step: two outlets,
two months, a named person, an organisation, an unnamed source, a nested quote."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from newsquotes.contracts.model import load_contracts
from newsquotes.output import layout
from newsquotes.output.parts import write_part

FIRST = "“We will win,” said Jane Smith, the mayor. Officials said taxes will rise. " \
    "The council said it agreed."  # fmt: skip
SECOND = "Jane Smith said the plan works in France. “No,” said Ann Lee."


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def article(article_id: str, text: str, source: str | None, published: datetime | None):
    return {
        "article_id": article_id, "source_id": article_id, "title": f"Title {article_id}",
        "text": text, "published_at": published, "source": source,
        "word_count": len(text.split()), "content_hash": article_id, "input_path": "in.jsonl",
        "metadata": "{}",
    }  # fmt: skip


def quote(quote_id, article_id, text, said, speaker=None, cue="said", **extra):
    """A quote row with its offsets found in `text`."""
    start, end = span(text, said)
    row = {
        "quote_id": quote_id, "article_id": article_id, "text": said, "start": start,
        "end": end, "kind": "direct", "rule": "quote-marks+cue", "confidence": 0.85,
        "cue": cue, "cue_lemma": "say",
    }  # fmt: skip
    cue_at = text.index(cue, end if speaker is None else 0)
    row |= {"cue_start": cue_at, "cue_end": cue_at + len(cue)}
    if speaker:
        row["speaker"], (row["speaker_start"], row["speaker_end"]) = speaker, span(text, speaker)
    return row | extra


def entity(entity_id, article_id, name, label, catalogue_id, text):
    return {
        "entity_id": entity_id, "article_id": article_id, "name": name, "label": label,
        "mention_count": 1, "first_start": text.index(name), "catalogue_id": catalogue_id,
    }  # fmt: skip


def catalogue(catalogue_id, name, label, articles, country_code=None, gender=None):
    return {
        "catalogue_id": catalogue_id, "name": name, "label": label, "article_count": articles,
        "mention_count": articles, "aliases": "[]", "country_code": country_code,
        "gender": gender,
    }  # fmt: skip


def rows(gender: bool = True) -> dict[str, list[dict]]:
    jane = {
        "speaker_id": "s1", "speaker_name": "Jane Smith", "speaker_entity_id": "e1",
        "speaker_type": "person",
    }  # fmt: skip
    return {
        "articles": [
            article("a1", FIRST, "Daily", datetime(2024, 1, 5)),
            article("a2", SECOND, "Weekly", datetime(2024, 4, 2)),
            article("a3", "Nothing said here.", None, None),
        ],
        "quotes": [
            quote(
                "q1",
                "a1",
                FIRST,
                "We will win,",
                "Jane Smith",
                **jane,
                speaker_description="the mayor",
            ),
            quote("q6", "a1", FIRST, "win", parent_quote_id="q1"),
            quote("q2", "a1", FIRST, "taxes will rise", "Officials", speaker_type="group"),
            quote(
                "q3",
                "a1",
                FIRST,
                "it agreed",
                "The council",
                speaker_entity_id="e2",
                speaker_type="organisation",
            ),
            quote(
                "q4",
                "a2",
                SECOND,
                "the plan works in France",
                "Jane Smith",
                **jane | {"speaker_entity_id": "e3"},
            ),
            quote(
                "q5",
                "a2",
                SECOND,
                "No,",
                "Ann Lee",
                speaker_id="s2",
                speaker_name="Ann Lee",
                speaker_entity_id="e4",
                speaker_type="person",
            ),
        ],  # fmt: skip
        "entities": [
            entity("e1", "a1", "Jane Smith", "PERSON", "s1", FIRST),
            entity("e2", "a1", "council", "ORG", "c2", FIRST),
            entity("e3", "a2", "Jane Smith", "PERSON", "s1", SECOND),
            entity("e4", "a2", "Ann Lee", "PERSON", "s2", SECOND),
            entity("e5", "a2", "France", "GPE", "FRA", SECOND),
        ],
        "mentions": [
            {
                "mention_id": "m1",
                "article_id": "a1",
                "entity_id": "e1",
                "text": "Jane Smith",
                "label": "PERSON",
                "start": span(FIRST, "Jane Smith")[0],
                "end": span(FIRST, "Jane Smith")[1],
            },
        ],  # fmt: skip
        "speakers": [
            {
                "speaker_id": "s1",
                "name": "Jane Smith",
                "quote_count": 2,
                "article_count": 2,
                "descriptions": '["Mrs", "the mayor"]',
                "first_article_id": "a1",
                "gender": "female" if gender else None,
                "kind": "person",
                "role": "politician",
            },
            {
                "speaker_id": "s2",
                "name": "Ann Lee",
                "quote_count": 1,
                "article_count": 1,
                "descriptions": "[]",
                "first_article_id": "a2",
                "gender": "unknown" if gender else None,
                "kind": "person",
            },
            {
                "speaker_id": "c2",
                "name": "City Council",
                "quote_count": 1,
                "article_count": 1,
                "descriptions": "[]",
                "first_article_id": "a1",
                "kind": "organisation",
            },
        ],  # fmt: skip
        "entity_catalogue": [
            catalogue("s1", "Jane Smith", "PERSON", 2, gender="female" if gender else None),
            catalogue("s2", "Ann Lee", "PERSON", 1),
            catalogue("c2", "City Council", "ORG", 1),
            catalogue("FRA", "France", "GPE", 1, country_code="FRA"),
        ],
        "rejects": [
            {
                "reject_id": "r1",
                "source_id": "x",
                "input_path": "empty.txt",
                "stage": "ingest",
                "reason": "empty file",
            },
        ],  # fmt: skip
        "duplicates": [
            {
                "duplicate_id": "d1",
                "source_id": "a1-copy",
                "duplicate_of": "a1",
                "kind": "exact",
                "similarity": 1.0,
                "content_hash": "a1",
                "input_path": "in.jsonl",
            },
        ],  # fmt: skip
    }


def publish(output: Path, tables: dict[str, list[dict]]) -> str:
    """Write every table as one part of a new run and publish it; returns the run id."""
    run_id = layout.new_run_id()
    staging = layout.staging_dir(output, run_id)
    for table, contract in load_contracts().items():
        write_part(staging, contract, tables.get(table, []), 0)
    layout.publish(output, run_id)
    return run_id


@pytest.fixture
def output(tmp_path) -> Path:
    publish(tmp_path / "output", rows())
    return tmp_path / "output"
