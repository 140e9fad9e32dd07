"""Relink: write the corpus identities (`identity.resolve`) into the staged batch tables.

`entities.catalogue_id` becomes the corpus key of the thing each entity names and
`entities.label` the corpus's label for it (a party the model read as NORP here and ORG
there is ORG everywhere), and each
quote by a named person or organisation gets `speaker_id` (that key, the `speakers` row),
`speaker_name` (exactly `speakers.name`) and its `speaker_type` by the corpus's label, so
counting a person's quotes is one join on one column; a quote by a lone first name the
corpus cannot name ("Kate") is an unnamed person's, a place that speaks ("Downing
Street said") is the organisation of that name when the corpus reads it as one, and a
"he" or "she" an article gave to a name the corpus reads as no person is nobody's. Only
parts whose values change are rewritten, so a run with nothing new rewrites nothing.
"""

from __future__ import annotations

import pyarrow as pa

from newsquotes.contracts import Contract
from newsquotes.corpus.identity import Resolved, resolve
from newsquotes.output.parts import rewrite_part
from newsquotes.output.storage import Location
from newsquotes.quotes.coref import PRONOUN_GENDER
from newsquotes.quotes.speaker_type import (
    NAMED_TYPES,
    PERSON,
    PRONOUN,
    UNNAMED_PERSON,
    type_of_label,
)

ENTITY_COLUMNS = ["article_id", "name", "label", "catalogue_id", "gender", "description"]
RELINKED_TABLES = ("entities", "quotes")  # the only tables whose parts `relink` rewrites


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
        relinked = _replaced(relinked, "label", [r.label for r in corpus])
        if not keep_gender:
            relinked = _replaced(relinked, "gender", [None] * relinked.num_rows)
        if not relinked.equals(entities):
            rewrite_part(part, contracts["entities"], relinked)
            rewritten.add(part.name)
        speaking = [resolved.speaker(a, key) for a, key in zip(articles, keys, strict=True)]
        speakers = dict(zip(entities["entity_id"].to_pylist(), speaking, strict=True))
        quotes = staging / "quotes" / part.name
        if quotes.exists() and _relink_quotes(quotes, contracts["quotes"], speakers):
            rewritten.add(part.name)
    return rewritten


def _relink_quotes(part: Location, contract: Contract, speakers: dict[str, Resolved]) -> bool:
    """Set `speaker_id`, `speaker_name` and `speaker_type` of a part's quotes from their
    speaker entity's corpus identity; whether the part changed."""
    quotes = part.read_table(schema=contract.arrow_schema())
    found = [
        speakers.get(entity_id) if entity_id else None
        for entity_id in quotes["speaker_entity_id"].to_pylist()
    ]
    columns = (quotes[c].to_pylist() for c in ("speaker_type", "speaker"))
    kinds = [
        _speaker_type(who, kind, speaker)
        for who, (kind, speaker) in zip(found, zip(*columns, strict=True), strict=True)
    ]
    named = [who if kind in NAMED_TYPES else None for who, kind in zip(found, kinds, strict=True)]
    relinked = _replaced(quotes, "speaker_id", [who.catalogue_id if who else None for who in named])
    relinked = _replaced(relinked, "speaker_name", [who.name if who else None for who in named])
    relinked = _replaced(relinked, "speaker_type", kinds)
    if relinked.equals(quotes):
        return False
    rewrite_part(part, contract, relinked)
    return True


def _speaker_type(who: Resolved | None, kind: str | None, speaker: str | None) -> str | None:
    """The type of a quote's speaker by the corpus's label; a lone first name the corpus
    cannot name ("Kate") is an unnamed person, and a "he" or "she" its article gave to a
    name the corpus reads as no person ("Manchester United", "Anfield") an unresolved
    pronoun: never an organisation's quote."""
    if who is None:
        return kind
    if not who.named:
        return UNNAMED_PERSON
    found = type_of_label(who.label) or kind
    if found != PERSON and (speaker or "").casefold() in PRONOUN_GENDER:
        return PRONOUN
    return found


def _replaced(table: pa.Table, column: str, values: list) -> pa.Table:
    """`table` with `column`'s values replaced, its field (type, description) kept."""
    index = table.schema.get_field_index(column)
    field = table.schema.field(index)
    return table.set_column(index, field, pa.array(values, field.type))
