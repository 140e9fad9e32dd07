"""Shared fixtures: the real spaCy model, the seed article, and a Prefect test harness."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

from newsquotes.clean import clean_article  # noqa: E402
from newsquotes.entities import extract_entities  # noqa: E402
from newsquotes.ingest import InputLocation, parse_text_article  # noqa: E402
from newsquotes.nlp import load_model  # noqa: E402
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
