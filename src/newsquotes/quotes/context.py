"""The shared context of the quote rules: one parsed article with its lookups, and the
`Found` record every rule produces before it becomes a row of `quotes`."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsquotes.entities.extract import Entity, entity_at
from newsquotes.quotes.attribution import (
    Speaker,
    according_to,
    is_cue,
    relative_subject,
    speaker_for,
)
from newsquotes.quotes.coref import pronoun_genders
from newsquotes.quotes.marks import QuoteSpan, find_quote_spans, paragraph_bounds

_FINAL_PUNCTUATION = ".!?:\"”’»)'…"
_EDGE = " \n,;:—–-"
_CLOSING = " \n.!?\"”’')"


@dataclass
class Found:
    """A quote before it becomes a row: its span, kind, cue, speaker and the rule that found it."""

    start: int
    end: int
    kind: str
    rule: str
    confidence: float
    cue: Span | None = None
    speaker: Speaker | None = None
    paragraph: int = 0
    parent: Found | None = None
    inherited: Found | None = field(default=None, repr=False)


class ArticleContext:
    """One parsed article with the lookups every rule needs."""

    def __init__(self, doc: Doc, entities: list[Entity]):
        self.doc, self.text, self.entities = doc, doc.text, entities
        self.paragraphs = paragraph_bounds(self.text)
        self.quotes = find_quote_spans(self.text)
        self.headlines = {
            i
            for i, (s, e) in enumerate(self.paragraphs)
            if self.text[s:e].rstrip()[-1:] not in _FINAL_PUNCTUATION
        }
        self.genders = pronoun_genders(doc, entities)

    def paragraph_of(self, offset: int) -> int:
        for index, (start, end) in enumerate(self.paragraphs):
            if offset < end:
                return index if offset >= start else max(index - 1, 0)
        return len(self.paragraphs) - 1

    def quoted(self, offset: int) -> QuoteSpan | None:
        return next((q for q in self.quotes if q.mark_start <= offset < q.mark_end), None)

    def outside(self, token: Token) -> bool:
        return self.quoted(token.idx) is None

    def cues(self, tags: frozenset[str] = frozenset()) -> list[Token]:
        """Cue verbs outside quote marks; `tags` adds verbs that are cues only next to a quote."""
        return [t for t in self.doc if is_cue(t, tags) and self.quoted(t.idx) is None]


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE + ".":
        end -= 1
    return start, end


def extend_to_marks(
    article: ArticleContext, start: int, end: int
) -> tuple[int, int, list[QuoteSpan]]:
    """Widen a clause to the marks of the quotes it cuts through; the quotes inside it."""
    inside = [q for q in article.quotes if q.mark_start < end and start < q.mark_end]
    for quote in inside:
        if quote.mark_start >= start:
            end = max(end, quote.mark_end)
        else:
            start = min(start, quote.mark_start)
    return start, end, inside


def speaker_at(article: ArticleContext, subject: Token | None) -> Speaker | None:
    """The speaker mention at a subject outside quote marks."""
    if subject is None or article.quoted(subject.idx) is not None:
        return None
    return speaker_for(article.doc, subject, article.entities)


def relative_speaker(
    article: ArticleContext, cue: Token, speaker: Speaker | None
) -> Speaker | None:
    """The speaker of a cue in a relative clause ("Mr. Kamin, who emphasized that ...") as
    its relative pronoun, the mention that is the cue's subject (as PolNeAR marks it), standing
    for the antecedent `speaker`: its entity, its head (the speaker type) and, when it names
    no entity, its words as the description ("an architect, who said ...")."""
    pronoun = relative_subject(cue)
    if speaker is None or pronoun is None or article.quoted(pronoun.idx) is not None:
        return speaker
    root = speaker.span.root
    found = (
        speaker.entity or (entity_at(article.entities, root.idx, root.idx + len(root)) or [None])[0]
    )
    description = speaker.description or (None if found else speaker.span.text)
    mention = article.doc[pronoun.i : pronoun.i + 1]
    return Speaker(mention, speaker.head, description, found, speaker.kind)


def second_hand(article: ArticleContext, cue: Token) -> bool:
    """Whether an "according to X" closes the cue's sentence ("“...,” Sanders said, according
    to CNN"): the writer has the report from X, the source PolNeAR marks for all of it. Not
    one inside what was said ("said the firm, according to its filings, lost ...")."""
    sentence = cue.sent
    for token in article.doc[cue.i + 1 : sentence.end]:
        if according_to(token) is None or not article.outside(token):
            continue
        last = token.right_edge
        closes = not article.text[last.idx + len(last) : sentence.end_char].strip(_CLOSING)
        if closes and article.doc[token.i - 1].text == ",":
            return True
    return False
