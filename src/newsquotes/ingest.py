"""Ingest: find the input files, split them into batches, and read each batch into raw articles.

Planning only looks at file names and record boundaries (lines of JSONL, quote-balanced
lines of CSV, read through gzip when compressed), so a batch is a small descriptor
(`Chunk`) that a worker can read by itself; the corpus is never held in memory as a whole.
Every input ends up as a `RawArticle` or a `Reject` with a reason and its location; no
content makes reading raise.

Formats: `.txt`, `.html`/`.htm`, `.jsonl`/`.ndjson`, `.csv`, each optionally gzip-compressed
(detected by content). A file's content can overrule its name: HTML markup in a `.txt` is
read as a web page, JSON objects per line as JSONL; files without a suffix are sniffed.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from newsquotes import decode, readers
from newsquotes.fields import FieldMap
from newsquotes.readers import CSV, HTML, JSONL, TEXT, parse_text_article
from newsquotes.records import InputLocation, RawArticle, Reject

LINE_FORMATS = {JSONL, CSV}
MAX_CSV_RECORD_BYTES = 10 * 1024 * 1024  # an unbalanced quote must not swallow the whole file
_STREAM_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile, OSError)


@dataclass(frozen=True)
class Piece:
    """Part of one input file: the whole file, or the records in bytes [byte_start, byte_end).

    Offsets are in the decompressed bytes of a gzip file. `fmt` is set when planning split
    the file by records (JSONL or CSV); a whole file is sniffed when read. `digest` hashes
    everything reading the piece depends on in the file (its location and bytes; None when
    the file could not be read); a finer split of a piece keeps its digest.
    """

    path: str
    root: str
    byte_start: int = 0
    byte_end: int | None = None
    first_line: int = 1
    records: int = 1
    fmt: str | None = None
    digest: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Chunk:
    """One batch of input: pieces of files holding at most `batch_size` records together."""

    pieces: tuple[Piece, ...]

    @property
    def records(self) -> int:
        return sum(piece.records for piece in self.pieces)


def discover(inputs: Iterable[str | Path]) -> Iterator[tuple[Path, Path]]:
    """Yield (file, root) for every file named or found (recursively, sorted) under a folder."""
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file()):
                if not any(part.startswith(".") for part in found.relative_to(path).parts):
                    yield found, path
        else:
            yield path, path.parent


def plan_chunks(inputs: Iterable[str | Path], batch_size: int) -> list[Chunk]:
    """Split the inputs into chunks of at most `batch_size` records, in a stable order."""
    return chunk_pieces(plan_pieces(inputs, batch_size), batch_size)


def plan_pieces(inputs: Iterable[str | Path], batch_size: int) -> Iterator[Piece]:
    """Every input file as pieces of at most `batch_size` records, grouped from its start.

    The pieces of a file, and their digests, stay the same while the file's bytes do.
    """
    for path, root in discover(inputs):
        yield from _pieces_of(path, root, batch_size)


def chunk_pieces(pieces: Iterable[Piece], batch_size: int) -> list[Chunk]:
    """Consecutive pieces merged into chunks of at most `batch_size` records."""
    chunks: list[Chunk] = []
    pending: list[Piece] = []
    pending_records = 0
    for piece in pieces:
        if pending_records + piece.records > batch_size and pending:
            chunks.append(Chunk(tuple(pending)))
            pending, pending_records = [], 0
        pending.append(piece)
        pending_records += piece.records
    if pending:
        chunks.append(Chunk(tuple(pending)))
    return chunks


def merge_contiguous(chunk: Chunk) -> Chunk:
    """The chunk with each run of adjacent sub-pieces of one piece merged back into one."""
    merged: list[Piece] = []
    for piece in chunk.pieces:
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
    return Chunk(tuple(merged))


def split_piece(piece: Piece, size: int) -> list[Piece]:
    """A piece of records as pieces of at most `size` records (only its bytes are read)."""
    if piece.fmt not in LINE_FORMATS or piece.byte_end is None or piece.records <= size:
        return [piece]
    try:
        with decode.open_binary(piece.path) as stream:
            lines = _in_piece(decode.iter_lines(stream, piece.byte_start), piece)
            spans = _records_in(lines, piece.fmt, piece.first_line)
            return [
                replace(piece, byte_start=start, byte_end=end, first_line=line, records=count)
                for start, end, line, count, _ in _group(spans, size)
            ]
    except _STREAM_ERRORS:
        return [piece]


def _pieces_of(path: Path, root: Path, batch_size: int) -> list[Piece]:
    fmt = readers.format_by_name(path.name)
    if fmt not in LINE_FORMATS or not path.is_file():
        return [Piece(str(path), str(root), digest=_file_digest(path, root))]
    pieces = []
    try:
        with decode.open_binary(path) as stream:
            lines = decode.iter_lines(stream)
            header = next(_csv_records(lines), None) if fmt == CSV else None
            prefix = _location_hasher(path, root, fmt)
            if header is not None:
                prefix.update(header[3])  # it maps the fields of every record
            spans = _records_in(lines, fmt, header[2] + header[3].count(b"\n") if header else 1)
            for start, end, first_line, count, digest in _group(spans, batch_size, prefix):
                pieces.append(
                    Piece(str(path), str(root), start, end, first_line, count, fmt, digest)
                )
    except _STREAM_ERRORS:
        return [Piece(str(path), str(root), fmt=fmt)]  # read whole; the damage is reported then
    # An empty file is an input too (a reject when read).
    return pieces or [Piece(str(path), str(root), fmt=fmt, digest=_file_digest(path, root))]


def _location_hasher(path: Path, root: Path, fmt: str | None):
    return hashlib.blake2b(f"{path}\x1f{root}\x1f{fmt}\x1f".encode(), digest_size=16)


def _file_digest(path: Path, root: Path) -> str | None:
    """The digest of a whole file: its location and its bytes as stored (one read)."""
    hasher = _location_hasher(path, root, None)
    try:
        with path.open("rb") as handle:
            hashlib.file_digest(handle, lambda: hasher)
    except OSError:
        return None
    return hasher.hexdigest()


def _records_in(
    lines: Iterable[tuple[int, bytes]], fmt: str, first_line: int
) -> Iterator[tuple[int, int, int, bytes]]:
    """(start, end, first line, bytes) of the records of JSONL or CSV lines (no header)."""
    if fmt == CSV:
        return _csv_records(lines, first_line)
    return _line_records(lines, first_line)


def _line_records(
    lines: Iterable[tuple[int, bytes]], first_line: int = 1
) -> Iterator[tuple[int, int, int, bytes]]:
    """Non-blank lines: blank lines are no input (readers skip them too)."""
    for line_no, (offset, line) in enumerate(lines, start=first_line):
        if line.strip():
            yield offset, offset + len(line), line_no, line


def _csv_records(
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


def _group(
    records: Iterable[tuple[int, int, int, bytes]], size: int, prefix=None
) -> Iterator[tuple[int, int, int, int, str | None]]:
    """Consecutive records in groups of `size`: (start, end, first line, records, digest).

    The digest (when `prefix`, a hasher of what every group depends on, is given) covers
    each record's offset, line and bytes: blank lines between records change offsets.
    """
    group: list[tuple[int, int, int]] = []
    hasher = prefix.copy() if prefix else None
    for start, end, line, record in records:
        group.append((start, end, line))
        if hasher:
            hasher.update(f"\x1e{start}:{line}:".encode())
            hasher.update(record)
        if len(group) == size:
            yield group[0][0], group[-1][1], group[0][2], len(group), _hex(hasher)
            group = []
            hasher = prefix.copy() if prefix else None
    if group:
        yield group[0][0], group[-1][1], group[0][2], len(group), _hex(hasher)


def _hex(hasher) -> str | None:
    return hasher.hexdigest() if hasher else None


def read_chunk(
    chunk: Chunk, max_file_bytes: int, fields: FieldMap | None = None
) -> list[RawArticle | Reject]:
    """Read every record of a chunk; unreadable input becomes a Reject, never an exception."""
    return [item for items in read_pieces(chunk, max_file_bytes, fields) for item in items]


def read_pieces(
    chunk: Chunk, max_file_bytes: int, fields: FieldMap | None = None
) -> list[list[RawArticle | Reject]]:
    """`read_chunk`, the items of each piece apart (in the order of `chunk.pieces`)."""
    return [list(read_piece(piece, max_file_bytes, fields or FieldMap())) for piece in chunk.pieces]


def read_piece(
    piece: Piece, max_file_bytes: int, fields: FieldMap | None = None
) -> Iterator[RawArticle | Reject]:
    path = Path(piece.path)
    relative = _relative(path, Path(piece.root))
    whole_file = InputLocation(path=piece.path, source_id=relative)
    fields = fields or FieldMap()
    try:
        size = path.stat().st_size
    except OSError as error:
        yield Reject(whole_file, "ingest", f"cannot read {piece.path}: {error.strerror or error}")
        return
    if piece.byte_end is None and size > max_file_bytes:
        yield Reject(
            whole_file, "ingest", f"file is {size} bytes, over the limit of {max_file_bytes}"
        )
        return
    if piece.fmt in LINE_FORMATS:  # planned by records: streamed, damage reported at the end
        yield from _read_records(piece, relative, fields)
        return
    try:
        data = decode.read_limited(path, max_file_bytes)
    except (ValueError, OSError) as error:
        yield Reject(whole_file, "ingest", str(error))
        return
    fmt = piece.fmt or _format_of(path, data)
    if fmt in LINE_FORMATS:
        yield from _read_records(piece, relative, fields, fmt, io.BytesIO(data))
    elif fmt in (TEXT, HTML):
        yield _read_document(data, whole_file, fmt)
    else:
        suffix = "".join(path.suffixes[-2:]) if path.suffix == ".gz" else path.suffix
        reason = decode.binary_kind(data) or f"unsupported file type {suffix or '(none)'!r}"
        yield Reject(whole_file, "ingest", reason)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _format_of(path: Path, data: bytes) -> str | None:
    """The format by content where content is clear, else by name; None when unsupported."""
    by_name = readers.format_by_name(path.name)
    by_content = readers.sniff(data[:65536])
    if by_content and by_name in (None, TEXT):
        return by_content
    if by_name is None and not Path(path.name.removesuffix(".gz")).suffix:
        return TEXT if decode.binary_kind(data) is None else None
    return by_name


def _read_document(data: bytes, location: InputLocation, fmt: str) -> RawArticle | Reject:
    """A one-article file (text or web page) as a raw article."""
    try:
        text, encoding = decode.decode_text(data)
    except ValueError as error:
        return Reject(location, "ingest", str(error))
    if fmt == HTML:
        article = readers.parse_html_article(text, location)
    else:
        article = parse_text_article(text, location)
    if isinstance(article, RawArticle):
        article.input_format = fmt
        if encoding != "utf-8":
            article.metadata["encoding"] = encoding
    return article


def _read_records(
    piece: Piece, relative: str, fields: FieldMap, fmt: str | None = None, stream=None
) -> Iterator[RawArticle | Reject]:
    """The records of a JSONL or CSV piece; a damaged gzip ends with a reject after them."""
    fmt = fmt or piece.fmt
    whole_file = InputLocation(piece.path, relative)
    last_line = piece.first_line - 1
    try:
        with stream or decode.open_binary(piece.path) as handle:
            records = (
                _csv_rows(handle, piece, relative, fields)
                if fmt == CSV
                else _json_rows(handle, piece, relative, fields)
            )
            empty = True
            for item in records:
                empty = False
                last_line = item.location.line or last_line
                yield item
    except _STREAM_ERRORS as error:
        where = InputLocation(piece.path, relative, last_line + 1)  # where the damage starts
        reason = (
            f"damaged or truncated file after line {last_line} ({type(error).__name__}: {error})"
        )
        yield Reject(where, "ingest", reason)
        return
    if empty and piece.byte_end is None:
        yield Reject(whole_file, "ingest", "empty file" if fmt == JSONL else "no CSV rows")


def _in_piece(lines: Iterable[tuple[int, bytes]], piece: Piece) -> Iterator[tuple[int, bytes]]:
    """The lines that start inside the piece's byte range."""
    for offset, line in lines:
        if piece.byte_end is not None and offset >= piece.byte_end:
            return
        yield offset, line


def _json_rows(handle, piece: Piece, relative: str, fields: FieldMap):
    lines = _in_piece(decode.iter_lines(handle, piece.byte_start), piece)
    for line_no, (offset, raw_line) in enumerate(lines, start=piece.first_line):
        if raw_line.strip():
            location = InputLocation(piece.path, f"{relative}:{line_no}", line_no, "", offset)
            item = readers.parse_json_line(raw_line, fields, location, relative)
            if isinstance(item, RawArticle):
                item.input_format = JSONL
            yield item


def _csv_rows(handle, piece: Piece, relative: str, fields: FieldMap):
    header_record = next(_csv_records(decode.iter_lines(handle)), None)
    if header_record is None:
        return
    _, header_end, header_line, header_bytes = header_record
    delimiter = _delimiter(header_bytes)
    try:
        header: list[str] | str = _csv_values(header_bytes, delimiter)
    except ValueError as error:
        header = f"the CSV header (line {header_line}) is unreadable: {error}"
    start = max(piece.byte_start, header_end)
    if piece.byte_start >= header_end:
        first_line = piece.first_line
    else:
        first_line = header_line + header_bytes.count(b"\n")
    handle.seek(0)
    lines = _in_piece(decode.iter_lines(handle, start), piece)
    for offset, _, line_no, record in _csv_records(lines, first_line):
        location = InputLocation(piece.path, f"{relative}:{line_no}", line_no, "", offset)
        yield _csv_article(record, header, delimiter, fields, location, relative)


def _delimiter(header: bytes) -> str:
    """The header's most frequent separator among , ; tab and |: exports vary by locale."""
    return max(",;\t|", key=lambda sep: header.count(sep.encode()))


def _csv_values(record: bytes, delimiter: str) -> list[str]:
    text, _ = decode.decode_text(record)
    try:
        rows = list(csv.reader(io.StringIO(text.rstrip("\r\n")), delimiter=delimiter, strict=True))
    except csv.Error as error:
        raise ValueError(f"malformed CSV ({error})") from None
    if len(rows) != 1:
        raise ValueError("malformed CSV (record spans several rows)")
    return rows[0]


def _csv_article(
    record: bytes,
    header: list[str] | str,
    delimiter: str,
    fields: FieldMap,
    location: InputLocation,
    relative: str,
) -> RawArticle | Reject:
    """One CSV record; `header` is the column names, or why the header could not be read."""
    where = f"line {location.line}"
    if isinstance(header, str):
        return Reject(location, "ingest", f"{where}: {header}")
    try:
        values = _csv_values(record, delimiter)
    except ValueError as error:
        return Reject(location, "ingest", f"{where}: {error}")
    if len(values) != len(header):
        reason = f"{where}: CSV row has {len(values)} columns, the header has {len(header)}"
        return Reject(location, "ingest", reason)
    row = dict(zip(header, values, strict=True))
    item = readers.record_article(row, fields, location, relative, where)
    if isinstance(item, RawArticle):
        item.input_format = CSV
    return item
