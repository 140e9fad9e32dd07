"""How an article describes a person: a title before the name or an appositive after it."""

import pytest

from newsquotes.entities.extract import extract_entities


def titles_of(nlp, text):
    return {e.name: e.description for e in extract_entities(nlp(text), "article", nlp)}


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            "Home Secretary David Blunkett set out the plans. Mr Blunkett said they were fair.",
            "David Blunkett",
            "Home Secretary",
        ),
        ("Sen. Bernie Sanders spoke in Iowa on Monday.", "Bernie Sanders", "Sen."),
        (
            "The talks were led by US Secretary of State John Kerry in Geneva.",
            "John Kerry",
            "US Secretary of State",
        ),
        (
            "Former Labour leader Lord Kinnock spoke at the rally.",
            "Lord Kinnock",
            "Former Labour leader",
        ),
        (
            "The Lord Chancellor Lord Falconer defended the bill.",
            "Lord Falconer",
            "Lord Chancellor",
        ),
        (
            "The BBC's political editor Andrew Marr said the vote was close.",
            "Andrew Marr",
            "BBC's political editor",
        ),
        (  # a member's letters written before the name are a title, not part of the name
            "Green MEP Caroline Lucas welcomed the decision.",
            "Caroline Lucas",
            "Green MEP",
        ),
    ],
)
def test_the_title_written_before_a_name_is_the_persons_title(nlp, text, name, title):
    assert titles_of(nlp, text)[name] == title


def test_a_party_a_day_or_a_courtesy_title_is_no_title(nlp):
    titles = titles_of(
        nlp,
        "On Monday Tony Blair met Labour's Alan Milburn in London. Mr Milburn said little.",
    )
    assert titles["Tony Blair"] is None
    assert titles["Alan Milburn"] is None
    assert titles["London"] is None  # only people have titles


def test_a_royal_style_alone_is_no_title(nlp):
    titles = titles_of(nlp, "The palace said Prince Andrew would step back from his duties.")
    assert titles["Prince Andrew"] is None


def test_a_noun_run_into_a_name_without_a_comma_is_no_title(nlp):
    titles = titles_of(
        nlp,
        "Leaving a Brussels summit Tony Blair said the fact Turkey is a Muslim country was "
        "no reason to bar it. By failing to uprate the stamp duty threshold Gordon Brown has "
        "hit first time buyers.",
    )
    assert titles["Tony Blair"] is None
    assert titles["Gordon Brown"] is None


def test_the_sentences_own_nouns_before_a_title_are_not_part_of_it(nlp):
    titles = titles_of(
        nlp,
        "Tax cuts were the centerpiece of President Barack Obama's plan. Voters liked the way "
        "Sen. Bernie Sanders spoke.",
    )
    assert titles["Barack Obama"] == "President"
    assert titles["Bernie Sanders"] == "Sen."


def test_an_appositive_after_a_name_describes_the_person(nlp):
    titles = titles_of(
        nlp,
        "Tom Clarke, a nursing home owner, bought the mine in April. Mr. Clarke, 61, had never "
        "been in a coal mine. The deal was criticised by Leonard Burman, the director of the "
        "Tax Policy Center. Leon Sigal, director of the Northeast Asia Cooperative Security "
        "Project, disagreed. Evans Revere, a former State Department official and long a key "
        "player in the talks, agreed.",
    )
    assert titles["Leon Sigal"] == "director of the Northeast Asia Cooperative Security Project"
    assert titles["Evans Revere"] == "a former State Department official"
    assert titles["Tom Clarke"] == "a nursing home owner"
    assert titles["Leonard Burman"] == "the director of the Tax Policy Center"


def test_a_clause_or_a_list_after_a_name_is_no_appositive(nlp):
    titles = titles_of(
        nlp,
        "The list named Tony Blair, Gordon Brown and John Prescott. Don Fowler, who led the "
        "party, said it was wrong.",
    )
    assert titles["Tony Blair"] is None
    assert titles["Don Fowler"] is None
