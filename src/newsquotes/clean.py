"""Clean: turn a raw article into the final text that every offset refers to.

Cleaning normalises Unicode (NFC) and whitespace and keeps paragraphs separated by one
blank line. Typographic quote marks are kept: quote extraction needs them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict

from newsquotes.records import Article, RawArticle, Reject

_INLINE_SPACE = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def normalise_text(text: str) -> str:
    """NFC, one space between words, paragraphs separated by a blank line, lines kept."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs = []
    for block in _PARAGRAPH_BREAK.split(text):
        lines = [_INLINE_SPACE.sub(" ", line).strip() for line in block.split("\n")]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def _clean_field(value: str | None) -> str | None:
    if value is None:
        return None
    cleaned = normalise_text(value)
    return cleaned or None


def clean_article(raw: RawArticle) -> Article | Reject:
    """The cleaned article, or a Reject when no body text is left."""
    text = normalise_text(raw.text)
    if not text:
        return Reject(raw.location, "clean", "no article text left after cleaning")
    fields = asdict(raw) | {
        "location": raw.location,
        "text": text,
        "title": _clean_field(raw.title),
        "subtitle": _clean_field(raw.subtitle),
    }
    return Article(**fields, content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest())


def clean_batch(items: list[RawArticle | Reject]) -> list[Article | Reject]:
    return [item if isinstance(item, Reject) else clean_article(item) for item in items]
