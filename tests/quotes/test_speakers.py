"""A quote's speaker is typed (only named people are people) and clearly described."""

import pytest

from newsquotes.entities.extract import extract_entities
from newsquotes.quotes.extract import extract_quotes


def speaker_types(nlp, text):
    doc = nlp(text)
    quotes = extract_quotes(doc, extract_entities(doc, "a1", nlp), "a1")
    return {q["speaker"]: q["speaker_type"] for q in quotes if q["parent_quote_id"] is None}


@pytest.mark.parametrize(
    ("sentence", "speaker", "kind"),
    [
        (
            "The Justice Department said it had opened an inquiry.",
            "Justice Department",
            "organisation",
        ),
        ("The company said it would cut 300 jobs in Ohio.", "The company", "organisation"),
        ("Officials said the talks would resume next week.", "Officials", "group"),
        ("A spokeswoman said the minister was unavailable.", "A spokeswoman", "unnamed_person"),
        ("The report said prices had doubled since 2010.", "The report", "document"),
        ("Democrats said the bill would fail in the Senate.", "Democrats", "group"),
        ('"We will win," Hillary Clinton said in Iowa.', "Hillary Clinton", "person"),
    ],
)
def test_a_speaker_is_typed_by_its_entity_or_its_head_noun(nlp, sentence, speaker, kind):
    assert speaker_types(nlp, sentence)[speaker] == kind


def test_a_named_organisation_is_named_and_keyed_but_not_a_person(nlp):
    doc = nlp('"Sales will rise," Goldman Sachs said in a note to clients.')
    (quote,) = extract_quotes(doc, extract_entities(doc, "a1", nlp), "a1")
    assert (quote["speaker_name"], quote["speaker_type"]) == ("Goldman Sachs", "organisation")
    assert quote["speaker_id"] is not None


def test_an_unresolved_pronoun_is_a_pronoun(nlp):
    assert speaker_types(nlp, "He said the plan had failed.")["He"] == "pronoun"


def descriptions(nlp, text):
    doc = nlp(text)
    quotes = extract_quotes(doc, extract_entities(doc, "a1", nlp), "a1")
    return {q["speaker_name"]: q["speaker_description"] for q in quotes}


@pytest.mark.parametrize(
    ("sentence", "name", "description"),
    [
        (
            "Leonard Burman, an economist who studies taxes, said the plan would fail.",
            "Leonard Burman",
            "an economist",
        ),
        ('"It will not work," said Mr. David Kamin in New York.', "David Kamin", None),
        (
            "The Lord Chancellor Lord Falconer said the bill would pass.",
            "Lord Falconer",
            "The Lord Chancellor",
        ),
        ('"It will pass," said Lord Falconer.', "Lord Falconer", None),
        ("Prince Andrew said the trip would go ahead.", "Prince Andrew", None),
        (
            "Saudi Crown Prince Mohammed bin Salman said the talks would go on.",
            "Mohammed bin Salman",
            "Saudi Crown Prince",
        ),
        (
            "Prime Minister Tony Blair on Wednesday said the vote would be close.",
            "Tony Blair",
            "Prime Minister",
        ),
        (
            "Patrick McGinley, a law professor at West Virginia University who has been "
            "watching the case, said the mines would close.",
            "Patrick McGinley",
            "a law professor at West Virginia University",
        ),
    ],
)
def test_a_description_is_a_clean_noun_phrase(nlp, sentence, name, description):
    assert descriptions(nlp, sentence)[name] == description


def test_transcript_turns_in_capitals_are_the_named_peoples(nlp):
    text = (
        "Chris Wallace interviewed Mike Pence on Sunday.\n\n"
        '"WALLACE: Will Gennifer Flowers be there?\n\n'
        '"PENCE: Well, look, this is serious business.'
    )
    doc = nlp(text)
    quotes = extract_quotes(doc, extract_entities(doc, "a1", nlp), "a1")
    turns = {q["text"]: q["speaker_name"] for q in quotes if q["rule"] == "colon"}
    assert turns == {
        "Will Gennifer Flowers be there?": "Chris Wallace",
        "Well, look, this is serious business": "Mike Pence",
    }


def test_a_dateline_is_not_the_speaker(nlp):
    text = (
        "WASHINGTON -- President Obama, dedicating the National Museum on Saturday, said it "
        "would tell an American story."
    )
    doc = nlp(text)
    (quote,) = extract_quotes(doc, extract_entities(doc, "a1", nlp), "a1")
    assert quote["speaker"] == "Obama"


def test_a_name_in_the_tag_of_a_quote_speaks_when_the_parse_gives_its_cue_no_subject(nlp):
    text = (
        "The U.S. Department of Justice is investigating the shooting.\n\n"
        "“I will just make this promise to you: We will achieve justice in this case,” Tulsa "
        "police Chief Chuck Jordan said Monday. “I want to assure our community.”"
    )
    doc = nlp(text)
    quotes = extract_quotes(doc, extract_entities(doc, "a1", nlp), "a1")
    assert [q["speaker_name"] for q in quotes] == ["Chuck Jordan", "Chuck Jordan"]
