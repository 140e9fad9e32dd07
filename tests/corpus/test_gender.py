"""Gender from evidence first: the articles' honorifics and pronouns, then a first name
that gender-guesser knows for sure, else unknown."""

from collections import Counter

from newsquotes.corpus.gender import gender_of


def test_the_articles_evidence_comes_before_the_first_name():
    found = gender_of(Counter({"female": 3}), Counter({"Leon Sigal": 3}))
    assert (found.gender, found.evidence) == ("female", "articles: 3 female, 0 male")


def test_articles_that_disagree_leave_it_unknown():
    assert gender_of(Counter({"female": 2, "male": 2}), Counter({"Kim Lee": 4})).gender == "unknown"


def test_a_first_name_decides_only_when_the_articles_say_nothing():
    found = gender_of(Counter(), Counter({"Hillary Clinton": 2, "Clinton": 5}))
    assert (found.gender, found.evidence) == (
        "female",
        "first name 'Hillary' (gender-guesser: female)",
    )


def test_an_ambiguous_first_name_or_a_lone_surname_is_unknown():
    assert gender_of(Counter(), Counter({"Pat Caddell": 1})).gender == "unknown"  # andy
    assert gender_of(Counter(), Counter({"Clinton": 3})).gender == "unknown"


def test_a_mostly_one_gender_first_name_counts_when_the_articles_say_nothing():
    found = gender_of(Counter(), Counter({"Chris Evans": 1}))
    assert (found.gender, found.evidence) == (
        "male",
        "first name 'Chris' (gender-guesser: mostly_male)",
    )


def test_thin_or_split_evidence_does_not_outweigh_a_sure_first_name():
    assert gender_of(Counter({"female": 1}), Counter({"Mitch McConnell": 4})).gender == "male"
    assert gender_of(Counter({"female": 4, "male": 2}), Counter({"David Axelrod": 6})).gender == (
        "male"
    )
    assert gender_of(Counter({"female": 4}), Counter({"Kim Jones": 4})).gender == "female"
    assert gender_of(Counter({"female": 3}), Counter({"Mitch McConnell": 4})).gender == "female"


def test_a_sure_first_name_decides_when_the_articles_are_split():
    found = gender_of(Counter({"male": 3, "female": 2}), Counter({"John Smith": 5}))
    assert found.gender == "male" and found.evidence.startswith("first name 'John'")
    assert gender_of(
        Counter({"male": 1, "female": 1}), Counter({"Jennifer Palmieri": 2})
    ).gender == ("female")
    assert gender_of(Counter({"male": 3, "female": 2}), Counter({"Kim Lee": 5})).gender == "unknown"
    assert gender_of(Counter({"male": 2, "female": 1}), Counter({"Kim Lee": 3})).gender == "male"
