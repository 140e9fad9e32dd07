import pandas as pd
import pytest

from newsquotes.contracts.model import load_contracts
from newsquotes.output.validation import validate_tables

TEXT = "“Hello there,” said Ann Lee."


def frames(quote_overrides=None):
    contracts = load_contracts()
    articles = {
        "article_id": "a1",
        "source_id": "a.txt",
        "title": None,
        "subtitle": None,
        "text": TEXT,
        "published_at": None,
        "updated_at": None,
        "url": None,
        "source": None,
        "word_count": 5,
        "content_hash": "h",
        "input_path": "a.txt",
        "input_line": None,
        "metadata": "{}",
    }
    quote = {
        "quote_id": "q1",
        "article_id": "a1",
        "text": "Hello there",
        "start": 1,
        "end": 12,
        "kind": "direct",
        "speaker": "Ann Lee",
        "speaker_start": 20,
        "speaker_end": 27,
        "speaker_entity_id": "e1",
        "speaker_name": "Ann Lee",
        "speaker_description": None,
        "cue": "said",
        "cue_start": 15,
        "cue_end": 19,
        "cue_lemma": "say",
        "rule": "test",
        "confidence": 0.9,
    } | (quote_overrides or {})
    tables = {"articles": [articles], "quotes": [quote]}
    empty = {name: contract.to_arrow([]).to_pandas() for name, contract in contracts.items()}
    return {
        name: (
            contract,
            pd.DataFrame(tables[name], columns=empty[name].columns)
            if name in tables
            else empty[name],
        )
        for name, contract in contracts.items()
    }


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    def validate(quote_overrides=None):
        out = tmp_path_factory.mktemp("validation")
        return validate_tables(frames(quote_overrides), out / "results", out / "docs", "run1")

    return validate


def records(frame: pd.DataFrame) -> list[dict]:
    """A frame's rows as part rows: missing values as None."""
    return [{k: None if pd.isna(v) else v for k, v in r.items()} for r in frame.to_dict("records")]


def test_consistent_tables_pass_and_results_are_kept(run):
    report = run()
    assert report.success, report.failures
    assert report.results_path.exists()
    assert report.data_docs_index is not None and report.data_docs_index.exists()


@pytest.mark.parametrize(
    ("overrides", "failed_suite"),
    [
        ({"start": 2}, "quotes.spans"),  # offsets no longer slice the text
        ({"end": 999, "text": "x"}, "quotes.spans"),  # beyond the article
        ({"kind": "rumour"}, "quotes"),  # not in the enum
        ({"rule": None}, "quotes"),  # required column null
        ({"speaker_start": 27, "speaker_end": 20}, "quotes.spans"),  # start after end
    ],
)
def test_corrupted_quotes_are_named_in_the_failures(run, overrides, failed_suite):
    report = run(overrides)
    assert not report.success
    assert any(failure.startswith(f"{failed_suite}:") for failure in report.failures), (
        report.failures
    )


def test_column_order_is_checked(tmp_path):
    tables = frames()
    contract, quotes = tables["quotes"]
    tables["quotes"] = (contract, quotes[list(reversed(quotes.columns))])
    report = validate_tables(tables, tmp_path / "r", tmp_path / "d", "run2")
    assert any("ordered_list" in f for f in report.failures), report.failures


def test_duplicate_ids_fail(tmp_path):
    tables = frames()
    contract, articles = tables["articles"]
    tables["articles"] = (contract, pd.concat([articles, articles], ignore_index=True))
    report = validate_tables(tables, tmp_path / "r", tmp_path / "d", "run3")
    assert any("unique" in f for f in report.failures), report.failures


def test_an_id_repeated_in_another_group_of_parts_fails_the_keys_suite(tmp_path):
    from newsquotes.output import parts
    from newsquotes.output.validation import validate_run

    contract, articles = frames()["articles"]
    rows = records(articles)
    staging = tmp_path / "staged"
    parts.write_part(staging, contract, rows, 0)
    parts.write_part(staging, contract, rows, 1)  # the same article again, in another batch
    report = validate_run(staging, {"articles": contract}, tmp_path, "run4", set(), 1)
    assert [r.suite for r in report.results if not r.success] == ["articles.keys"]

    skipped = validate_run(
        staging,
        {"articles": contract},
        tmp_path,
        "run5",
        {p.name for p in (staging / "articles").glob("*.parquet")},
        1,
    )
    assert [r.suite for r in skipped.results] == ["articles.keys"]  # parts not re-read


VALIDATE_APART = """
import json, sys
import pandas as pd
from newsquotes.output import parts
from newsquotes.output.validation import validate_run, validator
from tests.output.test_validation import frames

contract, articles = frames()["articles"]
rows = [{k: None if pd.isna(v) else v for k, v in r.items()} for r in articles.to_dict("records")]
parts.write_part(sys.argv[1] + "/staged", contract, rows, 0)
parts.write_part(sys.argv[1] + "/staged", contract, rows, 1)
started = validator()  # Great Expectations loads there while this process goes on
report = validate_run(
    sys.argv[1] + "/staged", {"articles": contract}, sys.argv[1], "r", set(), 1, started
)
print(json.dumps({
    "failed": [r.suite for r in report.results if not r.success],
    "results": report.results_path.exists(),
    "great_expectations_here": "great_expectations" in sys.modules,
    "started_apart": started is not None,
}))
"""


def test_a_process_without_great_expectations_validates_in_a_process_of_its_own(tmp_path):
    """The flow's process stays without Great Expectations' 250 MiB; the outcome is the same."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    ran = subprocess.run(
        [sys.executable, "-c", VALIDATE_APART, str(tmp_path)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ran.returncode == 0, ran.stderr
    outcome = json.loads(ran.stdout.strip().splitlines()[-1])
    assert outcome == {
        "failed": ["articles.keys"],
        "results": True,
        "great_expectations_here": False,
        "started_apart": True,
    }


def staged(tmp_path, quote_overrides=None):
    """The articles and quotes of `frames` as staged part files."""
    from newsquotes.output import parts

    tables = frames(quote_overrides)
    for name in ("articles", "quotes"):
        contract, frame = tables[name]
        parts.write_part(tmp_path / "staged", contract, records(frame), 0)
    return tmp_path / "staged", {name: tables[name][0] for name in ("articles", "quotes")}


def test_a_table_validated_in_a_later_step_has_its_spans_checked_against_the_articles(tmp_path):
    """The run sends the quotes after relinking them, apart from the articles: their
    offsets are still checked against the articles' texts."""
    from newsquotes.output.validation import ValidationSteps

    staging, contracts = staged(tmp_path, {"start": 2})  # no longer slices the text
    steps = ValidationSteps(None, staging, contracts, tmp_path, "run6", 1)
    steps.tables(["articles"], set())
    steps.tables(["quotes"], set())
    report = steps.finish()
    failed = [r.suite for r in report.results if not r.success]
    assert failed == ["quotes.spans"], report.failures
    assert {r.suite for r in report.results} >= {"articles", "articles.keys", "quotes.keys"}


def test_validation_steps_sent_to_their_process_report_as_one_run(tmp_path):
    from newsquotes.output.apart import Apart
    from newsquotes.output.validation import ValidationSteps

    staging, contracts = staged(tmp_path)
    with Apart("great_expectations") as apart:
        steps = ValidationSteps(apart, staging, contracts, tmp_path, "run7", 1)
        steps.tables(["articles"], set())
        steps.tables(["quotes"], set())
        report = steps.finish()
    assert report.success, report.failures
    assert {"articles", "quotes", "quotes.spans"} <= {r.suite for r in report.results}
    assert report.results_path.exists()
