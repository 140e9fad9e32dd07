"""`newsquotes eval quotes`: run the pipeline stages on a PolNeAR-format gold file and score them.

Each gold article goes through clean -> nlp -> entities -> quotes exactly as in a run; the
predicted offsets, which refer to the cleaned text, are mapped back to the gold text before
scoring with `quote_scorer`.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from newsquotes.clean import clean_article
from newsquotes.entities import extract_entities
from newsquotes.evaluation.quote_scorer import SUBSETS, GoldItem, Prediction, Scores, score_document
from newsquotes.nlp import parse
from newsquotes.quotes import extract_quotes
from newsquotes.records import Article, InputLocation, RawArticle


@dataclass(frozen=True)
class GoldDocument:
    doc_id: str
    text: str
    items: list[GoldItem]


def _spans(spans: list[dict]) -> tuple[tuple[int, int], ...]:
    return tuple((span["start"], span["end"]) for span in spans)


def load_gold(path: Path) -> list[GoldDocument]:
    """Gold articles of a PolNeAR-format JSONL file (one article a line)."""
    documents = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                items = [
                    GoldItem(
                        contents=_spans(quote["contents"]),
                        sources=_spans(quote["sources"]),
                        cue_text=" ".join(span["text"] for span in quote["cue"]),
                    )
                    for quote in record["quotes"]
                ]
                documents.append(GoldDocument(str(record["doc_id"]), record["text"], items))
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(f"{path}:{number}: not a PolNeAR gold record ({error})") from None
    return documents


def offset_map(original: str, cleaned: str) -> list[int]:
    """For each index of `cleaned`, the index of the same character in `original`.

    Cleaning only drops or collapses whitespace and composes characters (NFC), so the
    non-space characters of both texts align in order.
    """
    mapping, j = [], 0
    for char in cleaned:
        while j < len(original) and original[j] != char and original[j].isspace():
            j += 1
        mapping.append(min(j, len(original)))
        if j < len(original) and original[j] == char:
            j += 1
        elif not char.isspace():
            j += next(
                (
                    k
                    for k in range(1, 4)
                    if unicodedata.normalize("NFC", original[j : j + k]) == char
                ),
                1,
            )
    return mapping


def _to_original(mapping: list[int], start: int, end: int) -> tuple[int, int]:
    return mapping[start], mapping[end - 1] + 1


def predictions_for(row: dict, mapping: list[int]) -> Prediction:
    start, end = _to_original(mapping, row["start"], row["end"])
    speaker_start = speaker_end = None
    if row["speaker_start"] is not None:
        speaker_start, speaker_end = _to_original(mapping, row["speaker_start"], row["speaker_end"])
    return Prediction(start, end, row["kind"], speaker_start, speaker_end, row["speaker_name"])


def cleaned_articles(path: Path, documents: list[GoldDocument]) -> Iterator[Article]:
    for number, document in enumerate(documents, 1):
        location = InputLocation(path=str(path), source_id=document.doc_id, line=number)
        article = clean_article(RawArticle(location=location, text=document.text))
        if not isinstance(article, Article):
            raise ValueError(f"{path}: gold article {document.doc_id!r}: {article.reason}")
        yield article


def predict(article: Article, doc: Doc) -> list[dict]:
    """The pipeline's quote rows for one parsed article."""
    return extract_quotes(doc, extract_entities(doc, article.article_id), article.article_id)


def evaluate(path: Path, model: str, limit: int | None = None) -> Scores:
    """Scores of the pipeline on the gold file `path` (its first `limit` articles)."""
    documents = load_gold(path)[:limit]
    articles = list(cleaned_articles(path, documents))
    scores = Scores()
    docs = parse((a.text for a in articles), model)
    for document, article, doc in zip(documents, articles, docs, strict=True):
        mapping = offset_map(document.text, article.text)
        rows = [row for row in predict(article, doc) if row.get("parent_quote_id") is None]
        predicted = [predictions_for(row, mapping) for row in rows]
        scores.add(score_document(document.text, document.items, predicted))
    return scores


def format_scores(scores: Scores) -> str:
    columns = ("gold", "pred", "P", "R", "F1", "exact", "speaker")
    lines = [f"{'subset':8} " + " ".join(f"{c:>6}" for c in columns)]
    for name in SUBSETS:
        c = scores.subsets[name]
        lines.append(
            f"{name:8} {c.gold:6d} {c.predicted:6d} {c.precision:6.3f} {c.recall:6.3f} "
            f"{c.f1:6.3f} {c.exact_share:6.3f} {c.speaker_accuracy:6.3f}"
        )
    return "\n".join(lines)


def add_command(evaluations) -> None:
    """Register `newsquotes eval quotes` on the CLI's `eval` subparsers."""
    command = evaluations.add_parser("quotes", help="quotes and speakers against PolNeAR gold")
    command.add_argument("--gold", required=True, type=Path, help="PolNeAR-format JSONL file")
    command.add_argument("--model", help="spaCy model name (default: $NEWSQUOTES_MODEL)")
    command.add_argument("--limit", type=int, help="score only the first N articles")
    command.set_defaults(handler=run_command)


def run_command(args) -> int:
    from newsquotes.settings import Settings

    if not args.gold.is_file():
        print(f"newsquotes: gold file not found: {args.gold}", file=sys.stderr)
        return 2
    try:
        scores = evaluate(args.gold, args.model or Settings().model, args.limit)
    except ValueError as error:
        print(f"newsquotes: {error}", file=sys.stderr)
        return 1
    print(f"{args.gold}\n{format_scores(scores)}")
    return 0
