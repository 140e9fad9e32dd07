"""`newsquotes eval clean|entities|quotes|people`: the commands' arguments, without their imports.

The evaluation modules import spaCy or trafilatura. The CLI imports one only when its
command runs, so `newsquotes run` starts (and launches Prefect's server) without them.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from pathlib import Path


def _handler(module: str) -> Callable[[argparse.Namespace], int]:
    """The `run_command` of an evaluation module, imported when the command runs."""

    def handle(args: argparse.Namespace) -> int:
        return importlib.import_module(f"newsquotes.evaluation.{module}").run_command(args)

    return handle


def add_parsers(evaluations: argparse._SubParsersAction) -> None:
    """Register the evaluations on the CLI's `eval` subparsers."""
    clean = evaluations.add_parser("clean", help="score main-text extraction of web pages")
    clean.add_argument("--pages", required=True, help="folder of <id>.html[.gz] pages")
    clean.add_argument("--gold", required=True, help="ground-truth.json: {id: {articleBody}}")
    clean.add_argument("--limit", type=int, help="score only the first N pages (by id)")
    clean.add_argument("--json", help="also write the scores to this JSON file")
    clean.set_defaults(handler=_handler("clean"))

    entities = evaluations.add_parser(
        "entities", help="entity mentions: exact-span F1 on CoNLL-2003 documents (JSONL)"
    )
    entities.add_argument("--gold", required=True, type=Path, help="gold documents (JSONL)")
    entities.add_argument("--model", help="spaCy model name (default: as for run)")
    entities.add_argument("--limit", type=int, help="score only the first N documents")
    entities.set_defaults(handler=_handler("entities"))

    quotes = evaluations.add_parser("quotes", help="quotes and speakers against PolNeAR gold")
    quotes.add_argument("--gold", required=True, type=Path, help="PolNeAR-format JSONL file")
    quotes.add_argument("--model", help="spaCy model name (default: $NEWSQUOTES_MODEL)")
    quotes.add_argument("--limit", type=int, help="score only the first N articles")
    quotes.add_argument(
        "--texts",
        type=Path,
        help='where the texts of gold records with "text_from" are (default: ../shared)',
    )
    quotes.add_argument(
        "--dump",
        type=Path,
        help="also write the errors (missed, false positive, boundary, speaker) as JSONL here",
    )
    quotes.set_defaults(handler=_handler("quotes"))

    people = evaluations.add_parser(
        "people", help="speakers of a published run against hand-judged people"
    )
    people.add_argument("--gold", required=True, type=Path, help="gold people (JSONL)")
    people.add_argument(
        "--articles", type=Path, help="the source articles of the gold's quotes (JSONL)"
    )
    people.add_argument(
        "--output", default="output", help="a published output of a run over those articles"
    )
    people.set_defaults(handler=_handler("people"))
