"""Clubs named for places or people are organisations where the article writes them as teams."""

import pytest

from newsquotes.entities.extract import extract_entities


def labels(nlp, text):
    return {e.name: e.label for e in extract_entities(nlp(text), "article", nlp)}


@pytest.mark.parametrize(
    ("text", "team"),
    [
        (
            "Newcastle manager Graeme Souness was angry after the game. Fans left Newcastle "
            "early on Saturday.",
            "Newcastle",
        ),
        (
            "Kevin Davies scored twice in Bolton's 2-1 win. Bolton striker Davies was booked.",
            "Bolton",
        ),
        ("Bolton boss Sam Allardyce is wary. Saturday: Bolton v Derby at the Reebok.", "Derby"),
        ("The winger, 22, signed for Norwich in the summer from a Scottish club.", "Norwich"),
    ],
)
def test_a_name_written_as_a_team_is_an_organisation(nlp, text, team):
    assert labels(nlp, text)[team] == "ORG"


def test_the_names_listed_with_a_team_are_teams_too(nlp):
    text = (
        "Kent, Sussex and Surrey all closed in on victory on Friday. Surrey captain Adam "
        "Hollioake praised his bowlers."
    )
    found = labels(nlp, text)
    assert (found["Sussex"], found["Surrey"]) == ("ORG", "ORG")


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("The ruling in Roe v Wade was cited by Wade's lawyers.", "Wade", "PERSON"),
        ("England coach Andy Robinson named his side for Saturday.", "England", "GPE"),
        ("London mayor Ken Livingstone said the bid would succeed.", "London", "GPE"),
        (
            "Holmes won gold in Athens. Holmes's coach Margo Jennings was delighted.",
            "Holmes",
            "PERSON",
        ),
    ],
)
def test_people_countries_and_cities_outside_sport_keep_their_label(nlp, text, name, label):
    assert labels(nlp, text)[name] == label
