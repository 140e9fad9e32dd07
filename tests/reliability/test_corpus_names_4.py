"""Rows a user counts, round 23: who is named most. Rows of `entity_catalogue` read as
people or organisations that are neither ("Oscar", the award)."""

from newsquotes.corpus.identity import resolve
from newsquotes.entities.extract import extract_entities
from newsquotes.names import catalogue_key


def corpus_rows(entities: list[tuple[str, str, str, str | None]]) -> dict[str, tuple[str, str]]:
    """name -> (name, label) of the row it counts in, from (article, name, label, gender)
    across a corpus."""
    resolution = resolve(
        (article, name, label, catalogue_key(name, label), gender)
        for article, name, label, gender in entities
    )
    return {
        name: (row.name, row.label)
        for article, name, label, _ in entities
        for row in [resolution.of(article, catalogue_key(name, label))]
    }


def test_a_first_name_the_corpus_writes_in_the_plural_is_no_person():
    """ "won an Oscar" read as a person (one article even gives it a "he"), "the Oscars" as
    an organisation: one award, one organisation row. A surname in the plural ("the
    Kennedys") and a first name never written in the plural stay people."""
    rows = corpus_rows(
        [
            *((f"o{i}", "Oscar", "PERSON", None) for i in range(5)),
            ("o5", "Oscar", "PERSON", "male"),
            ("p1", "Oscars", "ORG", None),
            ("p2", "Oscars", "ORG", None),
            ("k1", "John Kennedy", "PERSON", "male"),
            ("k2", "Kennedy", "PERSON", "male"),
            ("k3", "Kennedys", "ORG", None),
            ("t1", "Tony", "PERSON", "male"),
            ("t2", "Tony", "PERSON", "male"),
            ("e1", "Ed", "PERSON", "male"),
            ("e2", "EDS", "ORG", None),
        ]
    )
    assert rows["Oscar"] == ("Oscars", "ORG")
    assert rows["Oscars"] == ("Oscars", "ORG")
    assert rows["Kennedy"] == ("John Kennedy", "PERSON")
    assert rows["Tony"][1] == "PERSON"
    assert rows["Ed"][1] == "PERSON"  # "EDS", a company, is no plural of his


def test_a_nationality_alone_is_no_organisation():
    """ "the Welsh" read as an organisation in every article: a people (its language's name
    in ISO 639), no organisation row; "Welsh Rugby Union" stays an organisation, and Irvine
    Welsh's surname a person."""
    rows = corpus_rows(
        [
            *((f"w{i}", "Welsh", "ORG", None) for i in range(3)),
            ("u1", "Welsh Rugby Union", "ORG", None),
        ]
    )
    assert rows["Welsh"] == ("Welsh", "NORP")
    assert rows["Welsh Rugby Union"] == ("Welsh Rugby Union", "ORG")
    author = corpus_rows(
        [("i1", "Irvine Welsh", "PERSON", "male"), ("i1", "Welsh", "PERSON", "male")]
    )
    assert author["Welsh"] == ("Irvine Welsh", "PERSON")


def names_in(nlp, text: str) -> dict[str, str]:
    """name -> label of the entities of one article."""
    return {e.name: e.label for e in extract_entities(nlp(text), "a", nlp)}


def test_the_first_word_of_a_ministers_office_is_no_organisation(nlp):
    """ "the Home Secretary's plans": the model reads "Home" as an organisation; it is half
    of an office. "the Home Office" stays an organisation, and so does a party before its
    office ("Labour Minister")."""
    texts = [
        "Michael Howard said he would not back the Home Secretary's plans for control orders.",
        "Mr Blunkett resigned as Home Secretary on Wednesday after an inquiry.",
        "New Home Secretary Charles Clarke has vowed to press ahead.",
    ]
    for text in texts:
        assert "Home" not in names_in(nlp, text), text
    assert names_in(nlp, "The Home Office said the plans were fair.").get("Home Office") == "ORG"
