"""The report's numbers: small DataFrames computed from the published tables.

Quotes are counted as voices, over rows without a parent quote (a quote nested in another
is the same voice). Each voice is attributed to one of: a named person, an organisation,
an unnamed source (a speaker such as "officials" or "a spokeswoman" that names no one), or
no speaker, by `quotes.speaker_type`.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from newsquotes.report.data import Tables

PERSON, ORGANISATION, UNNAMED, NO_SPEAKER = (
    "named person",
    "organisation",
    "unnamed source",
    "no speaker",
)
ATTRIBUTIONS = [PERSON, ORGANISATION, UNNAMED, NO_SPEAKER]
GENDERS = ["female", "male", "unknown"]
NO_SOURCE = "(no source)"
PLACES = ("GPE", "LOC")


# quotes.speaker_type -> the report's attribution
BY_SPEAKER_TYPE = {
    "person": PERSON,
    "organisation": ORGANISATION,
    "group": UNNAMED,
    "unnamed_person": UNNAMED,
    "document": UNNAMED,
    "pronoun": UNNAMED,
}


def voices(tables: Tables) -> pd.DataFrame:
    """Outer quotes with their attribution, period, source and speaker's gender."""
    quotes = tables.quotes[tables.quotes["parent_quote_id"].isna()]
    attribution = quotes["speaker_type"].map(BY_SPEAKER_TYPE).fillna(NO_SPEAKER)
    articles = tables.articles.set_index("article_id")
    genders = tables.speakers.set_index("speaker_id")["gender"]
    return quotes.assign(
        attribution=attribution,
        period=quotes["article_id"].map(periods(articles["published_at"])),
        source=quotes["article_id"].map(articles["source"]).fillna(NO_SOURCE),
        gender=quotes["speaker_id"].where(attribution == PERSON).map(genders),
    )


def people_speakers(tables: Tables) -> pd.DataFrame:
    """The speakers rows that are people (all rows in outputs without `speakers.kind`)."""
    speakers = tables.speakers
    return speakers[speakers["kind"] == "person"] if "kind" in speakers else speakers


def periods(published: pd.Series) -> pd.Series:
    """Each date's period: its month, or its day when the dates span under two months."""
    dates = pd.to_datetime(published).dropna()
    if dates.empty:
        return pd.Series(dtype=object)
    daily = dates.max() - dates.min() < pd.Timedelta(days=62)
    return dates.dt.strftime("%Y-%m-%d" if daily else "%Y-%m")


def counts(frame: pd.DataFrame, column: str) -> list[tuple[str, int]]:
    """(value, rows), most first; null values are left out."""
    values = frame[column].dropna().value_counts()
    return [(str(name), int(n)) for name, n in values.items()]


def over(frame: pd.DataFrame, column: str) -> list[tuple[str, int]]:
    """(value, rows) in the value's order: counts over time."""
    values = frame[column].dropna().value_counts().sort_index()
    return [(str(name), int(n)) for name, n in values.items()]


def shares(
    frame: pd.DataFrame, by: str, column: str, categories: list[str], top: int | None = None
) -> list[tuple[str, dict[str, int]]]:
    """(group, {category: rows}) per group of `by`: over time in order, else the `top`
    largest groups first."""
    table = pd.crosstab(frame[by], frame[column]).reindex(columns=categories, fill_value=0)
    if top is None:
        table = table.sort_index()
    else:
        table = table.loc[table.sum(axis=1).sort_values(ascending=False).index[:top]]
    return [(str(g), {c: int(row[c]) for c in categories}) for g, row in table.iterrows()]


HONORIFICS = {"mr", "mrs", "ms", "miss", "mr.", "mrs.", "ms.", "sir", "madam"}  # say no more


def first_description(descriptions: str | None) -> str:
    """The most used title of a speaker that says more than an honorific ("Mr"), from the
    JSON list in `speakers.descriptions`."""
    try:
        found = json.loads(descriptions or "[]")
    except ValueError:
        return ""
    return next((d for d in found if d.lower() not in HONORIFICS), "")


def top_people(tables: Tables, top: int) -> pd.DataFrame:
    """The most quoted people: name, description, role (when published), gender, counts."""
    speakers = (
        people_speakers(tables)
        .sort_values(["quote_count", "article_count", "name"], ascending=[False, False, True])
        .head(top)
    )
    return speakers.assign(description=speakers["descriptions"].map(first_description))


def top_organisations(tables: Tables, voiced: pd.DataFrame, top: int) -> pd.DataFrame:
    """The most quoted organisations (and other named non-persons), by catalogue entity."""
    quoted = voiced[voiced["attribution"] == ORGANISATION]
    entities = tables.entities.set_index("entity_id")
    names = tables.entity_catalogue.set_index("catalogue_id")["name"]
    key = quoted["speaker_entity_id"].map(entities["catalogue_id"])
    key = key.fillna(quoted["speaker_entity_id"].map(entities["name"]))
    grouped = quoted.assign(key=key).groupby("key")
    table = pd.DataFrame(
        {
            "quotes": grouped.size(),
            "articles": grouped["article_id"].nunique(),
            "description": grouped["speaker_description"].agg(_most_common),
        }
    )
    table["name"] = [names.get(k, k) for k in table.index]
    return table.sort_values(["quotes", "articles", "name"], ascending=[False, False, True]).head(
        top
    )


def _most_common(values: pd.Series) -> str:
    values = values.dropna()
    return str(values.value_counts().index[0]) if len(values) else ""


def most_mentioned(tables: Tables, labels: tuple[str, ...], top: int) -> pd.DataFrame:
    """Catalogue entities with one of `labels`, by articles then mentions."""
    catalogue = tables.entity_catalogue
    chosen = catalogue[catalogue["label"].isin(labels)]
    return chosen.sort_values(
        ["article_count", "mention_count", "name"], ascending=[False, False, True]
    ).head(top)


def confidence_bins(quotes: pd.DataFrame) -> list[tuple[str, int]]:
    """Quotes per tenth of confidence, 0.0-0.1 to 0.9-1.0 (1.0 in the last)."""
    tenths = np.minimum((quotes["confidence"].to_numpy() * 10).astype(int), 9)
    found = np.bincount(tenths, minlength=10)
    return [(f"{i / 10:.1f}-{(i + 1) / 10:.1f}", int(n)) for i, n in enumerate(found)]


def share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "n/a"
