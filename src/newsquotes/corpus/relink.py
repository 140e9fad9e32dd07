"""Relink: write the corpus identities (`identity.resolve`) into the staged batch tables.

`entities.catalogue_id` becomes the corpus key of the thing each entity names, and each
quote by a person gets `speaker_id` (that key, the `speakers` row) and `speaker_name`
(exactly `speakers.name`), so counting a person's quotes is one join on one column. Only
parts whose values change are rewritten, so a run with nothing new rewrites nothing.
"""

from __future__ import annotations

import pyarrow as pa

from newsquotes.contracts import Contract
from newsquotes.corpus.identity import Resolved, resolve
from newsquotes.names import PERSON_LABELS
from newsquotes.output.parts import rewrite_part
from newsquotes.output.storage import Location

ENTITY_COLUMNS = ["article_id", "name", "label", "catalogue_id", "gender"]


def relink(staging: Location, contracts: dict[str, Contract], keep_gender: bool = True) -> set[str]:
    """Resolve identities over every staged entity and write them into the entities and
    quotes parts; the names of the parts rewritten. Without `keep_gender` the entities'
    gender evidence is cleared (`--no-gender`), in carried-over parts too."""
    parts = (staging / "entities").files()
    resolved = resolve(
        row
        for part in parts
        for row in zip(*part.read_columns(ENTITY_COLUMNS).values(), strict=True)
    )
    rewritten = set()
    for part in parts:
        entities = part.read_table(schema=contracts["entities"].arrow_schema())
        articles, keys = entities["article_id"].to_pylist(), entities["catalogue_id"].to_pylist()
        corpus = [resolved.of(a, key) for a, key in zip(articles, keys, strict=True)]
        relinked = _replaced(entities, "catalogue_id", [r.catalogue_id for r in corpus])
        if not keep_gender:
            relinked = _replaced(relinked, "gender", [None] * relinked.num_rows)
        if not relinked.equals(entities):
            rewrite_part(part, contracts["entities"], relinked)
            rewritten.add(part.name)
        speakers = dict(zip(entities["entity_id"].to_pylist(), corpus, strict=True))
        quotes = staging / "quotes" / part.name
        if quotes.exists() and _relink_quotes(quotes, contracts["quotes"], speakers):
            rewritten.add(part.name)
    return rewritten


def _relink_quotes(part: Location, contract: Contract, speakers: dict[str, Resolved]) -> bool:
    """Set `speaker_id` and `speaker_name` of a part's quotes from their speaker entity;
    whether the part changed."""
    quotes = part.read_table(schema=contract.arrow_schema())
    people = [
        speakers.get(entity_id) if entity_id else None
        for entity_id in quotes["speaker_entity_id"].to_pylist()
    ]
    people = [p if p is not None and p.label in PERSON_LABELS else None for p in people]
    ids = [p.catalogue_id if p else None for p in people]
    names = [p.name if p else None for p in people]
    relinked = _replaced(_replaced(quotes, "speaker_id", ids), "speaker_name", names)
    if relinked.equals(quotes):
        return False
    rewrite_part(part, contract, relinked)
    return True


def _replaced(table: pa.Table, column: str, values: list) -> pa.Table:
    """`table` with `column`'s values replaced, its field (type, description) kept."""
    index = table.schema.get_field_index(column)
    field = table.schema.field(index)
    return table.set_column(index, field, pa.array(values, field.type))
