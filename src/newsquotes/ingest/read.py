"""Read: a batch's pieces into raw articles; every input ends as a `RawArticle` or a `Reject`.

No content makes reading raise: each problem becomes a reject with a reason and its location.
Formats: `.txt`, `.html`/`.htm`, `.jsonl`/`.ndjson`, `.csv`, each optionally gzip-compressed
(detected by content), WARC archives (`.warc`, `.warc.gz`: each HTML page a web page) and
RSS/Atom feeds (`.rss`, `.atom`, or feed XML under any name: each entry an article).
A file's content can overrule its name: HTML markup in a `.txt` is read as a web page,
JSON objects per line as JSONL; files without a suffix are sniffed.
"""

from __future__ import annotations

import csv
import io
import stat
from collections.abc import Iterator
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
from newsquotes.ingest.fields import FieldMap, parse_timestamp
from newsquotes.ingest.plan import Batch, Piece
from newsquotes.ingest.readers import CSV, FEED, HTML, JSONL, TEXT, WARC, parse_text_article
from newsquotes.records import InputLocation, RawArticle, Reject
from newsquotes.settings import MAX_PAGE_BYTES, MAX_RECORD_BYTES


def read_batch(
    batch: Batch,
    max_file_bytes: int,
    fields: FieldMap | None = None,
    max_record_bytes: int = MAX_RECORD_BYTES,
) -> list[RawArticle | Reject]:
    """Read every record of a batch; unreadable input becomes a Reject, never an exception."""
    pieces = read_pieces(batch, max_file_bytes, fields, max_record_bytes)
    return [item for items in pieces for item in items]


def read_pieces(
    batch: Batch,
    max_file_bytes: int,
    fields: FieldMap | None = None,
    max_record_bytes: int = MAX_RECORD_BYTES,
) -> list[list[RawArticle | Reject]]:
    """`read_batch`, the items of each piece apart (in the order of `batch.pieces`)."""
    return [
        list(read_piece(piece, max_file_bytes, fields, max_record_bytes)) for piece in batch.pieces
    ]


def read_piece(
    piece: Piece,
    max_file_bytes: int,
    fields: FieldMap | None = None,
    max_record_bytes: int = MAX_RECORD_BYTES,
) -> Iterator[RawArticle | Reject]:
    """The piece's records as raw articles or rejects; a JSONL line or CSV record over
    `max_record_bytes` is rejected without being held, a file over `max_file_bytes` unread."""
    path = Path(piece.path)
    relative = _relative(path, Path(piece.root))
    whole_file = InputLocation(path=piece.path, source_id=relative)
    fields = fields or FieldMap()
    limits = (fields, max_record_bytes)
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
    if piece.fmt == WARC:
        yield from _read_warc(piece, relative)
        return
    if piece.fmt in LINE_FORMATS:  # planned by records: streamed, damage reported at the end
        yield from _read_records(piece, relative, *limits)
        return
    try:
        data = decode.read_limited(path, max_file_bytes)
    except (ValueError, OSError) as error:
        yield Reject(whole_file, "ingest", str(error))
        return
    fmt = piece.fmt or _format_of(path, data)
    if fmt in LINE_FORMATS:
        yield from _read_records(piece, relative, *limits, fmt, data)
    elif fmt in (TEXT, HTML):
        yield _read_document(data, whole_file, fmt)
    elif fmt == FEED:
        yield from feeds.read_feed(data, piece.path, relative)
    else:
        suffix = "".join(path.suffixes[-2:]) if path.suffix == ".gz" else path.suffix
        reason = decode.binary_kind(data) or f"unsupported file type {suffix or '(none)'!r}"
        yield Reject(whole_file, "ingest", reason)


def _kind(mode: int) -> str:
    kinds = {stat.S_ISFIFO: "a FIFO", stat.S_ISSOCK: "a socket", stat.S_ISCHR: "a device"}
    return next((name for test, name in kinds.items() if test(mode)), "not a file")


def _oversized(record: Record, location: InputLocation, max_bytes: int) -> Reject | None:
    """A reject for a record over the limit (boundaries dropped its bytes unread)."""
    if record.data is not None:
        return None
    reason = f"line {location.line}: record is {record.size} bytes, over the limit of {max_bytes}"
    return Reject(location, "ingest", reason)


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
    if fmt == HTML and len(data) > MAX_PAGE_BYTES:
        reason = f"web page is {len(data)} bytes, over the limit of {MAX_PAGE_BYTES} for web pages"
        return Reject(location, "ingest", reason)
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


def _read_warc(piece: Piece, relative: str) -> Iterator[RawArticle | Reject]:
    """The pages and damaged records of a WARC piece; the other records are not inputs."""
    empty = True
    try:
        for record in warc.walk(piece.path, piece.byte_start, piece.byte_end, read_pages=True):
            if record.is_input:
                empty = False
                yield _warc_item(record, piece.path, relative)
    except OSError as error:
        where = InputLocation(piece.path, relative, byte_offset=piece.byte_start)
        yield Reject(where, "ingest", f"cannot read {piece.path}: {error.strerror or error}")
        return
    if empty and piece.byte_end is None:
        yield Reject(InputLocation(piece.path, relative), "ingest", "no WARC records")


def _warc_item(record: warc.WarcRecord, path: str, relative: str) -> RawArticle | Reject:
    """A page record read as a saved web page, with the archive's URL and date; a damaged
    record as a reject at its offset. A record is known by its WARC-Record-ID."""
    name = record.record_id or f"offset {record.offset}"
    location = InputLocation(path, name, key=f"{relative}#{name}", byte_offset=record.offset)
    if record.problem or record.payload is None:
        return Reject(location, "ingest", record.problem or "WARC record not read")
    item = _read_document(record.payload, location, HTML)
    if isinstance(item, RawArticle):
        if item.url and item.url != record.uri:
            item.metadata["page_url"] = item.url  # the page's own (canonical) URL
        item.url = record.uri or item.url
        item.published_at = item.published_at or parse_timestamp(record.date)
    return item


def _read_records(
    piece: Piece,
    relative: str,
    fields: FieldMap,
    max_bytes: int,
    fmt: str | None = None,
    data: bytes | None = None,
) -> Iterator[RawArticle | Reject]:
    """The records of a JSONL or CSV piece, from its file or from its bytes already read;
    a damaged gzip ends with a reject after them."""
    fmt = fmt or piece.fmt
    whole_file = InputLocation(piece.path, relative)
    last_line = piece.first_line - 1
    source = piece.path if data is None else data
    try:
        rows = _csv_rows if fmt == CSV else _json_rows
        empty = True
        for item in rows(source, piece, relative, fields, max_bytes):
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


def _json_rows(source, piece: Piece, relative: str, fields: FieldMap, max_bytes: int):
    with decode.stream_at(source, piece.byte_start) as handle:
        lines = lines_between(handle, piece.byte_start, piece.byte_end)
        for record in records_in(lines, JSONL, piece.first_line, max_bytes):
            location = _record_location(piece, relative, record)
            item = _oversized(record, location, max_bytes) or readers.parse_json_line(
                record.data, fields, location, relative
            )
            if isinstance(item, RawArticle):
                item.input_format = JSONL
            yield item


def _record_location(piece: Piece, relative: str, record: Record) -> InputLocation:
    return InputLocation(piece.path, f"{relative}:{record.line}", record.line, "", record.start)


def _csv_rows(source, piece: Piece, relative: str, fields: FieldMap, max_bytes: int):
    with decode.stream_at(source, 0, keep=False) as handle:
        header_record = next(csv_records(lines_between(handle), 1, max_bytes), None)
    if header_record is None:
        return
    header = _csv_header(header_record, max_bytes)
    delimiter = _delimiter(header_record.data or b",")
    start = max(piece.byte_start, header_record.end)
    if piece.byte_start >= header_record.end:
        first_line = piece.first_line
    else:
        first_line = header_record.next_line
    with decode.stream_at(source, start) as handle:
        lines = lines_between(handle, start, piece.byte_end)
        for record in csv_records(lines, first_line, max_bytes):
            location = _record_location(piece, relative, record)
            yield _oversized(record, location, max_bytes) or _csv_article(
                record.data, header, delimiter, fields, location, relative
            )


def _csv_header(record: Record, max_bytes: int) -> list[str] | str:
    """The column names, or why the header cannot be read (every row is rejected with it)."""
    where = f"the CSV header (line {record.line})"
    if record.data is None:
        return f"{where} is {record.size} bytes, over the limit of {max_bytes}"
    try:
        return _csv_values(record.data, _delimiter(record.data))
    except ValueError as error:
        return f"{where} is unreadable: {error}"


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
