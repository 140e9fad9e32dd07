"""Reading a big gzip feed cut into many pieces: seconds to read every piece, in order.

    PYTHONPATH=src python benchmarks/gzip_pieces.py [--megabytes 400] [--line-kb 100]

Writes a JSONL.gz of random-text lines to a temporary folder, plans it into batches of
`--batch-size` records (the run's default) and reads every batch as the workers would,
one after another in one process. Reported: planning seconds, reading seconds, and reading
seconds per decompressed gigabyte. Each piece used to decompress the file from its start,
so reading time grew with the square of the file size (a 2 GB feed of 100 KB lines: 275 s).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import string
import tempfile
import time
from pathlib import Path

from newsquotes.ingest.plan import plan_batches
from newsquotes.ingest.read import read_batch
from newsquotes.settings import DEFAULT_BATCH_SIZE


def write_feed(path: Path, megabytes: int, line_kb: int) -> int:
    """A gzip JSONL of about `megabytes` decompressed; the number of records."""
    words = ["".join(random.choices(string.ascii_lowercase, k=6)) for _ in range(5000)]
    count = megabytes * 1024 // line_kb
    with gzip.open(path, "wt", compresslevel=1, encoding="utf-8") as feed:
        for number in range(count):
            text = " ".join(random.choices(words, k=line_kb * 1024 // 7))
            feed.write(json.dumps({"id": f"r{number}", "text": text}) + "\n")
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=400)
    parser.add_argument("--line-kb", type=int, default=100)
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder) / "feed.jsonl.gz"
        records = write_feed(feed, args.megabytes, args.line_kb)
        started = time.perf_counter()
        batches = plan_batches([feed], args.batch_size)
        planned = time.perf_counter()
        read = sum(len(read_batch(batch, 10**12)) for batch in batches)
        done = time.perf_counter()
    assert read == records, (read, records)
    seconds = done - planned
    print(f"{records} records, {args.megabytes} MB decompressed, {len(batches)} batches")
    print(f"planning {planned - started:.1f} s, reading {seconds:.1f} s")
    print(f"reading {seconds / (args.megabytes / 1024):.1f} s per decompressed GB")


if __name__ == "__main__":
    main()
