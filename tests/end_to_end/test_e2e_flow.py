"""End-to-end: the real flow on a real (temporary) Prefect server, real model, real Parquet."""

import shutil

import pandas as pd
import pytest

from newsquotes.contracts.model import load_contracts
from newsquotes.nlp import analyse
from newsquotes.settings import PROJECT_ROOT
from tests.conftest import SEEDS

from .flow_helpers import load_news_pipeline


@pytest.fixture(scope="module")
def news_pipeline(prefect_harness):
    return load_news_pipeline()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs")
    shutil.copy(SEEDS / "000_258621bb6faeb97f.txt", folder)
    (folder / "empty.txt").write_text("")
    (folder / "image.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    (folder / "feed.jsonl").write_text(
        '{"id": "w1", "text": "“We will win,” said Jane Smith, the mayor.", "section": "city"}\n'
        "{broken\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def published(news_pipeline, inputs, tmp_path_factory):
    output = tmp_path_factory.mktemp("output")
    state = news_pipeline(inputs=[str(inputs)], output=str(output), return_state=True)
    assert state.is_completed(), state.message
    return output, state.result()


def read(output, table):
    return pd.read_parquet(output / table)


def test_every_input_is_an_article_or_a_reject(published):
    output, summary = published
    articles, rejects = read(output, "articles"), read(output, "rejects")
    assert len(articles) == 2 and len(rejects) == 3
    assert summary["inputs_read"] == summary["articles"] + summary["rejects"] == 5
    assert set(rejects["reason"]) == {
        "empty file",
        "binary file (contains NUL bytes)",
        "line 2: malformed JSON (Expecting property name enclosed in double quotes)",
    }


def test_seed_quotes_are_published_with_speakers_and_exact_offsets(published):
    output, _ = published
    articles = read(output, "articles").set_index("article_id")
    quotes = read(output, "quotes")
    for quote in quotes.itertuples():
        assert articles.loc[quote.article_id, "text"][quote.start : quote.end] == quote.text
    speakers = set(quotes["speaker_name"].dropna())
    assert {"Leon Sigal", "John Delury", "Evans Revere", "Jane Smith"} <= speakers


def test_tables_follow_their_contracts(published):
    output, summary = published
    assert summary["validation"] == "passed"
    for table, contract in load_contracts().items():
        assert list(read(output, table).columns) == contract.column_names


def test_rerun_gives_the_same_ids(news_pipeline, inputs, published, tmp_path):
    output, _ = published
    state = news_pipeline(inputs=[str(inputs)], output=str(tmp_path), return_state=True)
    assert state.is_completed()
    for table, key in [
        ("articles", "article_id"),
        ("quotes", "quote_id"),
        ("entities", "entity_id"),
    ]:
        assert sorted(read(tmp_path, table)[key]) == sorted(read(output, table)[key])


def test_corrupted_table_is_refused_and_old_output_kept(
    news_pipeline, inputs, tmp_path, monkeypatch
):
    first = news_pipeline(inputs=[str(SEEDS)], output=str(tmp_path), return_state=True)
    assert first.is_completed()
    before = read(tmp_path, "quotes")

    def shifted_quotes(doc, entities, article_id):
        rows = analyse_extract_quotes(doc, entities, article_id)
        return [row | {"start": row["start"] + 1} for row in rows]

    analyse_extract_quotes = analyse.extract_quotes
    monkeypatch.setattr(analyse, "extract_quotes", shifted_quotes)
    second = news_pipeline(  # in this process, so the patched function is the one used
        inputs=[str(SEEDS)], output=str(tmp_path), workers=1, full_refresh=True, return_state=True
    )

    assert second.is_failed()
    summary = second.result(raise_on_failure=False)
    assert "1 of 1 articles held back, more than --max-quarantine" in second.message
    assert summary["quarantine_reasons"] == {"quotes: text [start:end] does not slice the text": 1}
    pd.testing.assert_frame_equal(read(tmp_path, "quotes"), before)
    assert len(list((tmp_path / ".runs").iterdir())) == 1  # the refused run is discarded


def test_no_readable_input_fails_without_publishing(news_pipeline, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_text("")
    state = news_pipeline(inputs=[str(inputs)], output=str(tmp_path / "out"), return_state=True)
    assert state.is_failed()
    kept = state.result(raise_on_failure=False)["rejects_kept"]
    assert state.message == f"no input could be read; its rejects are in {kept}"
    assert not (tmp_path / "out" / "articles").exists()
    assert pd.read_parquet(kept)["reason"].tolist() == ["empty file"]


def test_the_deployment_entrypoint_names_the_flow_of_the_package():
    from prefect.flows import load_flow_from_entrypoint

    from newsquotes.flow import news_pipeline

    deployed = load_flow_from_entrypoint(str(PROJECT_ROOT / "flows/news_pipeline.py:news_pipeline"))
    assert deployed.name == "news_pipeline"
    assert deployed.fn is news_pipeline.fn


def test_the_run_writes_its_report_and_top_speakers_artifact(published):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    output, summary = published
    report = output / "report" / "index.html"
    assert summary["report"] == report.as_uri() and summary["report_problem"] is None
    assert "Leon Sigal" in report.read_text(encoding="utf-8")
    wanted = ArtifactFilter(key=ArtifactFilterKey(any_=["news-pipeline-top-speakers"]))
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(artifact_filter=wanted)
    assert artifacts and "Leon Sigal" in str(artifacts[-1].data)
