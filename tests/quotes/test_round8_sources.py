"""Issue 18, round 8: whose quote it is, on sentences written like news copy."""

from tests.quotes.test_round7_sources import fields


def test_a_colon_sentence_the_parse_runs_into_its_quote_is_said_by_its_subject(nlp):
    text = (
        '"There was wrongdoing," said a former official. "But was it criminal?"\n\n'
        'Clinton has since apologized for what happened: "Yes, I should have used two email '
        'addresses, one for personal matters and one for my work. Not doing so was a mistake."'
    )
    assert fields(nlp, text, "speaker", "rule")[-1] == ("Clinton", "quote-marks+intro")
