"""Apart: run a function in a fresh Python process of its own, and get its result back.

What a library imports and keeps goes back to the system when that process ends (Great
Expectations: 250 MiB). Unlike multiprocessing's spawn, the child never runs the caller's
main script again, so a user's script that calls the flow without a `__main__` guard
works too. Arguments and result travel pickled over the child's stdin and stdout; what
the child prints goes to the caller's stderr.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from collections.abc import Callable
from typing import Any

CHILD = "from newsquotes.output.apart import serve; serve()"


class ApartError(RuntimeError):
    pass


def run_apart(function: Callable[..., Any], *arguments: Any) -> Any:
    """`function(*arguments)` in a process of its own; its exception is raised here."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        input=pickle.dumps((function, arguments)),
        stdout=subprocess.PIPE,
        check=False,
    )
    if done.returncode != 0 or not done.stdout:
        name = getattr(function, "__qualname__", repr(function))
        raise ApartError(f"{name}: its process ended with exit code {done.returncode}")
    failed, outcome = pickle.loads(done.stdout)
    if failed:
        raise outcome
    return outcome


def serve() -> None:
    """The child's side: read (function, arguments), answer (failed, result or error)."""
    answer = sys.stdout.buffer
    sys.stdout = sys.stderr  # what the work prints must not mix with the answer
    function, arguments = pickle.load(sys.stdin.buffer)
    try:
        reply = (False, function(*arguments))
    except Exception as error:  # raised again in the caller, which decides
        reply = (True, error)
    try:
        data = pickle.dumps(reply)
    except Exception as unpicklable:
        error = ApartError(f"{type(reply[1]).__name__}: {reply[1]} ({unpicklable})")
        data = pickle.dumps((True, error))
    answer.write(data)
    answer.flush()
