"""Incremental runs: unchanged articles are not analysed again, changed ones replace their rows,
deleted inputs are kept unless pruned, and the same input always gives identical tables."""

import json

import pandas as pd
import pytest

from newsquotes.run import input_state

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


def test_rerun_with_nothing_new_keeps_the_published_run(news_pipeline, tmp_path):
    from newsquotes.output import layout

    feed = write_feed(tmp_path / "feed.jsonl", ARTICLES)
    output = tmp_path / "out"
    run(news_pipeline, feed, output)
    first = layout.published_run(output)
    results = sorted((output / "validation").glob("*.json"))

    rerun = run(news_pipeline, feed, output)
    assert rerun["unchanged_since"] == first and layout.published_run(output) == first
    assert (rerun["inputs_skipped"], rerun["unchanged"], rerun["articles"]) == (3, 3, 0)
    assert sorted((output / "validation").glob("*.json")) == results  # nothing validated
    assert [run.name for run in (output / layout.RUNS_DIR).iterdir()] == [first]

    rebuilt = run(news_pipeline, feed, output, gender=False)  # another build: rebuilt
    assert rebuilt["unchanged_since"] is None and layout.published_run(output) != first
    assert pd.read_parquet(output / "speakers")["gender"].isna().all()


def test_nothing_new_is_told_without_the_flow_as_the_flow_tells_it(news_pipeline, tmp_path):
    from newsquotes.output import lock
    from newsquotes.run.planning import Reading
    from newsquotes.run.unchanged import nothing_new
    from newsquotes.settings import Settings

    inputs = mixed_inputs(tmp_path / "in")
    output = tmp_path / "out"
    run(news_pipeline, inputs, output)
    settings = Settings()

    def ask(**options):
        reading = Reading.parse(settings.max_file_bytes, None, None)
        return nothing_new([str(inputs)], str(output), reading, settings.batch_size, **options)

    told = ask()
    by_flow = run(news_pipeline, inputs, output)
    assert told is not None and by_flow["unchanged_since"] == told.unchanged_since
    assert {**told.as_dict(), "run_id": None} == {**by_flow, "run_id": None}
    assert ask(gender=False) is None  # another build: the flow rebuilds
    with lock.lock_output(output):
        assert ask() is None  # in use: the flow waits or refuses, and says so
    (inputs / "note.txt").write_text("Harbour news\n\nThe mayor said nothing new.\n")
    assert ask() is None


def test_rerun_that_analyses_nothing_reuses_what_was_validated_and_aggregated(
    news_pipeline, tmp_path
):
    from newsquotes.output import layout

    feed = write_feed(tmp_path / "feed.jsonl", ARTICLES)
    more = write_feed(tmp_path / "more.jsonl", {"b1": "“Done,” said Ann Lee in Leeds."})
    output = tmp_path / "out"
    news_pipeline(inputs=[str(feed), str(more)], output=str(output), workers=1)
    first = layout.published_dir(output).local_path
    rerun = run(news_pipeline, feed, output)  # more.jsonl is gone: its article is kept

    second = layout.published_dir(output).local_path
    assert second != first and (rerun["articles"], rerun["kept"]) == (0, 1)
    results = json.loads((output / "validation" / f"{second.name}.json").read_text())
    articles_parts = {p.name for p in (first / "articles").glob("*.parquet")}
    assert articles_parts <= set(results["parts_not_revalidated"])
    assert results["success"] and results["suites"]["articles.keys"]["success"]
    for table in ("entity_catalogue", "speakers"):  # linked, not rebuilt
        (old,) = (first / table).glob("*.parquet")
        assert (second / table / old.name).stat().st_ino == old.stat().st_ino
    assert rerun["validation"] == "passed"


def write_lines(path, records):
    """A JSONL feed of `records` (dicts, or raw lines given as strings)."""
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def mixed_inputs(folder):
    """Articles, an exact copy, a malformed line and a one-article text file: 6 inputs."""
    folder.mkdir()
    records = [{"id": key, "text": text} for key, text in ARTICLES.items()]
    write_lines(folder / "feed.jsonl", [*records, {"id": "c1", "text": ARTICLES["a1"]}, "{oops"])
    (folder / "note.txt").write_text("Harbour news\n\n" + ARTICLES["a3"] + " More later.\n")
    return folder


def test_rerun_over_unchanged_inputs_reads_nothing(news_pipeline, tmp_path):
    inputs = mixed_inputs(tmp_path / "in")
    first = run(news_pipeline, inputs, tmp_path / "out", batch_size=2)
    assert (first["inputs_read"], first["duplicates"], first["rejects"]) == (6, 1, 1)
    run(news_pipeline, inputs, tmp_path / "fresh", batch_size=2)

    rerun = run(news_pipeline, inputs, tmp_path / "out", batch_size=2)
    assert (rerun["inputs_read"], rerun["inputs_skipped"]) == (0, 6)
    assert (rerun["articles"], rerun["unchanged"], rerun["duplicates"], rerun["rejects"]) == (
        0,
        4,
        1,
        1,
    )
    assert_same_tables(tmp_path / "out", tmp_path / "fresh")


def test_only_changed_and_appended_pieces_are_read(news_pipeline, tmp_path):
    inputs = mixed_inputs(tmp_path / "in")
    output = tmp_path / "out"
    run(news_pipeline, inputs, output, batch_size=2)
    feed = inputs / "feed.jsonl"
    new = "“The harbour reopens on Monday,” said Ken Adams, the port director."
    appended = [{"id": "a5", "text": new}, {"id": "c2", "text": ARTICLES["a2"]}]
    feed.write_text(feed.read_text() + "".join(json.dumps(r) + "\n" for r in appended))
    (inputs / "note.txt").write_text("Harbour news\n\n" + new.replace("Monday", "Friday") + "\n")

    summary = run(news_pipeline, inputs, output, batch_size=2)
    # feed.jsonl's first pieces (a1 a2, a3 c1) are skipped; its last (the bad line and
    # a5, then c2) and the changed note are read; c2 copies a published article.
    assert (summary["inputs_skipped"], summary["inputs_read"]) == (4, 4)
    assert (summary["articles"], summary["duplicates"], summary["rejects"]) == (2, 2, 1)
    articles = pd.read_parquet(output / "articles").set_index("source_id")
    duplicates = pd.read_parquet(output / "duplicates").set_index("source_id")
    assert duplicates.loc["c2", "duplicate_of"] == articles.loc["a2", "article_id"]

    run(news_pipeline, inputs, tmp_path / "fresh", batch_size=2)
    assert_same_tables(output, tmp_path / "fresh")


@pytest.mark.parametrize("damage", ["missing", "corrupt"])
def test_unusable_input_state_means_reading_everything(news_pipeline, tmp_path, damage):
    inputs = mixed_inputs(tmp_path / "in")
    output = tmp_path / "out"
    run(news_pipeline, inputs, output, batch_size=2)
    state = output / "current" / input_state.STATE_FILE
    assert state.is_file()
    state.unlink()
    if damage == "corrupt":
        state.write_bytes(b"PAR1 not really parquet")

    rerun = run(news_pipeline, inputs, output, batch_size=2)
    assert (rerun["inputs_read"], rerun["inputs_skipped"], rerun["unchanged"]) == (6, 0, 4)
    run(news_pipeline, inputs, tmp_path / "fresh", batch_size=2)
    assert_same_tables(output, tmp_path / "fresh")


def test_an_input_that_comes_back_unchanged_is_not_read_again(news_pipeline, tmp_path):
    inputs = mixed_inputs(tmp_path / "in")
    output = tmp_path / "out"
    run(news_pipeline, inputs, output, batch_size=2)
    note = (inputs / "note.txt").read_text()
    (inputs / "note.txt").unlink()
    gone = run(news_pipeline, inputs, output, batch_size=2)
    assert (gone["inputs_read"], gone["kept"]) == (0, 1)

    (inputs / "note.txt").write_text(note)
    back = run(news_pipeline, inputs, output, batch_size=2)
    assert (back["inputs_read"], back["inputs_skipped"], back["kept"]) == (0, 6, 0)
    run(news_pipeline, inputs, tmp_path / "fresh", batch_size=2)
    assert_same_tables(output, tmp_path / "fresh")
