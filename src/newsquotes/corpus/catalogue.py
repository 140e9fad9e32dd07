"""Entity catalogue: one row per real-world entity across the corpus.

Built after every batch is staged, from three staged tables read column by column:
`entities` (each already carries its `catalogue_id`, see `entities.catalogue_key`),
`mentions` (for the spellings seen) and `articles` (for publication dates). Rows group by
`catalogue_id`, so `entities.catalogue_id` joins this table exactly. A row that is a
speaker too shows the speakers row's name (the corpus's: "Liberal Democrats", "Patrick
Nielsen Hayden"), so one party or person has one name in both tables; any other row shows
the name its entities give most.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime

from newsquotes.corpus.gender import Gender, corpus_genders
from newsquotes.corpus.speakers import speaker_names
from newsquotes.names import PERSON_LABELS, country_of
from newsquotes.output.storage import Location, Where

TABLE = "entity_catalogue"


def build_entity_catalogue(staging: Where) -> list[dict]:
    """Catalogue rows from the staged `entities`, `mentions` and `articles` tables.

    Read a batch (part file) at a time: an entity's mentions are staged in the part of the
    same name, so memory holds one batch plus the groups, whatever the corpus size.
    """
    staging = Location.of(staging)
    columns = ["entity_id", "article_id", "name", "label", "mention_count", "catalogue_id"]
    articles = (staging / "articles").read_columns(["article_id", "published_at"])
    published = dict(zip(articles["article_id"], articles["published_at"], strict=True))
    groups: dict[str, _Group] = {}
    for part in (staging / "entities").files():
        entities = part.read_columns(columns)
        mentions = (staging / "mentions" / part.name).read_columns(["entity_id", "text"])
        spellings: dict[str, Counter] = {}
        for entity_id, text in zip(mentions["entity_id"], mentions["text"], strict=True):
            spellings.setdefault(entity_id, Counter())[text] += 1
        for entity_id, article_id, name, label, count, key in zip(
            *(entities[c] for c in columns), strict=True
        ):
            group = groups.setdefault(key, _Group())
            group.add(name, label, article_id, count, spellings.get(entity_id, Counter()))
    genders = corpus_genders(staging)
    quoted = speaker_names(staging)
    return [
        group.row(key, published, genders.get(key), quoted.get(key))
        for key, group in sorted(groups.items())
    ]


class _Group:
    """What the entities of one catalogue key add up to."""

    def __init__(self) -> None:
        self.names: Counter[str] = Counter()
        self.labels: Counter[str] = Counter()
        self.aliases: Counter[str] = Counter()
        self.articles: set[str] = set()
        self.mentions = 0

    def add(self, name: str, label: str, article_id: str, mentions: int, spellings: Counter):
        self.mentions += mentions
        self.names[name] += 1
        self.labels[label] += 1
        self.aliases.update(spellings)
        self.articles.add(article_id)

    def row(
        self,
        key: str,
        published: dict[str, datetime | None],
        gender: Gender | None,
        quoted_as: str | None,
    ) -> dict:
        """The catalogue row; a quoted entity shows its speakers row's name (`quoted_as`)."""
        name = quoted_as or max(self.names, key=lambda n: (self.names[n], len(n), n))
        label = max(self.labels, key=lambda lab: (self.labels[lab], lab))
        dates = [d for d in (published.get(a) for a in self.articles) if d is not None]
        aliases = sorted(self.aliases, key=lambda a: (-self.aliases[a], a))
        return {
            "catalogue_id": key,
            "name": name,
            "label": label,
            "country_code": country_of(name, label),
            "article_count": len(self.articles),
            "mention_count": self.mentions,
            "aliases": json.dumps(aliases, ensure_ascii=False),
            "first_published_at": min(dates, default=None),
            "last_published_at": max(dates, default=None),
            "gender": gender.gender if gender and label in PERSON_LABELS else None,
            "gender_evidence": gender.evidence if gender and label in PERSON_LABELS else None,
        }
