"""The newsquotes Prefect flow: thin orchestration over the `newsquotes` stage functions.

read (ingest + clean) -> (duplicate check) -> batch (select -> analyse with spaCy, entities
and quotes -> stage), two tasks per batch of articles, then carry over -> aggregate ->
validate -> publish over the staged tables. Reading, cleaning and the duplicate check are
cheap and run in the flow; each `batch` task runs in a worker process (`workers`, the model
loaded once per worker) or on a Dask cluster (`dask_address`), and only counts come back
to the flow.

Incremental: pieces of input whose bytes are unchanged since the published run are not read
(`input_state`); `select` drops articles whose content hash is already published; their
rows are carried over from the published run. `full_refresh` re-analyses everything; `prune`
drops published articles whose input is gone. One run at a time per output folder.
"""

from __future__ import annotations

import math
import os
import sys
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import cloudpickle
from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.client.orchestration import get_client
from prefect.logging import get_run_logger
from prefect.states import Completed, Failed
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from newsquotes import clean, ingest
from newsquotes.clean import duplicates, language
from newsquotes.contracts import ContractViolation, load_contracts
from newsquotes.corpus import aggregate
from newsquotes.ingest import FieldMap
from newsquotes.output import carry as carrying
from newsquotes.output import layout, parts
from newsquotes.output import lock as output_lock
from newsquotes.output import validation as validate
from newsquotes.output.history import contract_versions_passed
from newsquotes.output.storage import Location, StorageError
from newsquotes.records import Article, TableRows
from newsquotes.run import input_state
from newsquotes.run.progress import progress_bar
from newsquotes.run.summary import RunSummary
from newsquotes.settings import Settings

# Prefect loads this file as a script, so worker processes of a Dask cluster cannot import it:
# ship its tasks by value (the `newsquotes` package they call is installed on the workers).
cloudpickle.register_pickle_by_value(sys.modules[__name__])

BATCHES_IN_FLIGHT_PER_WORKER = 3
BATCHES_PER_WORKER = 4  # small corpora are split finer so that every worker has work
ARTICLES_PER_VALIDATION = 2000  # articles (with their rows in every table) held at a time


@dataclass
class Selection:
    """The items of a batch that need analysis, and the ids of those already published."""

    items: list
    unchanged: list[str] = field(default_factory=list)


@task(name="read")
def read_batch(
    chunk: ingest.Batch, max_file_bytes: int, fields: FieldMap, languages: frozenset[str]
) -> tuple[list, list[int]]:
    """The chunk's items, read and cleaned, and how many came from each of its pieces."""
    per_piece = ingest.read_pieces(chunk, max_file_bytes, fields)
    items = [item for piece_items in per_piece for item in piece_items]
    return clean.clean_batch(items, languages), [len(piece_items) for piece_items in per_piece]


def select_items(items: list, published: Location | None) -> Selection:
    """Drop articles whose content is published unchanged (an id repeated in the batch stays)."""
    known = layout.published_hashes(published) if published else {}
    ids = [item.article_id for item in items if isinstance(item, Article)]
    selection = Selection(items=[])
    for item in items:
        if (
            isinstance(item, Article)
            and known.get(item.article_id) == item.content_hash
            and ids.count(item.article_id) == 1
        ):
            selection.unchanged.append(item.article_id)
        else:
            selection.items.append(item)
    return selection


def stage_rows(rows: TableRows, staging: Location, part: int) -> dict[str, int]:
    """Write each table's rows as the batch's part file; the row counts."""
    contracts = load_contracts()
    for table, table_rows in vars(rows).items():
        if table_rows:
            parts.write_part(staging, contracts[table], table_rows, part)
    return rows.counts()


@task(name="batch")
def process_batch(
    items: list, part: int, staging: Location, model: str, published: Location | None
) -> tuple[dict[str, int], list[str]]:
    """select -> analyse -> stage for one batch inside one worker; its rows never leave it.

    One task per batch, the stages plain calls inside it: every task run costs the Prefect
    server tens of milliseconds of CPU (with a task per stage, the server took a tenth of
    the machine at 19,000 Reuters articles). Returns the staged row counts and the
    unchanged ids.
    """
    from newsquotes.nlp import analyse  # spaCy: imported where batches run, not in the flow

    selection = select_items(items, published)
    rows = analyse.analyse_batch(selection.items, model)
    counts = stage_rows(rows, staging, part)
    return counts | {"unchanged": len(selection.unchanged)}, selection.unchanged


@task(name="save input state")
def save_input_state(staging: Location, states: list[input_state.PieceState]) -> None:
    input_state.save(staging, states)


@task(name="carry over")
def carry_over(published: Location, staging: Location, drop: set[str]) -> carrying.CarriedOver:
    """Published rows of articles that were neither re-analysed nor pruned, into staging."""
    contracts = load_contracts()
    tables = [
        name
        for name, contract in contracts.items()
        if contract.scope == "batch" and "article_id" in contract.column_names
    ]
    return carrying.carry_over(published, staging, tables, drop)


@task(name="aggregate")
def aggregate_corpus(staging: Location, unchanged_from: Location | None = None) -> dict[str, int]:
    """Build and stage the corpus tables (those whose contract has `scope: corpus`).

    `unchanged_from`: a published run whose batch tables this run carried over unchanged
    and complete, so its corpus tables are linked instead of rebuilt.
    """
    contracts = load_contracts()
    corpus_tables = [name for name, contract in contracts.items() if contract.scope == "corpus"]
    if unchanged_from is not None:
        return carrying.link_tables(unchanged_from, staging, corpus_tables)
    built = aggregate.build_corpus_tables(staging, corpus_tables)
    for table, rows in built.items():
        parts.write_part(staging, contracts[table], rows, 0)
    return {table: len(rows) for table, rows in built.items()}


@task(name="validate")
def validate_staged(staging: Location, output: Location, run_id: str, validated_parts: set[str]):
    """Every staged table against its contract (see `validate.validate_run`)."""
    contracts = load_contracts()
    parts.ensure_every_table(staging, contracts)
    return validate.validate_run(
        staging, contracts, output, run_id, validated_parts, ARTICLES_PER_VALIDATION
    )


@task(name="publish")
def publish_run(output: Location, run_id: str, lock: output_lock.Held) -> None:
    lock.confirm()  # a lease on an object store can lapse: never publish without it
    layout.publish(output, run_id)


def task_runner(workers: int, dask_address: str | None) -> TaskRunner:
    """Where the batches run: a Dask cluster, worker processes, or this process (1 worker)."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    if workers > 1:
        # Worker processes live for the whole run: each loads the model once, on first use.
        return ProcessPoolTaskRunner(max_workers=workers)
    return ThreadPoolTaskRunner(max_workers=1)  # tasks run in submission order


@flow(name="news_pipeline", log_prints=False)
def news_pipeline(
    inputs: list[str] | None = None,
    output: str = "output",
    model: str | None = None,
    batch_size: int | None = None,
    workers: int | None = None,
    dask_address: str | None = None,
    full_refresh: bool = False,
    prune: bool = False,
    lock_wait_seconds: float = 0.0,
    fields: list[str] | None = None,
    languages: list[str] | None = None,
):
    """Read `inputs` (files and folders), extract entities and quotes, publish to `output`
    (a folder, or a filesystem URL such as s3://bucket/news: see `newsquotes.storage`).

    `fields` maps record fields of JSONL/CSV inputs (["text=body", "id=newid"]); `languages`
    are the article languages analysed (default ["en"]); others become rejects.

    `workers` processes (default: the machine's cores) or the Dask cluster at
    `dask_address` analyse the batches. Articles already published with the same content
    are not analysed again unless `full_refresh`; `prune` drops those whose input is gone.
    """
    logger = get_run_logger()
    defaults = Settings()
    model = model or defaults.model
    batch_size = batch_size or defaults.batch_size
    workers = workers or os.cpu_count() or 1
    output_dir = Location.of(output)
    run_id = layout.new_run_id()
    summary = RunSummary(run_id=run_id, output=output_dir.url)
    try:
        with output_lock.lock_output(output_dir, lock_wait_seconds) as lock:
            orphans = layout.remove_orphan_runs(output_dir)
            if orphans:
                logger.warning("removed unfinished runs %s", ", ".join(orphans))
            published = None if full_refresh else layout.published_dir(output_dir)
            staging = layout.staging_dir(output_dir, run_id)
            reading = _Reading(
                defaults.max_file_bytes, FieldMap.parse(fields), language.parse_languages(languages)
            )
            plan = _skip_unchanged(inputs or ["seeds"], batch_size, reading, published, prune)
            chunks = _plan(plan.new, batch_size, workers)
            logger.info(
                "%d batches planned from %s; %d pieces unchanged, not read",
                *(len(chunks), inputs or ["seeds"], len(plan.carried)),
            )
            try:
                unchanged = _stage_unchanged(plan, staging, len(chunks), summary)
                # No more worker processes than batches: one batch is analysed in this
                # process, without starting (and loading the model in) a worker.
                needed = max(1, min(workers, len(chunks)))
                with _workers_report_here(), task_runner(needed, dask_address) as runner:
                    unchanged |= _stage_batches(
                        runner, workers, chunks, staging, model, reading, published, summary
                    )
                save_input_state(staging, reading.recorder.states(plan))
                del reading, plan  # the duplicate index and input state: free before aggregating
            except ContractViolation as violation:
                summary.problem = f"rows break their table contract: {violation}"
            if summary.ok and not summary.reconciled:
                summary.problem = f"inputs not accounted for: {summary.reconciliation()}"
            if summary.ok:
                carried = _carry_over(published, staging, unchanged, prune, summary)
                _audit_and_publish(staging, output_dir, summary, carried, lock)
            if not summary.ok:
                layout.discard(output_dir, run_id)
    except (output_lock.OutputLockedError, StorageError) as refused:
        summary.problem = str(refused)

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
    duplicates: duplicates.DuplicateIndex = field(default_factory=duplicates.DuplicateIndex)
    recorder: input_state.Recorder = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "recorder", input_state.Recorder(self.key, self.duplicates))

    @property
    def key(self) -> str:
        """What, besides its bytes, a piece's fingerprint depends on."""
        return input_state.reading_key(self.max_file_bytes, self.fields, self.languages)


@contextmanager
def _workers_report_here() -> Iterator[None]:
    """Worker processes report to this run's Prefect API (inherited via PREFECT_API_URL).

    Without it, under a temporary server (no PREFECT_API_URL), every worker process would
    start a temporary server of its own: seconds and hundreds of MB per worker.
    """
    if os.environ.get("PREFECT_API_URL"):
        yield
        return
    os.environ["PREFECT_API_URL"] = str(get_client(sync_client=True).api_url)
    try:
        yield
    finally:
        os.environ.pop("PREFECT_API_URL", None)


def _skip_unchanged(
    inputs: list[str], batch_size: int, reading: _Reading, published: Location | None, prune: bool
) -> input_state.Plan:
    """The input pieces split into those unchanged since the published run and the others.

    The unchanged pieces' articles join the duplicate index before any piece is read.
    """
    known = input_state.load(published)
    pieces = ingest.plan_pieces(inputs, batch_size)
    plan = input_state.split(pieces, reading.key, known, prune)
    input_state.seed(reading.duplicates, plan.carried)
    return plan


def _plan(pieces: list[ingest.Piece], batch_size: int, workers: int) -> list[ingest.Batch]:
    """Batches of at most `batch_size`, smaller when needed to give every worker a few."""
    records = sum(piece.records for piece in pieces)
    finer = max(1, math.ceil(records / (workers * BATCHES_PER_WORKER)))
    if finer < batch_size and workers > 1:
        # Cut at every `finer` records across pieces (one record per sub-piece, merged back
        # where contiguous): splitting each piece alone would leave short remainders.
        records = (p for big in pieces for p in ingest.split_piece(big, 1))
        return [ingest.merge_contiguous(c) for c in ingest.batch_pieces(records, finer)]
    return ingest.batch_pieces(pieces, batch_size)


def _stage_unchanged(
    plan: input_state.Plan, staging: Location, part: int, summary: RunSummary
) -> set[str]:
    """Stage the reject and duplicate rows of the unchanged pieces; count their inputs.

    Returns the ids of their articles (carried over from the published run).
    """
    if not plan.carried:
        return set()
    counts = stage_rows(input_state.carried_rows(plan.carried), staging, part)
    ids = plan.unchanged_ids
    summary.skip_inputs(sum(state.inputs for state in plan.carried))
    summary.add_counts(counts | {"unchanged": len(ids)})
    return ids


def _stage_batches(
    runner: TaskRunner,
    workers: int,
    chunks: list[ingest.Batch],
    staging: Location,
    model: str,
    reading: _Reading,
    published: Location | None,
    summary: RunSummary,
) -> set[str]:
    """Read and clean each batch here, then submit its `process_batch` to the runner.

    The flow's duplicate index replaces repeats of articles already seen (in this or an
    earlier batch) by Duplicate records before analysis. Few batches are in flight at a
    time. Returns the ids of the articles that were published unchanged.
    """
    limit = BATCHES_IN_FLIGHT_PER_WORKER * workers
    unchanged: set[str] = set()
    in_flight: deque = deque()
    with progress_bar(total=sum(c.records for c in chunks)) as advance:
        for part, chunk in enumerate(chunks):
            cleaned, sizes = read_batch(
                chunk, reading.max_file_bytes, reading.fields, reading.languages
            )
            summary.add_inputs(len(cleaned))
            items = reading.duplicates.mark(cleaned)
            reading.recorder.add(chunk.pieces, sizes, items)
            parameters = {"items": items, "part": part, "staging": staging, "model": model}
            parameters["published"] = published
            in_flight.append((chunk.records, runner.submit(process_batch, parameters)))
            last = part == len(chunks) - 1
            while in_flight and (len(in_flight) >= limit or last):
                records, batch = in_flight.popleft()
                counts, skipped = batch.result()
                summary.add_counts(counts)
                unchanged.update(skipped)
                advance(records)
    return unchanged


@dataclass(frozen=True)
class _Carried:
    """The published run, and what this run carried over from it."""

    published: Location
    parts: carrying.CarriedOver


def _carry_over(
    published: Location | None,
    staging: Location,
    unchanged: set[str],
    prune: bool,
    summary: RunSummary,
) -> _Carried | None:
    """Carry the published rows that this run did not replace (nor prune) into staging."""
    if published is None:
        return None
    analysed = set(layout.article_hashes(staging))
    previous = layout.published_hashes(published)
    drop = {a for a in previous if a in analysed or (prune and a not in unchanged)}
    summary.kept = len(previous) - len(drop) - len(unchanged)
    return _Carried(published, carry_over(published, staging, drop))


def _audit_and_publish(
    staging: Location,
    output_dir: Location,
    summary: RunSummary,
    carried: _Carried | None,
    lock: output_lock.Held,
) -> None:
    """Validate the staged run; publish it only if every suite passes.

    What is carried over unchanged costs (almost) nothing: when no article is new or gone,
    the corpus tables are linked, not rebuilt; parts linked from a run that passed under
    the same contracts are not validated again.
    """
    if summary.articles + summary.unchanged == 0:
        summary.problem = "no input could be read" if summary.rejects else "no input found"
        return
    same_corpus = carried and carried.parts.complete and summary.articles == 0
    aggregate_corpus(staging, carried.published if same_corpus else None)
    report = validate_staged(
        staging, output_dir, summary.run_id, _validated_parts(output_dir, carried)
    )
    summary.validation = "passed" if report.success else "failed"
    summary.validation_results = report.results_path.url
    summary.data_docs = report.data_docs_index.url if report.data_docs_index else None
    summary.failures = report.failures
    if report.success:
        publish_run(output_dir, summary.run_id, lock)
    else:
        summary.problem = f"validation failed ({len(report.failures)} expectations)"


def _validated_parts(output_dir: Location, carried: _Carried | None) -> set[str]:
    """Carried-over parts identical to those validated when the published run passed."""
    if carried is None:
        return set()
    passed = contract_versions_passed(output_dir / "validation", carried.published.name)
    current = {name: contract.version for name, contract in load_contracts().items()}
    return carried.parts.unchanged_parts if passed == current else set()
