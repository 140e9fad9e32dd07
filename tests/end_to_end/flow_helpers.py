"""Helpers shared by the flow tests: load the deployment's flow, write inputs, read tables."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from newsquotes.contracts.model import load_contracts
from newsquotes.output import layout

ARTICLES = {
    "a1": "“We will build the bridge by spring,” said Jane Smith, the mayor of Riverton.",
    "a2": "Tom Baker, a spokesman for Acme Corp, said the company would open a plant in Ohio.",
    "a3": "“Prices are too high,” said Maria Lopez. Lopez runs a bakery in Lisbon.",
}


def load_news_pipeline():
    """The flow, as `newsquotes run` and the deployment's entrypoint load it."""
    from newsquotes.cli.main import load_flow

    return load_flow()


def write_feed(path: Path, articles: dict[str, str]) -> Path:
    lines = [json.dumps({"id": key, "text": text}) for key, text in articles.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def tables(output: Path | str) -> dict[str, pd.DataFrame]:
    """Every published table (of a folder or URL), rows sorted by key, so that runs can be
    compared exactly."""
    published = layout.published_tables(output)
    frames = {}
    for table, contract in load_contracts().items():
        frame = pd.read_parquet(published[table])
        key = list(contract.primary_key)
        frames[table] = frame.sort_values(key).reset_index(drop=True)
    return frames


def assert_same_tables(left: Path | str, right: Path | str) -> None:
    expected = tables(right)
    for table, frame in tables(left).items():
        pd.testing.assert_frame_equal(frame, expected[table], obj=table)
