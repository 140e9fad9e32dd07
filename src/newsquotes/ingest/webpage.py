"""Saved web pages: main text and metadata with trafilatura, not hand-written boilerplate rules.

trafilatura is run in precision mode (it keeps less navigation); when that drops most of
what its default mode keeps (a page whose article it could not single out), the default
mode's text is used instead. The headline is a field of its own, so a line repeating it
is dropped from the body. Measured on 181 real pages: `newsquotes eval clean`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura
from trafilatura.settings import set_date_params

# Below this share of the default mode's text, precision mode lost the article.
PRECISION_KEEPS_AT_LEAST = 0.5
# Fewer words than this are a menu or a cookie notice, not an article.
MIN_WORDS = 10
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Page:
    text: str  # paragraphs separated by blank lines
    title: str | None = None
    description: str | None = None
    authors: str | None = None  # "; "-separated
    date: str | None = None  # ISO 8601 as htmldate found it: date, or time with zone
    url: str | None = None
    sitename: str | None = None
    language: str | None = None  # as declared by the page


def _date_parameters() -> dict:
    """htmldate settings: trafilatura's defaults, with the time and zone when the page has them."""
    return set_date_params(extensive=True) | {"outputformat": "%Y-%m-%dT%H:%M:%S%z"}


def _extract(html: str, **options):
    try:
        return trafilatura.bare_extraction(
            html,
            include_comments=False,
            with_metadata=True,
            date_extraction_params=_date_parameters(),
            **options,
        )
    except (ValueError, TypeError, AttributeError, RecursionError):
        return None  # lxml and trafilatura fail on some malformed documents


def main_text(html: str) -> tuple[str, object | None]:
    """(main text, trafilatura document of the chosen mode), '' when there is none."""
    precise = _extract(html, favor_precision=True)
    default = _extract(html)
    precise_text = (precise.text or "") if precise else ""
    default_text = (default.text or "") if default else ""
    if len(precise_text) < PRECISION_KEEPS_AT_LEAST * len(default_text):
        return default_text, default
    return precise_text, precise or default


def _words(text: str | None) -> str:
    return " ".join(_WORD.findall((text or "").lower()))


def without_title(text: str, title: str | None) -> str:
    """The body without lines that only repeat the headline."""
    heading = _words(title)
    if not heading:
        return text
    return "\n".join(line for line in text.split("\n") if _words(line) != heading)


def _date_or_time(value: str | None) -> str | None:
    """htmldate writes a date-only page as midnight; keep it a date rather than invent a time."""
    if not value:
        return None
    return value.removesuffix("T00:00:00")


def extract_page(html: str) -> Page | None:
    """The page's article, or None when trafilatura finds no main content (or a scrap)."""
    text, document = main_text(html)
    if document is None or len(text.split()) < MIN_WORDS:
        return None
    title = document.title or None
    body = without_title(text, title)
    return Page(
        text="\n\n".join(line for line in body.split("\n") if line.strip()),
        title=title,
        description=document.description or None,
        authors=document.author or None,
        date=_date_or_time(document.date),
        url=document.url or None,
        sitename=document.sitename or document.hostname or None,
        language=document.language or None,
    )
