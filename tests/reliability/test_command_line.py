"""The command leaves nobody guessing: reject reasons are printed and kept when nothing can
be read, a refused run has its own exit code, and the server and workers die with the run."""

import json
import os
import signal
import subprocess
import sys
import time

import pandas as pd
import psutil

from tests.output.test_lock import hold_lock_in_another_process


def newsquotes_run(*args, cwd, **popen):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    command = [sys.executable, "-m", "newsquotes.cli", "run", *args]
    return command, env


def run(*args, cwd):
    command, env = newsquotes_run(*args, cwd=cwd)
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def feed(path, count):
    texts = [f"“Step {i} is done,” said Ann Lee, the site manager in Leeds." for i in range(count)]
    path.write_text(
        "".join(json.dumps({"id": f"n{i}", "body": t}) + "\n" for i, t in enumerate(texts))
    )
    return path


def test_when_every_input_is_rejected_the_reasons_are_shown_and_kept(tmp_path):
    result = run(
        str(feed(tmp_path / "feed.jsonl", 3)),
        "--field",
        "text=bdy",
        "--output",
        "out",
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert "rejected            3 x missing or empty 'text' (field 'bdy')" in result.stdout
    kept = next((tmp_path / "out" / "rejected").iterdir())
    assert f"its rejects are in {kept}" in result.stderr
    assert len(pd.read_parquet(kept)) == 3


def test_a_run_refused_because_the_output_is_in_use_exits_3(tmp_path):
    (tmp_path / "out").mkdir()
    holder = hold_lock_in_another_process(tmp_path / "out", 120)
    try:
        result = run(str(feed(tmp_path / "feed.jsonl", 1)), "--output", "out", cwd=tmp_path)
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 3, result.stderr
    assert "is in use by another newsquotes run" in result.stderr


def test_the_server_and_the_workers_die_with_a_killed_run(tmp_path):
    command, env = newsquotes_run(
        str(feed(tmp_path / "feed.jsonl", 16)), "--output", "out", "--workers", "2", cwd=tmp_path
    )
    main = subprocess.Popen(
        command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    process = psutil.Process(main.pid)
    deadline = time.monotonic() + 120
    children = []
    while len(children) < 3 and main.poll() is None and time.monotonic() < deadline:
        children = process.children(recursive=True)  # the server, then two workers
        time.sleep(0.2)
    assert len(children) >= 2, "the run never started its server and workers"
    os.kill(main.pid, signal.SIGKILL)
    main.wait()
    gone, alive = psutil.wait_procs(children, timeout=60)  # a worker still importing: later
    assert alive == [], f"still running after the run was killed: {alive}"
