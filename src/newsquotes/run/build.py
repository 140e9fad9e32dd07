"""What built a run's tables: the code, the contracts and the options that shape them.

A run that reads nothing new publishes nothing when the published run was built the same
way: its tables are what this run would publish (`run.publishing.published_run_stands`).
A new version of the code (new identity rules, say) or of a contract, or another
`--no-gender` choice, changes the build, and the run rebuilds and validates as usual.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from newsquotes.contracts.model import schemas_dir
from newsquotes.output.storage import Location

BUILD_FILE = "_state/build.json"
PACKAGE = Path(__file__).resolve().parents[1]  # src/newsquotes, or its installed copy


@functools.cache
def code_fingerprint() -> str:
    """A hash of the package's Python files and the contracts, as this process runs them."""
    digest = hashlib.sha256()
    sources = [(p.relative_to(PACKAGE), p) for p in sorted(PACKAGE.rglob("*.py"))]
    sources += [(Path(p.name), p) for p in sorted(schemas_dir().glob("*.yaml"))]
    for name, path in sources:
        digest.update(name.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def build(gender: bool) -> dict:
    """This run's build: the code's fingerprint and the options the corpus tables depend on."""
    return {"code": code_fingerprint(), "gender": gender}


def record_build(staging: Location, gender: bool) -> None:
    """Write the build beside the staged tables; it is published with them."""
    (staging / BUILD_FILE).write_text(json.dumps(build(gender)))


def recorded_build(run: Location) -> dict | None:
    """The build recorded in a run (None for runs from before builds were recorded)."""
    try:
        return json.loads((run / BUILD_FILE).read_text())
    except (OSError, ValueError):
        return None
