"""Clean: turn a raw article into the final text that every offset refers to.

Steps, in order: repair the characters (mojibake, NFC, control characters, odd spaces);
split into paragraphs, re-joining hard-wrapped lines (wire copy wrapped at ~70 columns);
drop in-body boilerplate (see `boilerplate`); move a leading byline and dateline into
fields.
Paragraphs are separated by one blank line. Typographic quote marks are kept: quote
extraction needs them. Non-English articles become rejects (see `language`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Collection
from dataclasses import fields as dataclass_fields
from typing import NamedTuple

from newsquotes.clean import boilerplate, language
from newsquotes.names import normalise
from newsquotes.records import Article, RawArticle, Reject
from newsquotes.settings import MAX_TEXT_CHARS

_INLINE_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n")
# C0/C1 controls except tab and newline, zero-width characters, BOM, soft hyphen.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\u00ad]")
_MOJIBAKE_HINT = re.compile(
    r"[ÃÂâÅÐÑ][\x80-\xbf\u0152-\u0178\u02c6-\u02dc\u2013-\u203a\u20ac\u2122]"
)
_INDENTED = re.compile(r"^(?: {2,}|\t)\S")
_BYLINE = re.compile(
    r"By\s+(?P<names>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
    r"(?:\s*(?:,|\band\b|&)\s*[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})*)"
    r"(?:\s*[,|/–—-]\s*[\w .'’-]{0,40})?"
)
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]+){0,3}"
    r"(?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2})?"
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?)"
    r"\s*(?:\((?P<agency>[A-Za-z ]{2,20})\))?\s*[-–—]{1,2}\s+"
)
_CREDIT = re.compile(r"\(([A-Za-z ]{2,20})\)")
_SENTENCE_END = re.compile(r"[.!?:\"”’]\s*$")
_WRAP_WIDTH = 100  # wire copy is wrapped well below this


def repair_text(text: str) -> str:
    """Text with mojibake fixed, NFC, Unix newlines, no invisible characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii() and _MOJIBAKE_HINT.search(text):
        import ftfy

        text = ftfy.fix_text(
            text, uncurl_quotes=False, fix_latin_ligatures=False, normalization=None
        )
    text = _INVISIBLE.sub("", text)
    return unicodedata.normalize("NFC", text)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs (blank-line separated), hard-wrapped lines re-joined, inner spaces normalised.

    A paragraph whose lines are all short enough to be wire copy and mostly long (wrapped
    near a fixed width) is joined into one line; an indented line starts a new paragraph, as
    in Reuters copy. Other line breaks (verse, lists, a pull quote and its speaker) are kept.
    """
    paragraphs = []
    for block in _PARAGRAPH_BREAK.split(text):
        lines = [line.rstrip() for line in block.split("\n") if line.strip()]
        for group in _unwrap(lines):
            cleaned = "\n".join(_INLINE_SPACE.sub(" ", line).strip() for line in group)
            if cleaned:
                paragraphs.append(cleaned)
    return paragraphs


def _unwrap(lines: list[str]) -> list[list[str]]:
    """Groups of lines, each one paragraph; a wrapped group becomes a single joined line."""
    if len(lines) < 2 or not _looks_wrapped(lines):
        return [lines] if lines else []
    groups: list[list[str]] = []
    for line in lines:
        if not groups or _INDENTED.match(line):
            groups.append([])
        groups[-1].append(line.strip())
    return [[" ".join(group)] for group in groups]


def _looks_wrapped(lines: list[str]) -> bool:
    lengths = [len(line.strip()) for line in lines]
    longest = max(lengths)
    if longest > _WRAP_WIDTH or longest < 40:
        return False
    # Lines that end a wrapped paragraph may be short; the others fill most of the width.
    # Two lines are a wrapped paragraph only if the second ends it like a sentence; otherwise
    # they may be a pull quote and its speaker, or a headline and a standfirst.
    if len(lines) == 2 and not _SENTENCE_END.search(lines[1]):
        return False
    full = sum(1 for length in lengths if length >= 0.6 * longest)
    return full >= max(2, len(lines) // 2) and any(
        not _SENTENCE_END.search(line) for line in lines[:-1]
    )


def take_byline(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """A leading "By Jane Smith and John Doe" paragraph moved out: (paragraphs, authors)."""
    if paragraphs:
        match = _BYLINE.fullmatch(paragraphs[0])
        if match and len(paragraphs[0].split()) <= 15:
            names = re.split(r"\s*(?:,|\band\b|&)\s*", match.group("names"))
            return paragraphs[1:], "; ".join(name for name in names if name)
    return paragraphs, None


def take_dateline(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """A leading "WASHINGTON (Reuters) - " moved out of the first paragraph: (paragraphs, it)."""
    if paragraphs:
        match = _DATELINE.match(paragraphs[0])
        if match and len(paragraphs[0]) > match.end():
            rest = paragraphs[0][match.end() :]
            return [rest, *paragraphs[1:]], match.group(0).strip().rstrip("-–— ").strip()
    return paragraphs, None


def normalise_text(text: str) -> str:
    """Repaired text with paragraphs separated by a blank line (no boilerplate removal)."""
    return "\n\n".join(split_paragraphs(repair_text(text)))


class Body(NamedTuple):
    """A cleaned body and what cleaning moved out of it or found in what it dropped."""

    text: str
    authors: str | None
    dateline: str | None
    wire: str | None  # the agency a dateline credit or a closing sign-off names


def clean_body(text: str, plain_text: bool = True, title: str | None = None) -> Body:
    """The cleaned body and what was moved out of it.

    `plain_text` inputs (not web pages) also lose pull quotes and related-article headlines
    standing alone between paragraphs, and a first paragraph that repeats the `title` (a
    feed that puts the headline in the text too); in a web page the extractor judged those
    from markup.
    """
    repaired = repair_text(text)
    signoff = boilerplate.wire_signoff([repaired.strip()])  # before a table re-joins it
    paragraphs = split_paragraphs(repaired)
    if plain_text and title and paragraphs and normalise(paragraphs[0]) == normalise(title):
        paragraphs = paragraphs[1:]
    paragraphs = boilerplate.drop_boilerplate_lines(paragraphs)
    if plain_text:
        paragraphs = boilerplate.drop_pull_quotes(paragraphs)
        paragraphs = boilerplate.drop_related_headlines(paragraphs)
    paragraphs = boilerplate.drop_wire_signoff(paragraphs)
    paragraphs, authors = take_byline(paragraphs)
    paragraphs, dateline = take_dateline(paragraphs)
    return Body("\n\n".join(paragraphs), authors, dateline, wire_credit(dateline) or signoff)


def wire_credit(dateline: str | None) -> str | None:
    """The agency a dateline credits: "LONDON (Reuters)" -> Reuters."""
    credit = _CREDIT.search(dateline or "")
    return boilerplate.agency(credit.group(1)) if credit else None


def _clean_field(value: str | None) -> str | None:
    if value is None:
        return None
    cleaned = normalise_text(value)
    return cleaned or None


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def clean_article(
    raw: RawArticle, languages: Collection[str] = language.DEFAULT_LANGUAGES
) -> Article | Reject:
    """The cleaned article, or a Reject when no body text is left, it is longer than the
    model parses (MAX_TEXT_CHARS) or it is in another language. An article whose input
    names no source gets the news agency its dateline credits or its sign-off names."""
    if len(raw.text) > 2 * MAX_TEXT_CHARS:  # not worth cleaning: it cannot get short enough
        return Reject.too_long(raw.location, "clean", len(raw.text), MAX_TEXT_CHARS)
    plain_text = raw.input_format != "html"
    text, authors, dateline, wire = clean_body(raw.text, plain_text, raw.title)
    if not text:
        return Reject(raw.location, "clean", "no article text left after cleaning")
    if len(text) > MAX_TEXT_CHARS:
        return Reject.too_long(raw.location, "clean", len(text), MAX_TEXT_CHARS)
    detected = language.detect(text)
    if detected and detected.code not in languages:
        reason = (
            f"language is {detected.name} ({detected.code}, confidence {detected.confidence:.2f}); "
            f"configured: {', '.join(sorted(languages))}"
        )
        return Reject(raw.location, "clean", reason, language=detected.code)
    fields = {field.name: getattr(raw, field.name) for field in dataclass_fields(raw)} | {
        "text": text,
        "title": _clean_field(raw.title),
        "subtitle": _clean_field(raw.subtitle),
        "authors": _clean_field(raw.authors) or authors,
        "dateline": _clean_field((raw.dateline or "").rstrip("-–— ")) or dateline,
        "language": detected.code if detected else raw.language,
        "source": raw.source or wire_credit(raw.dateline) or wire,
    }
    return Article(**fields, content_hash=content_hash(text))


def clean_batch(
    items: list[RawArticle | Reject], languages: Collection[str] = language.DEFAULT_LANGUAGES
) -> list[Article | Reject]:
    return [item if isinstance(item, Reject) else clean_article(item, languages) for item in items]
