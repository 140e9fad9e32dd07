"""--limit, --since/--until and --source: what a run takes, and every input still counted."""

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from newsquotes.ingest import FieldMap, plan_pieces
from newsquotes.records import InputLocation, RawArticle, Reject
from newsquotes.run import RunSummary
from newsquotes.run.batch import read_and_clean
from newsquotes.run.planning import Reading, plan_run
from newsquotes.run.selection import DateRange, first_records, name_source, within


def feed(tmp_path, days=10, name="feed.jsonl"):
    """Records n0..n9 published on 2024-03-01 .. 2024-03-10, the last one undated."""
    path = tmp_path / name
    lines = []
    for n in range(days):
        record = {"id": f"n{n}", "text": f"Ann Lee said bridge number {n} would open in spring."}
        if n < days - 1:
            record["date"] = f"2024-03-{n + 1:02d}T12:00:00+01:00"
        lines.append(json.dumps(record) + "\n")
    path.write_text("".join(lines))
    return path


def raw(day: datetime | None) -> RawArticle:
    return RawArticle(InputLocation("f", "x"), "text", published_at=day)


def test_a_range_includes_the_until_day_whole_and_compares_zones_in_utc():
    dates = DateRange.parse("2024-03-02", "2024-03-03")
    assert dates.contains(datetime(2024, 3, 3, 23, 59))
    assert not dates.contains(datetime(2024, 3, 4, 0, 0))
    assert not dates.contains(datetime(2024, 3, 2, 0, 30, tzinfo=timezone(timedelta(hours=2))))
    assert dates.contains(datetime(2024, 3, 2, 0, 30, tzinfo=UTC))
    assert DateRange.parse(None, None) is None


@pytest.mark.parametrize(("since", "until"), [("soon", None), ("2024-03-05", "2024-03-01")])
def test_a_bad_range_names_the_option(since, until):
    with pytest.raises(ValueError, match="--"):
        DateRange.parse(since, until)


def test_articles_out_of_range_are_counted_and_undated_ones_kept():
    reject = Reject(InputLocation("f", "r"), "ingest", "empty file")
    march, april = datetime(2024, 3, 5), datetime(2024, 4, 5)
    kept = within([[raw(march), raw(april)], [raw(None), reject]], DateRange.parse("2024-03", None))
    assert kept.filtered == [0, 0]  # "2024-03" is March 1st: both are after it
    kept = within([[raw(march), raw(april)], [raw(None), reject]], DateRange(None, april))
    assert [len(items) for items in kept.items] == [1, 2]
    assert kept.filtered == [1, 0] and kept.undated == [0, 1]


def test_source_is_named_only_where_the_input_names_none():
    named, unnamed = raw(None), raw(None)
    named.source = "BBC"
    name_source([named, unnamed], "Wire")
    assert (named.source, unnamed.source) == ("BBC", "Wire")


def test_the_limit_cuts_a_piece_exactly_with_a_digest_of_its_own(tmp_path):
    pieces = list(plan_pieces([feed(tmp_path)], 4))
    limited = first_records(pieces, 6)
    assert [p.records for p in limited.taken] == [4, 2]
    assert limited.records_left_out == 4
    assert limited.taken[1].digest not in {p.digest for p in pieces}
    assert first_records(pieces, 6).taken == limited.taken  # the same on every run
    assert first_records(pieces, None).taken == pieces


def test_a_dated_run_reconciles_every_input(tmp_path):
    reading = Reading.parse(10**7, None, None, since="2024-03-03", until="2024-03-05")
    planned = plan_run([str(feed(tmp_path))], 64, 1, reading, None, prune=False)
    summary = RunSummary("r", "out")
    for batch in planned.batches:
        read = read_and_clean(batch, **reading.parameters)
        summary.add_inputs(len(read.items), sum(read.filtered), sum(read.undated))
        summary.add_counts({"articles": len(read.items)})
    assert (summary.inputs_read, summary.articles, summary.filtered) == (10, 4, 6)
    assert summary.undated == 1 and summary.reconciled
    assert "6 out of date range" in summary.reconciliation()
    assert reading.key != Reading.parse(10**7, None, None).key


def test_the_limit_leaves_out_records_counted_and_keeps_their_published_state(tmp_path):
    from newsquotes.output import layout
    from newsquotes.output.storage import Location
    from newsquotes.run import input_state

    path = feed(tmp_path)
    output = Location.of(tmp_path / "out")
    reading = Reading(10**7, FieldMap(), frozenset({"en"}))
    planned = plan_run([str(path)], 4, 1, reading, None, prune=False)
    for batch in planned.batches:
        reading.take(batch, read_and_clean(batch, **reading.parameters))
    input_state.save(layout.staging_dir(output, "run1"), reading.recorder.states(planned.plan))
    layout.publish(output, "run1")

    trial = Reading(10**7, FieldMap(), frozenset({"en"}))
    published = layout.published_dir(output)
    limited = plan_run([str(path)], 4, 1, trial, published, prune=False, limit=2)
    assert limited.left_out == 8
    assert [b.records for b in limited.batches] == [2]  # a cut piece is read, not carried
    # every published piece keeps its state (the cut one too: its rest is left out), so
    # their articles stay published and a run without the limit carries them unread
    assert sum(state.inputs for state in limited.plan.gone) == 10
    assert planned.not_articles == {}
