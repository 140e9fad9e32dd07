"""One run at a time per output: a lock held for the whole run; a second run waits or refuses.

On a local disk the lock is an OS file lock (`flock`) on `output/.lock`: the kernel
releases it when its process dies, so a run killed with `kill -9` leaves no stale lock.

Object stores have no locks, so there the lock is a lease: the object `output/.lock` names
its holder and an expiry, and the holder renews it every `RENEW_SECONDS` from a background
thread. A killed run stops renewing; once its lease has lapsed (`LEASE_SECONDS`) the next
run takes over. To take a lease a run writes it, waits `SETTLE_SECONDS` and reads it back:
of two runs starting together the later write wins and the other one sees that it lost.
Before publishing, a run confirms that the lease is still its own (`Held.confirm`). This
needs read-after-write consistency (S3, GCS and Azure Blob have it) and clocks that agree
to well within a lease.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from newsquotes.output.storage import Location, Where

LOCK_FILE = ".lock"
LEASE_SECONDS = 120.0
RENEW_SECONDS = 30.0
SETTLE_SECONDS = 2.0


class OutputLockedError(RuntimeError):
    """Another run holds the output."""


class Held:
    """A lock this run holds; `confirm` raises if it was lost (a lease can lapse)."""

    def confirm(self) -> None:
        return None


@contextmanager
def lock_output(output: Where, wait_seconds: float = 0.0) -> Iterator[Held]:
    """Hold the output's lock for a whole run: a second run waits `wait_seconds`, then
    refuses with `OutputLockedError` naming the holder."""
    output = Location.of(output)
    if output.is_local:
        with _file_lock(output, wait_seconds) as held:
            yield held
    else:
        with _lease(output, wait_seconds) as held:
            yield held


def _holder() -> str:
    return f"pid {os.getpid()} on {socket.gethostname()}, since {_now():%Y-%m-%d %H:%M:%S} UTC"


def _now() -> datetime:
    return datetime.now(UTC)


def _refusal(output: Location, holder: str, wait_seconds: float) -> OutputLockedError:
    return OutputLockedError(
        f"{output} is in use by another newsquotes run ({holder}); "
        f"waited {wait_seconds:g} s. Try again when it has finished."
    )


@contextmanager
def _file_lock(output: Location, wait_seconds: float) -> Iterator[Held]:
    folder = output.local_path
    folder.mkdir(parents=True, exist_ok=True)
    handle = (folder / LOCK_FILE).open("a+", encoding="utf-8")
    deadline = time.monotonic() + wait_seconds
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    raise _refusal(
                        output, handle.read().strip() or "another process", wait_seconds
                    ) from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(_holder())
        handle.flush()
        yield Held()
    finally:
        handle.close()  # closing the descriptor releases the lock


class _Lease(Held):
    """A lease object on an object store, renewed by a background thread while held."""

    def __init__(self, output: Location) -> None:
        self.location = output / LOCK_FILE
        self.token = uuid.uuid4().hex
        self.holder = _holder()
        self.lost = threading.Event()
        self._stop = threading.Event()
        self._renewer = threading.Thread(target=self._renew, daemon=True, name="lease")

    def current(self) -> dict | None:
        """The lease on the store, if one is there and has not lapsed."""
        try:
            lease = json.loads(self.location.read_text())
        except (FileNotFoundError, ValueError, KeyError):
            return None
        return lease if lease.get("expires", 0) > time.time() else None

    def write(self) -> None:
        lease = {"token": self.token, "holder": self.holder, "expires": time.time() + LEASE_SECONDS}
        self.location.write_text(json.dumps(lease))

    def mine(self) -> bool:
        lease = self.current()
        return lease is not None and lease.get("token") == self.token

    def confirm(self) -> None:
        if self.lost.is_set() or not self.mine():
            raise OutputLockedError(
                f"{self.location.url}: this run's lease was taken over (it could not be "
                "renewed in time); nothing was published"
            )

    def start(self) -> None:
        self._renewer.start()

    def release(self) -> None:
        self._stop.set()
        if self._renewer.is_alive():
            self._renewer.join()
        if not self.lost.is_set() and self.mine():
            self.location.remove()

    def _renew(self) -> None:
        while not self._stop.wait(RENEW_SECONDS):
            try:
                if not self.mine():
                    self.lost.set()
                    return
                self.write()
            except OSError:
                continue  # a passing store error: the lease outlives a few renewals


@contextmanager
def _lease(output: Location, wait_seconds: float) -> Iterator[Held]:
    lease = _Lease(output)
    deadline = time.monotonic() + wait_seconds
    while True:
        other = lease.current()
        if other is None:
            lease.write()
            time.sleep(SETTLE_SECONDS)
            if lease.mine():
                break
            other = lease.current() or {"holder": "another process"}
        if time.monotonic() >= deadline:
            holder = f"{other['holder']}, lease until {_expiry(other)}"
            raise _refusal(output, holder, wait_seconds)
        time.sleep(min(1.0, SETTLE_SECONDS))
    lease.start()
    try:
        yield lease
    finally:
        lease.release()


def _expiry(lease: dict) -> str:
    moment = datetime.fromtimestamp(lease.get("expires", 0), UTC)
    return f"{moment:%Y-%m-%d %H:%M:%S} UTC"
