"""Record boundaries in line formats (JSONL lines, quote-balanced CSV records).

Planning cuts files into pieces at these boundaries and reading walks the same boundaries,
so both use these functions and agree on where every record starts and ends.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterable, Iterator

from newsquotes.ingest.readers import CSV, JSONL

LINE_FORMATS = {JSONL, CSV}
MAX_CSV_RECORD_BYTES = 10 * 1024 * 1024  # an unbalanced quote must not swallow the whole file
STREAM_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile, OSError)


def records_in(
    lines: Iterable[tuple[int, bytes]], fmt: str, first_line: int
) -> Iterator[tuple[int, int, int, bytes]]:
    """(start, end, first line, bytes) of the records of JSONL or CSV lines (no header)."""
    if fmt == CSV:
        return csv_records(lines, first_line)
    return _line_records(lines, first_line)


def _line_records(
    lines: Iterable[tuple[int, bytes]], first_line: int = 1
) -> Iterator[tuple[int, int, int, bytes]]:
    """Non-blank lines: blank lines are no input (readers skip them too)."""
    for line_no, (offset, line) in enumerate(lines, start=first_line):
        if line.strip():
            yield offset, offset + len(line), line_no, line


def csv_records(
    lines: Iterable[tuple[int, bytes]], first_line: int = 1
) -> Iterator[tuple[int, int, int, bytes]]:
    """(start, end, first line, bytes) of each CSV record: lines joined until quotes balance."""
    parts: list[bytes] = []
    quotes = size = start = record_line = 0
    for line_no, (offset, line) in enumerate(lines, start=first_line):
        if not parts:
            start, record_line, quotes, size = offset, line_no, 0, 0
        parts.append(line)
        quotes += line.count(b'"')
        size += len(line)
        if quotes % 2 == 0 or size > MAX_CSV_RECORD_BYTES:
            record = b"".join(parts)
            parts = []
            if record.strip():
                yield start, start + len(record), record_line, record
    if parts:
        record = b"".join(parts)
        if record.strip():
            yield start, start + len(record), record_line, record


def lines_until(
    lines: Iterable[tuple[int, bytes]], byte_end: int | None
) -> Iterator[tuple[int, bytes]]:
    """The lines that start before `byte_end` (all of them when it is None)."""
    for offset, line in lines:
        if byte_end is not None and offset >= byte_end:
            return
        yield offset, line
