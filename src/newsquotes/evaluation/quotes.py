"""`newsquotes eval quotes`: run the pipeline stages on a PolNeAR-format gold file and score them.

Each gold article goes through clean -> nlp -> entities -> quotes exactly as in a run; the
predicted offsets, which refer to the cleaned text, are mapped back to the gold text before
scoring with `quote_scorer`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from spacy.tokens import Doc

from newsquotes.clean.article import clean_article
from newsquotes.entities.extract import extract_entities
from newsquotes.evaluation.gold import read_gold
from newsquotes.evaluation.quote_errors import document_errors
from newsquotes.evaluation.quote_scorer import SUBSETS, GoldItem, Prediction, Scores, score_document
from newsquotes.evaluation.texts import text_from
from newsquotes.nlp.model import load_model, parse
from newsquotes.quotes.extract import extract_quotes
from newsquotes.records import Article, InputLocation, RawArticle
from newsquotes.settings import PROJECT_ROOT

SHARED = PROJECT_ROOT.parent / "shared"  # where "text_from" texts are read by default


@dataclass(frozen=True)
class GoldDocument:
    doc_id: str
    text: str
    items: list[GoldItem]


def _spans(spans: list[dict]) -> tuple[tuple[int, int], ...]:
    return tuple((span["start"], span["end"]) for span in spans)


def _cue_text(span: dict, text: str) -> str:
    """A cue span's words: its "text", or the text at its offsets (offsets-only gold)."""
    return span["text"] if "text" in span else text[span["start"] : span["end"]]


def load_gold(path: Path, shared: Path | None = None) -> list[GoldDocument]:
    """Gold articles of a PolNeAR-format JSONL file (one article a line).

    A record without "text" names it in "text_from" ({"corpus", "id"}), read from `shared`
    (`evaluation.texts`); its cue spans may then give offsets only.
    """

    def document(record: dict, _line: int) -> GoldDocument:
        text = record.get("text")
        if text is None:
            text = text_from(record["text_from"], shared or SHARED)
        items = [
            GoldItem(
                contents=_spans(quote["contents"]),
                sources=_spans(quote["sources"]),
                cue_text=" ".join(_cue_text(span, text) for span in quote["cue"]),
            )
            for quote in record["quotes"]
        ]
        return GoldDocument(str(record["doc_id"]), text, items)

    return list(read_gold(path, "a PolNeAR gold record", document))


def offset_map(original: str, cleaned: str) -> list[int]:
    """For each index of `cleaned`, the index of the same character in `original`.

    Cleaning collapses whitespace, repairs characters and drops boilerplate paragraphs, so
    the non-space characters of both texts are aligned (difflib) and every other position
    maps just after the last aligned character before it.
    """
    original_at = [i for i, char in enumerate(original) if not char.isspace()]
    cleaned_at = [i for i, char in enumerate(cleaned) if not char.isspace()]
    matcher = SequenceMatcher(
        None,
        "".join(original[i] for i in original_at),
        "".join(cleaned[i] for i in cleaned_at),
        autojunk=False,
    )
    aligned: dict[int, int] = {}
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            aligned[cleaned_at[b + k]] = original_at[a + k]
    mapping, following = [], 0
    for index in range(len(cleaned)):
        if index in aligned:
            following = aligned[index] + 1
            mapping.append(aligned[index])
        else:
            mapping.append(min(following, len(original)))
    return mapping


def _to_original(mapping: list[int], start: int, end: int) -> tuple[int, int]:
    return mapping[start], mapping[end - 1] + 1


def predictions_for(row: dict, mapping: list[int]) -> Prediction:
    start, end = _to_original(mapping, row["start"], row["end"])
    speaker_start = speaker_end = None
    if row["speaker_start"] is not None:
        speaker_start, speaker_end = _to_original(mapping, row["speaker_start"], row["speaker_end"])
    return Prediction(start, end, row["kind"], speaker_start, speaker_end, row["speaker_name"])


def cleaned_articles(path: Path, documents: list[GoldDocument]) -> Iterator[Article | None]:
    """Each gold article as the clean stage leaves it; None when it rejects the article."""
    for number, document in enumerate(documents, 1):
        location = InputLocation(path=str(path), source_id=document.doc_id, line=number)
        article = clean_article(RawArticle(location=location, text=document.text))
        yield article if isinstance(article, Article) else None


def predict(article: Article, doc: Doc, model: str) -> list[dict]:
    """The pipeline's quote rows for one parsed article, as `analyse` makes them."""
    entities = extract_entities(doc, article.article_id, load_model(model))
    return extract_quotes(doc, entities, article.article_id)


def evaluate(
    path: Path,
    model: str,
    limit: int | None = None,
    shared: Path | None = None,
    dump: Path | None = None,
) -> Scores:
    """Scores of the pipeline on the gold file `path` (its first `limit` articles); with
    `dump`, its errors written there as JSONL (`quote_errors`).

    An article the clean stage rejects keeps its gold items, with no predictions.
    """
    documents = load_gold(path, shared)[:limit]
    articles = list(cleaned_articles(path, documents))
    docs = parse((a.text for a in articles if a is not None), model)
    scores = Scores()
    errors = []
    for document, article in zip(documents, articles, strict=True):
        outer, predicted = [], []
        if article is not None:
            mapping = offset_map(document.text, article.text)
            rows = predict(article, next(docs), model)
            outer = [row for row in rows if row.get("parent_quote_id") is None]
            predicted = [predictions_for(row, mapping) for row in outer]
        scores.add(score_document(document.text, document.items, predicted))
        if dump is not None:
            errors += document_errors(
                document.doc_id, document.text, document.items, predicted, outer
            )
    if dump is not None:
        dump.write_text("".join(json.dumps(error, ensure_ascii=False) + "\n" for error in errors))
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


def run_command(args) -> int:
    from newsquotes.settings import Settings

    if not args.gold.is_file():
        print(f"newsquotes: gold file not found: {args.gold}", file=sys.stderr)
        return 2
    try:
        scores = evaluate(
            args.gold, args.model or Settings().model, args.limit, args.texts, args.dump
        )
    except ValueError as error:
        print(f"newsquotes: {error}", file=sys.stderr)
        return 1
    print(f"{args.gold}\n{format_scores(scores)}")
    return 0
