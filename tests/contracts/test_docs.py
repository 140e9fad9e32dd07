"""The data dictionary is generated from the contracts and kept up to date."""

from __future__ import annotations

import json

import pytest

from newsquotes import cli
from newsquotes.contracts import docs
from newsquotes.contracts.compatibility import changelog_has_entry
from newsquotes.contracts.model import load_contracts, parse_contract
from newsquotes.output.history import history, report
from newsquotes.settings import PROJECT_ROOT


def test_data_dictionary_is_up_to_date():
    path = PROJECT_ROOT / docs.DICTIONARY_PATH
    assert path.exists() and path.read_text(encoding="utf-8") == docs.render(load_contracts()), (
        f"{docs.DICTIONARY_PATH} is out of date: run `newsquotes schema docs`"
    )


def test_every_table_and_column_is_described_in_the_dictionary():
    contracts = load_contracts()
    text = docs.render(contracts)
    for table, contract in contracts.items():
        section = text.split(f"\n## {table}\n", 1)[1].split("\n## ", 1)[0]
        assert contract.grain in section and contract.version in section
        for column in contract.columns:
            assert f"| `{column.name}` | {column.type} |" in section
            assert column.description.replace("|", "\\|") in section


def test_joins_come_from_references_and_key_names():
    joins = {str(j) for j in docs.joins(load_contracts())}
    assert "`quotes.speaker_entity_id` → `entities.entity_id`" in joins  # references
    assert "`mentions.article_id` → `articles.article_id`" in joins  # a key's name


def contract(name, columns, key):
    return parse_contract(
        {"table": name, "version": "1.0.0", "primary_key": [key], "columns": columns}
    )


def test_a_reference_to_an_unknown_column_is_refused():
    column = {"name": "x", "type": "string", "references": "nowhere.id", "description": "X."}
    with pytest.raises(ValueError, match="t.x references nowhere.id, which no contract defines"):
        docs.joins({"t": contract("t", [column], "x")})


def test_docs_command_writes_then_checks(tmp_path, capsys):
    path = tmp_path / "dictionary.md"
    assert cli.main(["schema", "docs", "--path", str(path), "--check"]) == 1
    assert "out of date" in capsys.readouterr().err
    assert cli.main(["schema", "docs", "--path", str(path)]) == 0
    assert cli.main(["schema", "docs", "--path", str(path), "--check"]) == 0


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("## quotes 2.0.0 (2026-12-01)", True),
        ("- `quotes` 2.0.0: renamed speaker", True),
        ("* quotes v2.0.0", True),
        ("- quotes 2.0.01: other version", False),
        ("- speakers 2.0.0: other table", False),
        ("quotes 2.0.0 in running text", False),
    ],
)
def test_changelog_entries_start_with_table_and_version(line, found):
    assert changelog_has_entry(f"# Changelog\n\n{line}\n", "quotes", "2.0.0") is found


def write_run(folder, run_id, outcomes):
    payload = {
        "run_id": run_id,
        "contract_versions": {suite.split(".")[0]: "1.0.0" for suite in outcomes},
        "suites": {suite: {"success": ok} for suite, ok in outcomes.items()},
    }
    (folder / f"{run_id}.json").write_text(json.dumps(payload))


def test_status_shows_when_each_table_last_passed(tmp_path):
    results = tmp_path / "validation"
    results.mkdir()
    write_run(results, "20261101T020000000000Z", {"quotes": True, "quotes.spans": True})
    write_run(results, "20261102T020000000000Z", {"quotes": True, "quotes.spans": False})
    write_run(results, "20261103T020000000000Z", {"quotes": True, "rejects": False})
    (entry_quotes, entry_rejects) = history(results)
    assert (entry_quotes.last_result, entry_quotes.last_passed) == (
        "passed",
        "20261103T020000000000Z",
    )
    assert entry_quotes.runs == 3
    assert (entry_rejects.last_result, entry_rejects.last_passed) == ("failed", None)
    text = report(tmp_path)
    assert "2026-11-03 02:00:00 UTC" in text and "never" in text
