import pytest

from newsquotes.entities.extract import extract_entities
from newsquotes.entities.mentions import (
    caps_lines,
    find_mentions,
    in_place_context,
    is_hard_wrapped,
    truecase,
)


def by_name(entities):
    return {entity.name: entity for entity in entities}


@pytest.fixture(scope="module")
def seed_people_and_places(seed_doc, seed_article, nlp):
    return by_name(extract_entities(seed_doc, seed_article.article_id, nlp))


def entities_of(nlp, text):
    return by_name(extract_entities(nlp(text), "article", nlp))


def mention_texts(nlp, text):
    return [m.text for m in find_mentions(nlp(text), nlp)]


def test_mentions_lose_possessives_articles_and_brackets_but_keep_whole_tokens(nlp):
    text = "North Korea’s envoy met the United Nations (the UN) and the U.S. team in Seoul."
    found = mention_texts(nlp, text)
    assert "North Korea" in found and "United Nations" in found and "Seoul" in found
    assert "U.S." in found  # the full stop belongs to the token
    assert not any(t.startswith(("the ", "(")) or t.endswith(("’s", ")")) for t in found)


def test_every_mention_slices_the_text(seed_people_and_places, seed_article):
    for entity in seed_people_and_places.values():
        for mention in entity.mentions:
            assert seed_article.text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize("name", ["Leon Sigal", "John Delury", "Evans Revere", "Obama"])
def test_seed_people_are_one_person_entity_each(seed_people_and_places, name):
    entities = seed_people_and_places
    assert entities[name].label == "PERSON"
    surname = name.split()[-1]
    assert surname == name or surname not in entities  # "Delury" joined "John Delury"
    assert all(m.label == "PERSON" for m in entities[name].mentions)


def test_seed_surnames_join_their_full_names(seed_people_and_places):
    assert {m.text for m in seed_people_and_places["Leon Sigal"].mentions} == {
        "Leon Sigal",
        "Sigal",
    }
    assert {m.text for m in seed_people_and_places["John Delury"].mentions} == {
        "John Delury",
        "Delury",
    }


@pytest.mark.parametrize(
    "name, spellings",
    [
        ("North Korea", {"North Korea"}),
        ("United States", {"US", "United States"}),
        ("Seoul", {"Seoul"}),
        ("Pyongyang", {"Pyongyang"}),
        ("State Department", {"State Department"}),
        ("Yonsei University", {"Yonsei University"}),
        ("United Nations", {"United Nations"}),  # "UN" was in a related-article line
    ],
)
def test_seed_places_and_organisations_are_clean_and_single(
    seed_people_and_places, name, spellings
):
    entities = seed_people_and_places
    assert {m.text for m in entities[name].mentions} == spellings
    others = [e for e in entities.values() if e.name != name]
    assert not any(m.text in spellings for e in others for m in e.mentions)


def test_titles_surnames_and_acronyms_group_with_the_full_form(nlp):
    entities = entities_of(
        nlp,
        "Margaret Holloway, the chief executive of the World Health Organization, spoke in "
        "Geneva on Monday. Ms Holloway said the WHO would act. Holloway did not say when.",
    )
    holloway = entities["Margaret Holloway"]
    assert holloway.label == "PERSON" and len(holloway.mentions) == 3
    assert {m.text for m in entities["World Health Organization"].mentions} == {
        "World Health Organization",
        "WHO",
    }


def test_a_first_name_alone_joins_the_one_full_name_it_starts(nlp):
    entities = entities_of(
        nlp,
        "Kevin McKinley, a coal miner from Logan, lost his job in May. Kevin said the mine "
        "had closed without warning.",
    )
    assert "Kevin" not in entities
    assert len(entities["Kevin McKinley"].mentions) == 2


def test_a_party_the_model_reads_as_a_person_is_an_organisation(nlp):
    entities = entities_of(
        nlp,
        "The Tories say they will vote against it unless changes they want are agreed. "
        "The Lib Dems also oppose the plans. The Lib Dems plan to oppose the Bill in the "
        "Lords on Thursday.",
    )
    assert "Dems" not in entities
    assert entities["Lib Dems"].label == "ORG"


def test_a_party_name_keeps_the_party_word_the_model_left_before_it(nlp):
    text = (
        "Liberal Democrat spokeswoman Sandra Gidley said it was wrong. "
        "The Democrats in Congress said no."
    )
    assert mention_texts(nlp, text) == [
        "Liberal Democrat",
        "Sandra Gidley",
        "Democrats",
        "Congress",
    ]


def test_a_middle_initial_does_not_make_a_second_owner_of_a_surname(nlp):
    entities = entities_of(
        nlp,
        "Attorney General Loretta E. Lynch spoke on Monday. Loretta Lynch has led the "
        "department since 2015. Lynch said the inquiry was closed.",
    )
    (lynch,) = [entity for name, entity in entities.items() if "Lynch" in name]
    assert len(lynch.mentions) == 3


def test_salience_ranks_the_frequent_early_entity_first(seed_people_and_places):
    entities = seed_people_and_places
    assert all(0 <= e.salience <= 1 for e in entities.values())
    assert entities["North Korea"].salience > entities["Yonsei University"].salience


def test_capital_headlines_are_read_in_the_body_casing(nlp):
    entities = entities_of(
        nlp,
        "MERKEL HOSTS OBAMA IN BERLIN\n"
        "Barack Obama met Angela Merkel in Berlin on Friday. Merkel said the talks went well.",
    )
    merkel = entities["Angela Merkel"]
    assert merkel.label == "PERSON"
    assert "MERKEL" in {m.text for m in merkel.mentions}  # a known surname, in capitals
    assert {m.text for m in entities["Barack Obama"].mentions} == {"OBAMA", "Barack Obama"}
    assert {m.text for m in entities["Berlin"].mentions} == {"BERLIN", "Berlin"}


def test_a_line_break_ends_a_name_unless_the_text_is_hard_wrapped(nlp):
    wrapped = (
        "Showers continued throughout the week in the Bahia zone, and\n"
        "traders said prices in the market had risen since early\n"
        "January, while dealers in New\n"
        "York said supplies from the region were\n"
        "adequate for the coming months, the report said.\n"
    )
    assert is_hard_wrapped(wrapped)
    assert "New\nYork" in mention_texts(nlp, wrapped)
    lines = "Tennis results on Friday.\nMark\nO'Meara beat Fred Couples.\nPaul Azinger won.\nEnd."
    assert not is_hard_wrapped(lines)
    assert not any("\n" in text for text in mention_texts(nlp, lines))


def test_caps_lines_and_truecasing_keep_offsets():
    text = "US ENVOY MEETS KIM\nThe envoy met Kim Jong Un."
    assert caps_lines(text) == [(0, len("US ENVOY MEETS KIM"))]
    cased = truecase("US ENVOY MEETS KIM", {"envoy": "envoy", "kim": "Kim", "us": "US"})
    assert cased == "US envoy meets Kim"
    assert truecase("LONDON 1996-08-30", {}) == "London 1996-08-30"


def test_syntax_marks_a_one_word_name_as_a_place(nlp):
    def token(text, word):
        return next(t for t in nlp(text) if t.text == word)

    assert in_place_context(token("Police in the city of Perm are on alert.", "Perm"))
    assert in_place_context(token("Fighting went on in Grozny on Tuesday.", "Grozny"))
    assert not in_place_context(token("Grozny said the fighting went on.", "Grozny"))


def test_a_verb_before_a_surname_is_not_a_first_name(nlp):
    text = (
        'Mr Lane said: "I have a new slogan. Vote Blair, Get Brown. That is what I am telling '
        'people." Minister for Work Jane Kennedy agreed with Tony Blair.'
    )
    names = entities_of(nlp, text)
    assert not [name for name in names if name.split()[0] in {"Vote", "Get", "Work"}], names
    assert {"Tony Blair", "Brown", "Jane Kennedy"} <= set(names), names


def test_a_verb_after_a_title_is_a_first_name(nlp):
    """An imperative opens its clause; after "President" the word is a first name."""
    names = entities_of(nlp, "Funaro wrote to World Bank President Barber Conable on Monday.")
    assert "Barber Conable" in names, names


def test_a_surname_read_as_an_organisation_is_the_person_the_article_names_most(nlp):
    """A lone "Ford" the model read as an organisation, in a profile of John M. Ford that
    names his brother Dale Ford once, is John M. Ford, not the car maker."""
    text = (
        "John M. Ford wrote fantasy novels for thirty years. John M. Ford won the World "
        "Fantasy Award twice. His brother Dale Ford said the family was proud. Ford's agent "
        "later left the industry. Friends said Ford's health had always been poor, and John "
        "M. Ford died in 2006."
    )
    entities = {e.name: e for e in extract_entities(nlp(text), "a", nlp)}
    assert "Ford" not in entities
    assert [m.text for m in entities["John M. Ford"].mentions].count("Ford") == 2


def test_the_two_sides_of_a_match_are_two_names_but_a_court_case_is_one(nlp):
    names = entities_of(nlp, "The fixture Charlton v Yeovil was moved to Sunday.")
    assert not [name for name in names if " v " in name], names
    assert "Roe v. Wade" in entities_of(nlp, "The court overturned Roe v. Wade in 2022.")
    assert "V-Motion" in entities_of(nlp, "The artists of V-Motion said the show was sold out.")


def test_a_full_name_between_the_and_a_noun_of_a_work_names_a_work(nlp):
    entities = entities_of(nlp, "The BBC will show the first Harry Potter film at Christmas.")
    assert entities["Harry Potter"].label == "WORK_OF_ART"
    assert entities_of(nlp, "The late John Peel chose the songs.")["John Peel"].label == "PERSON"
    scandal = entities_of(nlp, "The FA was hit by the Faria Alam scandal last year.")
    assert scandal["Faria Alam"].label == "PERSON"


@pytest.mark.parametrize(
    "text",
    [
        "Deputy Prime Minister John Prescott said a good deal had been secured.",
        "House prices rose, according to the Office of the Deputy Prime Minister.",
        "Campaigning ahead of the next General Election, widely expected in May, began.",
    ],
)
def test_a_capitalised_word_after_a_title_in_an_office_or_a_thing_is_no_person(nlp, text):
    people = [m.text for m in find_mentions(nlp(text), nlp) if m.label == "PERSON"]
    assert people in ([], ["John Prescott"])


def test_a_match_reports_attendance_line_names_no_one(nlp):
    text = "Booked: Rooney, Scholes. Goals: Rooney 68. Att: 47,111 Ref: S Bennett (Kent)."
    assert "Att" not in [m.text for m in find_mentions(nlp(text), nlp)]


def test_a_member_of_a_people_is_no_person(nlp):
    text = (
        "The Briton outsprinted her rival in the final 400m. The Welshman, 24, was third, "
        "ahead of Ryan Jones."
    )
    people = [e.name for e in extract_entities(nlp(text), "article", nlp) if e.label == "PERSON"]
    assert people == ["Ryan Jones"]
