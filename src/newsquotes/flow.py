"""The newsquotes Prefect flow: tasks over the stage packages, and nothing else.

read (ingest + clean + signatures) -> duplicate check -> batch (select -> analyse -> write
parts), two tasks per batch, then carry over -> aggregate -> validate -> publish. `read` and
`batch` tasks run in worker processes or on a Dask cluster (with one worker, in this
process); the duplicate check and the input state, which must see the whole corpus in
batch order, stay here (`run/scheduling.py`); only items, signatures and counts travel.
What a run decides (pieces read, batches cut, rows carried over, whether the published run
stands because nothing is new) is plain code in `newsquotes.run`.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.client.orchestration import get_client
from prefect.logging import get_run_logger
from prefect.states import Completed, Failed
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from newsquotes.contracts import ContractViolation
from newsquotes.ingest import Batch
from newsquotes.output import OutputLockedError, StorageError, carry, layout, lock
from newsquotes.output.storage import Location
from newsquotes.processes import die_with_parent
from newsquotes.report import report_run
from newsquotes.run import RunSummary, input_state, planning, progress_bar, publishing
from newsquotes.run.batch import Read, Staged, analyse_and_stage, read_and_clean
from newsquotes.run.quarantine import Audited
from newsquotes.run.scheduling import stage_in_order
from newsquotes.run.unchanged import keeps_published_run
from newsquotes.settings import DEFAULT_MAX_QUARANTINE, DEFAULT_OUTPUT, Settings

BATCHES_IN_FLIGHT_PER_WORKER = 3


def stage_task(name: str):
    """A task that caches nothing: no result is persisted, so a cache key would only cost
    Prefect a hash of every argument (a batch's articles; a lease it cannot hash, logged as
    an error). (`quote(items)`, to skip Prefect's walk of a batch for futures, is not
    unwrapped by the Dask task runner: the tasks would get the wrapper.)"""
    return task(name=name, cache_policy=NO_CACHE)


read_batch = stage_task("read")(read_and_clean)
process_batch = stage_task("batch")(analyse_and_stage)
save_input_state = stage_task("save input state")(input_state.save)
carry_over_rows = stage_task("carry over")(carry.carry_over)
aggregate_corpus = stage_task("aggregate")(publishing.stage_corpus_tables)
validate_before_relink = stage_task("validate")(publishing.validate_tables_before_relink)
validate_relinked = stage_task("validate relinked")(publishing.validate_relinked_tables)
finish_validation = stage_task("finish validation")(publishing.finish_validation)
quarantine_staged = stage_task("quarantine")(publishing.quarantine_staged)
relink_identities = stage_task("relink")(publishing.relink_staged)


@stage_task("publish")
def publish_run(output: Location, run_id: str, held: lock.Held) -> None:
    held.confirm()  # a lease on an object store can lapse: never publish without it
    layout.publish(output, run_id)


@stage_task("report")
def write_report(output: Location, summary: dict, articles: int) -> tuple[str | None, str | None]:
    """The report of the run just published (its address, or why not), and its most quoted
    people as a table artifact: the Prefect UI shows them for every run."""
    reported = report_run(output, summary, articles)
    if reported.address:
        description = f"The most quoted people. Full report: {reported.address}"
        create_table_artifact(
            reported.top, key="news-pipeline-top-speakers", description=description
        )
    return reported.address, reported.problem


def task_runner(workers: int, dask_address: str | None) -> TaskRunner:
    """Where the batches run: a Dask cluster, worker processes, or this process (1 worker)."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    if workers > 1:
        # Worker processes live for the whole run: each loads the model once, on first use.
        pool = {"initializer": die_with_parent, "initargs": (os.getpid(),)}
        return ProcessPoolTaskRunner(max_workers=workers, **pool)
    return ThreadPoolTaskRunner(max_workers=1)  # tasks run in submission order


@flow(name="news_pipeline", log_prints=False)
def news_pipeline(
    inputs: list[str] | None = None,
    output: str = DEFAULT_OUTPUT,
    model: str | None = None,
    batch_size: int | None = None,
    workers: int | None = None,
    dask_address: str | None = None,
    full_refresh: bool = False,
    prune: bool = False,
    lock_wait_seconds: float = 0.0,
    max_quarantine: float = DEFAULT_MAX_QUARANTINE,
    fields: list[str] | None = None,
    languages: list[str] | None = None,
    gender: bool = True,
    limit: int | None = None,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
):
    """Read `inputs`, extract entities and quotes, publish to `output` (a folder or a URL).
    The README's "Running on your own articles" explains every parameter."""
    logger = get_run_logger()
    settings = Settings()
    inputs = inputs or list(settings.inputs)
    batch_size, model = batch_size or settings.batch_size, model or settings.model
    workers = workers or os.cpu_count() or 1
    output_dir = Location.of(output)
    run_id = layout.new_run_id()
    summary = RunSummary(run_id=run_id, output=output_dir.url)
    try:
        with (
            lock.lock_output(output_dir, lock_wait_seconds) as held,
            publishing.validation_process() as validator,
        ):
            if orphans := publishing.remove_unfinished_runs(output_dir):
                logger.warning("removed unfinished runs %s", ", ".join(orphans))
            published = layout.published_dir(output_dir)  # carried over, even on full refresh
            known = None if full_refresh else published  # what need not be analysed again
            staging = layout.staging_dir(output_dir, run_id)
            reading = planning.Reading.parse(
                settings.max_file_bytes,
                fields,
                languages,
                settings.max_record_bytes,
                source,
                since,
                until,
            )
            if prune and not planning.takes_everything(limit, reading):
                logger.warning("prune ignored: --limit, --since or --until leave inputs out")
                prune = False
            plan, batches, summary.inputs_left_out, summary.not_articles = planning.plan_run(
                inputs, batch_size, workers, reading, published, prune, full_refresh, limit
            )
            logger.info("%d batches planned, %d pieces unchanged", len(batches), len(plan.carried))
            if keeps_published_run(output_dir, published, plan, gender, summary):
                return _finish(summary)  # nothing staged: no run to discard
            try:
                unchanged = planning.stage_unchanged(plan, staging, len(batches), summary)
                needed = max(1, min(workers, len(batches)))  # 1 batch: analysed here, no worker
                shared = dict(staging=staging, model=model, published=known, gender=gender)
                audited = Audited()
                with _workers_report_here(), task_runner(needed, dask_address) as runner:
                    unchanged |= _stage_batches(
                        runner, workers, batches, reading, summary, shared, audited, validator
                    )
                save_input_state(staging, reading.recorder.states(plan))
                del reading, plan  # the duplicate index and input state: free before aggregating
            except ContractViolation as violation:
                summary.problem = f"rows break their table contract: {violation}"
            if summary.ok and not summary.reconciled:
                summary.problem = f"inputs not accounted for: {summary.reconciliation()}"
            if summary.ok:
                options = publishing.PublishOptions(prune, max_quarantine, gender)
                _audit_and_publish(
                    staging,
                    output_dir,
                    published,
                    unchanged,
                    audited,
                    options,
                    summary,
                    held,
                    validator,
                )
            if not summary.ok:
                layout.discard(output_dir, run_id)
    except (OutputLockedError, StorageError) as refused:
        summary.problem, summary.locked = str(refused), isinstance(refused, OutputLockedError)
    return _finish(summary)


def _finish(summary: RunSummary):
    """The run's summary as an artifact and in the log, and its final state."""
    create_markdown_artifact(
        summary.markdown(), key="news-pipeline-summary", description="Run summary"
    )
    get_run_logger().info("run summary\n%s", summary.text())
    if summary.unchanged_since:
        return Completed(message="nothing new", data=summary.as_dict())
    if summary.ok:
        return Completed(message="published", data=summary.as_dict())
    return Failed(message=summary.problem, data=summary.as_dict())


@contextmanager
def _workers_report_here() -> Iterator[None]:
    """Worker processes report to this run's Prefect API (inherited via PREFECT_API_URL);
    else each would start a temporary server of its own (seconds and 100s of MB each)."""
    if os.environ.get("PREFECT_API_URL"):
        yield
        return
    os.environ["PREFECT_API_URL"] = str(get_client(sync_client=True).api_url)
    try:
        yield
    finally:
        os.environ.pop("PREFECT_API_URL", None)


def _stage_batches(
    runner: TaskRunner,
    workers: int,
    batches: list[Batch],
    reading: planning.Reading,
    summary: RunSummary,
    shared: dict,
    audited: Audited,
    validator: publishing.ValidationProcess,
) -> set[str]:
    """Read and clean each batch where batches run, mark its duplicates here in batch
    order, then submit its `process_batch`; a few batches per worker in flight at a time.
    Returns the ids of articles published unchanged; collects the batches' audits in
    `audited`. Once the last batch is submitted, validation's process starts loading."""
    unchanged: set[str] = set()
    with progress_bar(total=sum(b.records for b in batches)) as advance:

        def read(batch: Batch):
            return runner.submit(read_batch, {"batch": batch, **reading.parameters})

        def decide(part: int, batch: Batch, read: Read):  # read: the read task's result
            summary.add_inputs(len(read.items), sum(read.filtered), sum(read.undated))
            items = reading.take(batch, read)
            parameters = {"items": items, "part": part} | shared  # staging, model, published
            submitted = runner.submit(process_batch, parameters)
            if part == len(batches) - 1:
                validator.start()
            return submitted

        def done(batch: Batch, staged: Staged) -> None:
            summary.add_counts(staged.counts)
            unchanged.update(staged.unchanged)
            audited.parts.add(staged.part)
            audited.violations.extend(staged.violations)
            advance(batch.records)

        in_flight = BATCHES_IN_FLIGHT_PER_WORKER * workers
        stage_in_order(batches, read, decide, done, in_flight, reads_ahead=workers)
    return unchanged


def _audit_and_publish(
    staging: Location,
    output_dir: Location,
    published: Location | None,
    unchanged: set[str],
    audited: Audited,
    options: publishing.PublishOptions,
    summary: RunSummary,
    held: lock.Held,
    validator: publishing.ValidationProcess,
) -> None:
    """Carry over the rows this run did not replace; validate (each table as soon as it is
    final, in validation's own process, beside the next stage); publish if every suite
    passes."""
    carried = None
    if published is not None:
        drop = publishing.articles_to_drop(published, staging, unchanged, options.prune, summary)
        parts = carry_over_rows(published, staging, publishing.carried_tables(), drop)
        carried = publishing.Carried(published, parts)
    if publishing.nothing_to_publish(staging, output_dir, summary):
        return
    validated = publishing.validated_parts(output_dir, carried)
    quarantined = quarantine_staged(staging, validated, audited)
    summary.hold_back(*quarantined, max_share=options.max_quarantine)
    if not summary.ok:
        return
    steps = publishing.begin_validation(validator.apart, staging, output_dir, summary.run_id)
    validate_before_relink(steps, validated)  # each step runs beside what follows it
    validated -= (relinked := relink_identities(staging, options.gender))
    validate_relinked(steps, validated)
    corpus_from = publishing.unchanged_corpus(carried, summary, relinked)
    aggregate_corpus(staging, corpus_from, options.gender)
    report = finish_validation(steps, staging)
    publishing.record_validation(summary, report)
    if report.success:
        publish_run(output_dir, summary.run_id, held)
        summary.report, summary.report_problem = write_report(
            output_dir, summary.as_dict(), summary.published_articles
        )
