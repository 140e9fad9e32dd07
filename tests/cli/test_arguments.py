"""`newsquotes run` refuses bad arguments before any run starts: no Prefect server or state
(its home folder is never made), one line with the reason, exit code 2, no traceback and no
output folder."""

import os
import subprocess
import sys

import pytest

import newsquotes
from newsquotes.cli.main import is_small_run
from newsquotes.settings import PROJECT_ROOT


def newsquotes_command(*args, cwd):
    """The command's result, and whether it made a Prefect home (started a server)."""
    command = [sys.executable, "-m", "newsquotes.cli", *args]
    home = cwd / "prefect-home"
    env = os.environ | {"PREFECT_HOME": str(home)}
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120, env=env)
    return result, home.exists()


@pytest.mark.parametrize(
    ("option", "reason"),
    [
        (["--field", "body"], "--field: field mapping 'body' is not NAME=INPUT_FIELD"),
        (["--model", "no_such_model"], "--model: no spaCy model 'no_such_model' is installed"),
        (["--workers", "0"], "--workers: must be at least 1, not 0"),
        (["--batch-size", "0"], "--batch-size: must be at least 1, not 0"),
        (["--language", "english"], "--language: 'english' is not an ISO 639-1 code"),
        (["--max-quarantine", "2"], "is not a share between 0 and 1"),
        (["--limit", "0"], "--limit: must be at least 1, not 0"),
        (["--since", "last week"], "--since: 'last week' is not a date"),
        (["--since", "2024-03-05", "--until", "2024-03-01"], "is not after --since"),
        (["--limit", "5", "--prune"], "--prune needs every input read"),
        (["--parse", "some"], "--parse: invalid choice: 'some'"),
    ],
)
def test_a_bad_argument_is_refused_at_once_with_the_reason(tmp_path, option, reason):
    seeds = str(PROJECT_ROOT / "seeds")
    result, prefect_started = newsquotes_command(
        "run", seeds, "--output", "out", *option, cwd=tmp_path
    )
    assert result.returncode == 2, result.stderr
    assert reason in result.stderr
    assert "Traceback" not in result.stderr
    assert not prefect_started
    assert not (tmp_path / "out").exists()


def test_a_misspelt_parse_setting_is_refused_at_once(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSQUOTES_PARSE", "some")
    seeds = str(PROJECT_ROOT / "seeds")
    result, _ = newsquotes_command("run", seeds, "--output", "out", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "NEWSQUOTES_PARSE='some': choose one of attribution, all" in result.stderr


def test_a_small_run_is_told_by_the_size_of_its_inputs(tmp_path):
    (tmp_path / "a.txt").write_text("x" * 100)
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "b.txt").write_text("x" * 100)
    assert is_small_run([str(tmp_path)], limit=200)
    assert not is_small_run([str(tmp_path)], limit=199)
    assert is_small_run([str(tmp_path / "a.txt")], limit=100)


def test_version_prints_the_package_version(tmp_path):
    result, _ = newsquotes_command("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"newsquotes {newsquotes.__version__}"


def test_a_run_read_in_this_process_loads_the_language_identifier_while_the_server_starts(
    tmp_path,
):
    from newsquotes.clean import language
    from newsquotes.cli.main import SMALL_RUN_BYTES, build_parser, preload_in_process

    big = tmp_path / "big.txt"
    big.write_text("Rain is expected all week. " * (SMALL_RUN_BYTES // 20))
    language._identifier.cache_clear()
    preload_in_process(build_parser().parse_args(["run", "--workers", "4", str(big)]))
    assert language._identifier.cache_info().currsize == 0  # a big run: read in the workers
    preload_in_process(build_parser().parse_args(["run", "--workers", "1", str(big)]))
    assert language._identifier.cache_info().currsize == 1
