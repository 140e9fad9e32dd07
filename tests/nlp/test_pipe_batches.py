"""Parsing in small minibatches (they bound a worker's peak memory) gives the annotations
that spaCy's larger minibatches give: which docs share a minibatch changes nothing."""

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, SENT_START, TAG

from newsquotes.nlp.model import PIPE_BATCH_SIZE, pipe
from tests.conftest import SEED_FILE

ATTRIBUTES = [TAG, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]
TEXTS = [
    "“We will pass the budget,” the mayor, Ann Lee, said on Monday.",
    "Shares in Acme Corp fell 4% after the company warned on profits.",
    "The minister said the talks in Geneva would resume next week.",
    "Police in Leeds arrested two men. A spokesman declined to comment.",
    SEED_FILE.read_text(encoding="utf-8"),
] * 4


def annotations(nlp, batch_size: int) -> list[numpy.ndarray]:
    return [doc.to_array(ATTRIBUTES) for doc in pipe(nlp, TEXTS, batch_size=batch_size)]


def test_small_minibatches_give_the_annotations_of_large_ones(nlp):
    assert len(TEXTS) > 2 * PIPE_BATCH_SIZE
    small, large = annotations(nlp, PIPE_BATCH_SIZE), annotations(nlp, len(TEXTS))
    assert all(numpy.array_equal(a, b) for a, b in zip(small, large, strict=True))
