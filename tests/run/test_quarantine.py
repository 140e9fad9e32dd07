"""Quarantine without Prefect: rows that break a contract are traced to their articles,
which are held back from every table and recorded as rejects; the others stay."""

import pytest

from newsquotes.clean import clean_article
from newsquotes.contracts import load_contracts
from newsquotes.nlp import analyse_batch
from newsquotes.output.parts import part_name, read_staged, write_part
from newsquotes.output.storage import Location
from newsquotes.records import InputLocation, RawArticle
from newsquotes.run.batch import stage_rows
from newsquotes.run.quarantine import Audited, audit, hold_back, part_violations
from newsquotes.settings import Settings
from tests.end_to_end.flow_helpers import ARTICLES


@pytest.fixture(scope="module")
def rows():
    """Real rows of the three small articles, as one batch."""
    articles = [
        clean_article(RawArticle(InputLocation("feed.jsonl", key, line), text))
        for line, (key, text) in enumerate(ARTICLES.items(), start=1)
    ]
    return analyse_batch(articles, Settings().model)


def staged(tmp_path, rows) -> Location:
    staging = Location.of(tmp_path / "run")
    stage_rows(rows, staging, 0)
    return staging


def break_quote_offsets(staging: Location, article_id: str) -> None:
    contract = load_contracts()["quotes"]
    quotes = read_staged(staging, contract)
    quotes.loc[quotes["article_id"] == article_id, "start"] += 1
    records = quotes.astype(object).where(quotes.notna(), None).to_dict("records")
    write_part(staging, contract, records, 0)


def test_rows_that_keep_their_contracts_hold_nothing_back(tmp_path, rows):
    found = audit(staged(tmp_path, rows), load_contracts(), set(), 2000)
    assert found.held == {} and found.untraceable == []


def test_an_article_whose_quote_offsets_are_wrong_is_held_back_from_every_table(tmp_path, rows):
    staging = staged(tmp_path, rows)
    bad = rows.quotes[0]["article_id"]
    break_quote_offsets(staging, bad)
    contracts = load_contracts()

    found = audit(staging, contracts, set(), 2000)
    assert list(found.held) == [bad]
    assert found.held[bad] == "quotes: text [start:end] does not slice the text"
    assert hold_back(staging, contracts, found) == 1

    for table in ("articles", "mentions", "entities", "quotes"):
        ids = set(read_staged(staging, contracts[table])["article_id"])
        assert bad not in ids and ids, table
    (reject,) = read_staged(staging, contracts["rejects"]).itertuples()
    assert reject.stage == "validate" and reject.input_path == "feed.jsonl"
    assert reject.reason == f"held back: {found.held[bad]}"
    assert audit(staging, contracts, set(), 2000).held == {}


def test_a_batch_audited_where_it_ran_is_not_read_again_and_its_violations_hold_back(
    tmp_path, rows
):
    staging = staged(tmp_path, rows)
    bad = rows.quotes[0]["article_id"]
    break_quote_offsets(staging, bad)
    contracts = load_contracts()
    name = part_name(staging, 0)

    violations = part_violations(staging, contracts, [name])  # what the batch task finds
    assert {v.article_id for v in violations} == {bad}
    assert audit(staging, contracts, set(), 2000, Audited({name}, [])).held == {}
    found = audit(staging, contracts, set(), 2000, Audited({name}, violations))
    assert found.held == {bad: "quotes: text [start:end] does not slice the text"}


def test_an_article_staged_in_two_parts_is_held_back_by_its_repeated_key(tmp_path, rows):
    staging = staged(tmp_path, rows)
    contracts = load_contracts()
    again = [row for row in rows.articles if row["article_id"] == rows.articles[1]["article_id"]]
    write_part(staging, contracts["articles"], again, 1)  # a later batch with the same article

    found = audit(staging, contracts, set(), 2000)
    assert found.held == {again[0]["article_id"]: "articles: article_id repeats"}


def test_a_broken_rule_no_article_explains_is_untraceable(tmp_path, rows):
    staging = staged(tmp_path, rows)
    contracts = load_contracts()
    reject = {"reject_id": "r", "source_id": "s", "input_path": "p", "stage": "ingest"}
    write_part(staging, contracts["rejects"], [reject | {"reason": "x"}] * 2, 1)

    found = audit(staging, contracts, set(), 2000)
    assert found.held == {}
    assert "rejects: reject_id repeats" in found.untraceable


def test_reasons_count_the_articles_each_rule_held_back(tmp_path, rows):
    staging = staged(tmp_path, rows)
    for article_id in {row["article_id"] for row in rows.quotes}:
        break_quote_offsets(staging, article_id)
    found = audit(staging, load_contracts(), set(), 2000)
    assert found.reasons() == {"quotes: text [start:end] does not slice the text": len(found.held)}


def test_a_failed_run_publishes_no_article_and_a_pipe_in_a_path_stays_in_its_cell():
    from newsquotes.run import RunSummary

    summary = RunSummary(run_id="r", output="out|put", articles=5, problem="validation failed")
    assert dict(summary.lines())["articles published"] == "0"
    assert "| output | out\\|put (NOT published: validation failed) |" in summary.markdown()
