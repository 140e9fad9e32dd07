"""Incremental runs: unchanged articles are not analysed again, changed ones replace their rows,
deleted inputs are kept unless pruned, and the same input always gives identical tables."""

import pandas as pd
import pytest

from .flow_helpers import ARTICLES, assert_same_tables, load_news_pipeline, write_feed


@pytest.fixture(scope="module")
def news_pipeline(prefect_harness):
    return load_news_pipeline()


def run(news_pipeline, feed, output, **options):
    state = news_pipeline(
        inputs=[str(feed)], output=str(output), workers=1, return_state=True, **options
    )
    assert state.is_completed(), state.message
    return state.result()


def test_same_input_twice_gives_identical_tables(news_pipeline, tmp_path):
    feed = write_feed(tmp_path / "feed.jsonl", ARTICLES)
    run(news_pipeline, feed, tmp_path / "first")
    run(news_pipeline, feed, tmp_path / "second", full_refresh=True)
    assert_same_tables(tmp_path / "first", tmp_path / "second")

    rerun = run(news_pipeline, feed, tmp_path / "first")
    assert rerun["unchanged"] == 3 and rerun["articles"] == 0
    assert_same_tables(tmp_path / "first", tmp_path / "second")


def test_changed_articles_replace_their_rows_and_deleted_ones_are_kept(news_pipeline, tmp_path):
    feed = tmp_path / "feed.jsonl"
    output = tmp_path / "out"
    run(news_pipeline, write_feed(feed, ARTICLES), output)
    changed = {
        "a1": ARTICLES["a1"],
        "a2": "“Nothing is decided,” said Tom Baker, a spokesman for Acme Corp.",
        "a4": "Anna Berg, the coach, said the team had trained hard in Oslo.",
    }
    summary = run(news_pipeline, write_feed(feed, changed), output)
    assert (summary["unchanged"], summary["articles"], summary["kept"]) == (1, 2, 1)

    articles = pd.read_parquet(output / "articles").set_index("source_id")
    assert sorted(articles.index) == ["a1", "a2", "a3", "a4"]  # a3's input is gone: kept
    assert articles.loc["a2", "text"] == changed["a2"]
    quotes = pd.read_parquet(output / "quotes")
    a2_quotes = quotes[quotes["article_id"] == articles.loc["a2", "article_id"]]
    assert a2_quotes["text"].tolist() == ["Nothing is decided"]

    fresh = tmp_path / "fresh"
    run(news_pipeline, write_feed(tmp_path / "all.jsonl", ARTICLES | changed), fresh)
    pruned = run(news_pipeline, feed, output, prune=True)
    assert pruned["kept"] == 0 and pruned["unchanged"] == 3
    assert sorted(pd.read_parquet(output / "articles")["source_id"]) == ["a1", "a2", "a4"]
    for table in ("mentions", "entities", "quotes"):
        ids = set(pd.read_parquet(output / table)["article_id"])
        assert articles.loc["a3", "article_id"] not in ids


def test_full_refresh_analyses_every_article_again(news_pipeline, tmp_path):
    feed = write_feed(tmp_path / "feed.jsonl", ARTICLES)
    run(news_pipeline, feed, tmp_path / "out")
    summary = run(news_pipeline, feed, tmp_path / "out", full_refresh=True)
    assert (summary["articles"], summary["unchanged"]) == (3, 0)


def test_rerun_with_nothing_new_reuses_what_was_validated_and_aggregated(news_pipeline, tmp_path):
    import json

    from newsquotes import publish

    feed = write_feed(tmp_path / "feed.jsonl", ARTICLES)
    output = tmp_path / "out"
    run(news_pipeline, feed, output)
    first = publish.published_dir(output)
    rerun = run(news_pipeline, feed, output)

    second = publish.published_dir(output)
    results = json.loads((output / "validation" / f"{second.name}.json").read_text())
    articles_parts = {p.name for p in (first / "articles").glob("*.parquet")}
    assert articles_parts <= set(results["parts_not_revalidated"])
    assert results["success"] and results["suites"]["articles.keys"]["success"]
    for table in ("entity_catalogue", "speakers"):  # linked, not rebuilt
        (old,) = (first / table).glob("*.parquet")
        assert (second / table / old.name).stat().st_ino == old.stat().st_ino
    assert rerun["validation"] == "passed"
