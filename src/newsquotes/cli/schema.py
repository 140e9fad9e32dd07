"""The `newsquotes schema` commands: check, docs and status of the table contracts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsquotes.settings import DEFAULT_OUTPUT, PROJECT_ROOT


def check_command(args: argparse.Namespace) -> int:
    from newsquotes.contracts.compatibility import BaseNotFound, check, lint
    from newsquotes.contracts.model import schemas_dir

    try:
        report = check(schemas_dir(), args.base)
    except BaseNotFound as missing:
        if args.base:
            print(f"newsquotes schema check: {missing}", file=sys.stderr)
            return 2
        problems = lint(schemas_dir())
        print(f"schema check: no comparison, nothing to compare with: {missing}")
        print("schema check: only checked that every contract parses and describes its columns")
        print("\n".join(f"FAIL {problem}" for problem in problems) or "schema check: ok")
        return 1 if problems else 0
    print(report.text())
    return 0 if report.ok else 1


def docs_command(args: argparse.Namespace) -> int:
    from newsquotes.contracts import docs
    from newsquotes.contracts.model import load_contracts

    path = Path(args.path)
    contracts = load_contracts()
    if args.check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != docs.render(contracts):
            print(f"{path} is out of date: run `newsquotes schema docs`", file=sys.stderr)
            return 1
        print(f"{path} is up to date")
        return 0
    changed = docs.write(contracts, path)
    print(f"{path} {'written' if changed else 'already up to date'}")
    return 0


def status_command(args: argparse.Namespace) -> int:
    from newsquotes.output.history import report

    print(report(args.output))
    return 0


def add_schema_commands(commands) -> None:
    """`schema check|docs|status` under the main parser's subcommands."""
    schema = commands.add_parser("schema", help="table contracts: check, docs, status")
    actions = schema.add_subparsers(dest="schema_command", required=True)
    check = actions.add_parser(
        "check", help="classify contract changes against a git ref and enforce version bumps"
    )
    check.add_argument(
        "--base", help="git ref to compare with (default: the merge base with main, else HEAD~1)"
    )
    check.set_defaults(handler=check_command)
    docs = actions.add_parser("docs", help="generate docs/data-dictionary.md from schemas/")
    docs.add_argument(
        "--path",
        default=str(PROJECT_ROOT / "docs" / "data-dictionary.md"),
        help="where to write it (default: docs/data-dictionary.md)",
    )
    docs.add_argument("--check", action="store_true", help="fail if the file is out of date")
    docs.set_defaults(handler=docs_command)
    status = actions.add_parser("status", help="when each table last passed validation")
    status.add_argument("--output", default=DEFAULT_OUTPUT, help="output folder (default: output/)")
    status.set_defaults(handler=status_command)
