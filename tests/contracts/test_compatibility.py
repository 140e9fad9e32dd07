"""`newsquotes schema check` on contracts committed to a temporary git repository."""

from __future__ import annotations

import copy
import subprocess

import pytest
import yaml

from newsquotes.contracts.compatibility import BREAKING, COMPATIBLE, BaseNotFound, check

BASE_CONTRACT = {
    "table": "quotes",
    "version": "1.0.0",
    "description": "Quotes.",
    "grain": "one row per quote",
    "primary_key": ["quote_id"],
    "columns": [
        {"name": "quote_id", "type": "string", "nullable": False, "unique": True,
         "description": "Stable id."},
        {"name": "text", "type": "string", "nullable": False, "description": "The quote."},
        {"name": "start", "type": "int32", "nullable": False, "min": 0,
         "description": "Start offset."},
        {"name": "end", "type": "int32", "nullable": False, "min": 1,
         "description": "End offset."},
        {"name": "kind", "type": "string", "nullable": False, "enum": ["direct", "indirect"],
         "description": "Kind of quote."},
        {"name": "speaker", "type": "string", "nullable": True, "description": "Who."},
        {"name": "confidence", "type": "float64", "nullable": True, "min": 0.0, "max": 1.0,
         "unique": False, "description": "How sure."},
    ],
}  # fmt: skip


def git(repo, *args):
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout.strip()


def write_contract(repo, contract):
    path = repo / "schemas" / f"{contract['table']}.yaml"
    path.write_text(yaml.safe_dump(contract, sort_keys=False), encoding="utf-8")


def commit(repo, message="change"):
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", message)


@pytest.fixture
def repo(tmp_path):
    """A repository on main whose one commit has the base quotes contract and a CHANGELOG."""
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "test@example.org")
    git(tmp_path, "config", "user.name", "test")
    (tmp_path / "schemas").mkdir()
    write_contract(tmp_path, BASE_CONTRACT)
    (tmp_path / "CHANGELOG.md").write_text("# Changelog\n\n- quotes 1.0.0: first\n")
    commit(tmp_path, "base")
    return tmp_path


def column(contract, name):
    return next(c for c in contract["columns"] if c["name"] == name)


def changed(edit, version=None):
    contract = copy.deepcopy(BASE_CONTRACT)
    edit(contract)
    if version:
        contract["version"] = version
    return contract


def rename(contract):
    column(contract, "speaker")["name"] = "speaker_text"


def remove(contract):
    contract["columns"] = [c for c in contract["columns"] if c["name"] != "speaker"]


def reorder(contract):
    columns = contract["columns"]
    columns[1], columns[2] = columns[2], columns[1]


def add_column(nullable):
    def edit(contract):
        contract["columns"].append(
            {"name": "topic", "type": "string", "nullable": nullable, "description": "Topic."}
        )

    return edit


def set_field(name, key, value):
    def edit(contract):
        if value is None:
            column(contract, name).pop(key, None)
        else:
            column(contract, name)[key] = value

    return edit


def set_table(key, value):
    def edit(contract):
        contract[key] = value

    return edit


BREAKING_CASES = {
    "removed column": (remove, "quotes.speaker", "column removed"),
    "renamed column": (rename, "quotes.speaker", "column renamed"),
    "type change": (set_field("start", "type", "string"), "quotes.start", "type changed"),
    "narrowing": (set_field("confidence", "type", "int64"), "quotes.confidence", "type changed"),
    "nullable to required": (
        set_field("speaker", "nullable", False),
        "quotes.speaker",
        "nullable to required",
    ),
    "new required column": (add_column(False), "quotes.topic", "new required column"),
    "removed enum value": (
        set_field("kind", "enum", ["direct"]),
        "quotes.kind",
        "enum value removed",
    ),
    "stricter min": (set_field("start", "min", 1), "quotes.start", "stricter check: min"),
    "stricter max": (
        set_field("confidence", "max", 0.5),
        "quotes.confidence",
        "stricter check: max",
    ),
    "new unique": (set_field("text", "unique", True), "quotes.text", "stricter check: unique"),
    "new enum": (
        set_field("speaker", "enum", ["a"]),
        "quotes.speaker",
        "stricter check: enum added",
    ),
    "new span": (
        set_table("spans", [{"start": "start", "end": "end", "text": "text"}]),
        "quotes.text",
        "stricter check: new span",
    ),
    "column order": (reorder, "quotes.text", "column order changed"),
    "primary key": (
        set_table("primary_key", ["quote_id", "text"]),
        "quotes",
        "primary key changed",
    ),
}

COMPATIBLE_CASES = {
    "new nullable column": (add_column(True), "quotes.topic", "new nullable column"),
    "new enum value": (
        set_field("kind", "enum", ["direct", "indirect", "mixed"]),
        "quotes.kind",
        "new enum value",
    ),
    "safe widening": (set_field("start", "type", "int64"), "quotes.start", "safe type widening"),
    "int to float widening": (
        set_field("end", "type", "float64"),
        "quotes.end",
        "safe type widening",
    ),
    "required to nullable": (
        set_field("text", "nullable", True),
        "quotes.text",
        "required to nullable (looser check)",
    ),
    "looser min": (set_field("end", "min", 0), "quotes.end", "looser check: min"),
    "min dropped": (set_field("start", "min", None), "quotes.start", "looser check: min dropped"),
    "enum dropped": (set_field("kind", "enum", None), "quotes.kind", "looser check: enum dropped"),
    "no longer unique": (
        set_field("quote_id", "unique", False),
        "quotes.quote_id",
        "looser check: no longer unique",
    ),
}


def findings(report):
    return {(c.where, c.kind, c.rule) for c in report.changes}


@pytest.mark.parametrize(("edit", "where", "rule"), BREAKING_CASES.values(), ids=BREAKING_CASES)
def test_breaking_change_fails_without_a_major_bump_naming_column_and_rule(repo, edit, where, rule):
    write_contract(repo, changed(edit, version="1.1.0"))
    report = check(repo / "schemas")
    assert (where, BREAKING, rule) in findings(report)
    assert not report.ok
    assert any(
        where in p and rule in p and "major version" in p and "2.0.0" in p for p in report.problems
    ), report.problems
    assert "FAIL" in report.text()


@pytest.mark.parametrize(("edit", "where", "rule"), BREAKING_CASES.values(), ids=BREAKING_CASES)
def test_breaking_change_passes_with_a_major_bump_and_a_changelog_entry(repo, edit, where, rule):
    write_contract(repo, changed(edit, version="2.0.0"))
    (repo / "CHANGELOG.md").write_text("# Changelog\n\n## quotes 2.0.0\n\n- what changed\n")
    report = check(repo / "schemas")
    assert (where, BREAKING, rule) in findings(report)
    assert report.ok, report.problems


def test_major_bump_without_a_changelog_entry_fails(repo):
    write_contract(repo, changed(remove, version="2.0.0"))
    report = check(repo / "schemas")
    assert report.problems == [
        "quotes: a breaking change (quotes.speaker: column removed) needs a CHANGELOG.md "
        "entry 'quotes 2.0.0' saying what changed and what readers must do"
    ]


@pytest.mark.parametrize(("edit", "where", "rule"), COMPATIBLE_CASES.values(), ids=COMPATIBLE_CASES)
def test_compatible_change_needs_a_minor_bump(repo, edit, where, rule):
    write_contract(repo, changed(edit, version="1.0.1"))
    report = check(repo / "schemas")
    assert findings(report) == {(where, COMPATIBLE, rule)}
    assert len(report.problems) == 1
    assert where in report.problems[0] and "minor version" in report.problems[0]
    assert "1.1.0" in report.problems[0]

    write_contract(repo, changed(edit, version="1.1.0"))
    assert check(repo / "schemas").ok


def test_new_table_is_compatible_and_needs_no_bump_elsewhere(repo):
    write_contract(repo, BASE_CONTRACT | {"table": "speakers"})
    report = check(repo / "schemas")
    assert findings(report) == {("speakers", COMPATIBLE, "new table")}
    assert report.ok


def test_removed_table_needs_a_changelog_entry(repo):
    (repo / "schemas" / "quotes.yaml").unlink()
    report = check(repo / "schemas")
    assert findings(report) == {("quotes", BREAKING, "table removed")}
    assert "'quotes removed'" in report.problems[0]
    (repo / "CHANGELOG.md").write_text("- quotes removed: use speakers instead\n")
    assert check(repo / "schemas").ok


def test_description_changes_need_no_bump_but_every_column_needs_one(repo):
    write_contract(repo, changed(set_field("text", "description", "The quoted words.")))
    report = check(repo / "schemas")
    assert report.ok and {c.kind for c in report.changes} == {"documentation"}
    write_contract(repo, changed(set_field("text", "description", "")))
    assert any("quotes.text: no description" in p for p in check(repo / "schemas").problems)


def test_version_must_not_go_down_and_must_be_semver(repo):
    write_contract(repo, changed(lambda c: None, version="0.9.0"))
    assert check(repo / "schemas").problems == ["quotes: version went down from 1.0.0 to 0.9.0"]
    write_contract(repo, changed(lambda c: None, version="1.1"))
    assert "not MAJOR.MINOR.PATCH" in check(repo / "schemas").problems[0]


def test_default_base_is_the_merge_base_with_main(repo):
    git(repo, "checkout", "-qb", "feature")
    write_contract(repo, changed(remove, version="1.0.0"))
    commit(repo)
    write_contract(repo, changed(add_column(True), version="1.0.0"))
    commit(repo)
    report = check(repo / "schemas")  # against main's contract, not the previous commit
    assert "merge base with main" in report.base
    assert findings(report) == {("quotes.topic", COMPATIBLE, "new nullable column")}


def test_on_main_the_base_is_the_previous_commit_or_head_when_uncommitted(repo):
    write_contract(repo, changed(add_column(True), version="1.0.0"))
    assert "HEAD, as the working tree" in check(repo / "schemas").base
    commit(repo)
    report = check(repo / "schemas")
    assert "HEAD~1" in report.base and not report.ok


def test_no_history_and_unknown_refs_say_so(repo):
    with pytest.raises(BaseNotFound, match="HEAD has no parent"):
        check(repo / "schemas")
    with pytest.raises(BaseNotFound, match="'nope' not found"):
        check(repo / "schemas", base="nope")


def test_command_exit_codes_and_messages(repo, monkeypatch, capsys):
    from newsquotes.cli.main import main

    monkeypatch.setenv("NEWSQUOTES_SCHEMAS", str(repo / "schemas"))
    assert main(["schema", "check"]) == 0  # one commit: nothing to compare with
    assert "nothing to compare with" in capsys.readouterr().out
    assert main(["schema", "check", "--base", "nope"]) == 2
    write_contract(repo, changed(rename))
    assert main(["schema", "check"]) == 1
    out = capsys.readouterr().out
    assert "FAIL quotes.speaker: column renamed is a breaking change" in out


def test_a_minor_bump_without_a_changelog_entry_is_noted_not_failed(repo):
    write_contract(repo, changed(add_column(True), version="1.1.0"))
    report = check(repo / "schemas")
    assert report.ok
    assert report.notes == ["quotes: no CHANGELOG.md entry 'quotes 1.1.0' yet (recommended)"]
    assert "note quotes: no CHANGELOG.md entry" in report.text()
