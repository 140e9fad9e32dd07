"""Gold files: JSONL, one record a line, each parsed by the evaluation that reads it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

Record = TypeVar("Record")


def read_gold(path: Path, what: str, parse: Callable[[dict, int], Record]) -> Iterator[Record]:
    """Each non-blank line of `path` parsed by `parse(record, line_number)`; a line that is
    not JSON or not `what` is a ValueError that names the file, the line and why."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                parsed = parse(json.loads(line), number)
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(f"{path}:{number}: not {what} ({error!r})") from None
            yield parsed
