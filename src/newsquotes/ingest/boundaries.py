"""Record boundaries in line formats (JSONL lines, quote-balanced CSV records).

Planning cuts files into pieces at these boundaries and reading walks the same boundaries,
so both use these functions and agree on where every record starts and ends. Lines arrive
in chunks of at most `LINE_CHUNK` bytes (`decode.iter_lines`), and a record's bytes are
dropped as soon as it is over the record limit: a 300 MB line is counted, never held.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO, NamedTuple

from newsquotes.ingest.decode import iter_lines
from newsquotes.ingest.readers import CSV, JSONL
from newsquotes.settings import MAX_RECORD_BYTES

LINE_FORMATS = {JSONL, CSV}
LINE_CHUNK = 1 << 20  # the most of one line read at once
STREAM_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile, OSError)


class Record(NamedTuple):
    """One record's bytes [start, end) and lines [line, next_line); `data` is None when the
    record is over the limit (its bytes were never held)."""

    start: int
    end: int
    line: int
    next_line: int
    data: bytes | None

    @property
    def size(self) -> int:
        return self.end - self.start


class _Pending:
    """The record being assembled from line chunks; its bytes go once it is over the limit."""

    def __init__(self, start: int, line: int, max_bytes: int) -> None:
        self.start, self.line, self.max_bytes = start, line, max_bytes
        self.size = self.newlines = self.quotes = 0
        self.blank = True
        self.parts: list[bytes] | None = []

    def add(self, chunk: bytes) -> None:
        self.size += len(chunk)
        self.newlines += chunk.endswith(b"\n")
        self.quotes += chunk.count(b'"')
        self.blank = self.blank and not chunk.strip()
        if self.parts is not None and self.size > self.max_bytes:
            self.parts = None
        elif self.parts is not None:
            self.parts.append(chunk)

    def record(self) -> Record:
        data = None if self.parts is None else b"".join(self.parts)
        end, next_line = self.start + self.size, self.line + self.newlines
        return Record(self.start, end, self.line, next_line, data)


def records_in(
    lines: Iterable[tuple[int, bytes]],
    fmt: str,
    first_line: int,
    max_bytes: int = MAX_RECORD_BYTES,
) -> Iterator[Record]:
    """The records of JSONL or CSV lines (no header)."""
    if fmt == CSV:
        return csv_records(lines, first_line, max_bytes)
    return _line_records(lines, first_line, max_bytes)


def _line_records(
    lines: Iterable[tuple[int, bytes]], first_line: int, max_bytes: int
) -> Iterator[Record]:
    """Non-blank lines: blank lines are no input (readers skip them too)."""
    return _records(lines, first_line, max_bytes, lambda pending: True)


def csv_records(
    lines: Iterable[tuple[int, bytes]], first_line: int = 1, max_bytes: int = MAX_RECORD_BYTES
) -> Iterator[Record]:
    """CSV records: lines joined until quotes balance, or until the record is over the limit
    (an unbalanced quote must not swallow the whole file)."""
    return _records(
        lines,
        first_line,
        max_bytes,
        lambda pending: pending.quotes % 2 == 0 or pending.parts is None,
    )


def _records(
    lines: Iterable[tuple[int, bytes]],
    first_line: int,
    max_bytes: int,
    ends: Callable[[_Pending], bool],
) -> Iterator[Record]:
    """Records of line chunks: one ends at a line end where `ends(pending)` holds."""
    line, pending = first_line, None
    for offset, chunk in lines:
        pending = pending or _Pending(offset, line, max_bytes)
        pending.add(chunk)
        if chunk.endswith(b"\n"):
            line += 1
            if ends(pending):
                if not pending.blank:
                    yield pending.record()
                pending = None
    if pending and not pending.blank:
        yield pending.record()


def lines_between(
    stream: BinaryIO, start: int = 0, byte_end: int | None = None
) -> Iterator[tuple[int, bytes]]:
    """Line chunks of at most `LINE_CHUNK` bytes that start in [start, byte_end), from a
    stream positioned at `start`; the stream is left at `byte_end`."""
    return iter_lines(stream, start, LINE_CHUNK, byte_end)
