"""Issue 18, round 4: reported speech that PolNeAR's annotators mark and the rules missed."""

import pytest

from newsquotes.entities.extract import extract_entities
from newsquotes.quotes.extract import extract_quotes


def reported(nlp, text):
    doc = nlp(text)
    quotes = extract_quotes(doc, extract_entities(doc, "a1", nlp), "a1")
    return {q["text"]: q["speaker"] for q in quotes if q["parent_quote_id"] is None}


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        ("Mr. Ailes denied the charges through his lawyer.", "the charges"),
        ("Shortly after my sentence, Eric Holder announced his resignation.", "his resignation"),
        ("In 2012, he barely mentioned climate change.", "climate change"),
    ],
)
def test_a_short_object_of_a_cue_is_what_was_said(nlp, sentence, said):
    assert said in reported(nlp, sentence)


def test_a_cue_whose_sense_with_an_object_is_not_speech_reports_nothing(nlp):
    assert reported(nlp, "The central bank was observing the situation in the markets.") == {}


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        ("Sanders complained about the rigged primaries on Sunday.", "the rigged primaries"),
        ("The senator commented on the verdict on Twitter.", "the verdict"),
    ],
)
def test_when_or_where_a_cue_was_said_is_not_what_was_said(nlp, sentence, said):
    assert said in reported(nlp, sentence)
