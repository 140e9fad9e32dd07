"""Aggregate: corpus tables, built after every batch is staged, from the staged batch tables.

A corpus table (contract `scope: corpus`) has a builder here that reads what it needs from
the staging folder, column by column, and returns its rows.
"""

from __future__ import annotations

from collections.abc import Callable

from newsquotes.corpus import speakers
from newsquotes.corpus.catalogue import build_entity_catalogue
from newsquotes.output.storage import Location, Where

CorpusBuilder = Callable[[Location], list[dict]]

# table name -> builder(staging folder) -> rows
CORPUS_BUILDERS: dict[str, CorpusBuilder] = {}
CORPUS_BUILDERS["entity_catalogue"] = build_entity_catalogue
CORPUS_BUILDERS["speakers"] = speakers.build_speakers


def build_corpus_tables(staging: Where, tables: list[str]) -> dict[str, list[dict]]:
    """Rows of each corpus table in `tables`; a table without a builder is an error."""
    missing = [table for table in tables if table not in CORPUS_BUILDERS]
    if missing:
        raise KeyError(f"no builder for corpus tables {missing}; register one in aggregate.py")
    return {table: CORPUS_BUILDERS[table](Location.of(staging)) for table in tables}
