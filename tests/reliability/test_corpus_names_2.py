"""Rows a user counts, round 21: a person's gender, description and identity as a user would
read them. Real model, real articles."""

from collections import Counter

from newsquotes.corpus.gender import gender_of
from newsquotes.corpus.identity import resolve
from newsquotes.entities.descriptions import title_before
from newsquotes.entities.extract import extract_entities
from newsquotes.names import catalogue_key
from newsquotes.quotes import extract_quotes


def test_a_first_name_of_both_sexes_across_countries_gives_no_gender():
    """ "Rand" is a man's name in the US and a woman's elsewhere: with nothing said in the
    articles, Rand Araskog is of unknown gender, never a woman by the world's count."""
    assert gender_of(Counter(), Counter({"Rand Araskog": 1})).gender == "unknown"
    assert gender_of(Counter(), Counter({"Margaret Thatcher": 1})).gender == "female"


def speaker_descriptions(nlp, text: str) -> dict[str, str | None]:
    doc = nlp(text)
    quotes = extract_quotes(doc, extract_entities(doc, "a", nlp), "a")
    return {q["speaker"]: q["speaker_description"] for q in quotes}


def test_a_noun_the_parse_puts_before_a_name_does_not_describe_them_over_their_own(nlp):
    """ "a five-fold rise ..., James Fry, vice-president of GM ..., told": the parse makes the
    name an apposition of "rise"; what the article says of him is his own appositive."""
    described = speaker_descriptions(
        nlp,
        "U.S. Carmaker General Motors hopes to sell between 7,000 and 8,000 vehicles in Europe "
        "this year, a five-fold rise over the year before, James Fry, vice-president of GM "
        "Overseas Distribution Corporation told a news briefing.",
    )
    assert described["James Fry"] == "vice-president of GM Overseas Distribution Corporation"


def test_a_possessive_alone_is_no_description(nlp):
    """ "Brazil's Dauster noted ...": "Brazil's" says whose he is, not what he is."""
    described = speaker_descriptions(
        nlp,
        "Most delegates said quotas before October are unlikely, while Brazil's Dauster noted "
        "the ICO has continued although there were no quotas from 1972 to 1980.",
    )
    assert described["Dauster"] is None


def corpus_rows(entities: list[tuple[str, str, str]]) -> dict[str, tuple[str, str]]:
    """name -> (name, label) of the row it counts in, from (article, name, label) across a
    corpus."""
    resolution = resolve(
        (article, name, label, catalogue_key(name, label), None)
        for article, name, label in entities
    )
    rows = {}
    for article, name, label in entities:
        row = resolution.of(article, catalogue_key(name, label))
        rows[name] = (row.name, row.label)
    return rows


def test_a_company_named_by_its_possessive_or_a_fragment_is_one_row():
    """ "Moody" (of "Moody's said") is "Moody's Investors Service Inc"; "Poor's Corp", the
    model's cut of "Standard and Poor's Corp", and "Standard and Poor" are that company;
    "Ford" is not "Ford's Wikipedia", nor "Google" its product "Google's Desktop"."""
    rows = corpus_rows(
        [
            ("a", "Moody's Investors Service Inc", "ORG"),
            ("a", "Moody", "ORG"),
            ("b", "Moody", "ORG"),
            ("c", "Moody's Investors Service Inc", "ORG"),
            ("d", "Standard and Poor's Corp", "ORG"),
            ("d", "Poor's Corp", "ORG"),
            ("e", "Poor's Corp", "ORG"),
            ("f", "Standard and Poor", "ORG"),
            ("f", "Poor", "ORG"),
            ("g", "Standard and Poor's Corp", "ORG"),
            ("h", "Ford", "ORG"),
            ("h", "Ford's Wikipedia", "ORG"),
            ("i", "Wikipedia", "ORG"),
            ("j", "Google", "ORG"),
            ("j", "Google's Desktop", "ORG"),
            ("k", "Google", "ORG"),
        ]
    )
    assert rows["Ford"] == ("Ford", "ORG") and rows["Google"] == ("Google", "ORG")
    assert rows["Moody"] == ("Moody's Investors Service Inc", "ORG")
    assert rows["Poor's Corp"] == rows["Standard and Poor"] == ("Standard and Poor's Corp", "ORG")
    assert rows["Poor"] == ("Standard and Poor's Corp", "ORG")


def test_a_surname_read_as_an_organisation_is_the_person_a_first_name_makes_of_the_full_name():
    """ "Marcelo Claure" and "Claure" both read as organisations: the sure first name makes
    the full name a person's, and so its surname alone, in the articles that name him."""
    rows = corpus_rows(
        [
            ("a", "Marcelo Claure", "ORG"),
            ("a", "Claure", "ORG"),
            ("b", "Marcelo Claure", "PERSON"),
        ]
    )
    assert rows["Claure"] == ("Marcelo Claure", "PERSON")


def test_a_name_led_by_a_place_is_no_person():
    """The model reads "Manchester United" as a person: "Manchester" is no first name and the
    corpus reads it alone as a place, so the club is an organisation."""
    rows = corpus_rows(
        [
            ("a", "Manchester United", "PERSON"),
            ("a", "Manchester", "GPE"),
            ("b", "Manchester United", "PERSON"),
            ("c", "Manchester", "GPE"),
            ("d", "Paris Hilton", "PERSON"),
            ("d", "Paris", "GPE"),
            ("e", "Lleyton Hewitt", "PERSON"),
            ("e", "Lleyton", "GPE"),
            ("f", "Lleyton Hewitt", "PERSON"),
        ]
    )
    assert rows["Lleyton Hewitt"] == ("Lleyton Hewitt", "PERSON")  # a place once, by mistake
    assert rows["Manchester United"] == ("Manchester United", "ORG")
    assert rows["Paris Hilton"] == ("Paris Hilton", "PERSON")


def test_a_hyphenated_first_name_is_known_by_its_first_part():
    """ "Sven-Goran Eriksson" read as an organisation in most articles: "Sven" is a man's
    first name, so the full name is a person's."""
    rows = corpus_rows(
        [
            ("a", "Sven-Goran Eriksson", "ORG"),
            ("b", "Sven-Goran Eriksson", "ORG"),
            ("c", "Sven-Goran Eriksson", "PERSON"),
        ]
    )
    assert rows["Sven-Goran Eriksson"] == ("Sven-Goran Eriksson", "PERSON")


def test_a_place_that_speaks_is_the_organisation_of_its_name():
    """ "Downing Street said", read as a place here and an organisation there: one speaker,
    the organisation; the place keeps its own catalogue row."""
    entities = [
        ("a", "Downing Street", "LOC"),
        ("b", "Downing Street", "ORG"),
        ("c", "Downing Street", "LOC"),
    ]
    resolution = resolve((a, n, label, catalogue_key(n, label), None) for a, n, label in entities)
    speakers = {resolution.speaker(a, catalogue_key(n, label)) for a, n, label in entities}
    assert [(s.name, s.label) for s in speakers] == [("Downing Street", "ORG")]
    assert resolution.of("a", catalogue_key("Downing Street", "LOC")).label == "LOC"


def descriptions_of(nlp, text: str) -> dict[str, str | None]:
    return {e.name: e.description for e in extract_entities(nlp(text), "a", nlp)}


def test_an_organisation_or_an_initial_before_a_name_is_no_office(nlp):
    """ "told the BBC Michael Howard has ...": "BBC" is an organisation, not an office like
    "MP"; "M" of a team sheet's "M Owen" is an initial."""
    described = descriptions_of(
        nlp,
        "Sources within the Conservative Party told the BBC Michael Howard has always been in "
        "favour of ID cards. Labour MP Oona King said it was wrong.",
    )
    assert described["Michael Howard"] is None and described["Oona King"] == "Labour MP"
    assert title_before(nlp("England: M Owen"), 3) is None


def test_a_first_name_read_alone_as_an_organisation_is_the_person_it_starts(nlp):
    """A family's statement: "Dale" is Dale Ford, named in full in the article, whatever
    the model read; the organisation reading of a first name no full name starts stays."""
    names = names_of(
        nlp,
        'His brother Dale Ford issued a statement on behalf of the family. "We were proud of '
        'him," Dale wrote. "He loved his work," Dale added.',
    )
    assert "Dale" not in names and names["Dale Ford"] == "PERSON"


def names_of(nlp, text: str) -> dict[str, str]:
    return {e.name: e.label for e in extract_entities(nlp(text), "a", nlp)}


def test_an_appositive_naming_another_person_does_not_describe_this_one(nlp):
    """ "Of those lining up to replace Henman, the 17-year-old Murray, ...": the words after
    the comma name Murray, they say nothing of Henman."""
    described = descriptions_of(
        nlp,
        "Of those lining up to replace Tim Henman, the 17-year-old Andrew Murray, with four "
        "Futures titles under his belt last year, looks the most promising.",
    )
    assert described["Tim Henman"] is None
