"""A gzip feed cut into many pieces is decompressed about once, not once per piece.

Before, each piece decompressed the file from its start up to the piece (a 2 GB JSONL.gz in
100 KB lines took 275 s). The disk bytes that gzip reads are counted through the real
`gzip` module: reading every piece in order must read the file about once.
"""

import gzip
import json
import os

import pytest

from newsquotes.ingest.plan import plan_batches
from newsquotes.ingest.read import read_batch
from newsquotes.records import RawArticle

PIECE = 50


class CountingFile:
    """A file whose bytes read are added to a shared tally."""

    def __init__(self, path, tally):
        self.handle, self.tally = open(path, "rb"), tally  # noqa: SIM115 (a spy for one test)

    def read(self, size=-1):
        data = self.handle.read(size)
        self.tally[0] += len(data)
        return data

    def __getattr__(self, name):
        return getattr(self.handle, name)


@pytest.fixture
def disk_reads(monkeypatch):
    """Compressed bytes read from disk by every gzip stream opened from now on."""
    tally = [0]
    real_open = gzip.open

    def counting_open(path, mode="rb", *args, **kwargs):
        return real_open(CountingFile(path, tally), mode, *args, **kwargs)

    monkeypatch.setattr(gzip, "open", counting_open)
    return tally


def write_feed(path, count, fmt="jsonl", prefix="s"):
    stories = [
        {"id": f"{prefix}{i}", "text": f"Story {i}. " + os.urandom(600).hex()} for i in range(count)
    ]
    if fmt == "jsonl":
        body = "".join(json.dumps(story) + "\n" for story in stories)
    else:
        body = "id,text\n" + "".join(f"{s['id']},{s['text']}\n" for s in stories)
    path.write_bytes(gzip.compress(body.encode(), compresslevel=1))
    return [story["id"] for story in stories]


def ids_of(items):
    assert all(isinstance(item, RawArticle) for item in items), items
    return [item.location.source_id for item in items]


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_reading_every_piece_in_order_reads_the_gzip_file_about_once(tmp_path, disk_reads, fmt):
    feed = tmp_path / f"feed.{fmt}.gz"
    ids = write_feed(feed, 20 * PIECE, fmt)
    batches = plan_batches([feed], PIECE)
    assert len(batches) == 20
    disk_reads[0] = 0  # planning scans the file once; reading is what is measured
    items = [item for batch in batches for item in read_batch(batch, 10**9)]
    assert ids_of(items) == ids
    # Once per piece from the start would be about 10 times the file (20 pieces).
    assert disk_reads[0] < 1.5 * feed.stat().st_size


def test_pieces_read_out_of_order_give_the_same_records(tmp_path):
    feed = tmp_path / "feed.jsonl.gz"
    ids = write_feed(feed, 6 * PIECE)
    batches = plan_batches([feed], PIECE)
    backwards = [ids_of(read_batch(batch, 10**9)) for batch in reversed(batches)]
    assert [i for piece in reversed(backwards) for i in piece] == ids


def test_a_file_changed_between_reads_is_read_afresh_not_continued(tmp_path):
    feed = tmp_path / "feed.jsonl.gz"
    write_feed(feed, 2 * PIECE)
    first, second = plan_batches([feed], PIECE)
    read_batch(first, 10**9)  # leaves a stream at the second piece
    new_ids = write_feed(feed, 2 * PIECE, prefix="n")  # other records, same offsets
    os.utime(feed, ns=(1, 1))
    items = read_batch(second, 10**9)
    assert ids_of(items) and set(ids_of(items)) <= set(new_ids)
