"""Which inputs a run takes: the first N records (`--limit`), a range of publication dates
(`--since`/`--until`), and the source named for inputs that lack one (`--source`).

`--limit` is decided at planning, on the planned pieces, so a trial run on a huge archive
reads only what it takes; the date range needs the dates, so it is applied to the raw
articles of each batch, before cleaning. Neither makes an input vanish from the count: the
records left out and the articles out of range are counted in the run summary.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from newsquotes.ingest import Piece, split_piece
from newsquotes.ingest.fields import parse_timestamp
from newsquotes.records import RawArticle, Reject
from newsquotes.settings import MAX_RECORD_BYTES

_DAY_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _comparable(moment: datetime) -> datetime:
    """A time that compares with any other: aware times in UTC, naive ones as printed."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class DateRange:
    """Publication times in [since, until); either end may be open."""

    since: datetime | None = None
    until: datetime | None = None

    @classmethod
    def parse(cls, since: str | None, until: str | None) -> DateRange | None:
        """From `--since 2024-01-01 --until 2024-03-31` (both days included); None when
        neither is given; ValueError names a date that cannot be read."""
        if not since and not until:
            return None
        start = _moment(since, "--since") if since else None
        end = _moment(until, "--until") if until else None
        if end is not None and until and _DAY_ONLY.fullmatch(until.strip()):
            end += timedelta(days=1)  # a day given as the end is included whole
        if start is not None and end is not None and end <= start:
            raise ValueError(f"--until {until} is not after --since {since}")
        return cls(start, end)

    def contains(self, moment: datetime) -> bool:
        moment = _comparable(moment)
        after_start = self.since is None or moment >= self.since
        return after_start and (self.until is None or moment < self.until)

    def key(self) -> list[str | None]:
        """What the range adds to a piece's fingerprint (what reading gives depends on it)."""
        return [None if end is None else end.isoformat() for end in (self.since, self.until)]


def _moment(text: str, option: str) -> datetime:
    parsed = parse_timestamp(text)
    if parsed is None:
        raise ValueError(f"{option}: {text!r} is not a date (e.g. 2024-03-31)")
    return _comparable(parsed)


@dataclass
class InRange:
    """The raw items of one batch within the date range, per piece, and what was left out."""

    items: list[list[RawArticle | Reject]]
    filtered: list[int]  # per piece: articles published outside the range
    undated: list[int]  # per piece: articles without a date, kept


def within(per_piece: Sequence[Sequence[RawArticle | Reject]], dates: DateRange | None) -> InRange:
    """Keep the articles published in the range; undated articles and rejects are kept."""
    if dates is None:
        none = [0] * len(per_piece)
        return InRange([list(items) for items in per_piece], none, none)
    result = InRange([], [], [])
    for items in per_piece:
        inside = [item for item in items if _in_range(item, dates)]
        result.items.append(inside)
        result.filtered.append(len(items) - len(inside))
        result.undated.append(
            sum(isinstance(i, RawArticle) and i.published_at is None for i in inside)
        )
    return result


def _in_range(item: RawArticle | Reject, dates: DateRange) -> bool:
    if isinstance(item, Reject) or item.published_at is None:
        return True
    return dates.contains(item.published_at)


def name_source(items: Iterable[RawArticle | Reject], source: str | None) -> None:
    """`source` for the articles whose input names none (`--source`)."""
    if source:
        for item in items:
            if isinstance(item, RawArticle) and not item.source:
                item.source = source


@dataclass
class Limited:
    """The pieces a run takes under `--limit`, and those it leaves out."""

    taken: list[Piece]
    left_out: list[Piece]

    @property
    def records_left_out(self) -> int:
        return sum(piece.records for piece in self.left_out)


def first_records(
    pieces: Iterable[Piece], limit: int | None, max_record_bytes: int = MAX_RECORD_BYTES
) -> Limited:
    """The pieces holding the first `limit` records, in planning order (the same on every
    run). A piece of records (JSONL, CSV, WARC) is cut at the limit; a file read whole (a
    web page, a feed) is taken whole. A cut piece gets a digest of its own, so that its
    state never stands for the whole piece in a later run."""
    pieces = list(pieces)
    if limit is None:
        return Limited(pieces, [])
    taken: list[Piece] = []
    count = 0
    for index, piece in enumerate(pieces):
        if count >= limit:
            return Limited(taken, pieces[index:])
        if count + piece.records <= limit:
            taken.append(piece)
            count += piece.records
            continue
        first, *rest = split_piece(piece, limit - count, max_record_bytes)
        if rest:
            taken.append(replace(first, digest=_cut_digest(piece.digest, first.records)))
            return Limited(taken, rest + pieces[index + 1 :])
        taken.append(piece)  # read whole
        count += piece.records
    return Limited(taken, [])


def _cut_digest(digest: str | None, records: int) -> str | None:
    if digest is None:
        return None
    return hashlib.blake2b(f"{digest}\x1ffirst {records}".encode(), digest_size=16).hexdigest()
