"""The flow over messy inputs: duplicates not analysed twice, and every input accounted for."""

import gzip
import shutil

import pandas as pd
import pytest

from newsquotes.run.summary import RunSummary
from tests.conftest import SEED_FILE

from .flow_helpers import load_news_pipeline

GERMAN = (
    "Der Bundestag hat am Dienstag ein neues Gesetz beschlossen, das die Mieten in den großen "
    "Städten begrenzen soll. Die Opposition kritisierte den Entwurf scharf."
)


@pytest.fixture(scope="module")
def run(prefect_harness, tmp_path_factory):
    flow = load_news_pipeline()
    inputs = tmp_path_factory.mktemp("inputs")
    shutil.copy(SEED_FILE, inputs / "a_seed.txt")
    seed = SEED_FILE.read_text(encoding="utf-8")
    (inputs / "b_copy.txt.gz").write_bytes(gzip.compress(seed.encode()))
    (inputs / "c_edited.txt").write_text(seed.replace("Sigal said.", "Sigal added."))
    (inputs / "d_german.txt").write_text(GERMAN)
    (inputs / "e_feed.jsonl").write_text(
        '{"key": "k1", "story": "“We will win,” said Jane Smith, the mayor of the town."}\n'
        '{"key": "k2"}\n'
    )
    output = tmp_path_factory.mktemp("output")
    state = flow(
        inputs=[str(inputs)],
        output=str(output),
        fields=["id=key", "text=story"],
        batch_size=2,
        return_state=True,
    )
    assert state.is_completed(), state.message
    return output, state.result()


def test_exact_and_near_duplicates_are_recorded_not_analysed(run):
    output, _ = run
    articles = pd.read_parquet(output / "articles")
    duplicates = pd.read_parquet(output / "duplicates").sort_values("source_id")
    seed_id = articles.set_index("source_id").loc["a_seed.txt", "article_id"]
    assert list(duplicates["source_id"]) == ["b_copy.txt.gz", "c_edited.txt"]
    assert list(duplicates["kind"]) == ["exact", "near"]
    assert set(duplicates["duplicate_of"]) == {seed_id}
    quotes = pd.read_parquet(output / "quotes")
    assert set(quotes["article_id"]) <= set(articles["article_id"])


def test_every_input_is_reconciled_in_the_summary(run):
    output, summary = run
    rejects = pd.read_parquet(output / "rejects").set_index("source_id")
    assert summary["inputs_read"] == 6
    assert (summary["articles"], summary["duplicates"], summary["rejects"]) == (2, 2, 2)
    assert "6 = 2 articles + 2 duplicates + 2 rejects (ok)" in RunSummary(**summary).text()
    assert rejects.loc["d_german.txt", "language"] == "de"
    assert rejects.loc["k2", "reason"] == "line 2: missing or empty 'text' (field 'story')"


def test_new_article_columns_are_published(run):
    output, summary = run
    articles = pd.read_parquet(output / "articles").set_index("source_id")
    assert summary["validation"] == "passed"
    assert articles.loc["a_seed.txt", "input_format"] == "txt"
    assert articles.loc["k1", ["input_format", "input_line", "input_byte_offset"]].tolist() == [
        "jsonl",
        1,
        0,
    ]
    assert set(articles["language"]) == {"en"}
