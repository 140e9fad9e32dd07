"""The newsquotes Prefect flow: thin orchestration over the `newsquotes` stage functions.

ingest -> clean -> analyse (spaCy, entities, quotes) -> stage, as tasks over batches of
articles, then validate -> publish over the staged tables. Only small batch descriptors and
counts pass through the flow, so the corpus is never in memory as a whole.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.logging import get_run_logger
from prefect.states import Completed, Failed

from newsquotes import aggregate, analyse, clean, dedupe, ingest, language, publish
from newsquotes.contracts import ContractViolation, load_contracts
from newsquotes.fields import FieldMap
from newsquotes.progress import progress_bar
from newsquotes.records import TableRows
from newsquotes.settings import Settings
from newsquotes.summary import RunSummary

MAX_BATCHES_IN_FLIGHT = 4


@task(name="ingest")
def ingest_batch(chunk: ingest.Chunk, max_file_bytes: int, fields: FieldMap | None = None) -> list:
    return ingest.read_chunk(chunk, max_file_bytes, fields)


@task(name="clean")
def clean_batch(items: list, languages: frozenset[str] = language.DEFAULT_LANGUAGES) -> list:
    return clean.clean_batch(items, languages)


@task(name="analyse")
def analyse_batch(items: list, model: str) -> TableRows:
    return analyse.analyse_batch(items, model)


@task(name="stage")
def stage_batch(rows: TableRows, staging: Path, part: int) -> dict[str, int]:
    contracts = load_contracts()
    for table, table_rows in vars(rows).items():
        if table_rows:
            publish.write_part(staging, contracts[table], table_rows, part)
    return rows.counts()


@task(name="aggregate")
def aggregate_corpus(staging: Path) -> dict[str, int]:
    """Build and stage the corpus tables (those whose contract has `scope: corpus`)."""
    contracts = load_contracts()
    corpus_tables = [name for name, contract in contracts.items() if contract.scope == "corpus"]
    built = aggregate.build_corpus_tables(staging, corpus_tables)
    for table, rows in built.items():
        publish.write_part(staging, contracts[table], rows, 0)
    return {table: len(rows) for table, rows in built.items()}


@task(name="validate")
def validate_staged(staging: Path, output: Path, run_id: str):
    from newsquotes.validate import validate_tables

    contracts = load_contracts()
    publish.ensure_every_table(staging, contracts)
    frames = {name: (c, publish.read_staged(staging, c)) for name, c in contracts.items()}
    return validate_tables(frames, output / "validation", output / "data_docs", run_id)


@task(name="publish")
def publish_run(output: Path, run_id: str) -> None:
    publish.publish(output, run_id)


@flow(name="news_pipeline", log_prints=False)
def news_pipeline(
    inputs: list[str] | None = None,
    output: str = "output",
    model: str | None = None,
    batch_size: int | None = None,
    fields: list[str] | None = None,
    languages: list[str] | None = None,
):
    """Read `inputs` (files and folders), extract entities and quotes, publish to `output`.

    `fields` maps record fields of JSONL/CSV inputs (["text=body", "id=newid"]); `languages`
    are the article languages analysed (default ["en"]); others become rejects.
    """
    logger = get_run_logger()
    defaults = Settings()
    model = model or defaults.model
    batch_size = batch_size or defaults.batch_size
    output_dir = Path(output)
    output_dir.mkdir(parents=True, exist_ok=True)
    run_id = publish.new_run_id()
    staging = publish.staging_dir(output_dir, run_id)
    summary = RunSummary(run_id=run_id, output=str(output_dir))

    chunks = ingest.plan_chunks(inputs or ["seeds"], batch_size)
    logger.info("%d batches planned from %s", len(chunks), inputs or ["seeds"])
    reading = _Reading(
        defaults.max_file_bytes, FieldMap.parse(fields), language.parse_languages(languages)
    )
    try:
        _stage_batches(chunks, staging, model, reading, summary)
    except ContractViolation as violation:
        summary.problem = f"rows break their table contract: {violation}"
    if summary.ok and not summary.reconciled:
        summary.problem = f"inputs not accounted for: {summary.reconciliation()}"
    if summary.ok:
        _audit_and_publish(staging, output_dir, summary)
    if not summary.ok:
        publish.discard(output_dir, run_id)

    create_markdown_artifact(
        summary.markdown(), key="news-pipeline-summary", description="Run summary"
    )
    logger.info("run summary\n%s", summary.text())
    if summary.ok:
        return Completed(message="published", data=summary.as_dict())
    return Failed(message=summary.problem, data=summary.as_dict())


@dataclass(frozen=True)
class _Reading:
    """How inputs are read and cleaned, and the duplicate index shared by all batches."""

    max_file_bytes: int
    fields: FieldMap
    languages: frozenset[str]
    duplicates: dedupe.DuplicateIndex = field(default_factory=dedupe.DuplicateIndex)


def _stage_batches(
    chunks: list[ingest.Chunk], staging: Path, model: str, reading: _Reading, summary: RunSummary
) -> None:
    """Submit ingest -> clean -> analyse -> stage per batch, keeping few batches in flight.

    Cleaned batches come back to the flow, whose duplicate index replaces repeats of
    articles already seen (in this or an earlier batch) by Duplicate records before analysis.
    """
    in_flight: deque = deque()
    with progress_bar(total=sum(c.records for c in chunks)) as advance:
        for part, chunk in enumerate(chunks):
            items = ingest_batch.submit(chunk, reading.max_file_bytes, reading.fields)
            cleaned = clean_batch.submit(items, reading.languages).result()
            summary.add_inputs(len(cleaned))
            rows = analyse_batch.submit(reading.duplicates.mark(cleaned), model)
            in_flight.append((chunk.records, stage_batch.submit(rows, staging, part)))
            last = part == len(chunks) - 1
            while in_flight and (len(in_flight) >= MAX_BATCHES_IN_FLIGHT or last):
                records, staged = in_flight.popleft()
                summary.add_counts(staged.result())
                advance(records)


def _audit_and_publish(staging: Path, output_dir: Path, summary: RunSummary) -> None:
    """Validate the staged run; publish it only if every suite passes."""
    if summary.articles == 0:
        summary.problem = "no input could be read" if summary.rejects else "no input found"
        return
    aggregate_corpus(staging)
    report = validate_staged(staging, output_dir, summary.run_id)
    summary.validation = "passed" if report.success else "failed"
    summary.validation_results = str(report.results_path)
    summary.data_docs = str(report.data_docs_index) if report.data_docs_index else None
    summary.failures = report.failures
    if report.success:
        publish_run(output_dir, summary.run_id)
    else:
        summary.problem = f"validation failed ({len(report.failures)} expectations)"
