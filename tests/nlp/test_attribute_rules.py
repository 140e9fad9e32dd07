"""The array attribute ruler gives exactly the annotations of spaCy's own ruler."""

import json

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc

from newsquotes.nlp.attribute_rules import RULER, ArrayAttributeRuler
from newsquotes.settings import Settings
from tests.conftest import SEED_FILE

ANNOTATIONS = [POS, TAG, MORPH, LEMMA, DEP]
# The ruler's exceptions: two-token patterns ("gon na", "let 's", "ai n't"), whitespace
# tokens, "there is" after a parse, and the tag map on everything else.
EXCEPTIONS = (
    "We're gonna win, and I ain't worried.  Let's go.\n\n"
    "There is a plan, there were two.\tThe U.S. won't wait; it's done."
)


@pytest.fixture(scope="module")
def spacy_nlp():
    """The model as spaCy loads it, with its own attribute ruler."""
    return spacy.load(Settings().model)


def both_rulers(nlp, texts, parsed: bool):
    """Each text annotated up to the ruler, then by spaCy's ruler and by the array one."""
    ruler = nlp.get_pipe(RULER)
    array_ruler = ArrayAttributeRuler(ruler)
    before = [name for name in nlp.pipe_names if name not in (RULER, "lemmatizer", "ner")]
    if not parsed:
        before.remove("parser")
    for doc in nlp.pipe(texts, disable=[n for n in nlp.pipe_names if n not in before]):
        copy = Doc(doc.vocab).from_bytes(doc.to_bytes())
        yield ruler(doc), array_ruler(copy)


@pytest.mark.parametrize("parsed", [True, False])
def test_the_array_ruler_annotates_as_spacys_ruler(spacy_nlp, parsed):
    texts = [EXCEPTIONS, SEED_FILE.read_text(encoding="utf-8")]
    for by_spacy, by_arrays in both_rulers(spacy_nlp, texts, parsed):
        assert (by_spacy.to_array(ANNOTATIONS) == by_arrays.to_array(ANNOTATIONS)).all()
    gonna = list(both_rulers(spacy_nlp, ["We're gonna win."], parsed))[0][1]
    assert [t.lemma_ for t in gonna][2:4] == ["go", "to"]


def test_the_array_ruler_annotates_news_as_spacys_ruler(spacy_nlp, shared_dir):
    lines = (shared_dir / "corpora" / "bbc.jsonl").open(encoding="utf-8")
    texts = [json.loads(line)["body"] for line, _ in zip(lines, range(200), strict=False)]
    for by_spacy, by_arrays in both_rulers(spacy_nlp, texts, parsed=True):
        assert (by_spacy.to_array(ANNOTATIONS) == by_arrays.to_array(ANNOTATIONS)).all()


def test_the_loaded_model_uses_the_array_ruler_in_the_rulers_place(nlp):
    assert "array_attribute_ruler" in nlp.pipe_names and RULER not in nlp.pipe_names
    assert nlp.pipe_names.index("array_attribute_ruler") < nlp.pipe_names.index("lemmatizer")
