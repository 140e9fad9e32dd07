"""The flow with its output on a filesystem URL (S3 through moto's server): the same tables
as on disk, from a Dask cluster too; a held lease refuses the run."""

from newsquotes import cli
from newsquotes.output import layout, lock
from newsquotes.output.storage import Location
from tests.conftest import SEED_FILE

from .flow_helpers import ARTICLES, assert_same_tables, load_news_pipeline, write_feed


def test_a_cluster_writes_to_s3_what_a_local_run_writes_to_disk(
    prefect_harness, s3_output, dask_cluster, tmp_path, capsys
):
    news_pipeline = load_news_pipeline()
    inputs = [str(write_feed(tmp_path / "feed.jsonl", ARTICLES)), str(SEED_FILE)]
    options = {"inputs": inputs, "batch_size": 1, "return_state": True}
    local = news_pipeline(output=str(tmp_path / "local"), workers=1, **options)
    assert local.is_completed(), local.message

    on_s3 = news_pipeline(output=s3_output, dask_address=dask_cluster.scheduler_address, **options)
    assert on_s3.is_completed(), on_s3.message
    assert on_s3.result()["articles"] == 4
    assert_same_tables(s3_output, tmp_path / "local")
    published = layout.published_tables(s3_output)
    assert published["quotes"] == f"{s3_output}/.runs/{layout.published_run(s3_output)}/quotes"
    assert cli.main(["tables", "--output", s3_output]) == 0
    assert f"quotes            {published['quotes']}\n" in capsys.readouterr().out
    assert (Location.of(s3_output) / "data_docs" / "index.html").is_file()
    assert not (Location.of(s3_output) / lock.LOCK_FILE).exists()  # released

    more = str(write_feed(tmp_path / "more.jsonl", {"b1": "“Done,” said Ann Lee in Leeds."}))
    options["inputs"].append(more)
    again = news_pipeline(output=s3_output, workers=2, **options)
    assert again.is_completed(), again.message
    assert (again.result()["articles"], again.result()["unchanged"]) == (1, 4)
    runs = Location.of(s3_output) / layout.RUNS_DIR
    assert len(runs.folders()) == 1 + layout.KEEP_PREVIOUS_RUNS

    nothing_new = news_pipeline(output=s3_output, workers=2, **options)
    assert nothing_new.result()["unchanged_since"] == layout.published_run(s3_output)


def test_a_run_refuses_an_s3_output_whose_lease_another_run_holds(
    prefect_harness, s3_output, tmp_path, monkeypatch
):
    monkeypatch.setattr(lock, "SETTLE_SECONDS", 0.1)
    news_pipeline = load_news_pipeline()
    feed = str(write_feed(tmp_path / "feed.jsonl", ARTICLES))
    with lock.lock_output(s3_output):
        state = news_pipeline(inputs=[feed], output=s3_output, workers=1, return_state=True)
    assert state.is_failed()
    assert f"{s3_output} is in use by another newsquotes run (pid" in state.message
    assert layout.published_run(s3_output) is None


def test_a_run_to_an_output_url_no_filesystem_knows_fails_with_the_reason(
    prefect_harness, tmp_path
):
    news_pipeline = load_news_pipeline()
    feed = str(write_feed(tmp_path / "feed.jsonl", ARTICLES))
    state = news_pipeline(inputs=[feed], output="nosuchscheme://news", return_state=True)
    assert state.is_failed()
    assert "cannot open nosuchscheme://news" in state.message
