"""One real person, one key: names resolved across articles, never merged by guess."""

import pytest

from newsquotes.corpus.identity import resolve
from newsquotes.names import catalogue_key, person_name


def corpus(*articles):
    """(article_id, name, label, key, gender) rows: an article per tuple of (name, label) or
    (name, label, what the article says of the person's gender)."""
    return [
        (f"a{i}", name, label, catalogue_key(name, label), *(said or [None]))
        for i, named in enumerate(articles)
        for name, label, *said in named
    ]


def names_of(rows):
    resolved = resolve(rows)
    return {(row[1], row[2]): resolved.of(row[0], row[3]).name for row in rows}


def key_of(rows, name, label="PERSON", article=None):
    resolution = resolve(rows)
    key = catalogue_key(name, label)
    if article is not None:
        return resolution.of(article, key).catalogue_id
    return resolution.by_key[key].catalogue_id


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


def test_a_surname_the_model_reads_as_organisation_where_a_pronoun_points_at_it_is_the_person():
    rows = corpus(
        *[[("Donald Trump", "PERSON")]] * 5,
        *[[("Trump", "ORG", "male")]] * 3,
        [("Trump", "PERSON")],
    )
    assert key_of(rows, "Trump", "ORG") == key_of(rows, "Donald Trump")


def test_a_son_named_beside_his_father_stays_his_own_person():
    rows = corpus(*TRUMP)
    junior = key_of(rows, "Donald Trump Jr.")
    assert junior != key_of(rows, "Donald Trump")
    assert key_of(rows, "Trump Jr.") == junior


def test_a_surname_two_people_share_equally_is_kept_apart_not_guessed():
    rows = corpus(
        [("Hillary Clinton", "PERSON")],
        [("Bill Clinton", "PERSON")],
        [("Clinton", "PERSON")],
    )
    keys = {key_of(rows, n) for n in ("Hillary Clinton", "Bill Clinton")}
    assert key_of(rows, "Clinton", article="a2") not in keys


def test_the_people_an_article_names_in_full_come_first():
    rows = corpus(
        *[[("Rafael Cruz", "PERSON", "male")]] * 3,
        [("Ted Cruz", "PERSON"), ("Heidi Cruz", "PERSON"), ("Cruz", "PERSON", "male")],
    )
    assert key_of(rows, "Cruz", article="a3") == key_of(rows, "Ted Cruz")


@pytest.mark.parametrize(
    ("short", "full"),
    [("Joe Biden", "Joseph R. Biden Jr."), ("Bill Nelson", "William Nelson")],
)
def test_nicknames_and_suffixes_do_not_split_a_person(short, full):
    rows = corpus([(short, "PERSON")], [(full, "PERSON")], [(full, "PERSON")])
    assert key_of(rows, short) == key_of(rows, full)


@pytest.mark.parametrize(
    ("titled", "name"),
    [
        ("Representatives James E. Clyburn", "James Clyburn"),
        ("Senate Majority Leader Mitch McConnell", "Mitch McConnell"),
        ("Former Pennsylvania Gov. Ed Rendell", "Ed Rendell"),
    ],
)
def test_titles_are_not_part_of_the_name(titled, name):
    rows = corpus([(titled, "PERSON")], [(name, "PERSON")])
    assert names_of(rows)[(titled, "PERSON")] == name
    assert person_name(titled).key == name


def test_an_organisation_the_model_once_read_as_a_person_is_an_organisation():
    rows = corpus([("Pfizer", "ORG")], [("Pfizer", "ORG")], [("Pfizer", "PERSON")])
    assert resolve(rows).by_key[catalogue_key("Pfizer", "PERSON")].label == "ORG"


def test_a_party_label_or_half_a_double_barrelled_surname_is_the_person():
    rows = corpus(
        [("Liam Fox", "PERSON")],
        [("Tory Fox", "PERSON")],
        [("Robert Kilroy-Silk", "PERSON")],
        [("Kilroy", "PERSON")],
    )
    assert key_of(rows, "Tory Fox", article="a1") == key_of(rows, "Liam Fox")
    assert key_of(rows, "Kilroy", article="a3") == key_of(rows, "Robert Kilroy-Silk")


def test_a_known_first_name_and_a_surname_read_as_a_person_make_a_person():
    rows = corpus(
        *[[("Bernie Ebbers", "ORG")]] * 4,
        [("Bernie Ebbers", "PERSON")],
        [("Bernie Ebbers", "ORG"), ("Ebbers", "PERSON")],
    )
    ebbers = key_of(rows, "Bernie Ebbers", "ORG")
    assert resolve(rows).by_key[catalogue_key("Bernie Ebbers", "ORG")].label == "PERSON"
    assert key_of(rows, "Ebbers", article="a5") == ebbers
    place = corpus([("Simon Champion", "GPE"), ("Champion", "PERSON")], [("Virginia Beach", "GPE")])
    assert names_of(place)[("Champion", "PERSON")] == "Simon Champion"
    assert resolve(place).by_key[catalogue_key("Virginia Beach", "GPE")].label == "GPE"
    bank = corpus(*[[("Morgan Stanley", "ORG")]] * 3, [("Stanley", "PERSON")])
    assert resolve(bank).by_key[catalogue_key("Morgan Stanley", "ORG")].label == "ORG"


def test_a_party_staged_as_a_person_is_an_organisation():
    rows = corpus([("Lib Dems", "PERSON")], [("Old Labour", "PERSON")], [("Tories", "PERSON")])
    for name in ("Lib Dems", "Old Labour", "Tories"):
        assert resolve(rows).by_key[catalogue_key(name, "PERSON")].label == "ORG"


def test_a_company_named_with_its_legal_form_is_an_organisation_even_outvoted():
    """The model read the Reuters company as a person in more articles than as one."""
    person = [("Marshall Drummond McCall Inc", "PERSON")]
    rows = corpus(person, person, person, [("Marshall Drummond McCall Inc.", "ORG")])
    assert resolve(rows).by_key[catalogue_key(person[0][0], "PERSON")].label == "ORG"


def test_an_organisations_short_forms_are_its_full_name():
    rows = corpus(
        [("Labour", "ORG")],
        [("Labour Party", "ORG")],
        [("EU", "ORG")],
        [("European Union", "ORG")],
        [("European Union", "ORG")],
        [("Edinburgh University", "ORG")],
        [("UKIP", "ORG")],
        [("UK Independence Party", "ORG")],
        [("AA", "ORG")],
        [("Automobile Association", "ORG")],
        [("Alcoholics Anonymous", "ORG")],
    )
    names = names_of(rows)
    assert names[("Labour", "ORG")] == names[("Labour Party", "ORG")] == "Labour Party"
    assert names[("EU", "ORG")] == "European Union"
    assert key_of(rows, "EU", "ORG") == key_of(rows, "European Union", "ORG")
    assert names[("UKIP", "ORG")] == "UK Independence Party"
    assert names[("AA", "ORG")] == "AA"  # two organisations, as often, have those initials


@pytest.mark.parametrize("fragment", ["Trump Suggested", "Billionaire Trump", "Donald Trump-led"])
def test_a_headline_fragment_read_as_a_full_name_is_the_person(fragment):
    rows = corpus(*[[("Donald Trump", "PERSON")]] * 3, [(fragment, "PERSON")])
    assert key_of(rows, fragment, article="a3") == key_of(rows, "Donald Trump")


def test_the_last_word_of_a_surname_with_a_particle_is_the_person():
    rows = corpus([("Bill de Blasio", "PERSON")], [("Blasio", "PERSON")])
    assert key_of(rows, "Blasio", article="a1") == key_of(rows, "Bill de Blasio")


def test_a_spelling_with_its_capitals_wins_a_tie():
    rows = corpus([("LeBron James", "PERSON")], [("Lebron James", "PERSON")])
    assert set(names_of(rows).values()) == {"LeBron James"}


def test_a_word_no_full_name_ends_in_is_not_made_a_person_by_the_models_readings():
    rows = corpus([("Yukos", "PERSON")], [("Yukos", "PERSON")], [("Yukos", "ORG")])
    assert resolve(rows).by_key[catalogue_key("Yukos", "PERSON")].label == "ORG"


def test_a_known_first_name_makes_a_person_of_a_name_the_model_reads_as_organisation():
    rows = corpus(*[[("Vince Cable", "ORG")]] * 4, [("Vince Cable", "PERSON")])
    rows += corpus(*[[("Morgan Stanley Bank", "ORG")]] * 2, [("Morgan Stanley Bank", "PERSON")])
    labels = {row[1]: resolve(rows).by_key[row[3]].label for row in rows}
    assert labels == {"Vince Cable": "PERSON", "Morgan Stanley Bank": "ORG"}


OBAMAS = [[("Barack Obama", "PERSON")]] * 6 + [[("Michelle Obama", "PERSON", "female")]]


def test_a_surname_is_the_person_who_dominates_the_corpus_unless_the_article_says_otherwise():
    rows = corpus(*OBAMAS, [("Obama", "PERSON")], [("Obama", "PERSON", "female")])
    barack, michelle = key_of(rows, "Barack Obama"), key_of(rows, "Michelle Obama")
    assert key_of(rows, "Obama", article="a7") == barack
    assert key_of(rows, "Obama", article="a8") == michelle


def test_an_articles_pronouns_pick_the_one_person_of_that_gender():
    rows = corpus(
        [("Hillary Clinton", "PERSON", "female")],
        [("Hillary Clinton", "PERSON")],
        [("Bill Clinton", "PERSON", "male")],
        [("Bill Clinton", "PERSON")],
        [("Clinton", "PERSON", "female")],
        [("Clinton", "PERSON", "male")],
        [("Clinton", "PERSON")],
    )
    hillary, bill = key_of(rows, "Hillary Clinton"), key_of(rows, "Bill Clinton")
    assert key_of(rows, "Clinton", article="a4") == hillary
    assert key_of(rows, "Clinton", article="a5") == bill
    assert key_of(rows, "Clinton", article="a6") not in {hillary, bill}  # not guessed


def test_a_clipped_or_first_word_short_form_is_the_full_name_its_articles_write():
    """ "Fed" is the Federal Reserve ("Federal Reserve Board" counts for it), "Ford" the Ford
    Motor Co; "BBC" is not "BBC News" (no company's name in full), nor "Gateshead" the
    "Gateshead's Sage Centre" (a possessive is no clipping)."""
    rows = corpus(
        [("Federal Reserve", "ORG"), ("Fed", "ORG")],
        [("Federal Reserve Board", "ORG"), ("Fed", "ORG")],
        [("Fed", "ORG")],
        [("Ford Motor Co", "ORG"), ("Ford", "ORG")],
        [("BBC News", "ORG"), ("BBC", "ORG")],
        [("Gateshead's Sage Centre", "ORG"), ("Gateshead", "ORG")],
    )
    assert key_of(rows, "Fed", "ORG") == key_of(rows, "Federal Reserve", "ORG")
    assert names_of(rows)[("Fed", "ORG")] == "Federal Reserve"
    assert key_of(rows, "Ford", "ORG") == key_of(rows, "Ford Motor Co", "ORG")
    assert key_of(rows, "BBC", "ORG") != key_of(rows, "BBC News", "ORG")
    assert key_of(rows, "Gateshead", "ORG") != key_of(rows, "Gateshead's Sage Centre", "ORG")


def test_a_person_an_article_describes_as_a_group_is_an_organisation():
    """ "Glasgow group Franz Ferdinand": a band, whatever its sure first name; "Bill Ford",
    given the description of the car company of his name, stays a person."""
    rows = [
        ("a0", "Franz Ferdinand", "PERSON", catalogue_key("Franz Ferdinand", "PERSON"), None, None),
        ("a1", "Franz Ferdinand", "PERSON", catalogue_key("Franz Ferdinand", "PERSON"), None, None),
        (
            "a2",
            "Franz Ferdinand",
            "PERSON",
            catalogue_key("Franz Ferdinand", "PERSON"),
            None,
            "Glasgow group",
        ),
        (
            "a3",
            "Bill Ford",
            "PERSON",
            catalogue_key("Bill Ford", "PERSON"),
            None,
            "the US car company",
        ),
    ]
    resolved = resolve(rows)
    assert {resolved.of(row[0], row[3]).label for row in rows[:3]} == {"ORG"}
    assert resolved.of("a3", rows[3][3]).label == "PERSON"


def test_a_name_two_articles_read_as_a_work_and_none_gives_a_pronoun_is_the_work():
    """ "the Harry Potter films" in two articles: Harry Potter is the work everywhere; "the
    Gordon Brown camp" in two articles does not make a man the articles call "he" a work."""
    rows = corpus(
        *[[("Harry Potter", "WORK_OF_ART")]] * 2,
        [("Harry Potter", "PERSON")],
        *[[("Gordon Brown", "WORK_OF_ART")]] * 2,
        [("Gordon Brown", "PERSON", "male")],
    )
    names = resolve(rows)
    assert {names.of(row[0], row[3]).label for row in rows[:3]} == {"WORK_OF_ART"}
    assert {names.of(row[0], row[3]).label for row in rows[3:]} == {"PERSON"}
    assert len({names.of(row[0], row[3]).catalogue_id for row in rows[3:]}) == 1


def test_the_full_names_a_lone_word_ends_vote_once_an_article():
    """Three Fords named in one profile are one article's vote for a person "Ford", not
    three: the car maker of two other articles stays an organisation."""
    rows = corpus(
        [("John Ford", "PERSON"), ("Mike Ford", "PERSON"), ("Dale Ford", "PERSON")],
        [("Ford", "ORG")],
        [("Ford", "ORG")],
    )
    assert resolve(rows).by_key[catalogue_key("Ford", "ORG")].label == "ORG"
