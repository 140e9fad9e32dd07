"""Speakers: the corpus table of quoted people and organisations, from the staged quotes
and articles.

One row per person or organisation: quotes are grouped by `speaker_id`, the corpus key that
`relink` wrote (the entity catalogue's key too), so "Leon Sigal" quoted in ten articles,
however each names him, is one speaker. `kind` keeps organisations out of the people.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd

from newsquotes.corpus.gender import UNKNOWN, Gender, corpus_genders
from newsquotes.corpus.roles import role_of
from newsquotes.output.storage import Location
from newsquotes.quotes.speaker_type import PERSON

QUOTE_COLUMNS = [
    "article_id",
    "parent_quote_id",
    "speaker_id",
    "speaker_name",
    "speaker_description",
    "speaker_type",
]
ARTICLE_COLUMNS = ["article_id", "published_at"]


def _timestamp(value) -> datetime | None:
    return None if pd.isna(value) else pd.Timestamp(value).to_pydatetime()


@dataclass
class _Speaker:
    """What the quotes of one speaker add up to."""

    names: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)
    descriptions: Counter = field(default_factory=Counter)  # most_common: ties by first seen
    quotes: int = 0
    articles: set[str] = field(default_factory=set)
    dated: list[tuple[datetime, str]] = field(default_factory=list)  # (published, article)
    undated: list[str] = field(default_factory=list)


def speaker_rows(
    quotes: pd.DataFrame,
    articles: pd.DataFrame,
    genders: dict[str, Gender] | None = None,
    described: pd.DataFrame | None = None,
) -> list[dict]:
    """Rows of the speakers table from quote rows and article rows (plain DataFrames), each
    person's gender (`gender.corpus_genders`) and how each article describes them
    (entity rows: `catalogue_id`, `description`), once an article, beside the quotes' own.

    One pass over the quotes in plain Python: a pandas group per speaker cost seconds.
    """
    published = {
        article_id: _timestamp(value)
        for article_id, value in zip(articles["article_id"], articles["published_at"], strict=True)
    }
    speakers: dict[str, _Speaker] = defaultdict(_Speaker)
    columns = (quotes[c] for c in QUOTE_COLUMNS)
    for article_id, parent, speaker_id, name, description, kind in zip(*columns, strict=True):
        if pd.isna(speaker_id) or not pd.isna(parent):
            continue
        speaker = speakers[speaker_id]
        speaker.names[name] += 1
        speaker.kinds[kind] += 1
        if not pd.isna(description):
            speaker.descriptions[description] += 1
        speaker.quotes += 1
        speaker.articles.add(article_id)
        when = published.get(article_id)
        if when is None:
            speaker.undated.append(article_id)
        else:
            speaker.dated.append((when, article_id))
    if described is not None:
        pairs = zip(described["catalogue_id"], described["description"], strict=True)
        for speaker_id, description in pairs:
            if speaker_id in speakers and not pd.isna(description):
                speakers[speaker_id].descriptions[description] += 1
    genders = genders or {}
    unknown = Gender(UNKNOWN, None)
    return [
        _row(speaker_id, speakers[speaker_id], genders.get(speaker_id, unknown))
        for speaker_id in sorted(speakers)
    ]


def _shown(names: Counter) -> str:
    """The name a speaker's row shows: the one its quotes give most (relink wrote the corpus's
    name into each), the longer on a tie."""
    return max(names, key=lambda n: (names[n], len(n), n))


def speaker_names(staging: Location) -> dict[str, str]:
    """speaker_id -> the name its speakers row shows, so that the entity catalogue row of the
    same key shows it too ("Liberal Democrats", not the "Lib Dems" its articles say most)."""
    quotes = (staging / "quotes").read_columns(["parent_quote_id", "speaker_id", "speaker_name"])
    names: dict[str, Counter] = defaultdict(Counter)
    for parent, speaker_id, name in zip(*quotes.values(), strict=True):
        if not pd.isna(speaker_id) and pd.isna(parent):
            names[speaker_id][name] += 1
    return {speaker_id: _shown(counts) for speaker_id, counts in names.items()}


def _row(speaker_id: str, speaker: _Speaker, gender: Gender) -> dict:
    names = speaker.names
    dated = sorted(speaker.dated)
    kind = max(speaker.kinds, key=lambda k: (speaker.kinds[k], k == PERSON))
    is_person = kind == PERSON
    descriptions = [text for text, _ in speaker.descriptions.most_common()]
    role = role_of(descriptions, _shown(names)) if is_person else None
    return {
        "speaker_id": speaker_id,
        "name": _shown(names),
        "quote_count": speaker.quotes,
        "article_count": len(speaker.articles),
        "descriptions": json.dumps(descriptions, ensure_ascii=False),
        "first_seen": dated[0][0] if dated else None,
        "last_seen": dated[-1][0] if dated else None,
        "first_article_id": dated[0][1] if dated else min(speaker.undated),
        "gender": gender.gender if is_person else None,
        "gender_evidence": gender.evidence if is_person else None,
        "kind": kind,
        "role": role.role if role else None,
        "role_evidence": role.evidence if role else None,
    }


def build_speakers(staging: Location) -> list[dict]:
    """The corpus builder registered in `aggregate`: reads the staged quotes, articles and
    the entities' descriptions."""
    quotes = (staging / "quotes").read_columns(QUOTE_COLUMNS)
    articles = (staging / "articles").read_columns(ARTICLE_COLUMNS)
    described = pd.DataFrame((staging / "entities").read_columns(["catalogue_id", "description"]))
    return speaker_rows(
        pd.DataFrame(quotes), pd.DataFrame(articles), corpus_genders(staging), described
    )
