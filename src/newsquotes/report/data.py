"""The published tables as the report needs them: only the columns it uses, read whole
with pyarrow (no article text but for the few articles it shows), so 20,000 articles
take seconds. A column that another version adds later (`speakers.role`,
`quotes.speaker_type`) is read when it exists; the report says when it does not.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow.dataset as ds

from newsquotes.output.storage import Location

COLUMNS = {
    "articles": ["article_id", "title", "published_at", "source", "word_count"],
    "quotes": [
        "quote_id",
        "article_id",
        "parent_quote_id",
        "text",
        "kind",
        "speaker",
        "speaker_entity_id",
        "speaker_name",
        "speaker_description",
        "cue",
        "confidence",
        "speaker_id",
        "speaker_type",
    ],  # fmt: skip
    "speakers": [
        "speaker_id",
        "name",
        "quote_count",
        "article_count",
        "descriptions",
        "gender",
        "role",
        "kind",
    ],  # fmt: skip
    "entities": ["entity_id", "article_id", "name", "label", "catalogue_id"],
    "entity_catalogue": [
        "catalogue_id",
        "name",
        "label",
        "country_code",
        "article_count",
        "mention_count",
    ],  # fmt: skip
    "rejects": ["stage", "reason"],
    "duplicates": ["kind"],
}
SPANS = {  # what the article view highlights, read for its articles only
    "articles": ["article_id", "title", "published_at", "source", "text"],
    "quotes": [
        "quote_id",
        "article_id",
        "start",
        "end",
        "speaker_start",
        "speaker_end",
        "cue_start",
        "cue_end",
        "speaker_name",
        "speaker",
    ],  # fmt: skip
    "mentions": ["article_id", "start", "end", "label", "text"],
}


@dataclass
class Tables:
    """One published run's tables, one DataFrame each (empty when the table is absent)."""

    articles: pd.DataFrame
    quotes: pd.DataFrame
    speakers: pd.DataFrame
    entities: pd.DataFrame
    entity_catalogue: pd.DataFrame
    rejects: pd.DataFrame
    duplicates: pd.DataFrame


def read_columns(
    folder: Location, wanted: list[str], filter: ds.Expression | None = None
) -> pd.DataFrame:
    """The `wanted` columns that exist in a table folder; enums as plain strings."""
    if not folder.is_dir():
        return pd.DataFrame(columns=wanted)
    dataset = ds.dataset(folder.path, filesystem=folder.filesystem, format="parquet")
    present = [name for name in wanted if name in dataset.schema.names]
    frame = dataset.to_table(columns=present, filter=filter).to_pandas()
    for name in frame.select_dtypes("category"):
        frame[name] = frame[name].astype(object)  # groupby must not list absent categories
    return frame


def read_tables(run: Location) -> Tables:
    return Tables(**{table: read_columns(run / table, names) for table, names in COLUMNS.items()})


def read_spans(run: Location, article_ids: list[str]) -> dict[str, pd.DataFrame]:
    """Text, quotes and mentions of the articles the report shows in full."""
    only = ds.field("article_id").isin(article_ids)
    return {table: read_columns(run / table, names, only) for table, names in SPANS.items()}
