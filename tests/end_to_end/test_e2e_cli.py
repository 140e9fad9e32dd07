"""The `newsquotes` command as a user runs it: a real process with Prefect's temporary server."""

import os
import subprocess
import sys

import pandas as pd

from newsquotes.settings import PROJECT_ROOT


def run_cli(*args, cwd):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
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
