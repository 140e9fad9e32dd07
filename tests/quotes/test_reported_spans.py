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


def test_say_with_a_pro_form_object_reports_it_and_its_topic(nlp):
    text = (
        "Asked about Clinton, 55 percent of voters approved, and 73 percent said the same of Trump."
    )
    said = [q for q in rows_of(nlp, text) if q["cue"] == "said"]
    assert [(q["text"], q["speaker"]) for q in said] == [("the same of Trump", "73 percent")]
    assert rows_of(nlp, "The pastor said a prayer for the victims before the service.") == []


def test_a_connective_before_or_after_a_reported_clause_is_the_writers(nlp):
    text = (
        "Mr. Smith said the plan would cost $10 billion over a decade. But in recent days, "
        "officials say, the president has grown exasperated with the tenor of the campaign."
    )
    parts = [q["text"] for q in rows_of(nlp, text) if q["cue"] == "say"]
    assert parts[0] == "in recent days"
    text = (
        "But Fowler said the politics surrounding the top of the ticket would be more intense "
        "— and he noted that any change would occur a few weeks later in the season."
    )
    (said,) = [q["text"] for q in rows_of(nlp, text) if q["cue"] == "said"]
    assert said == "the politics surrounding the top of the ticket would be more intense"


def test_the_particle_of_a_framed_cue_is_not_what_was_said(nlp):
    text = "Democrats have called on people to protest peacefully after the shooting."
    (row,) = rows_of(nlp, text)
    assert row["rule"] == "reported+object"
    assert row["text"] == "people to protest peacefully after the shooting"


def test_a_claim_with_its_possessor_reports_its_clause(nlp):
    text = (
        "Trump's claim that there have been “thousands of shootings” in Chicago this year "
        "alone was rated true."
    )
    (row,) = rows_of(nlp, text)
    assert (row["rule"], row["kind"], row["speaker"]) == ("reported+cue", "mixed", "Trump")
    assert row["text"] == (
        "that there have been “thousands of shootings” in Chicago this year alone"
    )
    assert rows_of(nlp, "The claim that the earth is flat is old.") == []


def test_an_infinitive_cue_after_going_on_or_continuing_was_said(nlp):
    text = "The senator went on to say that the bill would fail in the House."
    (row,) = rows_of(nlp, text)
    assert (row["cue"], row["speaker"]) == ("say", "The senator")
    assert row["text"] == "that the bill would fail in the House"
    (row,) = rows_of(nlp, "Trump continued to insist that the election was rigged against him.")
    assert (row["cue"], row["text"]) == ("insist", "that the election was rigged against him")
    assert rows_of(nlp, "The mayor wants to say that the plan is dead.") == []
    assert rows_of(nlp, "He is going to say that the plan is dead.") == []


def test_a_noun_of_saying_reports_its_topic_when_someone_makes_it(nlp):
    (row,) = rows_of(nlp, "Cruz made an unprompted call for an end to sugar subsidies.")
    assert (row["cue"], row["speaker"], row["text"]) == (
        "call",
        "Cruz",
        "an end to sugar subsidies",
    )
    (row,) = rows_of(nlp, "Trump's comments on Muslims drew criticism from both parties.")
    assert (row["cue"], row["speaker"], row["text"]) == ("comments", "Trump", "Muslims")
    assert rows_of(nlp, "His remarks on Saturday drew criticism.") == []
    assert rows_of(nlp, "The agency had no comment on the report.") == []


def test_a_request_to_stay_unnamed_is_not_what_was_said(nlp):
    text = "The source, who asked not to be identified, said the talks had stalled."
    assert [q["text"] for q in rows_of(nlp, text)] == ["the talks had stalled"]
    text = "A trader who asked to remain anonymous said prices would rise."
    assert [q["text"] for q in rows_of(nlp, text)] == ["prices would rise"]


def test_a_who_clause_closing_a_reported_clause_is_the_writers_aside(nlp):
    for text, said in (
        (
            "Kasich said he would stay in the race against Trump, who has a big lead.",
            "he would stay in the race against Trump",
        ),
        (
            "Officials said the man who fired the shots had been arrested.",
            "the man who fired the shots had been arrested",
        ),
    ):
        assert [q["text"] for q in rows_of(nlp, text)] == [said]


def test_what_a_source_declined_to_comment_on_is_what_went_unanswered(nlp):
    text = "An AIPAC spokesman declined to comment on the reaction to the speech."
    (row,) = rows_of(nlp, text)
    assert row["speaker"] == "An AIPAC spokesman"
    assert (row["cue"], row["text"]) == ("comment", "the reaction to the speech")
    (row,) = rows_of(nlp, "The company refused to say how many workers were laid off.")
    assert (row["cue"], row["text"]) == ("say", "how many workers were laid off")
    assert rows_of(nlp, "The mayor declined to comment.") == []
