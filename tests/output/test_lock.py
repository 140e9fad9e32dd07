"""Two runs on the same output: the second waits for the lock, or refuses with a clear message."""

import subprocess
import sys
import time

import pytest

from newsquotes.output import lock

HOLD_LOCK = """
import sys, time
from pathlib import Path
from newsquotes.output.lock import lock_output
with lock_output(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def hold_lock_in_another_process(output, seconds):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(output), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_waiting_run_gets_the_lock_when_the_first_finishes(tmp_path):
    holder = hold_lock_in_another_process(tmp_path, 1)
    started = time.monotonic()
    with lock.lock_output(tmp_path, wait_seconds=30):
        waited = time.monotonic() - started
    holder.wait()
    assert 0.3 < waited < 30


def test_lock_of_a_killed_process_is_released(tmp_path):
    holder = hold_lock_in_another_process(tmp_path, 60)
    holder.kill()  # SIGKILL: no cleanup code runs
    holder.wait()
    with lock.lock_output(tmp_path):
        pass


def test_lock_is_exclusive_within_one_process_too(tmp_path):
    refused = pytest.raises(lock.OutputLockedError, match="in use by another newsquotes run")
    with lock.lock_output(tmp_path), refused, lock.lock_output(tmp_path):
        pytest.fail("a second lock on the same output was granted")
