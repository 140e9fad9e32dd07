"""Where reported speech starts and ends, on sentences from news copy (issue 18, round 3)."""

from tests.quotes.test_extract import rows_of


def test_a_quote_its_clause_runs_on_after_is_a_mixed_quote_of_the_clause(nlp):
    text = (
        "Warren grilled the chief executive on Tuesday. She said “You squeezed employees to "
        "the breaking point” to drive up the stock price and your compensation."
    )
    (row,) = rows_of(nlp, text)
    assert (row["kind"], row["speaker"]) == ("mixed", "She")
    assert row["text"] == (
        "“You squeezed employees to the breaking point” to drive up the stock price and "
        "your compensation"
    )


def test_a_quote_before_words_of_its_cue_is_still_all_that_is_reported(nlp):
    for text, quote in (
        ("She said “we will win,” and the crowd cheered.", "we will win"),
        (
            'Strikers chanted "no contract, no peace" after the union failed to reach a deal.',
            "no contract, no peace",
        ),
    ):
        (row,) = [q for q in rows_of(nlp, text) if q["rule"].startswith("quote-marks")]
        assert (row["kind"], row["text"]) == ("direct", quote)
