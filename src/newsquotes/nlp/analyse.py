"""Analyse: parse a batch of cleaned articles with spaCy and turn each into table rows."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from newsquotes.entities.extract import entity_rows, extract_entities, mention_rows
from newsquotes.names import shrink_name_caches
from newsquotes.nlp.model import load_model, parse
from newsquotes.quotes.coref import person_genders
from newsquotes.quotes.extract import extract_quotes
from newsquotes.records import Article, Duplicate, Reject, TableRows, wall_clock_and_offset


def standard_json(value: dict) -> str:
    """JSON every reader accepts: NaN and Infinity from an input record become null."""
    return json.dumps(
        _finite(value), ensure_ascii=False, sort_keys=True, default=str, allow_nan=False
    )


def _finite(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value


def article_row(article: Article) -> dict:
    """The `articles` row; timestamps split into wall-clock time and stated UTC offset."""
    published_at, published_offset = wall_clock_and_offset(article.published_at)
    updated_at, updated_offset = wall_clock_and_offset(article.updated_at)
    return {
        "article_id": article.article_id,
        "source_id": article.location.source_id,
        "title": article.title,
        "subtitle": article.subtitle,
        "text": article.text,
        "published_at": published_at,
        "updated_at": updated_at,
        "url": article.url,
        "source": article.source,
        "word_count": len(article.text.split()),
        "content_hash": article.content_hash,
        "input_path": article.location.path,
        "input_line": article.location.line,
        "metadata": standard_json(article.metadata),
        "authors": article.authors,
        "language": article.language,
        "dateline": article.dateline,
        "published_utc_offset": published_offset,
        "updated_utc_offset": updated_offset,
        "input_format": article.input_format,
        "input_byte_offset": article.location.byte_offset,
    }


def analyse_batch(items: list[Article | Reject], model: str, gender: bool = True) -> TableRows:
    """Rows of every table for one batch; rejects pass through, articles are parsed once.

    `gender`: record what each article says of its people's gender (honorifics, pronouns).
    """
    articles, duplicates = _split_repeats(item for item in items if isinstance(item, Article))
    rejects = [item for item in items if isinstance(item, Reject)] + duplicates
    rows = TableRows(rejects=[reject.row() for reject in rejects])
    rows.duplicates = [item.row() for item in items if isinstance(item, Duplicate)]
    if not articles:
        return rows  # the model is not even loaded
    nlp = load_model(model)
    articles, too_long = _parseable(articles, nlp.max_length)
    rows.rejects.extend(reject.row() for reject in too_long)
    # Strings the batch adds to the model's vocabulary are freed after it, so a worker's
    # memory stays flat over a long run; rows hold plain Python values only.
    with nlp.memory_zone():
        for article, doc in zip(articles, parse((a.text for a in articles), model), strict=True):
            try:
                rows.extend(_article_rows(article, doc, nlp, gender))
            except Exception as error:  # one article's failure must not fail its batch
                reason = f"extraction failed: {type(error).__name__}: {error}"
                rows.rejects.append(Reject(article.location, "analyse", reason).row())
    shrink_name_caches()  # like the strings above: a worker's memory stays flat
    return rows


def _article_rows(article: Article, doc: Doc, nlp: Language, gender: bool) -> TableRows:
    """The rows of one parsed article, built apart so that none are kept if one fails."""
    article_id = article.article_id
    entities = extract_entities(doc, article_id, nlp)
    genders = person_genders(doc, entities) if gender else {}
    return TableRows(
        articles=[article_row(article)],
        mentions=mention_rows(entities, article_id),
        entities=entity_rows(entities, article_id, genders),
        quotes=extract_quotes(doc, entities, article_id),
    )


def _parseable(articles: list[Article], max_length: int) -> tuple[list[Article], list[Reject]]:
    """Articles the model parses, and a Reject for each longer than its `max_length`.

    Cleaning rejects texts over spaCy's default limit; a model configured lower still must
    not fail the batch.
    """
    parseable = [article for article in articles if len(article.text) <= max_length]
    rejects = [
        Reject.too_long(article.location, "analyse", len(article.text), max_length)
        for article in articles
        if len(article.text) > max_length
    ]
    return parseable, rejects


def _split_repeats(articles: Iterable[Article]) -> tuple[list[Article], list[Reject]]:
    """Articles with distinct ids, and a Reject for each later record repeating an id."""
    seen: dict[str, Article] = {}
    repeats = []
    for article in articles:
        first = seen.setdefault(article.article_id, article)
        if first is not article:
            where = f"line {first.location.line}" if first.location.line else first.location.path
            reason = f"repeats id {article.location.source_id!r} already read at {where}"
            repeats.append(Reject(article.location, "ingest", reason))
    return list(seen.values()), repeats
