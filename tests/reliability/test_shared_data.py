"""Every text in ../shared through the analysis stage, each table checked against its
contract without Great Expectations: no repeated id in any table, every span exact.

`make test` reads a sample of each corpus (the first `SAMPLE` records); the whole of it
(BBC, Reuters-21578, CoNLL-2003, the web pages: about 25,000 texts, an hour on 2 cores)
runs with `NEWSQUOTES_DATA_TEST=all pytest tests/reliability/test_shared_data.py`.
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

import pytest

from newsquotes.clean import DuplicateIndex
from newsquotes.contracts import load_contracts
from newsquotes.contracts.conformance import row_violations
from newsquotes.ingest import FieldMap, plan_batches
from newsquotes.nlp import analyse_batch
from newsquotes.run.batch import read_and_clean
from newsquotes.settings import Settings
from tests.conftest import SHARED

SAMPLE = 150  # records of each corpus in `make test`
EVERYTHING = os.environ.get("NEWSQUOTES_DATA_TEST") == "all"
CORPORA = {
    "bbc": "corpora/bbc.jsonl",
    "reuters": "corpora/reuters21578.jsonl",
    "conll-train": "eval/conll2003/conll2003_train.docs.jsonl",
    "conll-testa": "eval/conll2003/conll2003_testa.docs.jsonl",
    "web pages": "eval/html/pages",
}


def sample_of(path: Path, folder: Path) -> Path:
    """The corpus itself, or (for `make test`) its first SAMPLE records or files."""
    if EVERYTHING:
        return path
    if path.is_dir():
        sample = folder / path.name
        sample.mkdir()
        for page in sorted(path.iterdir())[:SAMPLE]:
            (sample / page.name).symlink_to(page)
        return sample
    sample = folder / path.name
    with path.open("rb") as source, sample.open("wb") as target:
        for _, line in zip(range(SAMPLE), source, strict=False):
            target.write(line)
    return sample


@pytest.mark.shared
@pytest.mark.parametrize("corpus", list(CORPORA))
def test_every_row_keeps_its_contract(corpus, shared_dir, tmp_path):
    source = sample_of(SHARED / CORPORA[corpus], tmp_path)
    contracts = load_contracts()
    duplicates = DuplicateIndex()
    keys: dict[str, set] = defaultdict(set)
    problems: list[str] = []
    analysed = 0
    for batch in plan_batches([source], 64):
        items, *_ = read_and_clean(batch, Settings().max_file_bytes, FieldMap(), frozenset({"en"}))
        rows = analyse_batch(duplicates.mark(items), Settings().model)
        frames = {t: contracts[t].to_arrow(r).to_pandas() for t, r in vars(rows).items()}
        texts = frames["articles"].set_index("article_id")["text"]
        analysed += len(frames["articles"])
        for table, frame in frames.items():
            contract = contracts[table]
            problems += [v.reason for v in row_violations(contract, frame, texts)]
            for column in (c.name for c in contract.columns if c.unique):
                seen = keys[f"{table}.{column}"]
                repeated = set(frame[column]) & seen
                problems += [f"{table}.{column} repeats across batches: {k}" for k in repeated]
                seen.update(frame[column])
    assert analysed > 0
    assert problems == [], f"{len(problems)} problems, first: {problems[:5]}"
