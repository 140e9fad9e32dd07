"""WARC archives (`.warc`, `.warc.gz`): their records, where each starts, which are pages.

A web archive holds many kinds of record; only a `response` with status 200 and an HTML
payload is an article, read as a saved `.html` file is. The others (requests, metadata,
revisits, redirects, images ...) are counted by kind, not read. Offsets are in the file
as stored: each record of a `.warc.gz` is a gzip member of its own, so a piece can seek
straight to its first record (unlike a gzip JSONL, which is read from its start).

Planning and reading walk the records with the same function (`walk`), so they agree on
every boundary. Damage (a record that cannot be parsed, a damaged or truncated gzip
member, a record shorter than its Content-Length) is a record of its own, at its offset;
the walk goes on at the next record start found after it.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsquotes.ingest.decode import GZIP_MAGIC
from newsquotes.settings import MAX_PAGE_BYTES

PAGE, DAMAGED = "page", "damaged"  # kinds of record that are inputs (articles or rejects)
# what warcio raises on bytes that are no record (AttributeError: a garbled header)
_ERRORS = (
    ArchiveLoadFailed,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    IndexError,
    AttributeError,
    TypeError,
    KeyError,
)
_SCAN_BLOCK = 1 << 20


@dataclass(frozen=True)
class WarcRecord:
    """One record: its offset in the file and its kind; for a page, what reading needs."""

    offset: int
    kind: str  # page | damaged | request | revisit | response not HTML | response 404 ...
    uri: str | None = None
    date: str | None = None
    record_id: str | None = None
    payload: bytes | None = None  # a page's HTML, when read
    problem: str | None = None  # why a page or damaged record cannot be read (a reject)

    @property
    def is_input(self) -> bool:
        """Whether the record becomes an article or a reject (the rest are only counted)."""
        return self.kind in (PAGE, DAMAGED)


@dataclass(frozen=True)
class Group:
    """Consecutive records [start, end) holding `inputs` pages or damaged records, and the
    other records among them counted by kind."""

    start: int
    end: int
    inputs: int
    others: tuple[tuple[str, int], ...]


def groups(path: str | Path, size: int, start: int = 0, end: int | None = None) -> list[Group]:
    """The records in [start, end) in groups of `size` inputs; the records that are not
    inputs go with the group before them (the first group starts at `start`)."""
    found: list[Group] = []
    group_start, inputs, others = start, 0, Counter()
    for record in walk(path, start, end):
        if record.is_input and inputs == size:
            found.append(Group(group_start, record.offset, inputs, _counted(others)))
            group_start, inputs, others = record.offset, 0, Counter()
        if record.is_input:
            inputs += 1
        else:
            others[record.kind] += 1
    if inputs or others:
        last = Path(path).stat().st_size if end is None else end
        found.append(Group(group_start, last, inputs, _counted(others)))
    return found


def _counted(kinds: Counter) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(kinds.items()))


def walk(
    path: str | Path, start: int = 0, end: int | None = None, read_pages: bool = False
) -> Iterator[WarcRecord]:
    """The records starting in [start, end) of the file; page payloads read if asked."""
    with open(path, "rb") as raw:
        gzipped = raw.read(2) == GZIP_MAGIC
        position: int | None = start
        while position is not None and (end is None or position < end):
            last = None
            raw.seek(position)
            records = ArchiveIterator(raw, check_digests=False)
            try:
                for record in records:
                    offset = records.offset  # (get_record_offset reads the record away)
                    if end is not None and offset >= end:
                        return
                    found = _record(record, offset, read_pages)
                    records.read_to_end()  # damage in this record's bytes shows here, not later
                    _check_complete(record)
                    last = offset
                    yield found
                return
            except _ERRORS as error:
                damaged = position if last is None else _next_start(raw, last + 1, gzipped)
                if damaged is None or (end is not None and damaged >= end):
                    return  # nothing more starts here: trailing bytes after the last record
                yield WarcRecord(
                    damaged, DAMAGED, problem=f"damaged WARC record ({_problem(error)})"
                )
                position = _next_start(raw, damaged + 1, gzipped)


def _check_complete(record) -> None:
    """EOFError when the record ends before its Content-Length: the file is cut short there,
    or its gzip member is damaged (warcio then ends the member early, without an error)."""
    if record.raw_stream.limit > 0:
        missing = record.raw_stream.limit
        raise EOFError(f"truncated record: {missing} bytes short of its Content-Length")


def _problem(error: Exception) -> str:
    text = str(error).splitlines()[0][:120] if str(error) else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _record(record, offset: int, read_pages: bool) -> WarcRecord:
    """The record's kind; a page's payload read whole (a short one is damage)."""
    if record.format != "warc":  # warcio reads any text line as an old ARC record
        raise ArchiveLoadFailed("not a WARC record")
    headers = record.rec_headers
    kind = _kind(record)
    if kind != PAGE:
        return WarcRecord(offset, kind)
    payload, problem = None, None
    if read_pages and record.length > MAX_PAGE_BYTES:
        problem = f"web page is {record.length} bytes, over the limit of {MAX_PAGE_BYTES}"
    elif read_pages:
        payload = record.content_stream().read()
    return WarcRecord(
        offset,
        PAGE,
        uri=headers.get_header("WARC-Target-URI"),
        date=headers.get_header("WARC-Date"),
        record_id=(headers.get_header("WARC-Record-ID") or "").strip("<>") or None,
        payload=payload,
        problem=problem,
    )


def _kind(record) -> str:
    """What a record is: a page, or the kind it is counted as."""
    if record.rec_type != "response":
        return record.rec_type or "unknown"
    http = record.http_headers
    if http is None:
        return "response without HTTP headers"
    status = http.get_statuscode()
    if status != "200":
        return f"response {status}"
    mime = http.get_header("Content-Type") or record.rec_headers.get_header(
        "WARC-Identified-Payload-Type"
    )
    return PAGE if mime and "html" in mime.lower() else "response not HTML"


def _next_start(raw: BinaryIO, position: int, gzipped: bool) -> int | None:
    """The first offset at or after `position` where a record may start: a gzip member not
    shown to hold anything else, or a "WARC/" line in a plain file; None if there is none."""
    marker = GZIP_MAGIC + b"\x08" if gzipped else b"\nWARC/"
    skip = 0 if gzipped else 1
    while True:
        raw.seek(position)
        block = raw.read(_SCAN_BLOCK + len(marker))
        if not block:
            return None
        found = block.find(marker)
        while found != -1:
            candidate = position + found + skip
            if not gzipped or _opens_a_record(raw, candidate):
                return candidate
            found = block.find(marker, found + 1)
        if len(block) <= _SCAN_BLOCK:
            return None
        position += _SCAN_BLOCK


def _opens_a_record(raw: BinaryIO, offset: int) -> bool:
    """Whether a gzip header may start a record: not when its member decompresses to
    something else. One that does not decompress may be the damaged record itself."""
    raw.seek(offset)
    try:
        head = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(raw.read(256))
    except zlib.error:
        return True
    return len(head) < 5 or head.startswith(b"WARC/")
