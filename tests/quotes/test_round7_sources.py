"""Issue 18, round 7: whose report a quote is, on sentences written like news copy."""

import re

import pytest

from tests.quotes.test_extract import rows_of


def fields(nlp, text, *names):
    """The named fields of each quote row of `text`, in text order."""
    return [tuple(row[name] for name in names) for row in rows_of(nlp, text)]


def test_according_to_closing_a_cues_sentence_reports_all_before_it(nlp):
    text = (
        "“We will not give up on the miners,” Senator Hale said on Monday, according to the "
        "Associated Press. On Tuesday, Hale said the mine would reopen in the spring, according "
        "to a local radio station."
    )
    rows = {row["text"]: (row["rule"], row["speaker"]) for row in rows_of(nlp, text)}
    assert rows == {
        "“We will not give up on the miners,” Senator Hale said on Monday": (
            "according-to",
            "Associated Press",
        ),
        "On Tuesday, Hale said the mine would reopen in the spring": (
            "according-to",
            "a local radio station",
        ),
    }


def test_according_to_inside_what_was_said_leaves_the_cue_its_report(nlp):
    text = "Hale said the mine, according to its owners, would reopen in the spring."
    said = [row for row in rows_of(nlp, text) if row["cue"] == "said"]
    assert [(row["text"], row["speaker"]) for row in said] == [
        ("the mine, according to its owners, would reopen in the spring", "Hale")
    ]


def test_the_words_between_a_quote_and_its_cue_speak_not_the_one_told(nlp):
    text = (
        "“It was a big mistake,” a senior aide, who asked not to be named, told Fox News. "
        "“What if the mayor took elocution lessons?” the 43-year-old asked in the video’s "
        "description."
    )
    assert [row["speaker"] for row in rows_of(nlp, text)] == [
        "a senior aide",
        "the 43-year-old",
    ]


def test_a_quote_a_cue_tags_again_is_reported_again(nlp):
    tweet = "“Did the mayor really help his brother win the contract?”"
    text = (
        f"9:15 a.m.\n\nIn one tweet Friday, Trump said: {tweet}\n\n"
        "He offered no proof.\n\n"
        f"7:25 a.m.\n\nIn one tweet, Trump said: {tweet}\n\nThe mayor did not respond."
    )
    said = [row for row in rows_of(nlp, text) if row["cue"] == "said"]
    assert [row["start"] for row in said] == [m.start() + 1 for m in re.finditer("“Did", text)]


def test_a_that_clause_the_parser_hung_on_a_noun_after_the_cue_is_what_was_said(nlp):
    text = (
        "In Honolulu last week, he told a meeting of island leaders that few people understood "
        "the stakes of climate change better than residents."
    )
    assert fields(nlp, text, "text", "speaker") == [
        (
            "that few people understood the stakes of climate change better than residents",
            "he",
        )
    ]


def test_a_relative_clause_after_the_cue_stays_in_what_was_said(nlp):
    text = "The company said on Monday the plant that it built in 2010 would close."
    said = [row["text"] for row in rows_of(nlp, text)]
    assert said == ["the plant that it built in 2010 would close"]


def test_a_title_with_small_words_or_inner_punctuation_is_no_quote(nlp):
    text = (
        "Weiner acted in the movie “Sharknado 3: Oh Hell No!” last year. He is now host of "
        "“The Nightly Show with Larry Wilmore.” The crowd chanted “Lock her up!” as he spoke."
    )
    assert [row["text"] for row in rows_of(nlp, text)] == ["Lock her up!"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (  # what is asked or argued for, as what is called for
            "At one point, a party activist asked for the allegiances of all the delegates to "
            "be disclosed. The former attorney general publicly argued for a carbon tax.",
            [
                ("the allegiances of all the delegates to be disclosed", "a party activist"),
                ("a carbon tax", "The former attorney general"),
            ],
        ),
        (  # "confess", and "point" with "out"
            "“This is a big political win for me,” I confessed. “Voters reject establishment "
            "Republicans,” he points out. The senator pointed out that the bill had failed.",
            [
                ("This is a big political win for me", "I"),
                ("Voters reject establishment Republicans", "he"),
                ("that the bill had failed", "The senator"),
            ],
        ),
    ],
)
def test_verbs_and_frames_of_saying_added_in_round_7_report_speech(nlp, text, said):
    assert fields(nlp, text, "text", "speaker") == said


CAMPAIGN_TRAIL = (
    "Tuesday in New York City, while on the campaign trail for his wife Democratic "
    "presidential front-runner Hillary Clinton, former president Bill Clinton said"
)


@pytest.mark.parametrize(
    "said",
    [
        " his wife was uniquely qualified to be president at this time.",
        ": “She was the most popular political figure in America.”",
    ],
)
def test_the_noun_right_before_a_cue_the_parse_gives_no_subject_speaks(nlp, said):
    assert fields(nlp, CAMPAIGN_TRAIL + said, "speaker") == [("Bill Clinton",)]
