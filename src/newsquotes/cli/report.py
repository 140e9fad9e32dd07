"""`newsquotes report`: write the report of the published run again, on demand."""

from __future__ import annotations

import argparse
import sys

from newsquotes.settings import DEFAULT_OUTPUT


def report_command(args: argparse.Namespace) -> int:
    from newsquotes.output.storage import StorageError
    from newsquotes.report import NoPublishedRun, write_report

    try:
        written = write_report(args.output, args.to)
    except NoPublishedRun as missing:
        print(f"newsquotes: {missing}", file=sys.stderr)
        return 1
    except (StorageError, OSError) as error:
        print(f"newsquotes: {args.output}: {error}", file=sys.stderr)
        return 2
    print(f"report written: {written.url}")
    return 0


def add_report_command(commands) -> None:
    """`report` under the main parser's subcommands."""
    report = commands.add_parser(
        "report", help="write the HTML report of the published run (output/report/index.html)"
    )
    report.add_argument(
        "--output", default=DEFAULT_OUTPUT, help="output folder or URL (default: output/)"
    )
    report.add_argument(
        "--to", metavar="FILE", help="write it here instead of OUTPUT/report/index.html"
    )
    report.set_defaults(handler=report_command)
