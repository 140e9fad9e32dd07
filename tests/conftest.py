"""Shared fixtures: the real spaCy model, the seed article, and a Prefect test harness."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

from newsquotes.clean.article import clean_article  # noqa: E402
from newsquotes.entities.extract import extract_entities  # noqa: E402
from newsquotes.ingest.readers import parse_text_article  # noqa: E402
from newsquotes.nlp.model import load_model  # noqa: E402
from newsquotes.records import InputLocation  # noqa: E402
from newsquotes.settings import PROJECT_ROOT, Settings  # noqa: E402

SEEDS = PROJECT_ROOT / "seeds"
SEED_FILE = SEEDS / "000_258621bb6faeb97f.txt"
SHARED = PROJECT_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    return load_model(Settings().model)


@pytest.fixture(scope="session")
def seed_article():
    location = InputLocation(path=str(SEED_FILE), source_id=SEED_FILE.name)
    return clean_article(parse_text_article(SEED_FILE.read_text(encoding="utf-8"), location))


@pytest.fixture(scope="session")
def seed_doc(nlp, seed_article):
    return nlp(seed_article.text)


@pytest.fixture(scope="session")
def seed_entities(seed_doc, seed_article):
    return extract_entities(seed_doc, seed_article.article_id)


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect server and database for every flow test of the session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):  # a loaded CI machine starts slowly
        yield


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared data is not available")
    return SHARED


@pytest.fixture(scope="session")
def s3_endpoint():
    """A real S3 API (moto's server) on localhost, named by AWS_ENDPOINT_URL for this
    process and every worker process it starts; yields a bucket to write to."""
    moto_server = pytest.importorskip("moto.server")
    boto3 = pytest.importorskip("boto3")
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    settings = {
        "AWS_ENDPOINT_URL": f"http://{host}:{port}",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    saved = {name: os.environ.get(name) for name in settings}
    os.environ.update(settings)
    boto3.client("s3").create_bucket(Bucket="news")
    try:
        yield "news"
    finally:
        server.stop()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@pytest.fixture
def s3_output(s3_endpoint, request) -> str:
    """An empty output URL on the test S3 endpoint, one per test."""
    return f"s3://{s3_endpoint}/{request.node.name}"


@pytest.fixture
def dask_cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster
