"""Rows a user counts, round 21: a person's gender, description and identity as a user would
read them. Real model, real articles."""

from collections import Counter

from newsquotes.corpus.gender import gender_of


def test_a_first_name_of_both_sexes_across_countries_gives_no_gender():
    """ "Rand" is a man's name in the US and a woman's elsewhere: with nothing said in the
    articles, Rand Araskog is of unknown gender, never a woman by the world's count."""
    assert gender_of(Counter(), Counter({"Rand Araskog": 1})).gender == "unknown"
    assert gender_of(Counter(), Counter({"Margaret Thatcher": 1})).gender == "female"
