"""Speakers: the corpus table of quoted people, built from the staged quotes and articles.

One row per canonical person: quotes attributed to a person entity (`speaker_name` not null)
are grouped by `catalogue_key(name, "PERSON")`, the key the entity catalogue also uses, so
"Leon Sigal" quoted in ten articles is one speaker. Counting voices is then one query.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from newsquotes.entities import catalogue_key

QUOTE_COLUMNS = ["article_id", "parent_quote_id", "speaker_name", "speaker_description"]
ARTICLE_COLUMNS = ["article_id", "published_at"]


def _read(staging: Path, table: str, columns: list[str]) -> pd.DataFrame:
    folder = staging / table
    if not any(folder.glob("*.parquet")):
        return pd.DataFrame(columns=columns)
    return pq.read_table(folder, columns=columns).to_pandas()


def _timestamp(value) -> object:
    return None if pd.isna(value) else value.to_pydatetime()


def speaker_rows(quotes: pd.DataFrame, articles: pd.DataFrame) -> list[dict]:
    """Rows of the speakers table from quote rows and article rows (plain DataFrames)."""
    quoted = quotes[quotes["speaker_name"].notna() & quotes["parent_quote_id"].isna()].copy()
    if quoted.empty:
        return []
    quoted["speaker_id"] = [catalogue_key(name, "PERSON") for name in quoted["speaker_name"]]
    dates = articles.set_index("article_id")["published_at"]
    quoted["published_at"] = pd.to_datetime(quoted["article_id"].map(dates))
    rows = []
    for speaker_id, group in quoted.groupby("speaker_id", sort=True):
        names = group["speaker_name"].value_counts()
        name = max(names.index, key=lambda n: (names[n], len(n), n))
        described = group["speaker_description"].dropna().value_counts()
        order = group.sort_values(["published_at", "article_id"], na_position="last")
        rows.append(
            {
                "speaker_id": speaker_id,
                "name": name,
                "quote_count": len(group),
                "article_count": group["article_id"].nunique(),
                "descriptions": json.dumps(list(described.index), ensure_ascii=False),
                "first_seen": _timestamp(group["published_at"].min()),
                "last_seen": _timestamp(group["published_at"].max()),
                "first_article_id": order["article_id"].iloc[0],
            }
        )
    return rows


def build_speakers(staging: Path) -> list[dict]:
    """The corpus builder registered in `aggregate`: reads the staged quotes and articles."""
    return speaker_rows(
        _read(staging, "quotes", QUOTE_COLUMNS), _read(staging, "articles", ARTICLE_COLUMNS)
    )
