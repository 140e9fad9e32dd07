"""Rows a user counts: an organisation's legal form or a lone generic noun ("Ltd", "Bank")
is no organisation of its own, a description is no dateline residue or lone style, and an
acronym with digits is no person. Real model, real articles."""

import pytest

from newsquotes.entities.extract import extract_entities


def names_of(nlp, text: str) -> dict[str, str]:
    doc = nlp(text)
    return {entity.name: entity.label for entity in extract_entities(doc, "a", nlp)}


@pytest.mark.parametrize(
    ("text", "full"),
    [
        (
            "Industrial Equity (Pacific) Ltd, a Hong Kong investment firm, said it had bought "
            "a stake.",
            "Industrial Equity (Pacific) Ltd",
        ),
        ("Shares of Lloyds Bank\nPlc rose 10 pct on Tuesday, traders said.", "Lloyds Bank Plc"),
        ("Roger Birk, chairman emeritus of Merrill Lynch and Co, said the deal was fair.", None),
    ],
)
def test_a_legal_form_is_part_of_the_name_before_it_never_a_name(nlp, text, full):
    names = names_of(nlp, text)
    assert not set(names) & {"Ltd", "Plc", "Co", "Corp", "Inc"}
    if full:
        assert names.get(full) == "ORG"


def test_a_lone_generic_noun_is_the_one_organisation_of_the_article_it_belongs_to(nlp):
    names = names_of(
        nlp,
        "The Bank of England said it had provided assistance to the money market. "
        "The figures rose 4.1 pct, the Bank said.",
    )
    assert "Bank" not in names and names["Bank of England"] == "ORG"


def test_a_lone_generic_noun_of_no_named_organisation_is_no_organisation(nlp):
    names = names_of(nlp, "Money supply rose in January, the Bank said. The Commission agreed.")
    assert not set(names) & {"Bank", "Commission"}


def test_a_capital_acronym_with_digits_is_no_person(nlp):
    names = names_of(
        nlp,
        '"We will not comment on intelligence matters," said MI6 on Monday. '
        "MI6 chief Richard Dearlove spoke too.",
    )
    assert names["MI6"] == "ORG" and names["Richard Dearlove"] == "PERSON"
