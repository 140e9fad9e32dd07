"""Clean: raw articles to the final text every offset refers to; languages and duplicates."""

from newsquotes.clean.article import (
    clean_article,
    clean_batch,
    clean_body,
    content_hash,
    normalise_text,
)
from newsquotes.clean.duplicates import DuplicateIndex, near_signatures
from newsquotes.clean.language import parse_languages

__all__ = [
    "DuplicateIndex",
    "clean_article",
    "clean_batch",
    "clean_body",
    "content_hash",
    "near_signatures",
    "normalise_text",
    "parse_languages",
]
