"""Apart: run a function in a fresh Python process of its own, and get its result back.

What a library imports and keeps goes back to the system when that process ends (Great
Expectations: 250 MiB). The process can be started before its function is known, so its
imports load while the caller does other work (`Apart("great_expectations")`). Unlike
multiprocessing's spawn, the child never runs the caller's main script again, so a user's
script that calls the flow without a `__main__` guard works too. Arguments and result
travel pickled over the child's stdin and stdout; what the child prints goes to stderr.

A process can also hold an object and work through calls of its methods while the caller
goes on (`start`, `send`, `receive`): the caller hands over work as soon as its input is
ready and collects the answers when it needs them.
"""

from __future__ import annotations

import importlib
import pickle
import subprocess
import sys
from collections.abc import Callable
from typing import Any

CHILD = "from newsquotes.output.apart import serve; serve()"
RUN, START, CALL = "run", "start", "call"  # what a request asks of the child


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
        answer, _ = self._process.communicate(pickle.dumps((RUN, function, arguments)))
        if self._process.returncode != 0 or not answer:
            raise self._ended(getattr(function, "__qualname__", repr(function)))
        return _outcome(pickle.loads(answer))

    def start(self, factory: Callable[..., Any], *arguments: Any) -> None:
        """Build `factory(*arguments)` in the process: the object later `send`s call."""
        self._request(START, factory, arguments)

    def send(self, method: str, *arguments: Any) -> None:
        """Call `method(*arguments)` of the started object; returns at once. The process
        answers its calls in order: `receive` takes the oldest answer not yet taken."""
        self._request(CALL, method, arguments)

    def receive(self) -> Any:
        """The result of the oldest `start` or `send` not yet received; its exception is
        raised here."""
        try:
            return _outcome(pickle.load(self._process.stdout))
        except EOFError:
            self._process.wait()
            raise self._ended("a call") from None

    def _request(self, kind: str, what: Any, arguments: tuple) -> None:
        try:
            pickle.dump((kind, what, arguments), self._process.stdin)
            self._process.stdin.flush()
        except BrokenPipeError:
            self._process.wait()
            raise self._ended(str(what)) from None

    def _ended(self, what: str) -> ApartError:
        return ApartError(f"{what}: its process ended with exit code {self._process.returncode}")

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


def _outcome(reply: tuple[bool, Any]) -> Any:
    failed, outcome = reply
    if failed:
        raise outcome
    return outcome


def serve() -> None:
    """The child's side: import what it was started with, then answer each request
    (failed, result or error) in order, until a `run` is answered or the input ends."""
    answer = sys.stdout.buffer
    sys.stdout = sys.stderr  # what the work prints must not mix with the answers
    for module in sys.argv[1:]:
        importlib.import_module(module)
    held = None  # the object `start` built
    while True:
        try:
            kind, what, arguments = pickle.load(sys.stdin.buffer)
        except EOFError:
            return
        try:
            if kind == START:
                held, result = what(*arguments), None
            else:
                result = getattr(held, what)(*arguments) if kind == CALL else what(*arguments)
            reply = (False, result)
        except Exception as error:  # raised again in the caller, which decides
            reply = (True, error)
        try:
            data = pickle.dumps(reply)
        except Exception as unpicklable:
            error = ApartError(f"{type(reply[1]).__name__}: {reply[1]} ({unpicklable})")
            data = pickle.dumps((True, error))
        answer.write(data)
        answer.flush()
        if kind == RUN:
            return
