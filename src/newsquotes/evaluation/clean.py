"""`newsquotes eval clean`: main-text extraction scored like the article-extraction benchmark.

The metric is the benchmark's: texts become lists of word tokens (`\\w+`), then counts of
token 4-grams (shingles); per page, true/false positives and false negatives are the
shingle count overlaps, normalised by their sum so long pages weigh no more than short
ones; precision and recall are averaged over pages and F1 is computed from the averages.
Plain trafilatura is scored in the same run as the baseline the pipeline must not fall below.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from newsquotes.clean.article import clean_body
from newsquotes.ingest import decode
from newsquotes.ingest.webpage import extract_page

SHINGLE = 4
PAGE_SUFFIXES = (".html.gz", ".htm.gz", ".html", ".htm")


def shingles(text: str, n: int = SHINGLE) -> Counter:
    tokens = re.findall(r"\w+", text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def page_counts(gold: str, predicted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) of shingles on one page, normalised to sum to 1 (all 0 for two empties)."""
    expected, found = shingles(gold), shingles(predicted)
    expected.pop((), None)
    found.pop((), None)
    tp = sum((expected & found).values())
    fp = sum((found - expected).values())
    fn = sum((expected - found).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    pages: int


def summarise(counts: list[tuple[float, float, float]]) -> Scores:
    """Page-averaged precision and recall, and F1 from them (the benchmark's definition)."""
    precisions = [_ratio(tp, fp, fn, fp) for tp, fp, fn in counts if tp + fp > 0]
    recalls = [_ratio(tp, fp, fn, fn) for tp, fp, fn in counts if tp + fn > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, len(counts))


def _ratio(tp: float, fp: float, fn: float, error: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + error) if tp + error else 0.0


def pipeline_text(html: str) -> str:
    """The article as the pipeline keeps it: extraction, cleaning; the dateline in front.

    Cleaning moves a leading dateline ("WASHINGTON (AP) —") into its own field; the gold
    counts it as article text, so it is scored with the body rather than as lost.
    """
    page = extract_page(html)
    if page is None:
        return ""
    body, _, dateline, _ = clean_body(page.text, plain_text=False)
    return f"{dateline} — {body}" if dateline else body


def trafilatura_text(html: str) -> str:
    """Plain trafilatura with the benchmark's settings: the baseline."""
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


SYSTEMS: dict[str, Callable[[str], str]] = {
    "trafilatura": trafilatura_text,
    "newsquotes": pipeline_text,
}


def iter_pages(pages: Path, gold: dict, limit: int | None) -> Iterator[tuple[str, str]]:
    """(page id, html) for every gold page found in `pages`, in id order."""
    for page_id in sorted(gold)[:limit]:
        path = next(
            (pages / f"{page_id}{s}" for s in PAGE_SUFFIXES if (pages / f"{page_id}{s}").exists()),
            None,
        )
        if path is None:
            raise FileNotFoundError(f"no page file for gold id {page_id} in {pages}")
        text, _ = decode.decode_text(decode.read_limited(path, 50 * 1024 * 1024))
        yield page_id, text


def evaluate(pages: Path, gold_path: Path, limit: int | None = None) -> dict[str, Scores]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    counts: dict[str, list] = {name: [] for name in SYSTEMS}
    for page_id, html in iter_pages(pages, gold, limit):
        expected = gold[page_id].get("articleBody") or ""
        for name, system in SYSTEMS.items():
            counts[name].append(page_counts(expected, system(html)))
    return {name: summarise(rows) for name, rows in counts.items()}


def run_command(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    results = evaluate(Path(args.pages), Path(args.gold), args.limit)
    print(f"{'system':<12} {'precision':>9} {'recall':>7} {'F1':>7} {'pages':>6}")
    for name, scores in results.items():
        print(
            f"{name:<12} {scores.precision:9.4f} {scores.recall:7.4f} {scores.f1:7.4f} "
            f"{scores.pages:6d}"
        )
    print(f"({time.perf_counter() - started:.0f} s)")
    if args.json:
        Path(args.json).write_text(json.dumps({n: asdict(s) for n, s in results.items()}, indent=2))
    return 0 if results["newsquotes"].f1 >= results["trafilatura"].f1 else 1
