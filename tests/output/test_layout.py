import pandas as pd
import pytest

from newsquotes.contracts.model import load_contracts
from newsquotes.output import carry, layout, parts


def stage_run(output, run_id, title):
    contracts = load_contracts()
    staging = layout.staging_dir(output, run_id)
    row = {"article_id": "a", "source_id": "s", "text": "t", "word_count": 1}
    row |= {"content_hash": "h", "input_path": "p", "metadata": "{}", "title": title}
    parts.write_part(staging, contracts["articles"], [row], 0)
    parts.ensure_every_table(staging, contracts)
    return staging


def test_publish_switches_all_tables_at_once(tmp_path):
    stage_run(tmp_path, "run1", "first")
    layout.publish(tmp_path, "run1")
    assert pd.read_parquet(tmp_path / "articles")["title"].tolist() == ["first"]
    assert pd.read_parquet(tmp_path / "quotes").empty
    stage_run(tmp_path, "run2", "second")
    assert pd.read_parquet(tmp_path / "articles")["title"].tolist() == ["first"]  # staged only
    layout.publish(tmp_path, "run2")
    assert pd.read_parquet(tmp_path / "articles")["title"].tolist() == ["second"]
    assert layout.published_run(tmp_path) == "run2"


def test_discarded_run_leaves_published_output_untouched(tmp_path):
    stage_run(tmp_path, "run1", "first")
    layout.publish(tmp_path, "run1")
    stage_run(tmp_path, "run2", "bad")
    layout.discard(tmp_path, "run2")
    assert pd.read_parquet(tmp_path / "articles")["title"].tolist() == ["first"]
    assert not layout.staging_dir(tmp_path, "run2").exists()


def test_publish_refuses_to_replace_a_foreign_folder(tmp_path):
    (tmp_path / "quotes").mkdir()
    stage_run(tmp_path, "run1", "first")
    with pytest.raises(layout.OutputLayoutError, match="not a newsquotes table link"):
        layout.publish(tmp_path, "run1")


def article_rows(*ids):
    base = {"source_id": "s", "text": "t", "word_count": 1, "content_hash": "h"}
    return [base | {"article_id": i, "input_path": "p", "metadata": "{}"} for i in ids]


def test_part_groups_hold_whole_batches_up_to_the_article_budget(tmp_path):
    contracts = load_contracts()
    for part, ids in enumerate([("a", "b"), ("c", "d"), ("e",)]):
        parts.write_part(tmp_path, contracts["articles"], article_rows(*ids), part)
    mention = {"mention_id": "m", "article_id": "e", "entity_id": "x", "text": "E"}
    mention |= {"start": 0, "end": 1, "label": "PERSON", "origin": "model"}
    parts.write_part(tmp_path, contracts["mentions"], [mention], 3)  # a batch without articles

    names = sorted(p.name for p in (tmp_path / "articles").glob("*.parquet"))
    groups = parts.part_groups(tmp_path, ["articles", "mentions"], set(), 3)
    assert groups == [names[:1], [*names[1:], f"part-{tmp_path.name}-00003.parquet"]]
    assert parts.part_groups(tmp_path, ["articles"], set(names[:2]), 3) == [names[2:]]


def test_key_hashes_reveal_an_id_repeated_across_parts(tmp_path):
    contract = load_contracts()["articles"]
    parts.write_part(tmp_path, contract, article_rows("a", "b"), 0)
    parts.write_part(tmp_path, contract, article_rows("c"), 1)
    assert parts.key_hashes(tmp_path, contract)["article_id"].is_unique
    parts.write_part(tmp_path, contract, article_rows("b"), 2)
    keys = parts.key_hashes(tmp_path, contract)
    assert len(keys) == 4 and not keys["article_id"].is_unique


def test_carry_over_keeps_part_names_and_reports_what_changed(tmp_path):
    contracts = load_contracts()
    published, staging = tmp_path / "published", tmp_path / "staging"
    parts.write_part(published, contracts["articles"], article_rows("a", "b"), 0)
    parts.write_part(published, contracts["articles"], article_rows("c"), 1)
    names = sorted(p.name for p in (published / "articles").glob("*.parquet"))

    carried = carry.carry_over(published, staging, ["articles"], drop={"b"})
    assert sorted(p.name for p in (staging / "articles").glob("*.parquet")) == names
    assert carried.unchanged_parts == {names[1]} and not carried.complete
    assert carried.rows == {"articles": 2}
    assert (staging / "articles" / names[1]).stat().st_ino == (
        (published / "articles" / names[1]).stat().st_ino
    )
