"""Inputs that once blocked or crashed a whole run are rejects with a reason now: a file
name that is not UTF-8, a FIFO, dangling and looping links, a record or a text too long
for the model. Each test fails in seconds rather than hanging."""

import json
import os
import signal

import pytest

from newsquotes.clean import article as clean_module
from newsquotes.contracts import load_contracts
from newsquotes.ingest import FieldMap, plan_pieces
from newsquotes.nlp.analyse import article_row
from newsquotes.records import Article, Reject
from newsquotes.run.batch import read_and_clean
from newsquotes.run.planning import batches_for_workers
from newsquotes.settings import MAX_RECORD_BYTES

TEXT = "The council approved the new budget on Monday after a long debate."


@pytest.fixture(autouse=True)
def no_hanging():
    """A test that blocks (a FIFO opened for reading) fails after 20 s instead."""
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("blocked for 20 s"))
    signal.alarm(20)
    yield
    signal.alarm(0)


def read_all(*inputs, max_record_bytes=MAX_RECORD_BYTES):
    pieces = list(plan_pieces(inputs, 64, max_record_bytes))
    options = (50 * 1024 * 1024, FieldMap(), frozenset({"en"}), max_record_bytes)
    batches = batches_for_workers(pieces, 64, 1, max_record_bytes)
    return [item for batch in batches for item in read_and_clean(batch, *options)[0]]


def test_a_file_name_that_is_not_utf8_is_read_and_its_rows_can_be_written(tmp_path):
    name = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(name, "wb") as handle:
        handle.write(TEXT.encode())
    (article,) = read_all(tmp_path)
    assert isinstance(article, Article)
    assert article.location.source_id == "caf\\xe9.txt"
    load_contracts()["articles"].to_arrow([article_row(article)])  # valid UTF-8 for Parquet


def test_a_fifo_is_rejected_without_being_opened(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(tmp_path / "named.txt")
    (folder / "ok.txt").write_text(TEXT)
    items = read_all(folder, tmp_path / "named.txt")
    rejects = [item for item in items if isinstance(item, Reject)]
    assert [r.reason for r in rejects] == ["not a regular file (a FIFO)"] * 2
    assert sum(isinstance(item, Article) for item in items) == 1


def test_dangling_and_looping_links_in_a_folder_are_counted_as_rejects(tmp_path):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "loop_a.txt").symlink_to(tmp_path / "loop_b.txt")
    (tmp_path / "loop_b.txt").symlink_to(tmp_path / "loop_a.txt")
    reasons = sorted(item.reason for item in read_all(tmp_path))
    assert len(reasons) == 3
    assert reasons[0].endswith("dangling.txt: No such file or directory")
    assert all("Too many levels of symbolic links" in r for r in reasons[1:])


def test_a_record_over_the_size_limit_is_rejected_before_it_is_parsed(tmp_path):
    feed = tmp_path / "feed.jsonl"
    records = [{"id": "big", "text": "word " * 400}, {"id": "ok", "text": TEXT}]
    feed.write_text("".join(json.dumps(record) + "\n" for record in records))
    big, ok = read_all(feed, max_record_bytes=1000)
    assert big.reason.startswith("line 1: record is 2") and big.reason.endswith("limit of 1000")
    assert isinstance(ok, Article)


def test_a_text_longer_than_the_model_parses_is_rejected(tmp_path, monkeypatch):
    monkeypatch.setattr(clean_module, "MAX_TEXT_CHARS", 100)
    text = TEXT + "\n\nRain is expected for the rest of the week."
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "long", "text": text}) + "\n")
    (rejected,) = read_all(tmp_path)
    assert rejected.stage == "clean"
    assert rejected.reason == "text is 110 characters, over the 100 the model parses"


def test_a_nan_id_is_no_id_and_nan_metadata_is_standard_json(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": NaN, "text": "The council met."}\n'
        '{"id": "ok", "text": "' + TEXT + '", "score": Infinity, "tags": [NaN]}\n'
    )
    missing, article = read_all(feed)
    assert missing.reason.startswith("line 1: missing 'id'")
    assert json.loads(article_row(article)["metadata"]) == {"score": None, "tags": [None]}


def test_an_input_named_twice_is_read_once_so_its_reject_id_is_unique(tmp_path):
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.4 not an article")
    (tmp_path / "ok.txt").write_text(TEXT)
    items = read_all(tmp_path, tmp_path / "scan.txt", tmp_path / "ok.txt")
    rejects = [item.row() for item in items if isinstance(item, Reject)]
    assert [row["reason"] for row in rejects] == ["binary file (a PDF document)"]
    assert sum(isinstance(item, Article) for item in items) == 1
