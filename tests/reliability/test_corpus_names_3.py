"""Rows a user counts, round 22: one row per party, person or organisation, named alike in
`speakers` and `entity_catalogue`, described by whole titles. Real model, real articles."""

import pandas as pd

from newsquotes.corpus.catalogue import build_entity_catalogue
from newsquotes.corpus.identity import resolve
from newsquotes.corpus.roles import role_of
from newsquotes.corpus.speakers import build_speakers
from newsquotes.entities.descriptions import title_before
from newsquotes.entities.extract import extract_entities
from newsquotes.names import catalogue_key, country_of, person_name
from newsquotes.quotes import extract_quotes
from newsquotes.quotes.coref import person_genders
from tests.corpus.test_people_rows import corpus


def corpus_rows(entities: list[tuple[str, str, str]]) -> dict[str, tuple[str, str]]:
    """name -> (name, label) of the row it counts in, from (article, name, label) across a
    corpus."""
    resolution = resolve(
        (article, name, label, catalogue_key(name, label), None)
        for article, name, label in entities
    )
    return {
        name: (row.name, row.label)
        for article, name, label in entities
        for row in [resolution.of(article, catalogue_key(name, label))]
    }


def test_a_party_is_one_row_named_alike_in_both_tables_by_its_full_name(tmp_path):
    """ "the Lib Dems said" and "the Liberal Democrats said": one speaker, shown by the full
    name, and the catalogue row of the same key shows the same name."""
    staging = corpus(
        tmp_path,
        {
            "full": '"We will scrap tuition fees," the Liberal Democrats said on Monday.',
            "short": '"The tax is unfair," the Lib Dems said. The Lib Dems want a local tax.',
            "short2": '"Vote for change," the Lib Dems said in Leeds.',
        },
    )
    speakers = pd.DataFrame(build_speakers(staging))
    catalogue = pd.DataFrame(build_entity_catalogue(staging)).set_index("catalogue_id")
    party = speakers[speakers["name"].str.contains("Lib")]
    assert party["name"].tolist() == ["Liberal Democrats"]
    assert catalogue.loc[party["speaker_id"].item(), "name"] == "Liberal Democrats"


def test_a_middle_name_stays_in_the_name_shown():
    """ "Patrick Nielsen Hayden" is shown whole, not "Patrick Hayden"; "Donald J. Trump"
    still loses his middle initial."""
    rows = corpus_rows(
        [
            ("a", "Patrick Nielsen Hayden", "PERSON"),
            ("b", "Patrick Nielsen Hayden", "PERSON"),
            ("c", "Donald J. Trump", "PERSON"),
        ]
    )
    assert rows["Patrick Nielsen Hayden"] == ("Patrick Nielsen Hayden", "PERSON")
    assert rows["Donald J. Trump"] == ("Donald Trump", "PERSON")
    king = person_name("Martin Luther King Jr.")  # his key still ignores the middle name
    assert (king.key, king.shown) == ("Martin King Jr.", "Martin Luther King Jr.")


def speakers_of(nlp, text: str) -> dict[str, str | None]:
    doc = nlp(text)
    quotes = extract_quotes(doc, extract_entities(doc, "a", nlp), "a")
    return {q["speaker"]: q["speaker_description"] for q in quotes}


def descriptions_of(nlp, text: str) -> dict[str, str | None]:
    return {e.name: e.description for e in extract_entities(nlp(text), "a", nlp)}


CHANCELLOR = (
    'Chancellor of the Exchequer Gordon Brown said: "The economy is strong." He spoke in London.'
)


def test_a_title_that_runs_into_of_the_keeps_its_end(nlp):
    """ "Chancellor of the Exchequer Gordon Brown said": the speaker is Gordon Brown, the
    description the whole office, not "Chancellor of the"."""
    assert speakers_of(nlp, CHANCELLOR) == {"Gordon Brown": "Chancellor of the Exchequer"}
    assert descriptions_of(nlp, CHANCELLOR)["Gordon Brown"] == "Chancellor of the Exchequer"
    doc = nlp("She is the co-author of the Demos report on families.")
    assert title_before(doc, [t.text for t in doc].index("Demos")) is None  # "co-author of the"


def test_a_name_of_titles_alone_is_nobody_and_no_one_else():
    """ "United" (a club's short name) and "Prime" read as people are names nameparser takes
    for titles: neither is a person with an empty name, nor the row of the other; a quote
    of theirs is an unnamed speaker's."""
    entities = [("a", "United", "PERSON"), ("b", "Prime", "PERSON"), ("c", "United", "PERSON")]
    resolution = resolve((a, n, label, catalogue_key(n, label), None) for a, n, label in entities)
    united, prime = (resolution.of(a, catalogue_key(n, "PERSON")) for a, n, _ in entities[:2])
    assert (united.name, united.named) == ("United", False)
    assert united.catalogue_id != prime.catalogue_id


def test_a_football_manager_is_no_business_manager():
    """ "Arsenal manager", "Chelsea boss": a club's manager is a sportsperson (`other`); a
    company's boss or an acronym's manager stays in business."""
    assert role_of(["Arsenal manager", "Arsenal boss", "unflappable manager"]).role == "other"
    assert role_of(["Chelsea boss", "coach"]).role == "other"
    assert role_of(["Qantas boss"]).role == "business"
    assert role_of(["HMV manager"]).role == "business"


MONSOD = (
    "A rift has occured among Philippine officials over debt talks opening tomorrow in New "
    "York with Economic Planning Secretary Solita Monsod accusing the chief negotiator of "
    "softening his stand to gain a quick agreement.\n\n"
    'Ongpin acknowledged there was a dispute over tactics. "Secretary Monsod and I get '
    'along famously," he said.\n\n'
    "Monsod said a firm commitment from the banks would have aided the government's program."
    "\n\nShe said if private sector investment continued to be held back the country would "
    "fail to achieve its growth target.\n\n"
    "Monsod, the government's chief economic planner, stressed Manila's policy was growth "
    "before debt.\n\nShe said if the banks refused to lend the new money, the Philippines "
    "should copy Brazil."
)


def test_she_who_opens_the_next_sentence_says_the_gender_of_the_one_who_spoke(nlp):
    """ "Monsod said ... She said ...": the "she" opening the sentence after the one Monsod
    is the subject of is Monsod's, and outweighs the "his" of another man ("the chief
    negotiator") in her first sentence; the "he" after a quote naming her is the speaker's,
    no evidence of hers."""
    doc = nlp(MONSOD)
    entities = extract_entities(doc, "a", nlp)
    genders = person_genders(doc, entities)
    monsod = next(e for e in entities if e.name == "Solita Monsod")
    assert genders.get(monsod.entity_id) == "female"


def test_he_or_she_is_no_organisation(tmp_path):
    """ "Manchester United drew ... 'We have to win,' he said": the article reads the club as
    a person and gives it the "he"; the corpus reads the club as an organisation, so "he"
    is someone the article does not name, no quote of the club's."""
    staging = corpus(
        tmp_path,
        {
            "club": 'Manchester United drew 0-0 at home. "We have to win our next game," he said '
            "after the match.",
            "city": "Fans gathered in Manchester on Sunday.",
            "city2": "It rained in Manchester all week.",
        },
    )
    speakers = pd.DataFrame(build_speakers(staging))
    assert speakers.empty or "Manchester United" not in set(speakers["name"])


def test_a_plural_of_an_office_is_no_organisation(nlp):
    """ "..., MPs said": a group of people, not an organisation named "MPs"; a party's plural
    ("the Tories said") stays the party."""
    names = {
        e.name
        for e in extract_entities(
            nlp(
                "There was one prison suicide every four days between 1999 and 2003, MPs "
                "said. The Tories said the report was damning."
            ),
            "a",
            nlp,
        )
    }
    assert "MPs" not in names and "Tories" in names
    names = {
        e.name
        for e in extract_entities(
            nlp("San Francisco Giants beat the Mets 6-4 as the Cardinals beat the Cubs."), "a", nlp
        )
    }
    assert {"Mets", "Cardinals"} <= names  # teams, whatever nameparser's titles hold


def test_a_name_opening_a_line_keeps_its_first_word_before_of(nlp):
    """ "Bank of Japan officials said" opening a paragraph: "Bank" is a common word at a
    line's start, but "of" joins it to the name, so the name is "Bank of Japan", not "of
    Japan"; and no name starts with "of"."""
    names = {
        e.name
        for e in extract_entities(
            nlp(
                "Japanese banks are expected to give Nigerian debt negotiators a cool response, "
                'banking sources said.\n\n"Otherwise, our response will be very negative," said '
                "a senior official at a leading Japanese bank. The bank lends to Nigeria."
                "\n\nBanking sources said some 80 pct of international "
                "creditor banks have responded positively to the Nigerian debt proposal.\n\n"
                "Bank of Japan officials said they hope Japanese commercial banks will help "
                "Nigeria overcome its debt problems."
            ),
            "a",
            nlp,
        )
    }
    assert "Bank of Japan" in names and not any(name.startswith("of ") for name in names)


def test_a_code_that_is_not_a_countrys_initials_is_no_country():
    """ "BT" (British Telecom) is not Bhutan, "EC" (the European Community) not Ecuador, "LA"
    not Laos; "US", "USA" and "UAE", initials of their countries' names, are the countries."""
    assert country_of("BT", "ORG") is None and country_of("EC", "ORG") is None
    assert country_of("LA", "GPE") is None
    assert country_of("US", "ORG") == country_of("USA", "GPE") == "USA"
    assert country_of("UAE", "GPE") == "ARE"


def test_a_double_barrelled_surname_without_its_hyphen_is_the_same_person():
    """ "Robert Kilroy Silk" (the hyphen lost) is "Robert Kilroy-Silk", one row, not a
    "Robert Silk" of his own, even in an article that writes both."""
    rows = corpus_rows(
        [
            ("a", "Robert Kilroy-Silk", "PERSON"),
            ("b", "Robert Kilroy-Silk", "PERSON"),
            ("c", "Robert Kilroy Silk", "PERSON"),
            ("c", "Robert Kilroy-Silk", "PERSON"),
        ]
    )
    assert rows["Robert Kilroy Silk"] == ("Robert Kilroy-Silk", "PERSON")
