"""Output on a filesystem URL: the same pipeline writes to S3 (a real S3 API, moto's server),
to any fsspec filesystem, and to a local folder; only the lock and the publish step differ."""

import subprocess
import sys
import time

import pandas as pd
import pyarrow as pa
import pytest

from newsquotes.contracts.model import load_contracts
from newsquotes.output import layout, lock, parts
from newsquotes.output.storage import Location, StorageError


def test_a_location_reads_and_writes_the_same_on_s3_as_on_disk(s3_output, tmp_path):
    for root in (Location.of(s3_output), Location.of(tmp_path)):
        part = root / "quotes" / "part-1.parquet"
        part.write_table(pa.table({"quote_id": ["q1", "q2"]}))
        (root / "quotes" / "part-2.parquet").copy_from(part)
        (root / "notes.txt").write_text("run 7")

        assert [p.name for p in (root / "quotes").files()] == ["part-1.parquet", "part-2.parquet"]
        assert (root / "quotes").read_table()["quote_id"].to_pylist() == ["q1", "q2"] * 2
        assert (root / "quotes" / "part-2.parquet").num_rows() == 2
        assert (root / "notes.txt").read_text() == "run 7"
        assert [f.name for f in root.folders()] == ["quotes"]
        (root / "quotes").remove()
        assert not (root / "quotes").exists() and (root / "quotes").files() == []


def test_a_url_pyarrow_does_not_know_is_opened_with_fsspec():
    root = Location.of("memory://newsquotes-test")
    (root / "t" / "part.parquet").write_table(pa.table({"x": [1]}))
    assert (root / "t").read_table()["x"].to_pylist() == [1]


def test_a_url_no_filesystem_knows_is_a_clear_error():
    with pytest.raises(StorageError, match="cannot open nosuchscheme://bucket/news"):
        Location.of("nosuchscheme://bucket/news").exists()


HOLD_LEASE = """
import sys, time
from newsquotes.output import lock
lock.LEASE_SECONDS, lock.RENEW_SECONDS, lock.SETTLE_SECONDS = 6, 1, 0.1
with lock.lock_output(sys.argv[1]):
    print("locked", flush=True)
    time.sleep(60)
"""


def test_the_lease_of_a_killed_run_lapses_and_the_next_run_takes_over(s3_output, monkeypatch):
    monkeypatch.setattr(lock, "SETTLE_SECONDS", 0.1)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LEASE, s3_output], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "locked"
    time.sleep(7)  # longer than the lease: only renewals keep it
    with pytest.raises(lock.OutputLockedError, match="lease until"):
        lock.lock_output(s3_output).__enter__()
    holder.kill()  # SIGKILL: no release, no more renewals
    holder.wait()
    started = time.monotonic()
    with lock.lock_output(s3_output, wait_seconds=30) as held:
        held.confirm()
    assert time.monotonic() - started < 20  # the lease lapses 6 s after its last renewal


def test_a_run_whose_lease_was_taken_over_does_not_publish(s3_output, monkeypatch):
    monkeypatch.setattr(lock, "SETTLE_SECONDS", 0.1)
    with lock.lock_output(s3_output) as held:
        lease = Location.of(s3_output) / lock.LOCK_FILE
        lease.write_text('{"token": "other", "holder": "x", "expires": 9e9}')
        with pytest.raises(lock.OutputLockedError, match="taken over"):
            held.confirm()
    assert lease.exists()  # the other run's lease is left alone


def test_published_tables_open_with_pandas_from_their_url(s3_output):
    staging = layout.staging_dir(s3_output, "run1")
    row = {"article_id": "a1", "source_id": "s", "text": "Hello.", "word_count": 1}
    row |= {"content_hash": "h", "input_path": "p", "metadata": "{}"}
    parts.write_part(staging, load_contracts()["articles"], [row], 0)
    layout.publish(s3_output, "run1")
    frame = pd.read_parquet(layout.published_tables(s3_output)["articles"])
    assert frame["article_id"].tolist() == ["a1"]


def test_a_url_with_filesystem_options_keeps_them_in_its_children(s3_endpoint):
    root = Location.of(f"s3://{s3_endpoint}/options?region=us-east-1")
    table = root / "quotes"
    assert table.url == f"s3://{s3_endpoint}/options/quotes?region=us-east-1"
    (table / "part.parquet").write_table(pa.table({"x": [1]}))
    assert pd.read_parquet(table.url)["x"].tolist() == [1]
