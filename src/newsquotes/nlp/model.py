"""NLP: load the configured spaCy model once per process and parse texts in batches.

Every component of the small English pipeline is used by the extractors (tagger and
attribute ruler: `pos_`; lemmatizer: cue lemmas; parser: speakers; ner: mentions), so only
components the extractors never read are excluded; the pipeline is otherwise spaCy's own.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Components the extractors do not use; disabling them is free speed.
UNUSED_COMPONENTS = ("textcat", "textcat_multilabel", "senter")
_LINE_END = (".", "!", "?", ":", '"', "”", "’")


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """A paragraph break ends a sentence, so no parse tree spans two paragraphs (or a headline)."""
    for token in doc[1:-1]:
        if token.text.isspace() and (
            token.text.count("\n") > 1
            or ("\n" in token.text and doc[token.i - 1].text.endswith(_LINE_END))
        ):
            doc[token.i + 1].is_sent_start = True
    return doc


class ModelNotFoundError(RuntimeError):
    pass


@functools.cache
def load_model(name: str) -> Language:
    """The spaCy pipeline `name`, loaded once per process."""
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
        nlp.add_pipe("paragraph_sentences", before="parser")
    except OSError as error:
        raise ModelNotFoundError(
            f"spaCy model {name!r} is not installed; install it (pip install ...) "
            f"or choose another with NEWSQUOTES_MODEL / --model ({error})"
        ) from None
    return nlp


def parse(texts: Iterable[str], model: str, batch_size: int = 32) -> Iterator[Doc]:
    """Docs for `texts`, in order, through `nlp.pipe`.

    The model is loaded on the first text, so a worker with nothing new to parse (an
    incremental run) never pays for loading it.
    """
    texts = iter(texts)
    first = next(texts, None)
    if first is None:
        return
    yield from load_model(model).pipe(itertools.chain([first], texts), batch_size=batch_size)
