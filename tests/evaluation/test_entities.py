import json

import pytest

from newsquotes.cli.main import main
from newsquotes.evaluation.entities import (
    ALL,
    BOUNDARIES,
    Counts,
    Scores,
    conll_spans,
    evaluate,
    load_gold,
    pipeline_spans,
)

TEXT = (
    "Barack Obama met Angela Merkel in Berlin on Friday.\n"
    "The talks at the United Nations went well."
)


def test_a_perfect_prediction_scores_one_and_an_empty_one_zero():
    gold = {(0, 12, "PER"), (40, 46, "LOC")}
    perfect, empty = Scores(), Scores()
    perfect.add(gold, set(gold))
    empty.add(gold, set())
    assert perfect.by_label[ALL].f1 == perfect.by_label["PER"].f1 == 1.0
    assert empty.by_label[ALL].f1 == empty.by_label[BOUNDARIES].recall == 0.0


def test_boundaries_ignore_labels_but_labelled_scores_do_not():
    scores = Scores()
    scores.add({(0, 12, "PER")}, {(0, 12, "ORG")})
    assert scores.by_label[BOUNDARIES].f1 == 1.0
    assert scores.by_label["PER"].recall == 0.0 and scores.by_label["ORG"].precision == 0.0
    assert Counts(tp=1, fp=1, fn=0).f1 == pytest.approx(2 / 3)


def test_model_labels_map_to_conll_and_numbers_are_dropped():
    spans = [(0, 5, "PERSON"), (6, 9, "GPE"), (10, 14, "FAC"), (15, 20, "NORP"), (21, 25, "DATE")]
    assert conll_spans(spans) == {(0, 5, "PER"), (6, 9, "LOC"), (10, 14, "LOC"), (15, 20, "MISC")}


@pytest.fixture
def gold_file(tmp_path, nlp):
    """A gold file whose annotation is the pipeline's own output: it must score 1.0."""
    spans = pipeline_spans(nlp(TEXT), "d1", nlp)
    entities = [{"start": s, "end": e, "label": label} for s, e, label in sorted(spans)]
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"doc_id": "d1", "text": TEXT, "entities": entities}) + "\n")
    return path


def test_the_pipeline_scores_one_against_its_own_output_beside_the_bare_model(gold_file, nlp):
    results = evaluate(list(load_gold(gold_file)), nlp)
    assert set(results) == {"bare model", "newsquotes"}
    assert results["newsquotes"].by_label[ALL].f1 == 1.0


def test_eval_entities_command_prints_both_systems(gold_file, capsys):
    assert main(["eval", "entities", "--gold", str(gold_file)]) == 0
    out = capsys.readouterr().out
    assert "bare model" in out and "newsquotes" in out and "boundaries only" in out


def test_eval_entities_names_a_bad_gold_line(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "x", "text": "t", "entities": []}\n{"text": 1}\n')
    assert main(["eval", "entities", "--gold", str(bad)]) == 1
    assert "bad.jsonl:2" in capsys.readouterr().err
    assert main(["eval", "entities", "--gold", str(tmp_path / "missing.jsonl")]) == 2


@pytest.mark.shared
def test_on_a_conll_sample_the_pipeline_beats_the_bare_model(shared_dir, nlp):
    documents = list(load_gold(shared_dir / "eval/conll2003/conll2003_train.docs.jsonl"))[:15]
    results = evaluate(documents, nlp)
    for label in ("PER", BOUNDARIES):
        assert results["newsquotes"].by_label[label].f1 > results["bare model"].by_label[label].f1
