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


def test_one_article_does_not_outweigh_a_confident_first_name():
    found = gender_of(Counter({"female": 1}), Counter({"Mitch McConnell": 4}))
    assert found.gender == "unknown" and "disagrees" in found.evidence
    assert gender_of(Counter({"female": 3}), Counter({"Mitch McConnell": 4})).gender == "female"


def test_a_narrow_majority_of_articles_stands_only_when_the_first_name_agrees():
    said = Counter({"male": 3, "female": 2})
    found = gender_of(said, Counter({"John Smith": 5}))
    assert found.gender == "male" and "first name 'John' agrees" in found.evidence
    assert gender_of(said, Counter({"Kim Lee": 5})).gender == "unknown"
    assert gender_of(Counter({"male": 2, "female": 1}), Counter({"Kim Lee": 3})).gender == "male"
