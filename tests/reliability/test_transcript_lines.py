"""Issue 18, round 5: "Name: text" lines that are records, not turns of a transcript."""

from newsquotes.entities.extract import extract_entities
from newsquotes.quotes.extract import extract_quotes

POLICE_LOG = (
    "Police log for the week.\n\nThe following people were arrested by town police.\n\n"
    "John Smith: possession of marijuana, operating a vehicle after suspension.\n\n"
    "Mary Jones: shoplifting, disorderly conduct and resisting arrest.\n\n"
    "Robert Brown: assault and battery with a dangerous weapon.\n\n"
    "Chief Kevin Walsh said the numbers were down this year.\n"
)
DEBATE = (
    "The debate went on.\n\nTRUMP: Wrong.\n\nCLINTON: I have a plan for jobs.\n\n"
    "TRUMP: Wrong. Totally wrong.\n\nCLINTON: We will see.\n"
)


def said(nlp, text):
    doc = nlp(text)
    quotes = extract_quotes(doc, extract_entities(doc, "a1", nlp), "a1")
    return {(q["speaker"], q["text"]) for q in quotes if q["parent_quote_id"] is None}


def test_a_list_of_records_after_names_is_nobodys_speech(nlp):
    """A police log: each "Name: charges" line names someone once, with no finite verb."""
    assert said(nlp, POLICE_LOG) == {("Kevin Walsh", "the numbers were down this year")}


def test_short_turns_without_a_verb_in_a_transcript_are_still_said(nlp):
    """The same speakers take turns again: "TRUMP: Wrong." is his."""
    assert ("TRUMP", "Wrong") in said(nlp, DEBATE)
    assert len(said(nlp, DEBATE)) == 4


def test_a_label_of_nouns_before_a_colon_in_the_title_says_what_follows(nlp):
    """PolNeAR marks "Poll: ..." in a title as the poll's; "The Latest: ..." is nobody's."""
    body = "\n\nA Bloomberg poll shows that wealthy voters have moved.\n"
    title = "Poll: Wealthy Voters Abandon Republican Party for Hillary Clinton."
    assert said(nlp, title + body) == {
        ("Poll", "Wealthy Voters Abandon Republican Party for Hillary Clinton")
    }
    assert said(nlp, "The Latest: Trump’s leaked taxes not from Connecticut." + body) == set()
