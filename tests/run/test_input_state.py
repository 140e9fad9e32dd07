"""Input state: piece fingerprints, what a re-run may skip, and the saved state itself."""

import json

import pyarrow as pa
import pyarrow.parquet as pq

from newsquotes import ingest
from newsquotes.clean.duplicates import DuplicateIndex
from newsquotes.ingest.fields import FieldMap
from newsquotes.ingest.plan import Piece
from newsquotes.records import InputLocation, Reject
from newsquotes.run import input_state
from newsquotes.run.input_state import PieceState, Recorder
from tests.clean.test_duplicates import OTHER, STORY, article

KEY = input_state.reading_key(10**6, FieldMap(), {"en"})


def piece(name: str, digest: str | None = None) -> Piece:
    return Piece(f"in/{name}", "in", digest=digest or f"digest of {name}")


def state(name: str, articles=(), duplicate_of=()) -> PieceState:
    fp = input_state.fingerprint(f"digest of {name}", KEY)
    rows = [{"duplicate_of": kept} for kept in duplicate_of]
    inputs = len(articles) + len(rows)
    return PieceState(fp, f"in/{name}", inputs, list(articles), duplicates=rows)


def known(*states: PieceState) -> dict[str, PieceState]:
    return {s.fingerprint: s for s in states}


def test_appending_records_keeps_the_digests_of_the_earlier_pieces(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": i, "text": f"t{i}"}) + "\n" for i in range(5)))
    before = list(ingest.plan_pieces([feed], 2))
    feed.write_text(feed.read_text() + json.dumps({"id": 9, "text": "new"}) + "\n")
    after = list(ingest.plan_pieces([feed], 2))
    assert [p.digest for p in after[:2]] == [p.digest for p in before[:2]]
    assert after[2].digest != before[2].digest and after[2].records == 2


def test_a_csv_header_change_changes_every_piece(tmp_path):
    table = tmp_path / "feed.csv"
    table.write_text("id,text\n1,a\n2,b\n3,c\n")
    before = [p.digest for p in ingest.plan_pieces([table], 2)]
    table.write_text("id,body\n1,a\n2,b\n3,c\n")
    after = [p.digest for p in ingest.plan_pieces([table], 2)]
    assert len(before) == 2 and not set(before) & set(after)


def test_a_finer_split_reads_the_same_records_and_keeps_the_digest(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": i, "text": f"t{i}"}) + "\n\n" for i in range(5)))
    (big,) = ingest.plan_pieces([feed], 8)
    small = ingest.split_piece(big, 2)
    assert [p.records for p in small] == [2, 2, 1] and {p.digest for p in small} == {big.digest}
    finer = [i.location for c in ingest.batch_pieces(small, 2) for i in ingest.read_batch(c, 10**6)]
    whole = [i.location for i in ingest.read_batch(ingest.Batch((big,)), 10**6)]
    assert finer == whole


def test_known_pieces_are_carried_and_the_others_read():
    plan = input_state.split(
        [piece("a"), piece("b"), piece("c", "edited")],
        KEY,
        known(state("a", ["x"]), state("c", ["z"])),
        prune=False,
    )
    assert [s.path for s in plan.carried] == ["in/a"]
    assert [p.path for p in plan.new] == ["in/b", "in/c"]
    assert plan.unchanged_ids == {"x"}


def test_other_reading_settings_make_every_piece_new():
    other = input_state.reading_key(10**6, FieldMap(), {"en", "de"})
    plan = input_state.split([piece("a")], other, known(state("a", ["x"])), prune=False)
    assert plan.carried == [] and len(plan.new) == 1


def test_duplicates_of_an_article_that_is_read_again_are_read_again():
    # b repeats a's article, c repeats b's: a changed, so b and c are read again too.
    states = known(state("a", ["x"]), state("b", ["y"], ["x"]), state("c", [], ["y"]))
    plan = input_state.split([piece("a", "edited"), piece("b"), piece("c")], KEY, states, False)
    assert plan.carried == [] and len(plan.new) == 3
    plan = input_state.split([piece("a"), piece("b"), piece("c")], KEY, states, False)
    assert len(plan.carried) == 3


def test_state_of_inputs_no_longer_given_is_kept_unless_pruned():
    states = known(state("a", ["x"]), state("gone", ["g"]), state("c", [], ["g"]))
    kept = input_state.split([piece("a"), piece("c")], KEY, states, prune=False)
    assert [s.path for s in kept.gone] == ["in/gone"]
    assert [s.path for s in kept.carried] == ["in/a", "in/c"]
    pruned = input_state.split([piece("a"), piece("c")], KEY, states, prune=True)
    assert pruned.gone == [] and [p.path for p in pruned.new] == ["in/c"]


def test_a_full_refresh_reads_every_given_piece_and_keeps_the_state_of_the_gone_ones():
    states = known(state("a", ["x"]), state("gone", ["g"]))
    plan = input_state.split([piece("a")], KEY, states, prune=False, refresh=True)
    assert plan.carried == [] and [p.path for p in plan.new] == ["in/a"]
    assert [s.path for s in plan.gone] == ["in/gone"]


def test_ids_read_only_as_duplicates_or_rejects_are_not_kept_and_a_repeat_of_an_article_is():
    piece_a = PieceState("fp1", "in/a", seen_ids=["x", "c"], article_ids=["x"])
    piece_b = PieceState("fp2", "in/a", seen_ids=["x"], rejected_ids=["x", "r"])  # x repeated
    assert input_state.read_but_not_kept([piece_a, piece_b]) == {"c", "r"}


def test_a_file_given_twice_is_read_the_second_time():
    plan = input_state.split([piece("a"), piece("a")], KEY, known(state("a", ["x"])), False)
    assert len(plan.carried) == 1 and len(plan.new) == 1


def recorded(items_by_piece: dict[str, list], index: DuplicateIndex) -> list[PieceState]:
    recorder = Recorder(KEY, index)
    pieces = [piece(name) for name in items_by_piece]
    items = index.mark([item for items in items_by_piece.values() for item in items])
    recorder.add(pieces, [len(items) for items in items_by_piece.values()], items)
    return recorder.states(input_state.Plan(carried=[], new=pieces, gone=[]))


def test_a_near_copy_of_a_skipped_article_is_still_a_near_duplicate(tmp_path):
    states = recorded({"a": [article("s", STORY), article("o", OTHER)]}, DuplicateIndex())
    input_state.save(tmp_path, states)
    (loaded,) = input_state.load(tmp_path).values()
    assert loaded == states[0] and loaded.signatures[0] is not None

    index = DuplicateIndex()
    input_state.seed(index, [loaded])
    edited = STORY.replace("risen sharply", "gone up steeply")
    (near,) = index.mark([article("n", edited)])
    assert (near.kind, near.duplicate_of) == ("near", article("s", STORY).article_id)


def test_a_piece_read_twice_is_not_saved():
    index = DuplicateIndex()
    recorder = Recorder(KEY, index)
    rejects = [Reject(InputLocation("in/bad", "bad"), "ingest", "empty file")]
    recorder.add([piece("bad"), piece("bad"), piece("ok")], [1, 1, 1], rejects * 3)
    states = recorder.states(input_state.Plan(carried=[], new=[], gone=[]))
    assert [(s.path, s.inputs) for s in states] == [("in/ok", 1)]


def test_an_article_repeating_an_id_is_saved_as_the_reject_it_became():
    states = recorded(
        {"a": [article("s", STORY)], "b": [article("s", OTHER)], "c": [article("o", OTHER)]},
        DuplicateIndex(),
    )
    assert [s.path for s in states] == ["in/a", "in/b", "in/c"]
    assert states[1].article_ids == []
    assert states[1].rejects[0]["reason"] == "repeats id 's' of the record at s.txt"


def test_a_missing_unreadable_or_other_format_state_reads_as_none(tmp_path):
    assert input_state.load(None) == {} and input_state.load(tmp_path) == {}
    path = tmp_path / input_state.STATE_FILE
    path.parent.mkdir()
    path.write_bytes(b"not parquet")
    assert input_state.load(tmp_path) == {}
    pq.write_table(pa.table({"fingerprint": ["f"]}), path)
    assert input_state.load(tmp_path) == {}
