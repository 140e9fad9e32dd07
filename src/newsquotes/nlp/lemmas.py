"""The model's rule lemmatizer, with its word lists as sets and a bounded cache: the same lemmas.

spaCy's rule lemmatizer is slow where it misses its cache: it checks each candidate form
against the model's word list of that part of speech, a Python list of up to 57,528 words,
one by one (300 BBC articles from cold: 2.0 s of CPU, 0.4 s with sets). And its cache of
every (word, POS, morphology) it has seen is never emptied, so a worker's memory grew with
the corpus. The lemmatizer only asks whether a form is in a list (or whether the list is
empty), which a set answers the same; and a lemma is a function of its cache key alone, so
emptying the cache now and then changes no lemma (`tests/nlp/test_lemmas.py`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import Lemmatizer

LEMMATIZER = "lemmatizer"
WORD_LISTS = "lemma_index"  # the lookups table of known base forms by part of speech
CACHE_LIMIT = 50_000  # keys; news reuses a small vocabulary, so a full cache is rare


class BoundedCache(dict):
    """A dict that empties itself when it would hold more than `limit` keys."""

    def __init__(self, limit: int = CACHE_LIMIT):
        super().__init__()
        self.limit = limit

    def __setitem__(self, key, value) -> None:
        if len(self) >= self.limit:
            self.clear()
        super().__setitem__(key, value)


def speed_up_lemmatizer(nlp: Language, cache_limit: int = CACHE_LIMIT) -> None:
    """Give the pipeline's lemmatizer word lists as sets and a cache of `cache_limit` keys."""
    lemmatizer = nlp.get_pipe(LEMMATIZER) if LEMMATIZER in nlp.component_names else None
    if not isinstance(lemmatizer, Lemmatizer):
        return
    if lemmatizer.lookups.has_table(WORD_LISTS):
        table = lemmatizer.lookups.get_table(WORD_LISTS)
        for part_of_speech, words in list(table.items()):
            table[part_of_speech] = frozenset(words)
    lemmatizer.cache = BoundedCache(cache_limit)
