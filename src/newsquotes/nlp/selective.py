"""Selective parsing: the dependency parser only on the sentences that can hold attribution.

Only the quote rules need the parse (the entity rules read it for one-word place names,
with a word-order fallback), and only where there can be attribution: a sentence with a
speech-cue verb (the project's own `CUE_LEMMAS`), a noun of saying before its clause
(`SAYING_NOUNS`) or its topic ("his call for", `TOPIC_NOUNS`), "according to" or a colon
("NAME:", "He put it this way:"), the sentences a quote spans and those its cue may follow it into
(8 tokens after the closing mark, within the paragraph), the sentence before a quote in its
paragraph (whose subject may say a quote with no cue), and the sentences naming the
people a "he"/"she" there may refer to (being a subject decides). So every text gets the
tagger, lemmatizer, NER and the model's own `senter`; the parser then runs on runs of
selected sentences, each copied out of the doc with `Span.as_doc` (which keeps the doc's
`tok2vec` tensor, so a sentence gets the features it would get in a full parse), and its
heads and labels are copied back. A token of a sentence left out has no head but itself
and an empty `dep_`; its sentence boundaries are the `senter`'s. On BBC news about half
the tokens are parsed; the parser is 12 % of spaCy's CPU (docs/benchmarks.md).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import DEP, HEAD, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsquotes.names import PERSON_LABELS
from newsquotes.quotes.attribution import CUE_LEMMAS
from newsquotes.quotes.marks import find_quote_spans, paragraph_bounds
from newsquotes.quotes.reported import SAYING_NOUNS, TOPIC_NOUNS

PRONOUNS = frozenset({"he", "she"})
ANTECEDENTS = 3  # people before a pronoun that resolution weighs (`quotes.coref.CANDIDATES`)
# Tokens after a closing quote mark where its cue may be ("...,” said Sigal", "― Name"),
# as in `quotes.marked.CUE_AFTER_QUOTE_TOKENS`.
AFTER_QUOTE_TOKENS = 8
VERBS = frozenset({"VERB", "AUX"})


def attribution_sentences(doc: Doc) -> list[bool]:
    """For each sentence of `doc` (by `doc.sents`), whether the parser must see it."""
    sentences = list(doc.sents)
    starts = [s.start_char for s in sentences]
    selected = [_may_attribute(s) for s in sentences]
    paragraphs = paragraph_bounds(doc.text)
    for quote in find_quote_spans(doc.text):
        after = doc.char_span(quote.mark_end, quote.mark_end, alignment_mode="expand")
        end = quote.mark_end
        if after is not None and after.end < len(doc):
            last = doc[min(after.end + AFTER_QUOTE_TOKENS, len(doc)) - 1]
            end = max(end, min(last.idx + 1, _paragraph_end(paragraphs, quote.mark_end - 1)))
        for i in _sentences_between(starts, quote.mark_start, end):
            selected[i] = True
        before = _sentence_at(starts, quote.mark_start) - 1
        if before >= 0 and starts[before] >= _paragraph_start(paragraphs, quote.mark_start):
            selected[before] = True  # whose subject may say a quote with no cue
    for i in _antecedent_sentences(doc, sentences, starts, selected):
        selected[i] = True
    return selected


def _paragraph_end(paragraphs: list[tuple[int, int]], offset: int) -> int:
    """The end of the paragraph holding `offset` (`quotes.marks.paragraph_bounds`): the
    quote rules look for a quote's cue in its own paragraph only."""
    index = _paragraph_at(paragraphs, offset)
    return paragraphs[index][1] if index < len(paragraphs) else offset + 1


def _paragraph_start(paragraphs: list[tuple[int, int]], offset: int) -> int:
    """The start of the paragraph holding `offset` (or `offset` past the last one)."""
    index = _paragraph_at(paragraphs, offset)
    return paragraphs[index][0] if index < len(paragraphs) else offset


def _paragraph_at(paragraphs: list[tuple[int, int]], offset: int) -> int:
    return bisect.bisect_right([end for _, end in paragraphs], offset)


def _may_attribute(sentence: Span) -> bool:
    """A verb with a cue lemma, a noun of saying before "that" or "to" ("Pyongyang's
    insistence that ...") or its topic ("his call for"), "according to", or a colon ("NAME:
    ...", "He put it:")."""
    words = [token.lower_ for token in sentence]
    if ":" in words or any(t.pos_ in VERBS and t.lemma_.lower() in CUE_LEMMAS for t in sentence):
        return True
    return any(
        (a.lower_ == "according" and b.lower_ == "to")
        or (a.pos_ == "NOUN" and a.lemma_.lower() in SAYING_NOUNS and b.lower_ in {"that", "to"})
        or (a.pos_ == "NOUN" and b.lower_ in TOPIC_NOUNS.get(a.lemma_.lower(), ()))
        for a, b in itertools.pairwise(sentence)
    )


def _sentences_between(starts: list[int], start: int, end: int) -> range:
    """Indices of the sentences overlapping the characters [start, end)."""
    first = _sentence_at(starts, start)
    last = _sentence_at(starts, max(start, end - 1))
    return range(first, last + 1)


def _sentence_at(starts: list[int], offset: int) -> int:
    return max(0, bisect.bisect_right(starts, offset) - 1)


def _antecedent_sentences(
    doc: Doc, sentences: list[Span], starts: list[int], selected: list[bool]
) -> set[int]:
    """Sentences naming the people a "he"/"she" of a selected sentence may refer to."""
    people = [ent.start_char for ent in doc.ents if ent.label_ in PERSON_LABELS]
    found: set[int] = set()
    for i, sentence in enumerate(sentences):
        if not selected[i]:
            continue
        for token in sentence:
            if token.lower_ in PRONOUNS:
                before = [start for start in people if start < token.idx][-ANTECEDENTS:]
                found.update(_sentence_at(starts, start) for start in before)
    return found


def _runs(selected: list[bool], sentences: list[Span]) -> list[tuple[int, int]]:
    """Token ranges of consecutive selected sentences."""
    runs: list[tuple[int, int]] = []
    for is_selected, sentence in zip(selected, sentences, strict=True):
        if not is_selected:
            continue
        if runs and runs[-1][1] == sentence.start:
            runs[-1] = (runs[-1][0], sentence.end)
        else:
            runs.append((sentence.start, sentence.end))
    return runs


def parse_selected(nlp: Language, docs: Iterable[Doc], batch_size: int) -> Iterator[Doc]:
    """`docs` (parsed but for the parser) with the parser run on their selected sentences.

    The pieces of `batch_size` docs go through the parser together: it is fastest on
    batches, and one article's pieces are few.
    """
    parser = nlp.get_pipe("parser")
    docs = iter(docs)
    while batch := list(itertools.islice(docs, batch_size)):
        runs = [_runs(attribution_sentences(doc), list(doc.sents)) for doc in batch]
        pieces = [
            piece for doc, spans in zip(batch, runs, strict=True) for piece in _pieces(doc, spans)
        ]
        parsed = iter(parser.pipe(pieces, batch_size=batch_size))
        for doc, spans in zip(batch, runs, strict=True):
            if spans:
                _copy_parse(doc, spans, list(itertools.islice(parsed, len(spans))))
            yield doc


def _pieces(doc: Doc, runs: list[tuple[int, int]]) -> list[Doc]:
    """Each run of tokens as a doc of its own, with the doc's annotations and tensor."""
    if not runs:
        return []
    attrs = doc._get_array_attrs()
    array = doc.to_array(attrs)
    return [doc[start:end].as_doc(array_head=attrs, array=array) for start, end in runs]


def _copy_parse(doc: Doc, runs: list[tuple[int, int]], pieces: list[Doc]) -> None:
    """Write the pieces' heads and labels into `doc`; sentence starts outside them stay."""
    senter = doc.to_array([SENT_START])
    tree = numpy.zeros((len(doc), 2), dtype="uint64")
    parsed = numpy.zeros(len(doc), dtype=bool)
    for (start, end), piece in zip(runs, pieces, strict=True):
        tree[start:end] = piece.to_array([HEAD, DEP])
        parsed[start:end] = True
    doc.from_array([HEAD, DEP], tree)  # sets every sentence start from the tree
    starts = numpy.where(parsed, doc.to_array([SENT_START]), senter)
    doc.from_array([SENT_START], starts)
