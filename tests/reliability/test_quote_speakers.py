"""Issue 18, round 4: whom a quote is attributed to, as PolNeAR's annotators mark it."""

from newsquotes.entities.extract import extract_entities
from newsquotes.quotes.extract import extract_quotes


def outer_quotes(nlp, text):
    doc = nlp(text)
    quotes = extract_quotes(doc, extract_entities(doc, "a1", nlp), "a1")
    return [q for q in quotes if q["parent_quote_id"] is None]


def test_a_cue_in_a_relative_clause_is_said_by_its_pronoun_standing_for_the_antecedent(nlp):
    text = (
        "The plan drew fire in Washington on Tuesday. Her proposals were praised by David "
        "Kamin, who emphasized that they would raise more money from the wealthy."
    )
    (quote,) = outer_quotes(nlp, text)
    assert quote["text"] == "that they would raise more money from the wealthy"
    assert text[quote["speaker_start"] : quote["speaker_end"]] == "who"
    assert (quote["speaker_name"], quote["speaker_type"]) == ("David Kamin", "person")


def test_an_unnamed_antecedent_describes_the_relative_pronoun(nlp):
    text = "Trump refused to pay an architect, who said the bill had been settled in full."
    (quote,) = outer_quotes(nlp, text)
    assert quote["speaker"] == "who"
    assert quote["speaker_description"] == "an architect"


def test_a_pronoun_is_not_resolved_to_a_person_whose_first_name_says_otherwise(nlp):
    """Issue 18, round 5: "She" is not Charlie McDowell, named last, but Mary Steenburgen."""
    text = (
        "Mary Steenburgen arrived late. Charlie McDowell told reporters about the film. "
        "She said the script was unfinished."
    )
    (quote,) = outer_quotes(nlp, text)
    assert (quote["speaker"], quote["speaker_name"]) == ("She", "Mary Steenburgen")
