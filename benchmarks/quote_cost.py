"""Cost of quote and speaker extraction relative to the spaCy parse (issue 3: at most 10%).

Run on demand, not in the test suite:

    PYTHONPATH=src python benchmarks/quote_cost.py [GOLD.jsonl] [--limit N]

Texts come from a PolNeAR-format file (default ../shared/eval/polnear/dev.jsonl) or, when
it is absent, from the seed article. Entities are timed apart: they are another stage.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsquotes.clean.article import normalise_text
from newsquotes.entities.extract import extract_entities
from newsquotes.evaluation.quotes import load_gold
from newsquotes.nlp.model import load_model
from newsquotes.quotes.extract import extract_quotes
from newsquotes.settings import PROJECT_ROOT, Settings

DEFAULT_GOLD = PROJECT_ROOT.parent / "shared" / "eval" / "polnear" / "dev.jsonl"


def texts(path: Path, limit: int | None) -> list[str]:
    if path.is_file():
        return [normalise_text(d.text) for d in load_gold(path)[:limit]]
    seed = next((PROJECT_ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    return [normalise_text(seed)] * (limit or 20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    corpus = texts(args.gold, args.limit)
    nlp = load_model(Settings().model)
    nlp("warm up")

    started = time.perf_counter()
    docs = list(nlp.pipe(corpus, batch_size=32))
    parse = time.perf_counter() - started

    started = time.perf_counter()
    entities = [extract_entities(doc, str(i), nlp) for i, doc in enumerate(docs)]
    entity_time = time.perf_counter() - started

    started = time.perf_counter()
    pairs = enumerate(zip(docs, entities, strict=True))
    quotes = sum(len(extract_quotes(doc, found, str(i))) for i, (doc, found) in pairs)
    quote_time = time.perf_counter() - started

    words = sum(len(t.split()) for t in corpus)
    print(f"articles {len(corpus)}  words {words}  quotes {quotes}")
    print(f"spaCy parse        {parse:7.2f} s")
    print(f"entities           {entity_time:7.2f} s  ({entity_time / parse:.1%} of the parse)")
    print(f"quotes + speakers  {quote_time:7.2f} s  ({quote_time / parse:.1%} of the parse)")


if __name__ == "__main__":
    main()
