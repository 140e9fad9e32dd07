"""When did each table last pass validation? Read from the results kept per run.

Every run writes `output/validation/<run_id>.json` (see `validate`), passed or not; a
table passed in a run when all its suites (`quotes`, `quotes.spans`) did.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from newsquotes.output.layout import published_run
from newsquotes.output.storage import Location, Where


@dataclass
class TableHistory:
    table: str
    last_run: str
    last_result: str  # passed | failed
    last_passed: str | None
    contract_version: str | None  # of the last passed run, when recorded
    runs: int


def run_time(run_id: str) -> str:
    """A run id (UTC timestamp) as a readable time; the id itself if it is not one."""
    try:
        moment = datetime.strptime(run_id, "%Y%m%dT%H%M%S%fZ")
    except ValueError:
        return run_id
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def table_results(payload: dict) -> dict[str, bool]:
    """table -> passed, from one run's results file."""
    passed: dict[str, bool] = {}
    for suite, result in payload.get("suites", {}).items():
        table = suite.split(".", 1)[0]
        passed[table] = passed.get(table, True) and bool(result.get("success"))
    return passed


def contract_versions_passed(results_dir: Location, run_id: str) -> dict[str, str] | None:
    """The contract versions a run passed validation under; None if it did not pass (or
    its results are missing or unreadable)."""
    try:
        payload = json.loads((results_dir / f"{run_id}.json").read_text())
    except (OSError, ValueError):
        return None
    return payload.get("contract_versions") if payload.get("success") else None


def history(results_dir: Where) -> list[TableHistory]:
    """Per table, over every results file in `results_dir` (oldest to newest run)."""
    results_dir = Location.of(results_dir)
    tables: dict[str, TableHistory] = {}
    for path in results_dir.files(".json"):
        payload = json.loads(path.read_text())
        run_id = payload.get("run_id", path.name.removesuffix(".json"))
        versions = payload.get("contract_versions", {})
        for table, passed in table_results(payload).items():
            entry = tables.setdefault(table, TableHistory(table, run_id, "", None, None, 0))
            entry.runs += 1
            entry.last_run, entry.last_result = run_id, "passed" if passed else "failed"
            if passed:
                entry.last_passed, entry.contract_version = run_id, versions.get(table)
    return list(tables.values())


def report(output: Where) -> str:
    """The history as a table a person reads, with the published run."""
    output = Location.of(output)
    results_dir = output / "validation"
    entries = history(results_dir)
    if not entries:
        return f"no validation results in {results_dir}"
    rows = [("table", "runs", "last run", "result", "last passed", "contract")]
    rows += [
        (
            e.table,
            str(e.runs),
            run_time(e.last_run),
            e.last_result,
            run_time(e.last_passed) if e.last_passed else "never",
            e.contract_version or "",
        )
        for e in entries
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    published = published_run(output)
    lines.append(f"published run: {run_time(published) if published else 'none'} ({published})")
    lines.append(f"results: {results_dir}/<run_id>.json; data docs: {output / 'data_docs'}")
    return "\n".join(line.rstrip() for line in lines)
