"""Selective parsing: the parser sees the sentences that can hold attribution, the others
keep the `senter`'s boundaries and no parse, and every offset still slices the text."""

import pytest

from newsquotes.entities.extract import extract_entities
from newsquotes.entities.mentions import in_place_context
from newsquotes.nlp.model import parse, pipe
from newsquotes.quotes.attribution import is_cue
from newsquotes.quotes.extract import extract_quotes
from newsquotes.quotes.marked import DIALOGUE_TAGS
from newsquotes.settings import Settings

TEXT = (
    "Markets rose in Perm on Monday.\n\n"
    "The minister said the plan would work. Rain fell in the north. "
    "“We will win,” Smith told reporters.\n\n"
    "Prices fell again. The bank cut rates, according to the newspaper."
)


def sentences(doc) -> dict[str, bool]:
    """Each sentence's text and whether it has a parse (a dependency label on every token)."""
    return {s.text.strip(): all(t.dep_ for t in s) for s in doc.sents}


def test_only_sentences_that_can_hold_attribution_are_parsed(nlp):
    doc = next(pipe(nlp, [TEXT], scope="attribution"))
    assert sentences(doc) == {
        "Markets rose in Perm on Monday.": False,
        "The minister said the plan would work.": True,  # a cue verb
        "Rain fell in the north.": True,  # the sentence before a quote in its paragraph
        "“We will win,” Smith told reporters.": True,  # a quote
        "Prices fell again.": False,
        "The bank cut rates, according to the newspaper.": True,  # "according to"
    }
    unparsed = [t for t in doc if not t.dep_]
    assert unparsed and all(t.head.i == t.i and not list(t.children) for t in unparsed)


def test_scope_all_parses_every_sentence(nlp):
    doc = next(pipe(nlp, [TEXT], scope="all"))
    assert all(sentences(doc).values())


def test_offsets_slice_the_text_exactly(nlp, seed_article):
    text = seed_article.text
    doc = next(parse([text], Settings().model, scope="attribution"))
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t)] == t.text for t in doc)
    assert "".join(s.text_with_ws for s in doc.sents) == text
    entities = extract_entities(doc, seed_article.article_id, nlp)
    for row in extract_quotes(doc, entities, seed_article.article_id):
        assert text[row["start"] : row["end"]] == row["text"]
        if row["speaker"] is not None:
            assert text[row["speaker_start"] : row["speaker_end"]] == row["speaker"]
        if row["cue"] is not None:
            assert text[row["cue_start"] : row["cue_end"]] == row["cue"]


def test_the_seed_article_gives_the_same_quotes_either_way(nlp, seed_article):
    def quotes(scope: str) -> list[tuple]:
        doc = next(pipe(nlp, [seed_article.text], scope=scope))
        entities = extract_entities(doc, seed_article.article_id, nlp)
        rows = extract_quotes(doc, entities, seed_article.article_id)
        return [(r["start"], r["end"], r["speaker_name"], r["cue"]) for r in rows]

    assert quotes("attribution") == quotes("all")


def test_an_unparsed_one_word_name_is_a_place_by_its_neighbours(nlp):
    doc = next(pipe(nlp, ["Rain fell in Perm. Obama's plan failed. Grozny city slept."]))
    perm, obama, grozny = doc[3], doc[5], doc[10]
    assert not perm.dep_ and (perm.text, obama.text, grozny.text) == ("Perm", "Obama", "Grozny")
    assert in_place_context(perm) and in_place_context(grozny)
    assert not in_place_context(obama)


def test_a_verb_without_a_parse_is_no_cue(nlp):
    """A dialogue tag is a cue only next to a quote, where the parser has been."""
    text = "Rain fell on the town. The old dog barked loudly."
    barked = {scope: next(pipe(nlp, [text], scope=scope))[9] for scope in ("attribution", "all")}
    assert barked["all"].text == "barked" and is_cue(barked["all"], DIALOGUE_TAGS)
    assert not barked["attribution"].dep_ and not is_cue(barked["attribution"], DIALOGUE_TAGS)


@pytest.mark.parametrize(
    ("text", "parsed", "quotes"),
    [
        pytest.param(  # the parser must see "called for", "spoke of" to tell the frame
            "Rain fell on the town. The union called for a general strike in May. "
            "She spoke of her late father and his farm.",
            [False, True, True],
            [("a general strike in May", "The union"), ("her late father and his farm", "She")],
            id="a verb that is a cue in one frame",
        ),
        pytest.param(  # no verb of saying, but a topic the parse must find
            "Rain fell on the town. Cruz made an unprompted call for an end to sugar subsidies.",
            [False, True],
            [("an end to sugar subsidies", "Cruz")],
            id="a noun of saying before its topic",
        ),
        pytest.param(  # a quote with no cue: the parse names the person before it
            "Rain fell on the town.\n\n"
            "Clinton praised the union's organisers at the rally. “We need to support workers.”",
            [False, True, True],
            [("We need to support workers.", "Clinton")],
            id="the sentence before a quote in its paragraph",
        ),
    ],
)
def test_the_sentences_that_attribute_are_parsed(nlp, text, parsed, quotes):
    doc = next(pipe(nlp, [text], scope="attribution"))
    assert list(sentences(doc).values()) == parsed
    rows = extract_quotes(doc, extract_entities(doc, "a1"), "a1")
    assert [(q["text"], q["speaker"]) for q in rows] == quotes


def test_a_misspelt_scope_fails(monkeypatch):
    monkeypatch.setenv("NEWSQUOTES_PARSE", "some")
    with pytest.raises(ValueError, match="NEWSQUOTES_PARSE"):
        Settings()
