"""The plain records that flow between stages: input in, table rows out.

Stages are pure functions over these dataclasses; only `publish` turns them into Parquet.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime


def stable_id(*parts: object) -> str:
    """A short id that depends only on `parts`: the same input gives the same id on every run."""
    joined = "\x1f".join("" if part is None else str(part) for part in parts)
    return hashlib.blake2b(joined.encode("utf-8"), digest_size=8).hexdigest()


def printable(text: str) -> str:
    """`text` as valid UTF-8: a file name's bytes that are not UTF-8 (which Python holds as
    lone surrogates) are shown escaped ("caf\\xe9.txt"), so they can be written to Parquet."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


@dataclass(frozen=True)
class InputLocation:
    """Where a record came from, enough to find it again."""

    path: str  # the input file, as given or found under an input folder
    source_id: str  # the file path relative to its input root, or the record's own id
    line: int | None = None  # 1-based line for line-based inputs (JSONL)
    key: str = ""  # identity of the record across runs; defaults to source_id
    byte_offset: int | None = None  # where the record starts in the (decompressed) file

    def __post_init__(self) -> None:
        for name in ("path", "source_id", "key"):
            object.__setattr__(self, name, printable(getattr(self, name)))

    @property
    def article_id(self) -> str:
        return stable_id(self.key or self.source_id)


@dataclass
class RawArticle:
    """One article as read from its input, before cleaning."""

    location: InputLocation
    text: str
    title: str | None = None
    subtitle: str | None = None
    published_at: datetime | None = None
    updated_at: datetime | None = None
    url: str | None = None
    source: str | None = None
    metadata: dict = field(default_factory=dict)
    authors: str | None = None  # "; "-separated, from the input's fields or a byline
    language: str | None = None  # ISO 639-1 code, declared by the input or detected
    dateline: str | None = None  # e.g. "SALVADOR, Feb 26", moved out of the body
    input_format: str | None = None  # txt | html | jsonl | csv, as read


def wall_clock_and_offset(moment: datetime | None) -> tuple[datetime | None, int | None]:
    """(time as the source prints it, its UTC offset in minutes or None when not stated)."""
    if moment is None or moment.tzinfo is None:
        return moment, None
    offset = moment.utcoffset()
    minutes = None if offset is None else int(offset.total_seconds() // 60)
    return moment.replace(tzinfo=None), minutes


@dataclass
class Article(RawArticle):
    """A cleaned article: `text` is final and every offset refers to it."""

    content_hash: str = ""

    @property
    def article_id(self) -> str:
        return self.location.article_id


@dataclass(frozen=True)
class Reject:
    """An input that could not become an article, and why."""

    location: InputLocation
    stage: str  # ingest | clean | analyse
    reason: str
    language: str | None = None  # the detected language, for language rejects

    @classmethod
    def too_long(cls, location: InputLocation, stage: str, length: int, limit: int) -> Reject:
        """A text longer than the model parses: spaCy would fail its whole batch (E088)."""
        return cls(
            location, stage, f"text is {length} characters, over the {limit} the model parses"
        )

    def row(self) -> dict:
        where = self.location
        # records without lines (WARC records, feed entries) are told apart by their key
        key = (where.key,) if where.line is None and where.key else ()
        return {
            "reject_id": stable_id(where.path, where.line, self.stage, *key),
            "source_id": self.location.source_id,
            "input_path": self.location.path,
            "input_line": self.location.line,
            "stage": self.stage,
            "reason": self.reason,
            "input_byte_offset": self.location.byte_offset,
            "language": self.language,
        }


@dataclass(frozen=True)
class Duplicate:
    """A cleaned article whose body repeats one already kept; it is recorded, not analysed."""

    location: InputLocation
    duplicate_of: str  # article_id of the kept article
    kind: str  # exact | near
    similarity: float  # estimated Jaccard similarity of word shingles (1.0 when exact)
    content_hash: str
    title: str | None = None
    occurrence: int = 0  # how often this input's article id was seen before (same input twice)

    def row(self) -> dict:
        return {
            "duplicate_id": stable_id(self.location.article_id, self.occurrence),
            "source_id": self.location.source_id,
            "duplicate_of": self.duplicate_of,
            "kind": self.kind,
            "similarity": self.similarity,
            "content_hash": self.content_hash,
            "title": self.title,
            "input_path": self.location.path,
            "input_line": self.location.line,
            "input_byte_offset": self.location.byte_offset,
        }


@dataclass
class TableRows:
    """Rows for each output table produced from one batch of articles."""

    articles: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    entities: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    rejects: list[dict] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)

    def extend(self, other: TableRows) -> None:
        for name, rows in vars(other).items():
            getattr(self, name).extend(rows)

    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in vars(self).items()}
