"""Readers: one decoded input (a text file, a web page, a JSON line, a CSV row) -> RawArticle.

Each reader returns a `RawArticle`, or a `Reject` naming the input and the reason; none
raises on bad content. Formats are chosen by name and confirmed by content (`sniff`).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping

from newsquotes.ingest import feeds, webpage
from newsquotes.ingest.authors import author_names
from newsquotes.ingest.fields import FieldMap, join_authors, parse_timestamp
from newsquotes.records import InputLocation, RawArticle, Reject

TEXT, HTML, JSONL, CSV, WARC, FEED = "txt", "html", "jsonl", "csv", "warc", "feed"
SUFFIX_FORMATS = {
    ".txt": TEXT,
    ".text": TEXT,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
    ".csv": CSV,
    ".warc": WARC,
    ".rss": FEED,
    ".atom": FEED,
}
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)


def format_by_name(name: str) -> str | None:
    """The format a file name says (".csv.gz" is CSV), or None."""
    lowered = name.lower()
    if lowered.endswith(".gz"):
        lowered = lowered[:-3]
    for suffix, fmt in SUFFIX_FORMATS.items():
        if lowered.endswith(suffix):
            return fmt
    return None


def sniff(head: bytes) -> str | None:
    """The format the content shows (HTML markup, a feed, JSON objects per line), or None."""
    if feeds.looks_like_feed(head):
        return FEED
    if _HTML_START.match(head.removeprefix(b"\xef\xbb\xbf")):
        return HTML
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0].strip()
    if first.startswith(b"{") and first.endswith(b"}"):
        try:
            json.loads(first)
        except ValueError:
            return None
        return JSONL
    return None


# --- .txt ------------------------------------------------------------------------------------

_TIMESTAMP_LINE = re.compile(r"^(PUBLISHED|UPDATED)\s*:\s*(.+?)\s*$", re.MULTILINE)


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


# --- .html -----------------------------------------------------------------------------------


def parse_html_article(html: str, location: InputLocation) -> RawArticle | Reject:
    """A saved web page: main text and metadata by trafilatura (see `webpage`)."""
    page = webpage.extract_page(html)
    if page is None or not page.text.strip():
        return Reject(location, "ingest", "web page has no article text (no main content found)")
    return RawArticle(
        location=location,
        text=page.text,
        title=page.title,
        subtitle=page.description,
        published_at=parse_timestamp(page.date),
        url=page.url,
        source=page.sitename,
        authors=author_names(page.authors, page.sitename),
        language=page.language,
    )


# --- records (JSONL, CSV) ------------------------------------------------------------------


def parse_json_line(
    raw_line: bytes, fields: FieldMap, location: InputLocation, relative: str
) -> RawArticle | Reject:
    """One JSONL line of the file `relative` (to its input root); rejects name the line."""
    line_no = location.line
    try:
        record = json.loads(raw_line.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        return Reject(
            location, "ingest", f"line {line_no}: not UTF-8 (invalid byte at {error.start})"
        )
    except json.JSONDecodeError as error:
        return Reject(location, "ingest", f"line {line_no}: malformed JSON ({error.msg})")
    except RecursionError:
        return Reject(location, "ingest", f"line {line_no}: JSON nested too deeply")
    if not isinstance(record, dict):
        return Reject(location, "ingest", f"line {line_no}: expected a JSON object")
    return record_article(record, fields, location, relative, f"line {line_no}")


def record_article(
    record: Mapping[str, object],
    fields: FieldMap,
    location: InputLocation,
    relative: str,
    where: str,
) -> RawArticle | Reject:
    """A record (JSON object or CSV row) as an article, through the field mapping.

    Its identity across runs is the file (relative to its input root) and the record's id.
    """
    mapped = fields.resolve(record.keys())
    record_id = record.get(mapped["id"]) if "id" in mapped else None
    if isinstance(record_id, float) and not math.isfinite(record_id):
        record_id = None  # "id": NaN is no id (it used to become the id "nan")
    if record_id is None or str(record_id).strip() == "":
        return Reject(location, "ingest", f"{where}: missing {fields.describe('id')}")
    location = InputLocation(
        location.path,
        str(record_id),
        location.line,
        key=f"{relative}#{record_id}",
        byte_offset=location.byte_offset,
    )
    text = record.get(mapped["text"]) if "text" in mapped else None
    if not isinstance(text, str) or not text.strip():
        return Reject(location, "ingest", f"{where}: missing or empty {fields.describe('text')}")
    value = {name: record.get(source) for name, source in mapped.items()}
    metadata = {k: v for k, v in record.items() if k not in set(mapped.values())}
    stamps = {}
    for name in ("published_at", "updated_at"):
        stamps[name] = parse_timestamp(value.get(name))
        if value.get(name) not in (None, "") and stamps[name] is None:
            metadata[f"{name}_unparsed"] = value[name]
    return RawArticle(
        location=location,
        text=text,
        title=_optional_str(value.get("title")),
        subtitle=_optional_str(value.get("subtitle")),
        published_at=stamps["published_at"],
        updated_at=stamps["updated_at"],
        url=_optional_str(value.get("url")),
        source=_optional_str(value.get("source")),
        metadata=metadata,
        authors=join_authors(value.get("authors")),
        language=_optional_str(value.get("language")),
        dateline=_optional_str(value.get("dateline")),
    )


def _optional_str(value: object) -> str | None:
    if value in (None, "") or isinstance(value, dict | list):
        return None
    return str(value).strip() or None
