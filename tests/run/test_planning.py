"""The run's decisions, without Prefect: batching, skipping unchanged pieces, selection,
what is carried over and what is validated again."""

import json
import os

from newsquotes.contracts import load_contracts
from newsquotes.ingest import FieldMap, plan_pieces, read_batch
from newsquotes.output import layout
from newsquotes.output.carry import CarriedOver
from newsquotes.output.storage import Location
from newsquotes.records import Article
from newsquotes.run import RunSummary, input_state
from newsquotes.run.batch import read_and_clean, select_items, stage_rows
from newsquotes.run.build import record_build
from newsquotes.run.planning import Reading, batches_for_workers, skip_unchanged, stage_unchanged
from newsquotes.run.publishing import (
    Carried,
    articles_to_drop,
    carried_tables,
    published_run_stands,
    validated_parts,
)

TEXTS = {f"n{i}": f"Ann Lee said the bridge number {i} would open in spring." for i in range(10)}


def feed(tmp_path, texts=TEXTS):
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps({"id": k, "text": t}) + "\n" for k, t in texts.items()))
    return path


def reading():
    return Reading(50 * 1024 * 1024, FieldMap(), frozenset({"en"}))


def test_small_corpora_are_cut_finer_so_that_every_worker_has_batches(tmp_path):
    pieces = list(plan_pieces([feed(tmp_path)], 64))
    assert [batch.records for batch in batches_for_workers(pieces, 64, 1)] == [10]
    assert [batch.records for batch in batches_for_workers(pieces, 64, 2)] == [2, 2, 2, 2, 2]
    small_pieces = list(plan_pieces([feed(tmp_path)], 3))
    assert [batch.records for batch in batches_for_workers(small_pieces, 3, 1)] == [3, 3, 3, 1]


def test_finer_batches_read_every_record_once_in_order(tmp_path):
    pieces = list(plan_pieces([feed(tmp_path)], 64))
    batches = batches_for_workers(pieces, 64, 2)
    texts = [item.text for b in batches for item in read_batch(b, 10**6)]
    assert texts == list(TEXTS.values())


def test_read_and_clean_counts_the_items_of_each_piece(tmp_path):
    (batch,) = batches_for_workers(list(plan_pieces([feed(tmp_path)], 4)), 64, 1)
    items, sizes, *_ = read_and_clean(batch, 10**6, FieldMap(), frozenset({"en"}))
    assert sizes == [4, 4, 2]
    assert all(isinstance(item, Article) for item in items)


def publish_feed(tmp_path, output):
    """Read, stage and publish the feed as a run would (analysis left out: articles only)."""
    plan_reading = reading()
    pieces = list(plan_pieces([feed(tmp_path)], 64))
    plan = skip_unchanged(pieces, plan_reading, None, prune=False)
    staging = layout.staging_dir(output, "run1")
    (batch,) = batches_for_workers(plan.new, 64, 1)
    items = plan_reading.take(batch, read_and_clean(batch, **plan_reading.parameters))
    rows = stage_rows(_article_rows(items), staging, 0)
    input_state.save(staging, plan_reading.recorder.states(plan))
    record_build(staging, gender=True)
    layout.publish(output, "run1")
    return rows, items


def _article_rows(items):
    from newsquotes.nlp.analyse import article_row
    from newsquotes.records import TableRows

    return TableRows(articles=[article_row(item) for item in items])


def test_a_published_piece_is_not_read_again_and_its_articles_are_unchanged(tmp_path):
    output = Location.of(tmp_path / "out")
    counts, items = publish_feed(tmp_path, output)
    assert counts["articles"] == 10
    published = layout.published_dir(output)

    plan = skip_unchanged(plan_pieces([feed(tmp_path)], 64), reading(), published, prune=False)
    assert plan.new == [] and len(plan.carried) == 1
    summary = RunSummary(run_id="run2", output=str(output))
    unchanged = stage_unchanged(plan, layout.staging_dir(output, "run2"), 0, summary)
    assert unchanged == {item.article_id for item in items}
    assert summary.unchanged == 10

    selection = select_items(items, published)
    assert selection.items == [] and len(selection.unchanged) == 10


def test_re_analysed_and_pruned_articles_are_dropped_from_the_carry_over(tmp_path):
    output = Location.of(tmp_path / "out")
    _, items = publish_feed(tmp_path, output)
    published = layout.published_dir(output)
    staging = layout.staging_dir(output, "run2")
    stage_rows(_article_rows(items[:2]), staging, 0)  # two articles analysed again
    unchanged = {item.article_id for item in items[2:5]}
    summary = RunSummary(run_id="run2", output=str(output))

    kept = articles_to_drop(published, staging, unchanged, prune=False, summary=summary)
    assert kept == {item.article_id for item in items[:2]}
    assert summary.kept == 5
    pruned = articles_to_drop(published, staging, unchanged, prune=True, summary=summary)
    assert pruned == {item.article_id for item in items[:2] + items[5:]}
    assert summary.kept == 0


def test_a_run_that_reads_nothing_new_keeps_the_published_run_if_built_the_same_way(tmp_path):
    output = Location.of(tmp_path / "out")
    publish_feed(tmp_path, output)
    published = layout.published_dir(output)
    versions = {name: contract.version for name, contract in load_contracts().items()}
    results = output / "validation" / "run1.json"
    results.write_text(json.dumps({"success": True, "contract_versions": versions}))

    def stands(texts=TEXTS, gender=True):
        pieces = list(plan_pieces([feed(tmp_path, texts)], 64))
        plan = skip_unchanged(pieces, reading(), published, prune=False)
        return published_run_stands(output, published, plan, gender)

    assert stands()
    assert not stands(gender=False)  # built with other options
    assert not stands(TEXTS | {"n10": "Bo Ek said the ferry was late."})  # a new article
    assert not stands({k: t for k, t in TEXTS.items() if k != "n3"})  # a record gone
    other_contracts = versions | {"quotes": "0.0.1"}
    results.write_text(json.dumps({"success": True, "contract_versions": other_contracts}))
    assert not stands()  # passed under other contracts
    results.write_text(json.dumps({"success": True, "contract_versions": versions}))
    (part,) = (published / "articles").files()
    os.utime(part.local_path, ns=(0, 0))
    assert not stands()  # a part altered since it was published


def test_only_tables_with_articles_are_carried_over_article_by_article():
    tables = carried_tables()
    assert {"articles", "mentions", "entities", "quotes"} <= set(tables)
    assert "speakers" not in tables and "entity_catalogue" not in tables


def test_nothing_is_validated_again_without_a_run_that_passed(tmp_path):
    output = Location.of(tmp_path / "out")
    assert validated_parts(output, None) == set()
    carried = Carried(output / "run1", CarriedOver(unchanged_parts={"part-run1-0"}))
    assert validated_parts(output, carried) == set()  # no results for run1


def story(topic: str, words: int = 120) -> str:
    """A text long enough to be matched as near (more than 80 words), about `topic`."""
    filler = " ".join(f"{topic}{i % 17} moved {i} points" for i in range(words // 4))
    return f"The {topic} report came out on Monday. {filler}. Analysts said {topic} would hold."


def test_decisions_are_the_same_for_any_batch_size_and_where_signatures_are_computed(
    tmp_path,
):
    """The flow takes each batch as its read task returns it, signed where it was read: the
    kept articles, the exact and near duplicates and the repeated ids are those the index
    finds when it signs everything itself over one batch, for any cut."""
    stories = {f"s{i}": story(topic) for i, topic in enumerate(["rates", "rain", "rail", "ore"])}
    texts = dict(stories)
    texts |= {"copy0": stories["s0"], "near1": stories["s1"].replace("Monday", "Tuesday")}
    texts |= {"brief": "Qtrly div 10 cts.", "brief2": "Qtrly div 10 cts.", "late3": stories["s3"]}
    lines = [json.dumps({"id": k, "text": t}) for k, t in texts.items()]
    lines.append(json.dumps({"id": "s2", "text": story("grain")}))  # an id read before
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n")

    def decisions(batch_size: int, workers: int, signed: bool) -> list[tuple]:
        run_reading = reading()
        plan = skip_unchanged(plan_pieces([path], batch_size), run_reading, None, prune=False)
        items = []
        for batch in batches_for_workers(plan.new, batch_size, workers):
            read = read_and_clean(batch, **run_reading.parameters)
            if not signed:
                read = read._replace(signatures=None)  # the index signs them, as it used to
            items += run_reading.take(batch, read)
        states = run_reading.recorder.states(plan)
        signatures = [s for state in states for s in state.signatures]
        return [_decision(item) for item in items], signatures

    expected = decisions(64, 1, signed=False)
    kinds = [kind for kind, *_ in expected[0]]
    assert kinds == ["Article"] * 4 + ["exact", "near", "Article", "exact", "exact", "Reject"]
    for batch_size, workers in [(64, 1), (1, 1), (3, 1), (64, 2), (2, 2)]:
        assert decisions(batch_size, workers, signed=True) == expected, (batch_size, workers)


def _decision(item) -> tuple:
    from newsquotes.records import Duplicate

    if isinstance(item, Duplicate):
        return item.kind, item.location.source_id, item.duplicate_of, item.similarity
    if isinstance(item, Article):
        return "Article", item.article_id, item.content_hash
    return "Reject", item.location.source_id, item.reason
