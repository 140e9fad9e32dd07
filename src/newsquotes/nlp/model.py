"""NLP: load the configured spaCy model once per process and parse texts in batches.

Every component of the small English pipeline is used by the extractors (tagger and
attribute ruler: `pos_`; lemmatizer: cue lemmas; parser: speakers; ner: mentions), so only
components the extractors never read are excluded; the pipeline is otherwise spaCy's own,
but for its attribute ruler, applied with array look-ups (`nlp.attribute_rules`), and its
lemmatizer's word lists and cache (`nlp.lemmas`).
By default (`NEWSQUOTES_PARSE=attribution`) the parser runs only on the sentences that can
hold attribution and the model's `senter` splits the rest (`nlp.selective`); `all` parses
every sentence, as `nlp.pipe` does.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsquotes.nlp.attribute_rules import use_array_attribute_ruler
from newsquotes.nlp.lemmas import speed_up_lemmatizer
from newsquotes.nlp.selective import parse_selected
from newsquotes.settings import PARSE_ALL, Settings

# Components the extractors do not use; disabling them is free speed.
UNUSED_COMPONENTS = ("textcat", "textcat_multilabel")
# Loaded but off in `nlp.pipe`: sentence boundaries without the parser, for selective parsing.
SENTER = "senter"
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


# Docs that go through each component together. spaCy holds the activations of a whole
# minibatch at once: 64 Reuters articles (21,557 tokens) raised a process's peak by 190 MB
# in minibatches of 32 and by 70 MB in minibatches of 8, for the same CPU time and the same
# annotations (200 BBC articles). So a worker's peak depends less on its largest batch.
PIPE_BATCH_SIZE = 8


@functools.cache
def load_model(name: str) -> Language:
    """The spaCy pipeline `name`, loaded once per process."""
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS), disable=[SENTER])
        nlp.add_pipe("paragraph_sentences", before="parser")
        use_array_attribute_ruler(nlp)  # the same annotations, a tenth of spaCy's time less
        speed_up_lemmatizer(nlp)  # the same lemmas, and a cache that stops growing
    except OSError as error:
        raise ModelNotFoundError(
            f"spaCy model {name!r} is not installed; install it (pip install ...) "
            f"or choose another with NEWSQUOTES_MODEL / --model ({error})"
        ) from None
    return nlp


def parse(
    texts: Iterable[str], model: str, batch_size: int = PIPE_BATCH_SIZE, scope: str | None = None
) -> Iterator[Doc]:
    """Docs for `texts`, in order: every sentence parsed (`scope` "all", through `nlp.pipe`)
    or only those that can hold attribution ("attribution"; default: the settings').

    The model is loaded on the first text, so a worker with nothing new to parse (an
    incremental run) never pays for loading it.
    """
    texts = iter(texts)
    first = next(texts, None)
    if first is None:
        return
    yield from pipe(load_model(model), itertools.chain([first], texts), batch_size, scope)


def pipe(
    nlp: Language, texts: Iterable[str], batch_size: int = PIPE_BATCH_SIZE, scope: str | None = None
) -> Iterator[Doc]:
    """`parse` with a loaded pipeline. A model without a `senter` is parsed whole: nothing
    else would split the sentences the parser does not see."""
    if (scope or Settings().parse) == PARSE_ALL or SENTER not in nlp.component_names:
        return nlp.pipe(texts, batch_size=batch_size)
    return parse_selected(nlp, _without_parser(nlp, texts, batch_size), batch_size)


def _without_parser(nlp: Language, texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
    """Every component but the parser, the `senter` included, in the pipeline's order.

    The components are chained by hand, as `nlp.pipe` does, rather than switched with
    `select_pipes`: the pipeline stays the same for every other caller meanwhile (the
    re-parse of capital lines in `entities` runs inside this generator's loop).
    """
    docs: Iterable[Doc] = (nlp.make_doc(text) for text in texts)
    for name, component in nlp.components:
        if name == "parser" or (name in nlp.disabled and name != SENTER):
            continue
        if hasattr(component, "pipe"):
            docs = component.pipe(docs, batch_size=batch_size)
        else:
            docs = map(component, docs)
    return iter(docs)
