"""Two records with one id are one article and one reject, wherever batches are cut (it
used to depend on batch boundaries, and a repeat in another batch refused the run)."""

import json

import pytest

from newsquotes.ingest import FieldMap, plan_pieces
from newsquotes.records import Article, Duplicate, Reject
from newsquotes.run.batch import read_and_clean
from newsquotes.run.planning import Reading, batches_for_workers


def marked(path, batch_size, workers):
    reading = Reading(50 * 1024 * 1024, FieldMap(), frozenset({"en"}))
    batches = batches_for_workers(list(plan_pieces([path], batch_size)), batch_size, workers)
    items = []
    for batch in batches:
        cleaned, _ = read_and_clean(batch, *reading.options)
        items += reading.duplicates.mark(cleaned)
    return batches, items


@pytest.mark.parametrize(("batch_size", "workers"), [(64, 1), (1, 1), (64, 2)])
def test_a_repeated_id_with_other_content_is_rejected_in_any_batch(tmp_path, batch_size, workers):
    feed = tmp_path / "feed.jsonl"
    texts = ["The council approved the new budget on Monday.", "Rain is expected all week."]
    feed.write_text("".join(json.dumps({"id": "same", "text": t}) + "\n" for t in texts))
    batches, items = marked(feed, batch_size, workers)
    assert [type(item) for item in items] == [Article, Reject]
    assert items[1].reason == "repeats id 'same' of an article already read"
    assert items[1].location.line == 2


def test_a_repeated_record_is_a_duplicate(tmp_path):
    feed = tmp_path / "feed.jsonl"
    line = json.dumps({"id": "same", "text": "The council approved the new budget."}) + "\n"
    feed.write_text(line * 2)
    _, items = marked(feed, 1, 1)
    assert [type(item) for item in items] == [Article, Duplicate]
