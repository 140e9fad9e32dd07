"""A JSONL line or CSV record over the record limit is a reject whose bytes are never held:
a 64 MB line is counted while it streams past (before, the whole line was read, twice)."""

import gzip
import tracemalloc

import pytest

from newsquotes.ingest import FieldMap, plan_pieces, read_batch
from newsquotes.ingest.plan import Batch
from newsquotes.records import RawArticle, Reject
from newsquotes.run.planning import Reading
from newsquotes.settings import Settings

LIMIT = 1 << 20
HUGE = 64 << 20
OK = b'{"id": "ok", "text": "The council approved the budget."}\n'


def peak_bytes(call):
    """(result, peak bytes Python allocated while `call` ran)."""
    tracemalloc.start()
    try:
        result = call()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def plan_and_read(path):
    pieces = list(plan_pieces([path], 64, LIMIT))
    return read_batch(Batch(tuple(pieces)), 1 << 30, FieldMap(), LIMIT)


@pytest.mark.parametrize("compressed", [False, True])
def test_an_over_long_line_is_rejected_without_being_held(tmp_path, compressed):
    line = b'{"id": "big", "text": "' + b"x" * HUGE + b'"}\n'
    path = tmp_path / ("feed.jsonl.gz" if compressed else "feed.jsonl")
    path.write_bytes((gzip.compress(line + OK, 1)) if compressed else line + OK)
    (big, ok), peak = peak_bytes(lambda: plan_and_read(path))
    assert isinstance(big, Reject) and isinstance(ok, RawArticle)
    assert big.reason == f"line 1: record is {len(line)} bytes, over the limit of {LIMIT}"
    assert (big.location.line, ok.location.line) == (1, 2)
    assert ok.location.byte_offset == len(line)
    assert peak < 8 * LIMIT


def test_an_over_long_csv_record_is_rejected_and_the_next_row_read(tmp_path):
    path = tmp_path / "feed.csv"
    big = b'big,"' + b"x" * HUGE + b'"\n'
    path.write_bytes(b"id,text\n" + big + b"ok,The council approved the budget.\n")
    (big_reject, ok), peak = peak_bytes(lambda: plan_and_read(path))
    assert big_reject.reason == f"line 2: record is {len(big)} bytes, over the limit of {LIMIT}"
    assert isinstance(ok, RawArticle) and ok.location.line == 3
    assert peak < 8 * LIMIT


def test_an_over_long_csv_header_rejects_every_row_with_the_reason(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_bytes(b"id,text" + b",x" * LIMIT + b"\nok,The council met.\n")
    (reject,) = plan_and_read(path)
    assert reject.reason.startswith("line 2: the CSV header (line 1) is 2097160 bytes, over")


def test_the_record_limit_is_a_setting_that_changes_what_reading_gives(monkeypatch):
    monkeypatch.setenv("NEWSQUOTES_MAX_RECORD_BYTES", "1000")
    settings = Settings()
    assert settings.max_record_bytes == 1000
    default = Reading.parse(1 << 20, None, None)
    limited = Reading.parse(1 << 20, None, None, settings.max_record_bytes)
    assert limited.parameters["max_record_bytes"] == 1000 and limited.key != default.key
