"""Issue 18, round 8: whose quote it is, on sentences written like news copy."""

from tests.quotes.test_round7_sources import fields


def test_a_colon_sentence_the_parse_runs_into_its_quote_is_said_by_its_subject(nlp):
    text = (
        '"There was wrongdoing," said a former official. "But was it criminal?"\n\n'
        'Clinton has since apologized for what happened: "Yes, I should have used two email '
        'addresses, one for personal matters and one for my work. Not doing so was a mistake."'
    )
    assert fields(nlp, text, "speaker", "rule")[-1] == ("Clinton", "quote-marks+intro")


def test_a_gerund_after_aside_from_or_short_of_is_said_by_the_clause_subject(nlp):
    text = (
        "The governor refuses to discuss possible appointees, aside from saying he wants a "
        "diverse delegation. The mayor described the shooting as a tragedy, but stopped short "
        "of calling the officer's actions reckless."
    )
    gerunds = [row for row in fields(nlp, text, "cue", "speaker") if row[0].endswith("ing")]
    assert gerunds == [("saying", "The governor"), ("calling", "The mayor")]


def test_a_quote_after_a_sentence_about_a_person_is_theirs_not_the_last_speakers(nlp):
    text = (
        "Sanders backs a $15 minimum wage. “It is a national disgrace,” he said.\n\n"
        "Clinton touted her record as a sponsor of the bill. “We need to protect workers who "
        "organise.”\n\n"
        "“I will not back down,” Sanders said. The crowd booed. “Not one step.”"
    )
    speakers = [row[0] for row in fields(nlp, text, "speaker")]
    assert speakers == ["he", "Clinton", "Sanders", "Sanders"]


def test_a_quote_after_a_persons_clause_and_a_comma_is_theirs(nlp):
    text = (
        "Hours after the storm, Mayor Ellen Park issued a statement, “Our city has been hit hard, "
        "but we will rebuild every home that was lost.”"
    )
    assert fields(nlp, text, "speaker", "rule") == [("Ellen Park", "quote-marks+intro")]
