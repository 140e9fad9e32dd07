"""Ingest: find the input files, split them into batches, and read each batch into raw articles.

Planning only looks at file names and line boundaries, so a batch is a small descriptor
(`Chunk`) that a worker can read by itself; the corpus is never held in memory as a whole.
Every input ends up as a `RawArticle` or a `Reject` with a reason.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from newsquotes.records import InputLocation, RawArticle, Reject

ONE_ARTICLE_SUFFIXES = {".txt"}
LINE_RECORD_SUFFIXES = {".jsonl", ".ndjson"}
JSONL_KNOWN_FIELDS = {"id", "text", "title", "published_at", "url", "source"}


@dataclass(frozen=True)
class Piece:
    """Part of one input file: the whole file, or the lines [first_line, first_line + records)."""

    path: str
    root: str
    byte_start: int = 0
    byte_end: int | None = None
    first_line: int = 1
    records: int = 1


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
    chunks: list[Chunk] = []
    pending: list[Piece] = []
    pending_records = 0
    for path, root in discover(inputs):
        for piece in _pieces_of(path, root, batch_size):
            if pending_records + piece.records > batch_size and pending:
                chunks.append(Chunk(tuple(pending)))
                pending, pending_records = [], 0
            pending.append(piece)
            pending_records += piece.records
    if pending:
        chunks.append(Chunk(tuple(pending)))
    return chunks


def _pieces_of(path: Path, root: Path, batch_size: int) -> Iterator[Piece]:
    if path.suffix.lower() not in LINE_RECORD_SUFFIXES or not path.is_file():
        yield Piece(str(path), str(root))
        return
    start, line_no, first_line, records = 0, 0, 1, 0
    offset = 0
    with path.open("rb") as handle:
        for raw_line in handle:
            line_no += 1
            if records == 0:
                start, first_line = offset, line_no
            offset += len(raw_line)
            records += 1
            if records == batch_size:
                yield Piece(str(path), str(root), start, offset, first_line, records)
                records = 0
    if records:
        yield Piece(str(path), str(root), start, offset, first_line, records)
    if line_no == 0:
        yield Piece(str(path), str(root))  # an empty file is still an input to account for


def read_chunk(chunk: Chunk, max_file_bytes: int) -> list[RawArticle | Reject]:
    """Read every record of a chunk; unreadable input becomes a Reject, never an exception."""
    results: list[RawArticle | Reject] = []
    for piece in chunk.pieces:
        results.extend(read_piece(piece, max_file_bytes))
    return results


def read_piece(piece: Piece, max_file_bytes: int) -> Iterator[RawArticle | Reject]:
    path = Path(piece.path)
    relative = _relative(path, Path(piece.root))
    whole_file = InputLocation(path=piece.path, source_id=relative)
    try:
        size = path.stat().st_size
    except OSError as error:
        yield Reject(whole_file, "ingest", f"cannot read {piece.path}: {error.strerror or error}")
        return
    if size > max_file_bytes and piece.byte_end is None:
        yield Reject(
            whole_file, "ingest", f"file is {size} bytes, over the limit of {max_file_bytes}"
        )
        return
    suffix = path.suffix.lower()
    if suffix in LINE_RECORD_SUFFIXES:
        yield from _read_jsonl_lines(piece, relative)
    elif suffix in ONE_ARTICLE_SUFFIXES:
        yield _read_text_article(path.read_bytes(), whole_file)
    else:
        yield Reject(whole_file, "ingest", f"unsupported file type {suffix or '(no extension)'!r}")


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def decode_text(data: bytes) -> str:
    """Bytes as text, or ValueError with a reason a person understands."""
    if not data.strip():
        raise ValueError("empty file")
    if b"\x00" in data:
        raise ValueError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8 text (invalid byte at offset {error.start})") from None


def _read_text_article(data: bytes, location: InputLocation) -> RawArticle | Reject:
    try:
        text = decode_text(data)
    except ValueError as error:
        return Reject(location, "ingest", str(error))
    return parse_text_article(text, location)


_TIMESTAMP_LINE = re.compile(r"^(PUBLISHED|UPDATED)\s*:\s*(.+?)\s*$", re.MULTILINE)
_TIMESTAMP_FORMATS = ("%A, %d %B, %Y, %I:%M%p", "%d %B, %Y, %I:%M%p", "%A, %d %B %Y, %I:%M%p")


def parse_timestamp(value: str) -> datetime | None:
    """A timestamp in the seed's style ("Friday, 23 September, 2016, 9:00pm") or ISO 8601."""
    value = value.strip()
    for fmt in _TIMESTAMP_FORMATS:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=None) if parsed.tzinfo else parsed


def _paragraphs(text: str) -> list[str]:
    return [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]


def parse_text_article(text: str, location: InputLocation) -> RawArticle:
    """A `.txt` article: title line, optional standfirst and PUBLISHED/UPDATED lines, then body.

    Without timestamp lines, a short first paragraph is the title and the rest is the body.
    """
    stamps = {m.group(1): parse_timestamp(m.group(2)) for m in _TIMESTAMP_LINE.finditer(text)}
    header_end = max((m.end() for m in _TIMESTAMP_LINE.finditer(text)), default=None)
    if header_end is not None:
        header = _paragraphs(_TIMESTAMP_LINE.sub("", text[:header_end]))
        body = _paragraphs(text[header_end:])
        title = header[0] if header else None
        subtitle = "\n\n".join(header[1:]) or None
    else:
        paragraphs = _paragraphs(text)
        has_title = len(paragraphs) > 1 and "\n" not in paragraphs[0] and len(paragraphs[0]) <= 200
        title = paragraphs[0] if has_title else None
        body = paragraphs[1:] if has_title else paragraphs
        subtitle = None
    return RawArticle(
        location=location,
        text="\n\n".join(body),
        title=title,
        subtitle=subtitle,
        published_at=stamps.get("PUBLISHED"),
        updated_at=stamps.get("UPDATED"),
    )


def _read_jsonl_lines(piece: Piece, relative: str) -> Iterator[RawArticle | Reject]:
    with open(piece.path, "rb") as handle:
        handle.seek(piece.byte_start)
        data = (
            handle.read()
            if piece.byte_end is None
            else handle.read(piece.byte_end - piece.byte_start)
        )
    if not data.strip() and piece.byte_end is None:
        yield Reject(InputLocation(piece.path, relative), "ingest", "empty file")
        return
    for line_no, raw_line in enumerate(data.splitlines(), start=piece.first_line):
        if raw_line.strip():
            yield parse_jsonl_record(raw_line, piece.path, relative, line_no)


def parse_jsonl_record(
    raw_line: bytes, path: str, relative: str, line_no: int
) -> RawArticle | Reject:
    """One JSONL line as an article: `id` and `text` required; unknown fields go to metadata."""
    fallback = InputLocation(path, f"{relative}:{line_no}", line_no)
    try:
        record = json.loads(raw_line.decode("utf-8"))
    except UnicodeDecodeError as error:
        return Reject(
            fallback, "ingest", f"line {line_no}: not UTF-8 (invalid byte at {error.start})"
        )
    except json.JSONDecodeError as error:
        return Reject(fallback, "ingest", f"line {line_no}: malformed JSON ({error.msg})")
    if not isinstance(record, dict):
        return Reject(fallback, "ingest", f"line {line_no}: expected a JSON object")
    record_id = record.get("id")
    if record_id is None or str(record_id).strip() == "":
        return Reject(fallback, "ingest", f"line {line_no}: missing 'id'")
    location = InputLocation(path, str(record_id), line_no, key=f"{relative}#{record_id}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return Reject(location, "ingest", f"line {line_no}: missing or empty 'text'")
    published_raw = record.get("published_at")
    published = parse_timestamp(str(published_raw)) if published_raw else None
    metadata = {k: v for k, v in record.items() if k not in JSONL_KNOWN_FIELDS}
    if published_raw and published is None:
        metadata["published_at_unparsed"] = published_raw
    return RawArticle(
        location=location,
        text=text,
        title=_optional_str(record.get("title")),
        published_at=published,
        url=_optional_str(record.get("url")),
        source=_optional_str(record.get("source")),
        metadata=metadata,
    )


def _optional_str(value: object) -> str | None:
    return str(value) if value not in (None, "") else None
