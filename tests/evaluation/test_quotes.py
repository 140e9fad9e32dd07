"""The quote scorer's definitions, on small hand-made documents, and the eval command."""

import json
import subprocess
import sys

import pytest

from newsquotes.evaluation.quote_scorer import (
    GoldItem,
    Prediction,
    is_speech_cue,
    normalise,
    score_document,
    subsets_of,
    surname,
)
from newsquotes.evaluation.quotes import offset_map

TEXT = (
    "“We will win,” Jane Roe said. “And soon.”\n\n"
    "The mayor said the budget was a “disaster” for the city.\n\n"
    "Polls show voters are tired."
)


def span(text, part):
    start = TEXT.index(part)
    return start, start + len(part)


DIRECT = GoldItem(
    contents=(span(TEXT, "“We will win,”"), span(TEXT, "“And soon.”")),
    sources=(span(TEXT, "Jane Roe"),),
    cue_text="said",
)
MIXED = GoldItem(
    contents=(span(TEXT, "the budget was a “disaster” for the city"),),
    sources=(span(TEXT, "The mayor"),),
    cue_text="said",
)
BELIEF = GoldItem(
    contents=(span(TEXT, "voters are tired"),), sources=(span(TEXT, "Polls"),), cue_text="show"
)
GOLD = [DIRECT, MIXED, BELIEF]


def predicted(part, kind, speaker=None, name=None):
    start, end = span(TEXT, part)
    s_start, s_end = span(TEXT, speaker) if speaker else (None, None)
    return Prediction(start, end, kind, s_start, s_end, name)


PERFECT = [
    predicted("We will win", "direct", "Jane Roe", "Jane Roe"),
    predicted("And soon.", "direct", "Jane Roe", "Jane Roe"),
    predicted("the budget was a “disaster” for the city", "mixed", "The mayor"),
]


def test_subsets_follow_the_gold_content_and_cue():
    assert subsets_of(TEXT, DIRECT) == {"direct", "quoted", "speech"}
    assert subsets_of(TEXT, MIXED) == {"quoted", "speech"}
    assert subsets_of(TEXT, BELIEF) == set()
    assert subsets_of(TEXT, GoldItem(contents=DIRECT.contents, cue_text="said")) == set()


def test_a_perfect_prediction_scores_one_everywhere():
    scores = score_document(TEXT, GOLD, PERFECT)
    for counts in scores.subsets.values():
        assert (counts.precision, counts.recall, counts.f1) == (1.0, 1.0, 1.0)
        assert (counts.exact_share, counts.speaker_accuracy) == (1.0, 1.0)


def test_an_empty_prediction_scores_zero():
    for counts in score_document(TEXT, GOLD, []).subsets.values():
        assert (counts.precision, counts.recall, counts.f1, counts.exact_share) == (0, 0, 0, 0)
        assert counts.speaker_accuracy == 0


def test_recall_needs_half_the_content_and_precision_half_the_prediction():
    half = [predicted("the budget was a “disaster”", "mixed")]
    quoted = score_document(TEXT, GOLD, half).subsets["quoted"]
    assert (quoted.precise, quoted.found, quoted.exact) == (1, 1, 0)
    fragment = [predicted("disaster", "mixed")]
    assert score_document(TEXT, GOLD, fragment).subsets["quoted"].found == 0
    spilling = [predicted("city.\n\nPolls show voters", "indirect")]
    assert score_document(TEXT, GOLD, spilling).subsets["speech"].precise == 0


def test_hitting_a_belief_is_no_error():
    counts = score_document(TEXT, GOLD, [predicted("voters are tired", "indirect")])
    assert counts.subsets["speech"].precision == 1.0


def test_speaker_by_overlap_or_by_surname():
    elsewhere = [
        predicted("We will win", "direct", "The mayor", "Richard Roe"),
        predicted("And soon.", "direct", "The mayor", None),
    ]
    assert score_document(TEXT, GOLD, elsewhere).subsets["direct"].speaker_right == 1
    wrong = [predicted("We will win", "direct", "The mayor", "Jane Doe")]
    assert score_document(TEXT, GOLD, wrong).subsets["direct"].speaker_right == 0


def test_errors_name_each_miss_boundary_speaker_and_false_positive():
    from newsquotes.evaluation.quote_errors import document_errors

    predictions = [
        predicted("“We will win,” Jane Roe said. “And soon", "direct", "The mayor", "Jane Doe"),
        predicted("the budget was a “disaster”", "mixed", "The mayor"),  # cut short
        predicted("Polls show", "indirect"),  # in no gold content
    ]
    rows = [{"rule": "quote-marks", "cue": "said"}, {"rule": "reported+cue"}, {"rule": "colon"}]
    errors = document_errors("d1", TEXT, GOLD, predictions, rows)
    kinds = [(e["error"], e["subsets"]) for e in errors]
    assert kinds == [
        ("boundary", ["direct", "quoted", "speech"]),
        ("wrong_speaker", ["direct", "quoted", "speech"]),
        ("boundary", ["quoted", "speech"]),
        ("false_positive", ["speech"]),
    ]
    speaker = errors[1]
    assert speaker["gold"]["sources"][0]["text"] == "Jane Roe"
    assert speaker["predicted"][0]["rule"] == "quote-marks"
    assert speaker["predicted"][0]["text"] == "“We will win,” Jane Roe said. “And soon"
    assert errors[3]["gold"] is None and errors[3]["predicted"][0]["text"] == "Polls show"
    missed = document_errors("d1", TEXT, GOLD, [predicted("disaster", "mixed")], [{}])
    assert [e["error"] for e in missed] == ["missed", "missed"]
    assert missed[1]["predicted"][0]["text"] == "disaster" and missed[1]["gold"]["cue"] == "said"


def test_normalise_strips_marks_end_punctuation_and_whitespace():
    assert normalise(["“We will win,”", "“And soon.”"]) == normalise(["We will win", "And soon"])
    assert normalise(["He left.\n\n“Then"]) == normalise(["He left", "Then"])


def test_speech_cues_and_surnames():
    assert all(map(is_speech_cue, ["said", "has told", "according to", "continued:", "adding"]))
    assert not any(map(is_speech_cue, ["shows", "believes", "found"]))
    assert surname("Rep. Jim Clyburn (D-S.C.), the assistant leader") == "Clyburn"
    assert surname("he") is None


def test_offset_map_undoes_whitespace_cleaning():
    original = "A  b\u00a0c\n \nd"
    cleaned = "A b c\n\nd"
    mapping = offset_map(original, cleaned)
    assert [original[mapping[i]] for i, ch in enumerate(cleaned) if not ch.isspace()] == list(
        "Abcd"
    )


def test_eval_command_prints_every_subset_and_dumps_the_errors(tmp_path):
    record = {
        "doc_id": "d1",
        "text": TEXT,
        "quotes": [
            {
                "contents": [{"start": s, "end": e} for s, e in item.contents],
                "sources": [{"start": s, "end": e} for s, e in item.sources],
                "cue": [{"text": item.cue_text}],
            }
            for item in GOLD
        ],
    }
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(record) + "\n")
    dump = tmp_path / "errors.jsonl"
    command = [sys.executable, "-m", "newsquotes.cli", "eval", "quotes", "--gold", str(gold)]
    result = subprocess.run(
        [*command, "--dump", str(dump)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines[2:]] == ["direct", "quoted", "speech"]
    direct = lines[2].split()
    assert direct[1] == "1" and float(direct[5]) == pytest.approx(1.0)
    errors = [json.loads(line) for line in dump.read_text().splitlines()]
    assert all(error["doc_id"] == "d1" for error in errors)
    assert {e["error"] for e in errors} <= {"missed", "boundary", "wrong_speaker", "false_positive"}
    predicted_rows = [p for e in errors for p in e["predicted"]]
    assert all(p["rule"] and p["text"] == TEXT[p["start"] : p["end"]] for p in predicted_rows)


def test_eval_command_names_a_bad_gold_file(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc_id": "x"}\n')
    command = [sys.executable, "-m", "newsquotes.cli", "eval", "quotes", "--gold", str(gold)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "gold.jsonl:1" in result.stderr


@pytest.mark.shared
def test_polnear_sample_scores_well_above_the_published_baseline(shared_dir):
    from pathlib import Path

    from newsquotes.evaluation.quotes import evaluate
    from newsquotes.settings import Settings

    scores = evaluate(Path(shared_dir) / "eval/polnear/dev.jsonl", Settings().model, limit=10)
    direct = scores.subsets["direct"]
    assert direct.gold >= 5 and direct.f1 > 0.8 and direct.speaker_accuracy > 0.8


def test_gold_with_offsets_only_reads_its_texts_from_shared(tmp_path):
    from newsquotes.evaluation.quotes import load_gold

    body = 'Prices will rise, the company said.\n"We are ready," Smith said.'
    shared = tmp_path / "shared"
    (shared / "corpora").mkdir(parents=True)
    (shared / "eval" / "html").mkdir(parents=True)
    (shared / "corpora" / "reuters21578.jsonl").write_text(json.dumps({"newid": 7, "body": body}))
    pages = {"abc": {"articleBody": body}}
    (shared / "eval" / "html" / "ground-truth.json").write_text(json.dumps(pages))
    quote = {
        "contents": [{"start": 0, "end": 16}],
        "sources": [{"start": 18, "end": 29}],
        "cue": [{"start": 30, "end": 34}],
    }
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        "\n".join(
            json.dumps({"doc_id": doc, "text_from": source, "quotes": [quote]})
            for doc, source in (
                ("r7", {"corpus": "reuters21578", "id": 7}),
                ("p", {"corpus": "html", "id": "abc"}),
            )
        )
    )
    documents = load_gold(gold, shared)
    assert [d.text for d in documents] == [body, body]
    assert documents[0].items[0].cue_text == "said"
    with pytest.raises(ValueError, match="no text"):
        gold.write_text(json.dumps({"doc_id": "x", "text_from": {"corpus": "html", "id": "zz"}}))
        load_gold(gold, shared)


def test_spotcheck_gold_keeps_no_article_text():
    from newsquotes.settings import PROJECT_ROOT

    for line in (PROJECT_ROOT / "gold" / "quotes" / "spotcheck.jsonl").read_text().splitlines():
        record = json.loads(line)
        assert "text" not in record and set(record["text_from"]) == {"corpus", "id"}
        for quote in record["quotes"]:
            assert all(set(span) == {"start", "end"} for span in quote["cue"])
