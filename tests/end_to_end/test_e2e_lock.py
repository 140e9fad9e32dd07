"""Two runs of the flow on one output: the second refuses while the first holds it."""

import pandas as pd

from newsquotes.output import layout
from tests.output.test_lock import hold_lock_in_another_process

from .flow_helpers import ARTICLES, load_news_pipeline, write_feed


def test_second_run_refuses_while_another_holds_the_output(prefect_harness, tmp_path):
    news_pipeline = load_news_pipeline()
    feed = write_feed(tmp_path / "feed.jsonl", ARTICLES)
    output = tmp_path / "out"
    first = news_pipeline(inputs=[str(feed)], output=str(output), workers=1, return_state=True)
    assert first.is_completed()
    before = pd.read_parquet(output / "articles")

    holder = hold_lock_in_another_process(output, 60)
    try:
        second = news_pipeline(
            inputs=[str(feed)], output=str(output), workers=1, full_refresh=True, return_state=True
        )
    finally:
        holder.kill()
        holder.wait()
    assert second.is_failed()
    assert f"{output} is in use by another newsquotes run (pid {holder.pid}" in second.message
    pd.testing.assert_frame_equal(pd.read_parquet(output / "articles"), before)
    assert [run.name for run in (output / ".runs").iterdir()] == [layout.published_run(output)]
