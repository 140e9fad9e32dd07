"""One real person, one key: names resolved across articles, never merged by guess."""

import pytest

from newsquotes.corpus.identity import resolve
from newsquotes.names import catalogue_key, person_name


def corpus(*articles):
    """(article_id, name, label, key) rows: one article per tuple of (name, label)."""
    return [
        (f"a{i}", name, label, catalogue_key(name, label))
        for i, named in enumerate(articles)
        for name, label in named
    ]


def names_of(rows):
    resolved = resolve(rows)
    return {(name, label): resolved[key].name for _, name, label, key in rows}


def key_of(rows, name, label="PERSON"):
    return resolve(rows)[catalogue_key(name, label)].catalogue_id


TRUMP = [[("Donald Trump", "PERSON")]] * 10 + [
    [("Donald J. Trump", "PERSON")],
    [("Trump", "PERSON")],
    [("Trump", "ORG")],
    [("Trump", "ORG")],
    [("Donald Trump Jr.", "PERSON"), ("Donald Trump", "PERSON")],
    [("Trump Jr.", "PERSON")],
]


def test_a_surname_a_middle_initial_and_an_organisation_reading_are_the_one_full_name():
    rows = corpus(*TRUMP)
    trump = key_of(rows, "Donald Trump")
    for form, label in [("Donald J. Trump", "PERSON"), ("Trump", "PERSON"), ("Trump", "ORG")]:
        assert key_of(rows, form, label) == trump, form
    assert names_of(rows)[("Trump", "ORG")] == "Donald Trump"


def test_a_son_named_beside_his_father_stays_his_own_person():
    rows = corpus(*TRUMP)
    junior = key_of(rows, "Donald Trump Jr.")
    assert junior != key_of(rows, "Donald Trump")
    assert key_of(rows, "Trump Jr.") == junior


def test_a_surname_two_people_share_is_kept_apart_not_guessed():
    rows = corpus(
        [("Hillary Clinton", "PERSON")],
        [("Hillary Clinton", "PERSON")],
        [("Bill Clinton", "PERSON")],
        [("Clinton", "PERSON")],
    )
    keys = {key_of(rows, n) for n in ("Hillary Clinton", "Bill Clinton", "Clinton")}
    assert len(keys) == 3


@pytest.mark.parametrize(
    ("short", "full"),
    [("Joe Biden", "Joseph R. Biden Jr."), ("Bill Nelson", "William Nelson")],
)
def test_nicknames_and_suffixes_do_not_split_a_person(short, full):
    rows = corpus([(short, "PERSON")], [(full, "PERSON")], [(full, "PERSON")])
    assert key_of(rows, short) == key_of(rows, full)


def test_titles_are_not_part_of_the_name():
    rows = corpus([("Director James Comey", "PERSON")], [("James Comey", "PERSON")])
    assert names_of(rows)[("Director James Comey", "PERSON")] == "James Comey"
    assert person_name("Representatives James E. Clyburn").key == "James Clyburn"


def test_an_organisation_the_model_once_read_as_a_person_is_an_organisation():
    rows = corpus([("Pfizer", "ORG")], [("Pfizer", "ORG")], [("Pfizer", "PERSON")])
    assert resolve(rows)[catalogue_key("Pfizer", "PERSON")].label == "ORG"


def test_a_spelling_with_its_capitals_wins_a_tie():
    rows = corpus([("LeBron James", "PERSON")], [("Lebron James", "PERSON")])
    assert set(names_of(rows).values()) == {"LeBron James"}


def test_a_word_no_full_name_ends_in_is_not_made_a_person_by_the_models_readings():
    rows = corpus([("Yukos", "PERSON")], [("Yukos", "PERSON")], [("Yukos", "ORG")])
    assert resolve(rows)[catalogue_key("Yukos", "PERSON")].label == "ORG"
    rows = corpus([("Sigal", "PERSON")])
    assert resolve(rows)[catalogue_key("Sigal", "PERSON")].label == "PERSON"
