"""A run killed with SIGKILL at any point leaves the published tables as they were (or, if the
kill came after the atomic publish, entirely the new ones); the next run completes the work."""

import os
import signal
import subprocess
import sys
import time

import pytest

from newsquotes.output import layout

from .flow_helpers import ARTICLES, assert_same_tables, load_news_pipeline, tables, write_feed

MORE = {f"b{i}": f"“Step {i} is done,” said Ann Lee, the site manager in Leeds." for i in range(12)}


def new_run_folders(output, published):
    runs = output / layout.RUNS_DIR
    return [run for run in runs.iterdir() if run.name != published] if runs.is_dir() else []


def a_part_is_staged(output, published):
    return any(any(run.glob("*/*.parquet")) for run in new_run_folders(output, published))


def validation_finished(output, published):
    return any(
        (output / "validation" / f"{run.name}.json").exists()
        for run in new_run_folders(output, published)
    )


@pytest.mark.parametrize("kill_when", [a_part_is_staged, validation_finished])
def test_killed_run_leaves_published_tables_and_next_run_completes(
    prefect_harness, tmp_path, kill_when
):
    from prefect.settings import PREFECT_API_URL

    news_pipeline = load_news_pipeline()
    output, feed = tmp_path / "out", tmp_path / "feed.jsonl"
    news_pipeline(inputs=[str(write_feed(feed, ARTICLES))], output=str(output), workers=1)
    before = tables(output)
    published = layout.published_run(output)

    write_feed(feed, ARTICLES | MORE)
    env = os.environ | {"PREFECT_API_URL": PREFECT_API_URL.value()}
    command = [sys.executable, "-m", "newsquotes.cli", "run", str(feed), "--output", str(output)]
    run = subprocess.Popen([*command, "--workers", "1", "--batch-size", "1"], env=env)
    deadline = time.monotonic() + 240
    while not kill_when(output, published) and run.poll() is None:
        assert time.monotonic() < deadline, "the run never reached the kill point"
        time.sleep(0.01)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()

    after = tables(output)
    if layout.published_run(output) == published:
        for table, frame in before.items():
            assert frame.equals(after[table]), table

    state = news_pipeline(inputs=[str(feed)], output=str(output), workers=1, return_state=True)
    assert state.is_completed(), state.message
    fresh = tmp_path / "fresh"
    news_pipeline(inputs=[str(feed)], output=str(fresh), workers=1)
    assert_same_tables(output, fresh)
    runs = sorted(run.name for run in (output / layout.RUNS_DIR).iterdir())
    assert runs[-1] == layout.published_run(output)  # the killed run's folder is gone
    assert len(runs) <= 1 + layout.KEEP_PREVIOUS_RUNS
