"""Plan: find the input files and cut them into pieces and batches, without reading content.

Planning only looks at file names and record boundaries (lines of JSONL, quote-balanced
lines of CSV, read through gzip when compressed), so a `Batch` is a small descriptor that a
worker can read by itself; the corpus is never held in memory as a whole.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from newsquotes.ingest import decode, feeds, readers, warc
from newsquotes.ingest.boundaries import (
    LINE_FORMATS,
    STREAM_ERRORS,
    Record,
    csv_records,
    lines_between,
    records_in,
)
from newsquotes.ingest.readers import CSV, FEED, WARC
from newsquotes.settings import MAX_RECORD_BYTES

MAX_FEED_BYTES = 256 * 1024 * 1024  # entries of a bigger feed are not counted at planning


@dataclass(frozen=True)
class Piece:
    """Part of one input file: the whole file, or the records in bytes [byte_start, byte_end).

    Offsets are in the decompressed bytes of a gzip file, except in a WARC (whose records
    are gzip members of their own: offsets in the file as stored). `fmt` is set when
    planning split the file by records (JSONL, CSV or WARC); a whole file is sniffed when
    read. `digest` hashes everything reading the piece depends on in the file (its location
    and bytes; None when the file could not be read); a finer split of a piece keeps its
    digest. `others` counts the WARC records in it that are no input, by kind.
    """

    path: str
    root: str
    byte_start: int = 0
    byte_end: int | None = None
    first_line: int = 1
    records: int = 1
    fmt: str | None = None
    digest: str | None = field(default=None, compare=False)
    others: tuple[tuple[str, int], ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Batch:
    """One batch of input: pieces of files holding at most `batch_size` records together."""

    pieces: tuple[Piece, ...]

    @property
    def records(self) -> int:
        return sum(piece.records for piece in self.pieces)


def discover(inputs: Iterable[str | Path]) -> Iterator[tuple[Path, Path]]:
    """Yield (file, root) for every file named or found (recursively, sorted) under a folder;
    hidden files are skipped. A file named twice (and found in a folder named too) is one
    input, yielded the first time: read twice, its rows would repeat their keys."""
    seen: set[Path] = set()
    for path, root in _named_and_found(inputs):
        if path not in seen:
            seen.add(path)
            yield path, root


def _named_and_found(inputs: Iterable[str | Path]) -> Iterator[tuple[Path, Path]]:
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            # not only files: a FIFO, a dangling link or a link loop is an input that
            # reading rejects with its reason, not one that vanishes
            for found in sorted(p for p in path.rglob("*") if not p.is_dir()):
                if not any(part.startswith(".") for part in found.relative_to(path).parts):
                    yield found, path
        else:
            yield path, path.parent


def plan_batches(
    inputs: Iterable[str | Path], batch_size: int, max_record_bytes: int = MAX_RECORD_BYTES
) -> list[Batch]:
    """Split the inputs into batches of at most `batch_size` records, in a stable order."""
    return batch_pieces(plan_pieces(inputs, batch_size, max_record_bytes), batch_size)


def plan_pieces(
    inputs: Iterable[str | Path], batch_size: int, max_record_bytes: int = MAX_RECORD_BYTES
) -> Iterator[Piece]:
    """Every input file as pieces of at most `batch_size` records, grouped from its start.

    The pieces of a file, and their digests, stay the same while the file's bytes do.
    Records over `max_record_bytes` are counted but never held (reading rejects them).
    """
    for path, root in discover(inputs):
        yield from _pieces_of(path, root, batch_size, max_record_bytes)


def batch_pieces(pieces: Iterable[Piece], batch_size: int) -> list[Batch]:
    """Consecutive pieces merged into batches of at most `batch_size` records."""
    batches: list[Batch] = []
    pending: list[Piece] = []
    pending_records = 0
    for piece in pieces:
        if pending_records + piece.records > batch_size and pending:
            batches.append(Batch(tuple(pending)))
            pending, pending_records = [], 0
        pending.append(piece)
        pending_records += piece.records
    if pending:
        batches.append(Batch(tuple(pending)))
    return batches


def merge_contiguous(batch: Batch) -> Batch:
    """The batch with each run of adjacent sub-pieces of one piece merged back into one."""
    merged: list[Piece] = []
    for piece in batch.pieces:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.digest == piece.digest
            and last.byte_end is not None
            and last.byte_end == piece.byte_start
        ):
            merged[-1] = replace(
                last, byte_end=piece.byte_end, records=last.records + piece.records
            )
        else:
            merged.append(piece)
    return Batch(tuple(merged))


def split_piece(piece: Piece, size: int, max_record_bytes: int = MAX_RECORD_BYTES) -> list[Piece]:
    """A piece of records as pieces of at most `size` records (only its bytes are read)."""
    if piece.fmt == WARC and piece.byte_end is not None and piece.records > size:
        found = warc.groups(piece.path, size, piece.byte_start, piece.byte_end)
        return [replace(piece, **_range(group)) for group in found]
    if piece.fmt not in LINE_FORMATS or piece.byte_end is None or piece.records <= size:
        return [piece]
    try:
        with decode.stream_at(piece.path, piece.byte_start) as stream:
            lines = lines_between(stream, piece.byte_start, piece.byte_end)
            spans = records_in(lines, piece.fmt, piece.first_line, max_record_bytes)
            return [
                replace(piece, byte_start=start, byte_end=end, first_line=line, records=count)
                for start, end, line, count, _ in _group(spans, size)
            ]
    except STREAM_ERRORS:
        return [piece]


def _range(group: warc.Group) -> dict:
    """The fields of a piece that a group of WARC records sets."""
    bounds = {"byte_start": group.start, "byte_end": group.end}
    return bounds | {"records": group.inputs, "others": group.others}


def _warc_pieces(path: Path, root: Path, batch_size: int) -> list[Piece]:
    """A WARC's records in pieces of `batch_size` pages (or damaged records), each digested
    from its bytes as stored; a file without records is one piece (a reject when read)."""
    whole = Piece(str(path), str(root), fmt=WARC, digest=_file_digest(path, root))
    try:
        found = warc.groups(path, batch_size)
    except OSError:
        return [replace(whole, digest=None)]
    pieces = []
    for group in found:
        digest = _range_digest(path, root, group.start, group.end)
        pieces.append(replace(whole, digest=digest, **_range(group)))
    return pieces or [whole]


def _feed_piece(path: Path, root: Path) -> Piece:
    """A feed file, read whole, as many records as it has entries (counted by their tags:
    batches and --limit count articles)."""
    piece = Piece(str(path), str(root), digest=_file_digest(path, root))
    try:
        entries = feeds.count_entries(decode.read_limited(path, MAX_FEED_BYTES))
    except (ValueError, OSError):
        return piece  # reading rejects it with the reason
    return replace(piece, records=max(1, entries))


def _range_digest(path: Path, root: Path, start: int, end: int) -> str | None:
    """The digest of bytes [start, end) of a file and where they are."""
    hasher = _location_hasher(path, root, WARC)
    hasher.update(f"{start}:{end}\x1f".encode())
    try:
        with path.open("rb") as handle:
            handle.seek(start)
            while start < end and (block := handle.read(min(1 << 20, end - start))):
                hasher.update(block)
                start += len(block)
    except OSError:
        return None
    return hasher.hexdigest()


def _pieces_of(path: Path, root: Path, batch_size: int, max_record_bytes: int) -> list[Piece]:
    fmt = readers.format_by_name(path.name)
    if fmt == WARC and path.is_file():
        return _warc_pieces(path, root, batch_size)
    if fmt == FEED and path.is_file():
        return [_feed_piece(path, root)]
    if fmt not in LINE_FORMATS or not path.is_file():
        return [Piece(str(path), str(root), digest=_file_digest(path, root))]
    pieces = []
    try:
        with decode.open_binary(path) as stream:
            lines = lines_between(stream)
            header = next(csv_records(lines, 1, max_record_bytes), None) if fmt == CSV else None
            prefix = _location_hasher(path, root, fmt)
            if header is not None:
                prefix.update(_hashed_bytes(header))  # it maps the fields of every record
            first_line = header.next_line if header else 1
            spans = records_in(lines, fmt, first_line, max_record_bytes)
            for start, end, first_line, count, digest in _group(spans, batch_size, prefix):
                pieces.append(
                    Piece(str(path), str(root), start, end, first_line, count, fmt, digest)
                )
    except STREAM_ERRORS:
        return [Piece(str(path), str(root), fmt=fmt)]  # read whole; the damage is reported then
    # An empty file is an input too (a reject when read).
    return pieces or [Piece(str(path), str(root), fmt=fmt, digest=_file_digest(path, root))]


def _location_hasher(path: Path, root: Path, fmt: str | None):
    """Hashes the location as the OS names it: bytes, whatever their encoding."""
    location = b"\x1f".join([os.fsencode(path), os.fsencode(root), str(fmt).encode()])
    return hashlib.blake2b(location + b"\x1f", digest_size=16)


def _file_digest(path: Path, root: Path) -> str | None:
    """The digest of a whole file: its location and its bytes as stored (one read)."""
    hasher = _location_hasher(path, root, None)
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None  # a FIFO would block here: reading rejects it, unopened
        with path.open("rb") as handle:
            hashlib.file_digest(handle, lambda: hasher)
    except OSError:
        return None
    return hasher.hexdigest()


def _group(
    records: Iterable[Record], size: int, prefix=None
) -> Iterator[tuple[int, int, int, int, str | None]]:
    """Consecutive records in groups of `size`: (start, end, first line, records, digest).

    The digest (when `prefix`, a hasher of what every group depends on, is given) covers
    each record's offset, line and bytes: blank lines between records change offsets.
    """
    group: list[tuple[int, int, int]] = []
    hasher = prefix.copy() if prefix else None
    for record in records:
        group.append((record.start, record.end, record.line))
        if hasher:
            hasher.update(f"\x1e{record.start}:{record.line}:".encode())
            hasher.update(_hashed_bytes(record))
        if len(group) == size:
            yield group[0][0], group[-1][1], group[0][2], len(group), _hex(hasher)
            group = []
            hasher = prefix.copy() if prefix else None
    if group:
        yield group[0][0], group[-1][1], group[0][2], len(group), _hex(hasher)


def _hashed_bytes(record: Record) -> bytes:
    """What reading a record depends on: its bytes, or only its size when over the limit."""
    return record.data if record.data is not None else f"over limit:{record.size}".encode()


def _hex(hasher) -> str | None:
    return hasher.hexdigest() if hasher else None
