import pandas as pd
import pytest

from newsquotes import publish
from newsquotes.contracts import load_contracts


def stage_run(output, run_id, title):
    contracts = load_contracts()
    staging = publish.staging_dir(output, run_id)
    row = {"article_id": "a", "source_id": "s", "text": "t", "word_count": 1}
    row |= {"content_hash": "h", "input_path": "p", "metadata": "{}", "title": title}
    publish.write_part(staging, contracts["articles"], [row], 0)
    publish.ensure_every_table(staging, contracts)
    return staging


def test_publish_switches_all_tables_at_once(tmp_path):
    stage_run(tmp_path, "run1", "first")
    publish.publish(tmp_path, "run1")
    assert pd.read_parquet(tmp_path / "articles")["title"].tolist() == ["first"]
    assert pd.read_parquet(tmp_path / "quotes").empty
    stage_run(tmp_path, "run2", "second")
    assert pd.read_parquet(tmp_path / "articles")["title"].tolist() == ["first"]  # staged only
    publish.publish(tmp_path, "run2")
    assert pd.read_parquet(tmp_path / "articles")["title"].tolist() == ["second"]
    assert publish.published_run(tmp_path) == "run2"


def test_discarded_run_leaves_published_output_untouched(tmp_path):
    stage_run(tmp_path, "run1", "first")
    publish.publish(tmp_path, "run1")
    stage_run(tmp_path, "run2", "bad")
    publish.discard(tmp_path, "run2")
    assert pd.read_parquet(tmp_path / "articles")["title"].tolist() == ["first"]
    assert not publish.staging_dir(tmp_path, "run2").exists()


def test_publish_refuses_to_replace_a_foreign_folder(tmp_path):
    (tmp_path / "quotes").mkdir()
    stage_run(tmp_path, "run1", "first")
    with pytest.raises(publish.OutputLayoutError, match="not a newsquotes table link"):
        publish.publish(tmp_path, "run1")
