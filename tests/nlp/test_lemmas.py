"""The sped-up lemmatizer gives exactly the lemmas of spaCy's own, with a bounded cache."""

import json

import pytest
import spacy
from spacy.attrs import LEMMA

from newsquotes.nlp.lemmas import LEMMATIZER, speed_up_lemmatizer
from newsquotes.settings import Settings
from tests.conftest import SEED_FILE

# Nouns, verbs and adjectives in their inflections, base forms, exceptions and unknown words.
WORDS = (
    "The ministers said they were meeting the wolves' leaders; she had been running faster "
    "than the mice, and the best-known geese flew. Spokespeople denied it. He's quoted, "
    "tweeting unfriended frobnications. Analysts were worse off than the data suggested."
)


def lemmas(nlp, texts: list[str]) -> list[list[int]]:
    return [doc.to_array([LEMMA]).tolist() for doc in nlp.pipe(texts)]


@pytest.fixture(scope="module")
def both():
    """The model as spaCy loads it, and the same model with the lemmatizer sped up and a
    cache of 50 keys (so it is emptied many times in these texts)."""
    sped_up = spacy.load(Settings().model)
    speed_up_lemmatizer(sped_up, cache_limit=50)
    return spacy.load(Settings().model), sped_up


def test_the_lemmas_are_spacys(both):
    texts = [WORDS, SEED_FILE.read_text(encoding="utf-8")]
    assert lemmas(both[0], texts) == lemmas(both[1], texts)


def test_the_lemmas_of_news_are_spacys(both, shared_dir):
    lines = (shared_dir / "corpora" / "bbc.jsonl").open(encoding="utf-8")
    texts = [json.loads(line)["body"] for line, _ in zip(lines, range(200), strict=False)]
    assert lemmas(both[0], texts) == lemmas(both[1], texts)


def test_the_cache_stays_within_its_limit(both):
    texts = [WORDS, SEED_FILE.read_text(encoding="utf-8")]
    for nlp in both:
        lemmas(nlp, texts)
    spacys, sped_up = (nlp.get_pipe(LEMMATIZER) for nlp in both)
    assert 0 < len(sped_up.cache) <= 50 < len(spacys.cache)


def test_the_loaded_model_has_the_sped_up_lemmatizer(nlp):
    table = nlp.get_pipe(LEMMATIZER).lookups.get_table("lemma_index")
    assert all(isinstance(words, frozenset) for words in table.values())
