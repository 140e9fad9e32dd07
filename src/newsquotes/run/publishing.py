"""Audit and publish: what a run carries over, builds across the corpus and validates.

Carried-over rows cost (almost) nothing: a run that reads nothing new keeps the published
run when it was built the same way; when no article is new or gone the corpus tables are
linked, not rebuilt; parts linked from a run that passed under the same contracts are not
validated again.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from newsquotes.contracts import load_contracts, tables_of_scope
from newsquotes.corpus import build_corpus_tables
from newsquotes.corpus.relink import RELINKED_TABLES, relink
from newsquotes.output import validation
from newsquotes.output.apart import Apart
from newsquotes.output.carry import CarriedOver, link_tables
from newsquotes.output.history import contract_versions_passed
from newsquotes.output.layout import (
    RUNS_DIR,
    article_hashes,
    part_fingerprints,
    publish,
    published_hashes,
    published_run,
    recorded_fingerprints,
    remove_orphan_runs,
)
from newsquotes.output.parts import ensure_every_table, write_part
from newsquotes.output.storage import Location
from newsquotes.run import input_state, quarantine
from newsquotes.run.build import build, record_build, recorded_build
from newsquotes.run.summary import RunSummary
from newsquotes.settings import DEFAULT_MAX_QUARANTINE

GENDER_COLUMNS = {"gender", "gender_evidence"}
LINE_PREFIX = re.compile(r"^line \d+: ")
REJECTED = "rejected"  # output/rejected/<run_id>/: the rejects of a run with nothing to publish
# Articles (with their rows in every table) that quarantine and validation hold at a time:
# at 19,000 Reuters articles, groups of 2,000 made validation the largest process of the run
# (560 MiB against the workers' 530); groups of 1,000 peak at 481 MiB, for ~1.5 s a group.
ARTICLES_PER_VALIDATION = 1000


@dataclass(frozen=True)
class PublishOptions:
    """How a run's staged tables become published ones (the flow's parameters)."""

    prune: bool = False  # drop published articles whose input is gone
    max_quarantine: float = DEFAULT_MAX_QUARANTINE  # share of articles that may be held back
    gender: bool = True  # infer people's gender (False: --no-gender)


@dataclass(frozen=True)
class Carried:
    """The published run, and what this run carried over from it."""

    published: Location
    parts: CarriedOver


def carried_tables() -> list[str]:
    """The tables whose rows are carried over article by article."""
    contracts = load_contracts()
    batch_tables = tables_of_scope(contracts, "batch")
    return [table for table in batch_tables if "article_id" in contracts[table].column_names]


def remove_unfinished_runs(output: Location) -> list[str]:
    """Remove the folders of runs that never published; their names.

    When `current` is lost (a backup restored without symlinks) the newest run that passed
    validation is published again first: its tables are never taken for an unfinished
    run's, and the next run carries them over as usual.
    """
    if published_run(output) is None:
        runs = [run.name for run in (output / RUNS_DIR).folders()]
        passed = [run for run in runs if contract_versions_passed(output / "validation", run)]
        if passed:
            publish(output, max(passed))
    return remove_orphan_runs(output)


def nothing_to_publish(staging: Location, output: Location, summary: RunSummary) -> bool:
    """Whether the run has no article to publish; then say why, and keep its rejects (they
    are the only answer the user gets) in `output/rejected/<run_id>/`."""
    summary.reject_reasons = top_reject_reasons(staging)
    if summary.articles + summary.unchanged + summary.kept:
        return False
    if not summary.rejects:
        summary.problem = "no input found"
        return True
    kept = output / REJECTED / summary.run_id
    for part in (staging / "rejects").files():
        (kept / part.name).copy_from(part)
    summary.rejects_kept = kept.url
    summary.problem = f"no input could be read; its rejects are in {kept.url}"
    return True


def top_reject_reasons(staging: Location, top: int = 5) -> dict[str, int]:
    """The most frequent reasons among the staged rejects, with their counts."""
    reasons: Counter[str] = Counter()
    for part in (staging / "rejects").files():  # "line 7: malformed JSON" counts as the rest
        reasons.update(LINE_PREFIX.sub("", r) for r in part.read_columns(["reason"])["reason"])
    return dict(reasons.most_common(top))


def articles_to_drop(
    published: Location, staging: Location, unchanged: set[str], prune: bool, summary: RunSummary
) -> set[str]:
    """Published articles not to carry over: re-analysed in this run, read again as a copy
    of another article or as a reject (their input is not gone, it gave something else
    now), or pruned (input gone).

    Counts the articles kept as they were in `summary.kept`.
    """
    replaced = set(article_hashes(staging))
    replaced |= input_state.read_but_not_kept(input_state.load(staging).values())
    previous = published_hashes(published)
    drop = {a for a in previous if a in replaced or (prune and a not in unchanged)}
    summary.kept = len(previous) - len(drop) - len(unchanged)
    return drop


def stage_corpus_tables(
    staging: Location, unchanged_from: Location | None, gender: bool = True
) -> dict[str, int]:
    """Build and stage the corpus tables (those whose contract has `scope: corpus`).

    `unchanged_from`: a published run whose batch tables this run carried over unchanged
    and complete, so its corpus tables are linked instead of rebuilt. `gender` False
    (`--no-gender`): no gender is inferred, the columns stay null.
    """
    contracts = load_contracts()
    corpus_tables = tables_of_scope(contracts, "corpus")
    record_build(staging, gender)
    if unchanged_from is not None and gender:
        return link_tables(unchanged_from, staging, corpus_tables)
    built = build_corpus_tables(staging, corpus_tables)
    for table, rows in built.items():
        if not gender:
            rows = [row | dict.fromkeys(GENDER_COLUMNS & row.keys()) for row in rows]
        write_part(staging, contracts[table], rows, 0)
    return {table: len(rows) for table, rows in built.items()}


class ValidationProcess:
    """Validation's own process (`validation.validator`), started when the run asks: when
    the last batch is submitted, so that Great Expectations' 3 s of imports are done by the
    time the first table is ready (a run of a few new articles, as a scheduled run often
    is, would wait for them otherwise), without its 250 MiB sitting idle through the whole
    run. It overlaps the workers' last batches: 2,000 BBC articles at 2 workers peak at
    about 250 MiB more over the tree, for 3-4 s less."""

    def __init__(self) -> None:
        self._apart: Apart | None = None
        self._started = False

    def start(self) -> None:
        """Start the process now, if it is not started yet."""
        if not self._started:
            self._apart, self._started = validation.validator(), True

    @property
    def apart(self) -> Apart | None:
        """The process, started if it was not (None: Great Expectations is loaded here)."""
        self.start()
        return self._apart

    def close(self) -> None:
        if self._apart is not None:
            self._apart.close()


@contextmanager
def validation_process() -> Iterator[ValidationProcess]:
    """Validation's process for the run, not started yet; it ends with the block."""
    process = ValidationProcess()
    try:
        yield process
    finally:
        process.close()


def begin_validation(
    apart: Apart | None, staging: Location, output: Location, run_id: str
) -> validation.ValidationSteps:
    """Validation of the staged run, in `apart` (a `ValidationProcess`'s) step by step:
    each table is sent as soon as the run is done with it, and validated there while the
    run relinks and aggregates on the other core."""
    contracts = load_contracts()
    ensure_every_table(staging, {t: contracts[t] for t in tables_of_scope(contracts, "batch")})
    return validation.ValidationSteps(
        apart, staging, contracts, output, run_id, ARTICLES_PER_VALIDATION
    )


def validate_tables_before_relink(
    steps: validation.ValidationSteps, validated_parts: set[str]
) -> None:
    """The batch tables relinking leaves as they are: validated while it runs."""
    batch = tables_of_scope(load_contracts(), "batch")
    steps.tables([t for t in batch if t not in RELINKED_TABLES], validated_parts)


def validate_relinked_tables(steps: validation.ValidationSteps, validated_parts: set[str]) -> None:
    """The tables relinking rewrote: validated while the corpus tables are built."""
    steps.tables(list(RELINKED_TABLES), validated_parts)


def finish_validation(
    steps: validation.ValidationSteps, staging: Location
) -> validation.ValidationReport:
    """The corpus tables validated, and the report of every step."""
    contracts = load_contracts()
    ensure_every_table(staging, {t: contracts[t] for t in tables_of_scope(contracts, "corpus")})
    return steps.finish()


def quarantine_staged(
    staging: Location, validated: set[str], audited: quarantine.Audited
) -> tuple[int, dict[str, int]]:
    """Hold back the articles whose staged rows break a contract (see `run.quarantine`;
    `audited`: the batches the batch tasks audited): how many, and how many each rule
    held back."""
    contracts = load_contracts()
    found = quarantine.audit(staging, contracts, validated, ARTICLES_PER_VALIDATION, audited)
    return quarantine.hold_back(staging, contracts, found), found.reasons()


def relink_staged(staging: Location, gender: bool = True) -> set[str]:
    """Write corpus identities into the staged entities and quotes (`corpus.relink`); the
    parts rewritten, which must be validated again. Without `gender`, the articles'
    gender evidence is removed from the entities too."""
    return relink(staging, load_contracts(), keep_gender=gender)


def published_run_stands(
    output: Location, published: Location | None, plan: input_state.Plan, gender: bool
) -> bool:
    """Whether the published run is what this run would publish: every piece it read is
    given again unchanged and nothing else is (no input new, changed or gone; --full-refresh
    reads everything), and the published run passed under the current contracts, its parts
    are as published and it was built by this code with the same options. Such a run need
    not carry over, rebuild or validate anything."""
    if published is None or plan.new or plan.gone:
        return False
    carried = {state.fingerprint for state in plan.carried}
    current = {name: contract.version for name, contract in load_contracts().items()}
    return (
        plan.known == carried
        and published_hashes(published).keys() == plan.unchanged_ids  # none kept or pruned
        and recorded_build(published) == build(gender)
        and contract_versions_passed(output / "validation", published.name) == current
        and recorded_fingerprints(published) == part_fingerprints(published)
    )


def unchanged_corpus(
    carried: Carried | None, summary: RunSummary, relinked: set[str]
) -> Location | None:
    """The published run whose corpus tables still hold for this run (nothing analysed,
    held back, dropped or relinked), so they are linked instead of rebuilt; else None."""
    if carried is None or not carried.parts.complete:
        return None
    changed = summary.articles or summary.quarantined or relinked
    return None if changed else carried.published


def validated_parts(output: Location, carried: Carried | None) -> set[str]:
    """Carried-over parts identical to those validated when the published run passed:
    under the same contract versions, and with the fingerprints recorded at its publish
    (a part altered since, even into valid Parquet, is validated again). The published
    files are compared, not their copies in staging: a copy on an object store is a new
    object, with a time of its own."""
    if carried is None:
        return set()
    passed = contract_versions_passed(output / "validation", carried.published.name)
    current = {name: contract.version for name, contract in load_contracts().items()}
    if passed != current:
        return set()
    recorded = recorded_fingerprints(carried.published)
    now = part_fingerprints(carried.published)
    altered = {key.split("/", 1)[1] for key, print_ in now.items() if recorded.get(key) != print_}
    return carried.parts.unchanged_parts - altered


def record_validation(summary: RunSummary, report: validation.ValidationReport) -> None:
    """The validation outcome in the run summary; a failure is the run's problem."""
    summary.validation = "passed" if report.success else "failed"
    summary.validation_results = report.results_path.url
    summary.data_docs = report.data_docs_index.url if report.data_docs_index else None
    summary.data_docs_problem = report.data_docs_problem
    summary.failures = report.failures
    if not report.success:
        summary.problem = f"validation failed ({len(report.failures)} expectations)"
