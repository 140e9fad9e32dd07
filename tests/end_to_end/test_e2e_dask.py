"""The same flow on a Dask cluster (prefect-dask's DaskTaskRunner): identical output."""

from tests.conftest import SEED_FILE

from .flow_helpers import ARTICLES, assert_same_tables, load_news_pipeline, write_feed


def test_dask_cluster_output_is_identical_to_the_local_run(prefect_harness, dask_cluster, tmp_path):
    news_pipeline = load_news_pipeline()
    inputs = [str(write_feed(tmp_path / "feed.jsonl", ARTICLES)), str(SEED_FILE)]
    options = {"inputs": inputs, "batch_size": 1, "return_state": True}
    local = news_pipeline(output=str(tmp_path / "local"), workers=1, **options)
    assert local.is_completed(), local.message
    remote = news_pipeline(
        output=str(tmp_path / "dask"), dask_address=dask_cluster.scheduler_address, **options
    )
    assert remote.is_completed(), remote.message
    assert remote.result()["articles"] == 4
    assert_same_tables(tmp_path / "dask", tmp_path / "local")
