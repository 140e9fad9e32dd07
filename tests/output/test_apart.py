import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsquotes.output.apart import Apart, ApartError, run_apart

ROOT = Path(__file__).resolve().parents[2]


def test_a_function_runs_in_another_process_and_its_result_comes_back():
    assert run_apart(math.factorial, 5) == 120
    assert run_apart(os.getpid) != os.getpid()


def test_the_functions_exception_is_raised_in_the_caller():
    with pytest.raises(ValueError, match="invalid literal"):
        run_apart(int, "not a number")


def test_what_the_function_prints_does_not_spoil_the_answer(capfd):
    assert run_apart(print, "printed by the child") is None
    assert "printed by the child" in capfd.readouterr().err


def test_a_script_without_a_main_guard_is_not_run_again_in_the_child(tmp_path):
    script = tmp_path / "unguarded.py"
    script.write_text(
        "import os\n"
        "from newsquotes.output.apart import Apart, run_apart\n"
        "print('script ran', run_apart(os.getpid) != os.getpid())\n"
    )
    env = os.environ | {"PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    ran = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=60, env=env
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines() == ["script ran True"]


def test_a_process_started_early_has_its_modules_loaded_when_given_its_function():
    with Apart("fractions") as apart:
        assert run_is_loaded(apart, "fractions")


def run_is_loaded(apart: Apart, module: str) -> bool:
    return apart.run(eval, f"__import__('sys').modules.get({module!r}) is not None")


def test_a_process_never_given_its_function_ends_with_its_block():
    with Apart() as apart:
        pass
    assert apart._process.poll() is not None


class Tally:
    """An object held by a process: its state lasts from one call to the next."""

    def __init__(self, start: int) -> None:
        self.total = start

    def add(self, amount: int) -> int:
        self.total += amount
        return self.total


def test_a_held_object_answers_the_calls_sent_to_it_in_order():
    with Apart() as apart:
        apart.start(Tally, 10)
        apart.send("add", 1)
        apart.send("add", 5)  # sent before the first answer is taken
        assert [apart.receive() for _ in range(3)] == [None, 11, 16]


def test_a_failed_call_is_raised_when_its_answer_is_received_and_the_next_ones_still_come():
    with Apart() as apart:
        apart.start(Tally, 0)
        apart.send("add", "not a number")
        apart.send("add", 2)
        assert apart.receive() is None
        with pytest.raises(TypeError):
            apart.receive()
        assert apart.receive() == 2


def test_a_process_that_died_is_an_error_naming_the_call():
    with Apart() as apart:
        apart.start(os._exit, 3)
        with pytest.raises(ApartError, match="exit code 3"):
            apart.receive()
