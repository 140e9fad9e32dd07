"""Ingest + cleaning throughput against spaCy parse time (target: under 10% of parsing).

    PYTHONPATH=src python benchmarks/ingest_clean.py [CORPUS] [--limit N]

Reads CORPUS (default: ../shared/corpora/bbc.jsonl) through the pipeline's own stages:
planning, reading (decode, JSON, field mapping), cleaning (repair, paragraphs, boilerplate,
byline/dateline, language identification) and the duplicate check, then parses the same
cleaned texts with the configured spaCy model. Times are wall-clock on this machine; on a
shared machine run it twice and keep the lower ratio.
"""

from __future__ import annotations

import argparse
import itertools
import time
from pathlib import Path

from newsquotes import clean, ingest
from newsquotes.clean import duplicates, language
from newsquotes.nlp.model import load_model, parse
from newsquotes.records import Article
from newsquotes.settings import PROJECT_ROOT, Settings

DEFAULT_CORPUS = PROJECT_ROOT.parent / "shared" / "corpora" / "bbc.jsonl"


def ingest_and_clean(corpus: Path, limit: int | None, batch_size: int) -> tuple[list, float]:
    """The cleaned articles of the first `limit` records and the seconds it took."""
    started = time.perf_counter()
    index = duplicates.DuplicateIndex()
    items = []
    for batch in ingest.plan_batches([corpus], batch_size):
        raw = ingest.read_batch(batch, Settings().max_file_bytes)
        items.extend(index.mark(clean.clean_batch(raw)))
        if limit and len(items) >= limit:
            break
    return items[:limit] if limit else items, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--limit", type=int, help="only the first N records")
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()

    load_model(Settings().model)  # loading models is not parsing or cleaning
    language.detect("load the language identification model before timing anything")
    items, ingest_seconds = ingest_and_clean(Path(args.corpus), args.limit, args.batch_size)
    articles = [item for item in items if isinstance(item, Article)]
    started = time.perf_counter()
    for _ in parse((a.text for a in articles), Settings().model):
        pass
    parse_seconds = time.perf_counter() - started

    words = sum(len(a.text.split()) for a in articles)
    kinds = {k: len(list(g)) for k, g in itertools.groupby(sorted(type(i).__name__ for i in items))}
    print(f"corpus            {args.corpus}")
    print(f"records           {len(items)} ({kinds}), {words} words")
    print(f"ingest + clean    {ingest_seconds:8.2f} s")
    print(f"spaCy parse       {parse_seconds:8.2f} s  ({Settings().model})")
    print(f"ratio             {ingest_seconds / parse_seconds:8.1%}  (target < 10%)")


if __name__ == "__main__":
    main()
