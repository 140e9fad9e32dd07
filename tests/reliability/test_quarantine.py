"""One article whose rows break a contract is held back; the rest of the run is published.

The break is injected into the real extractor's output for one article (its quote offsets
shifted by one), as a bug in a rule would do on an unlucky article.
"""

import pandas as pd
import pytest

from newsquotes.nlp import analyse
from newsquotes.output import layout
from tests.end_to_end.flow_helpers import ARTICLES, load_news_pipeline, write_feed

BROKEN = "a3"  # "“Prices are too high,” said Maria Lopez. ..."


@pytest.fixture
def one_article_breaks_its_quotes(monkeypatch):
    extract = analyse.extract_quotes

    def shifted(doc, entities, article_id):
        rows = extract(doc, entities, article_id)
        if "Maria Lopez" in doc.text:
            for row in rows:
                row["start"] += 1
        return rows

    monkeypatch.setattr(analyse, "extract_quotes", shifted)


def run(tmp_path, **options):
    feed = write_feed(tmp_path / "feed.jsonl", ARTICLES)
    output = tmp_path / "out"
    state = load_news_pipeline()(
        inputs=[str(feed)], output=str(output), workers=1, return_state=True, **options
    )
    return state, output


def test_the_article_is_held_back_and_the_others_are_published(
    prefect_harness, tmp_path, one_article_breaks_its_quotes
):
    state, output = run(tmp_path, max_quarantine=0.5)
    assert state.is_completed(), state.message
    summary = state.result()
    assert summary["quarantined"] == 1 and summary["articles"] == 2
    assert summary["quarantine_reasons"] == {"quotes: text [start:end] does not slice the text": 1}

    articles = pd.read_parquet(output / "articles")
    assert sorted(articles["source_id"]) == ["a1", "a2"]
    for table in ("mentions", "entities", "quotes"):
        assert set(pd.read_parquet(output / table)["article_id"]) <= set(articles["article_id"])
    (reject,) = pd.read_parquet(output / "rejects").itertuples()
    assert (reject.stage, reject.source_id) == ("validate", BROKEN)
    assert reject.input_path.endswith("feed.jsonl") and reject.input_line == 3
    assert "does not slice the text" in reject.reason


def test_more_held_back_than_the_threshold_fails_the_run_and_publishes_nothing(
    prefect_harness, tmp_path, one_article_breaks_its_quotes
):
    state, output = run(tmp_path)  # default: 1% of 3 articles
    assert state.is_failed()
    assert "1 of 3 articles held back, more than --max-quarantine 1.0%" in state.message
    assert layout.published_run(output) is None
