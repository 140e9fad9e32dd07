"""Nothing published is lost: a lost `current` link is restored rather than taken for an
unfinished run, and --full-refresh keeps what only --prune may drop."""

import json

import pandas as pd

from newsquotes.output import layout
from newsquotes.output.storage import Location
from newsquotes.run.publishing import remove_unfinished_runs
from tests.end_to_end.flow_helpers import ARTICLES, load_news_pipeline, write_feed
from tests.output.test_layout import stage_run


def passed_validation(output, run_id):
    (output / "validation").mkdir(exist_ok=True)
    results = {"run_id": run_id, "success": True, "contract_versions": {"articles": "1.0.0"}}
    (output / "validation" / f"{run_id}.json").write_text(json.dumps(results))


def test_a_lost_current_link_is_restored_and_no_published_run_is_removed(tmp_path):
    stage_run(tmp_path, "run1", "first")
    passed_validation(tmp_path, "run1")
    layout.publish(tmp_path, "run1")
    (tmp_path / "current").unlink()  # a backup restored without its symlinks
    stage_run(tmp_path, "run2", "unfinished")  # killed before validation

    assert remove_unfinished_runs(Location.of(tmp_path)) == ["run2"]
    assert layout.published_run(tmp_path) == "run1"
    assert pd.read_parquet(tmp_path / "articles")["title"].tolist() == ["first"]


def test_without_current_or_any_run_that_passed_nothing_is_removed(tmp_path):
    stage_run(tmp_path, "run1", "first")
    assert remove_unfinished_runs(Location.of(tmp_path)) == []
    assert (tmp_path / ".runs" / "run1").is_dir()


def test_full_refresh_keeps_articles_whose_input_is_gone_and_prune_drops_them(
    prefect_harness, tmp_path
):
    news_pipeline = load_news_pipeline()
    kept, gone = tmp_path / "kept.jsonl", tmp_path / "gone.jsonl"
    write_feed(kept, dict(list(ARTICLES.items())[:2]))
    write_feed(gone, dict(list(ARTICLES.items())[2:]))
    output = str(tmp_path / "out")
    news_pipeline(inputs=[str(kept), str(gone)], output=output, workers=1)
    gone.unlink()

    refreshed = news_pipeline(inputs=[str(kept)], output=output, workers=1, full_refresh=True)
    assert refreshed["kept"] == 1
    assert sorted(pd.read_parquet(tmp_path / "out" / "articles")["source_id"]) == [
        "a1",
        "a2",
        "a3",
    ]
    news_pipeline(inputs=[str(kept)], output=output, workers=1, full_refresh=True, prune=True)
    assert sorted(pd.read_parquet(tmp_path / "out" / "articles")["source_id"]) == ["a1", "a2"]


def test_validation_results_are_kept_for_the_newest_runs_only(tmp_path, monkeypatch):
    monkeypatch.setattr(layout, "KEEP_RESULTS", 2)
    for number in range(1, 5):
        stage_run(tmp_path, f"run{number}", "title")
        passed_validation(tmp_path, f"run{number}")
        layout.publish(tmp_path, f"run{number}")
    kept = sorted(path.name for path in (tmp_path / "validation").iterdir())
    assert kept == ["run3.json", "run4.json"]


def test_validation_results_of_runs_that_keep_failing_are_bounded_too(tmp_path, monkeypatch):
    monkeypatch.setattr(layout, "KEEP_RESULTS", 2)
    (tmp_path / "validation").mkdir()
    for number in range(1, 5):
        stage_run(tmp_path, f"run{number}", "title")
        failed = {"run_id": f"run{number}", "success": False}
        (tmp_path / "validation" / f"run{number}.json").write_text(json.dumps(failed))
        layout.discard(tmp_path, f"run{number}")
    kept = sorted(path.name for path in (tmp_path / "validation").iterdir())
    assert kept == ["run3.json", "run4.json"]


def test_published_articles_read_again_under_a_new_path_are_duplicates(prefect_harness, tmp_path):
    news_pipeline = load_news_pipeline()
    old, new = tmp_path / "old" / "feed.jsonl", tmp_path / "new" / "copy.jsonl"
    old.parent.mkdir()
    new.parent.mkdir()
    write_feed(old, ARTICLES)
    output = str(tmp_path / "out")
    news_pipeline(inputs=[str(old.parent)], output=output, workers=1)
    old.rename(new)  # moved; the published articles stay (no --prune)

    summary = news_pipeline(inputs=[str(new.parent)], output=output, workers=1)
    assert (summary["duplicates"], summary["kept"]) == (3, 3)
    assert len(pd.read_parquet(tmp_path / "out" / "articles")) == 3


def test_a_full_refresh_after_a_move_makes_the_kept_articles_copies_duplicates(
    prefect_harness, tmp_path
):
    news_pipeline = load_news_pipeline()
    old, new = tmp_path / "old" / "feed.jsonl", tmp_path / "new" / "copy.jsonl"
    old.parent.mkdir()
    new.parent.mkdir()
    write_feed(old, ARTICLES)
    output = str(tmp_path / "out")
    news_pipeline(inputs=[str(old.parent)], output=output, workers=1)
    old.rename(new)  # moved; --full-refresh keeps the published articles (no --prune)

    summary = news_pipeline(inputs=[str(new.parent)], output=output, workers=1, full_refresh=True)
    assert (summary["duplicates"], summary["kept"]) == (3, 3)
    assert len(pd.read_parquet(tmp_path / "out" / "articles")) == 3


def test_a_published_article_read_again_as_a_copy_of_another_is_not_published_twice(
    prefect_harness, tmp_path
):
    news_pipeline = load_news_pipeline()
    feed = write_feed(tmp_path / "feed.jsonl", ARTICLES)
    copy = write_feed(tmp_path / "copy.jsonl", {"c1": ARTICLES["a1"]})
    output = str(tmp_path / "out")
    news_pipeline(inputs=[str(feed)], output=output, workers=1)

    # Read first, the copy is the article now; a1's record becomes its duplicate.
    summary = news_pipeline(
        inputs=[str(copy), str(feed)], output=output, workers=1, full_refresh=True
    )
    articles = pd.read_parquet(tmp_path / "out" / "articles")
    assert (summary["duplicates"], summary["kept"]) == (1, 0)
    assert len(articles) == articles["content_hash"].nunique() == 3


def test_a_published_article_whose_record_is_now_rejected_is_not_kept(prefect_harness, tmp_path):
    news_pipeline = load_news_pipeline()
    feed = write_feed(tmp_path / "feed.jsonl", ARTICLES)
    output = str(tmp_path / "out")
    news_pipeline(inputs=[str(feed)], output=output, workers=1)
    write_feed(feed, ARTICLES | {"a2": " "})  # a2 emptied: a reject now, its input not gone

    summary = news_pipeline(inputs=[str(feed)], output=output, workers=1)
    assert (summary["rejects"], summary["kept"]) == (1, 0)
    articles = pd.read_parquet(tmp_path / "out" / "articles")
    assert sorted(articles["source_id"]) == ["a1", "a3"]
