"""Field mapping for record inputs (JSONL, CSV): which input field holds the id, the text ...

Without a mapping, common names are tried in order (`body` for the text, `newid` for the id,
`date` for the publication time ...), so usual layouts load as they are; `--field
text=body` names a field explicitly and wins over the defaults.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from dateutil import parser as dateutil_parser

# Our field -> input field names tried in order when the mapping does not name one.
DEFAULT_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "newid", "doc_id", "article_id", "guid", "uuid"),
    "text": ("text", "body", "content", "articleBody", "article", "maintext"),
    "title": ("title", "headline"),
    "subtitle": ("subtitle", "standfirst", "description", "summary"),
    "published_at": ("published_at", "date", "published", "datePublished", "pubdate"),
    "updated_at": ("updated_at", "updated", "dateModified", "modified"),
    "url": ("url", "link", "canonical_url"),
    "source": ("source", "publisher", "site_name", "sitename"),
    "authors": ("authors", "author", "byline"),
    "language": ("language", "lang"),
    "dateline": ("dateline",),
}
FIELDS = tuple(DEFAULT_ALIASES)


@dataclass(frozen=True)
class FieldMap:
    """Our field name -> the input field that holds it (explicit choices only)."""

    explicit: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, specs: Iterable[str] | Mapping[str, str] | None) -> FieldMap:
        """From `["text=body", "id=newid"]` or a dict; ValueError names a bad spec."""
        if not specs:
            return cls()
        pairs = dict(specs) if isinstance(specs, Mapping) else dict(_split(s) for s in specs)
        unknown = sorted(set(pairs) - set(FIELDS))
        if unknown:
            raise ValueError(f"unknown field {unknown[0]!r}; known fields: {', '.join(FIELDS)}")
        return cls(pairs)

    def resolve(self, available: Iterable[str]) -> dict[str, str]:
        """Our field -> input field, for the fields an input with these keys has."""
        keys = set(available)
        resolved = {}
        for name, aliases in DEFAULT_ALIASES.items():
            if name in self.explicit:
                if self.explicit[name] in keys:
                    resolved[name] = self.explicit[name]
                continue
            taken = set(self.explicit.values())
            found = next((a for a in aliases if a in keys and a not in taken), None)
            if found is not None:
                resolved[name] = found
        return resolved

    def describe(self, name: str) -> str:
        """How the mapping names `name` in error messages: 'text' or 'text' (field 'body')."""
        if name in self.explicit:
            return f"{name!r} (field {self.explicit[name]!r})"
        return f"{name!r} (tried {', '.join(DEFAULT_ALIASES[name])})"


def _split(spec: str) -> tuple[str, str]:
    name, sep, source = spec.partition("=")
    if not sep or not name.strip() or not source.strip():
        raise ValueError(f"field mapping {spec!r} is not NAME=INPUT_FIELD")
    return name.strip(), source.strip()


_YEAR = re.compile(r"(?<!\d)(1[89]|2[01])\d\d(?!\d)")
_MISSING_PARTS = datetime(2000, 1, 1)  # "March 2020" is 2020-03-01 00:00 on every run


def parse_timestamp(value: object) -> datetime | None:
    """A timestamp as the source prints it; aware when it names a zone, else naive. None if not.

    Besides ISO 8601, anything dateutil reads that has a four-digit year: "26-FEB-1987
    15:01:01.79", "Friday, 23 September, 2016, 9:00pm", "Tue, 19 Nov 2019 13:20:00 GMT".
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value
    text = str(value).strip()
    if not text or len(text) > 80:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    if not _YEAR.search(text):
        return None  # "May 5" or "5" would take the missing year from today: not repeatable
    try:
        parsed = dateutil_parser.parse(text, default=_MISSING_PARTS)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed if 1800 <= parsed.year <= 2200 else None


def join_authors(value: object) -> str | None:
    """Authors as one '; '-separated string, from a string or a list of names or objects."""
    if isinstance(value, list):
        names = [_author_name(item) for item in value]
        joined = "; ".join(name for name in names if name)
        return joined or None
    name = _author_name(value)
    return name or None


def _author_name(value: object) -> str:
    if isinstance(value, dict):
        value = value.get("name")
    return str(value).strip() if value not in (None, "") else ""
