"""Apart: run a function in a fresh Python process of its own, and get its result back.

What a library imports and keeps goes back to the system when that process ends (Great
Expectations: 250 MiB). The process can be started before its function is known, so its
imports load while the caller does other work (`Apart("great_expectations")`). Unlike
multiprocessing's spawn, the child never runs the caller's main script again, so a user's
script that calls the flow without a `__main__` guard works too. Arguments and result
travel pickled over the child's stdin and stdout; what the child prints goes to stderr.
"""

from __future__ import annotations

import importlib
import pickle
import subprocess
import sys
from collections.abc import Callable
from typing import Any

CHILD = "from newsquotes.output.apart import serve; serve()"


class ApartError(RuntimeError):
    pass


class Apart:
    """A fresh Python process that imports `modules` as it starts, then runs one function."""

    def __init__(self, *modules: str) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-c", CHILD, *modules], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )

    def run(self, function: Callable[..., Any], *arguments: Any) -> Any:
        """`function(*arguments)` in the process, which then ends; its exception is raised
        here."""
        answer, _ = self._process.communicate(pickle.dumps((function, arguments)))
        if self._process.returncode != 0 or not answer:
            name = getattr(function, "__qualname__", repr(function))
            code = self._process.returncode
            raise ApartError(f"{name}: its process ended with exit code {code}")
        failed, outcome = pickle.loads(answer)
        if failed:
            raise outcome
        return outcome

    def close(self) -> None:
        """End the process if it was never given its function (the run stopped before)."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()

    def __enter__(self) -> Apart:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def run_apart(function: Callable[..., Any], *arguments: Any) -> Any:
    """`function(*arguments)` in a process of its own."""
    with Apart() as apart:
        return apart.run(function, *arguments)


def serve() -> None:
    """The child's side: import what it was started with, read (function, arguments),
    answer (failed, result or error)."""
    answer = sys.stdout.buffer
    sys.stdout = sys.stderr  # what the work prints must not mix with the answer
    for module in sys.argv[1:]:
        importlib.import_module(module)
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
