"""The `newsquotes` command as a user runs it: a real process with Prefect's temporary server."""

import os
import subprocess
import sys

import pandas as pd

from newsquotes.settings import PROJECT_ROOT


def run_cli(*args, cwd, **environment):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")} | environment
    command = [sys.executable, "-m", "newsquotes.cli", "run", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_run_over_seeds_publishes_and_prints_a_clean_summary(tmp_path):
    result = run_cli(str(PROJECT_ROOT / "seeds"), "--output", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "| INFO" not in result.stderr + result.stdout  # a normal run prints the summary only
    assert "articles published  1" in result.stdout
    assert "validation          passed" in result.stdout
    assert len(pd.read_parquet(tmp_path / "out" / "quotes")) >= 5


def test_run_with_no_readable_input_exits_non_zero_with_the_reason(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = run_cli(str(tmp_path / "empty.txt"), "--output", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 1
    assert "no input could be read" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_run_with_nothing_new_says_so_without_waiting_for_prefect(tmp_path):
    seeds, output = str(PROJECT_ROOT / "seeds"), str(tmp_path / "out")
    assert run_cli(seeds, "--output", output, cwd=tmp_path).returncode == 0
    no_server = {"PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "0"}  # none could start

    again = run_cli(seeds, "--output", output, cwd=tmp_path, **no_server)
    assert again.returncode == 0, again.stderr
    assert "unchanged: nothing new since run" in again.stdout
    assert "Traceback" not in again.stderr + again.stdout
    refresh = run_cli(seeds, "--output", output, "--full-refresh", cwd=tmp_path, **no_server)
    assert refresh.returncode == 1 and "did not answer within 0 s" in refresh.stderr
