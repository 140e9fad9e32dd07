"""Two records with one id are one article and one reject, wherever batches are cut (it
used to depend on batch boundaries, and a repeat in another batch refused the run)."""

import json

import pytest

from newsquotes.ingest import FieldMap, plan_pieces
from newsquotes.output.storage import Location
from newsquotes.records import Article, Duplicate, Reject
from newsquotes.run import input_state
from newsquotes.run.batch import read_and_clean
from newsquotes.run.planning import Reading, batches_for_workers, skip_unchanged


def reading_of_a_run() -> Reading:
    return Reading(50 * 1024 * 1024, FieldMap(), frozenset({"en"}))


def marked(path, batch_size, workers, reading=None, published=None):
    """The items of `path` after the duplicate check, read as a run does; with `published`
    (a run folder with its input state) only the pieces changed since are read."""
    reading = reading or reading_of_a_run()
    plan = skip_unchanged(plan_pieces([path], batch_size), reading, published, prune=False)
    batches = batches_for_workers(plan.new, batch_size, workers)
    items = []
    for batch in batches:
        items += reading.take(batch, read_and_clean(batch, **reading.parameters))
    return batches, items


@pytest.mark.parametrize(("batch_size", "workers"), [(64, 1), (1, 1), (64, 2)])
def test_a_repeated_id_with_other_content_is_rejected_in_any_batch(tmp_path, batch_size, workers):
    feed = tmp_path / "feed.jsonl"
    texts = ["The council approved the new budget on Monday.", "Rain is expected all week."]
    feed.write_text("".join(json.dumps({"id": "same", "text": t}) + "\n" for t in texts))
    batches, items = marked(feed, batch_size, workers)
    assert [type(item) for item in items] == [Article, Reject]
    assert items[1].reason == f"repeats id 'same' of the record at {feed}:1"
    assert items[1].location.line == 2


def test_a_repeated_record_is_a_duplicate(tmp_path):
    feed = tmp_path / "feed.jsonl"
    line = json.dumps({"id": "same", "text": "The council approved the new budget."}) + "\n"
    feed.write_text(line * 2)
    _, items = marked(feed, 1, 1)
    assert [type(item) for item in items] == [Article, Duplicate]


def test_a_record_repeating_the_id_of_a_published_article_names_its_input(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "same", "text": "The council approved the budget."}) + "\n")
    reading = reading_of_a_run()
    marked(feed, 1, 1, reading)
    published = Location.of(tmp_path / "run1")
    input_state.save(published, reading.recorder.states(input_state.Plan([], [], [])))

    with feed.open("a") as appended:
        appended.write(json.dumps({"id": "same", "text": "Rain is expected all week."}) + "\n")
    _, items = marked(feed, 1, 1, published=published)
    assert [type(item) for item in items] == [Reject]
    assert items[0].reason == f"repeats id 'same' of an article published from {feed}"
