"""Read: a batch's pieces into raw articles; every input ends as a `RawArticle` or a `Reject`.

No content makes reading raise: each problem becomes a reject with a reason and its location.
Formats: `.txt`, `.html`/`.htm`, `.jsonl`/`.ndjson`, `.csv`, each optionally gzip-compressed
(detected by content). A file's content can overrule its name: HTML markup in a `.txt` is
read as a web page, JSON objects per line as JSONL; files without a suffix are sniffed.
"""

from __future__ import annotations

import csv
import io
import stat
from collections.abc import Iterator
from pathlib import Path

from newsquotes.ingest import decode, readers
from newsquotes.ingest.boundaries import (
    LINE_FORMATS,
    STREAM_ERRORS,
    csv_records,
    lines_until,
)
from newsquotes.ingest.fields import FieldMap
from newsquotes.ingest.plan import Batch, Piece
from newsquotes.ingest.readers import CSV, HTML, JSONL, TEXT, parse_text_article
from newsquotes.records import InputLocation, RawArticle, Reject
from newsquotes.settings import MAX_RECORD_BYTES


def read_batch(
    batch: Batch, max_file_bytes: int, fields: FieldMap | None = None
) -> list[RawArticle | Reject]:
    """Read every record of a batch; unreadable input becomes a Reject, never an exception."""
    return [item for items in read_pieces(batch, max_file_bytes, fields) for item in items]


def read_pieces(
    batch: Batch, max_file_bytes: int, fields: FieldMap | None = None
) -> list[list[RawArticle | Reject]]:
    """`read_batch`, the items of each piece apart (in the order of `batch.pieces`)."""
    return [list(read_piece(piece, max_file_bytes, fields or FieldMap())) for piece in batch.pieces]


def read_piece(
    piece: Piece, max_file_bytes: int, fields: FieldMap | None = None
) -> Iterator[RawArticle | Reject]:
    path = Path(piece.path)
    relative = _relative(path, Path(piece.root))
    whole_file = InputLocation(path=piece.path, source_id=relative)
    fields = fields or FieldMap()
    try:
        info = path.stat()
    except OSError as error:
        reason = f"cannot read {whole_file.path}: {error.strerror or error}"
        yield Reject(whole_file, "ingest", reason)
        return
    if not stat.S_ISREG(info.st_mode):
        yield Reject(whole_file, "ingest", f"not a regular file ({_kind(info.st_mode)})")
        return
    size = info.st_size
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


def _kind(mode: int) -> str:
    kinds = {stat.S_ISFIFO: "a FIFO", stat.S_ISSOCK: "a socket", stat.S_ISCHR: "a device"}
    return next((name for test, name in kinds.items() if test(mode)), "not a file")


def _oversized(record: bytes, location: InputLocation) -> Reject | None:
    """A reject for a record over MAX_RECORD_BYTES: never parsed, so memory stays bounded."""
    if len(record) <= MAX_RECORD_BYTES:
        return None
    reason = f"line {location.line}: record is {len(record)} bytes, over the limit of "
    return Reject(location, "ingest", reason + f"{MAX_RECORD_BYTES}")


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
    except STREAM_ERRORS as error:
        where = InputLocation(piece.path, relative, last_line + 1)  # where the damage starts
        reason = (
            f"damaged or truncated file after line {last_line} ({type(error).__name__}: {error})"
        )
        yield Reject(where, "ingest", reason)
        return
    if empty and piece.byte_end is None:
        yield Reject(whole_file, "ingest", "empty file" if fmt == JSONL else "no CSV rows")


def _json_rows(handle, piece: Piece, relative: str, fields: FieldMap):
    lines = lines_until(decode.iter_lines(handle, piece.byte_start), piece.byte_end)
    for line_no, (offset, raw_line) in enumerate(lines, start=piece.first_line):
        if raw_line.strip():
            location = InputLocation(piece.path, f"{relative}:{line_no}", line_no, "", offset)
            item = _oversized(raw_line, location) or readers.parse_json_line(
                raw_line, fields, location, relative
            )
            if isinstance(item, RawArticle):
                item.input_format = JSONL
            yield item


def _csv_rows(handle, piece: Piece, relative: str, fields: FieldMap):
    header_record = next(csv_records(decode.iter_lines(handle)), None)
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
    lines = lines_until(decode.iter_lines(handle, start), piece.byte_end)
    for offset, _, line_no, record in csv_records(lines, first_line):
        location = InputLocation(piece.path, f"{relative}:{line_no}", line_no, "", offset)
        yield _oversized(record, location) or _csv_article(
            record, header, delimiter, fields, location, relative
        )


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
