"""Quotes: find quoted speech and attribute it to the speaker its cue verb attaches to.

The rules, in order of confidence:
- `quote-marks+cue`: a span in quote marks with a speech verb in the same paragraph and
  sentence; the verb's subject is the speaker ("...,” said Leon Sigal).
- `quote-marks+continuation`: a quote with no cue of its own continues the previous
  quote of the paragraph (or of the paragraph before) and takes its speaker.
Short quoted spans with neither (scare quotes, titles, nicknames) are not quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsquotes.entities import Entity, entity_at
from newsquotes.records import stable_id

SPEECH_VERBS = frozenset(
    {
        "say",
        "tell",
        "add",
        "state",
        "explain",
        "note",
        "claim",
        "argue",
        "insist",
        "ask",
        "reply",
        "respond",
        "warn",
        "write",
        "announce",
        "declare",
        "suggest",
        "comment",
        "acknowledge",
        "admit",
        "recall",
        "describe",
        "emphasise",
        "emphasize",
        "stress",
        "urge",
        "predict",
        "remark",
        "conclude",
        "confirm",
        "deny",
        "report",
        "testify",
        "agree",
        "complain",
        "concede",
        "observe",
        "tweet",
        "quip",
        "joke",
        "caution",
        "vow",
        "promise",
        "continue",
    }
)
OPENING_TO_CLOSING = {"“": "”", '"': '"', "«": "»"}
MIN_WORDS_WITHOUT_CUE = 4
PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them"})
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+)$")


@dataclass
class QuoteSpan:
    """Content between a pair of quote marks: [start, end) excludes the marks."""

    start: int
    end: int
    paragraph: int


@dataclass
class Attribution:
    speaker: Span | None
    cue: Token | None
    description: str | None


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in re.finditer(r"\n\s*\n", text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Spans between matching double quote marks, paragraph by paragraph.

    A paragraph that opens a quote and does not close it ends the quote at its own end:
    the next paragraph's opening mark starts the continuation.
    """
    spans = []
    for index, (p_start, p_end) in enumerate(paragraph_bounds(text)):
        position = p_start
        while position < p_end:
            opening = next(
                (i for i in range(position, p_end) if text[i] in OPENING_TO_CLOSING), None
            )
            if opening is None:
                break
            closing_mark = OPENING_TO_CLOSING[text[opening]]
            closing = text.find(closing_mark, opening + 1, p_end)
            end = closing if closing != -1 else p_end
            start, stop = _trim(text, opening + 1, end)
            if start < stop:
                spans.append(QuoteSpan(start, stop, index))
            position = end + 1
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _find_cue(
    doc: Doc, quote: QuoteSpan, paragraph: tuple[int, int], quoted: list[QuoteSpan]
) -> Token | None:
    """The speech verb nearest the quote, in its sentences and paragraph, outside any quote."""
    first = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if first is None:
        return None
    sentence_start = first[0].sent.start_char
    sentence_end = first[-1].sent.end_char
    window_start, window_end = max(sentence_start, paragraph[0]), min(sentence_end, paragraph[1])
    candidates = [
        token
        for token in doc
        if window_start <= token.idx < window_end
        and token.lemma_.lower() in SPEECH_VERBS
        and token.pos_ in {"VERB", "AUX"}
        and not any(q.start - 1 <= token.idx < q.end + 1 for q in quoted)
    ]
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda t: t.idx - quote.end if t.idx >= quote.end else 10 * (quote.start - t.idx),
    )


def _speaker_of(cue: Token) -> Token | None:
    subjects = [child for child in cue.children if child.dep_ in {"nsubj", "nsubjpass"}]
    return subjects[0] if subjects else None


def _noun_phrase(head: Token) -> Span:
    """The head with its left modifiers (determiners, adjectives, compounds), not clauses."""
    left = head
    for child in head.lefts:
        if child.dep_ in {"det", "amod", "compound", "nummod", "poss", "nmod"}:
            left = min(left, child.left_edge, key=lambda t: t.i)
    return head.doc[left.i : head.i + 1]


def _describe(head: Token, speaker: Span) -> str | None:
    """An appositive ("a former State Department policy official") or a title ("President")."""
    for child in head.children:
        if child.dep_ == "appos":
            return head.doc[child.left_edge.i : child.right_edge.i + 1].text.strip(" ,")
    titles = [t.text for t in head.lefts if t.dep_ == "compound" and t.i < speaker.start]
    return " ".join(titles) or None


def attribute(doc: Doc, cue: Token, entities: list[Entity]) -> Attribution:
    head = _speaker_of(cue)
    if head is None:
        return Attribution(None, cue, None)
    found = entity_at(entities, head.idx, head.idx + len(head))
    if found:
        mention = found[1]
        speaker = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    elif head.pos_ == "PRON":
        speaker = head.doc[head.i : head.i + 1]
    else:
        speaker = _noun_phrase(head)
    return Attribution(speaker, cue, _describe(head, speaker))


def _resolve(speaker: Span, entities: list[Entity]) -> Entity | None:
    """The entity a speaker mention names; a pronoun resolves to the nearest person before it."""
    if speaker.text.lower() in PRONOUNS:
        people = [
            (m.start, e)
            for e in entities
            if e.label == "PERSON"
            for m in e.mentions
            if m.end <= speaker.start_char
        ]
        return max(people, key=lambda pair: pair[0])[1] if people else None
    found = entity_at(entities, speaker.start_char, speaker.end_char)
    return found[0] if found else None


def _kind(text: str, quote: QuoteSpan, paragraph_start: int) -> str:
    before = text[paragraph_start : quote.start - 1]
    return "direct" if _SENTENCE_START.search(before) or not before.strip() else "mixed"


def extract_quotes(doc: Doc, entities: list[Entity], article_id: str) -> list[dict]:
    """Quote rows for one parsed article."""
    text = doc.text
    paragraphs = paragraph_bounds(text)
    quoted = find_quote_spans(text)
    rows: list[dict] = []
    previous: dict | None = None
    for quote in quoted:
        paragraph = paragraphs[quote.paragraph]
        cue = _find_cue(doc, quote, paragraph, quoted)
        words = len(text[quote.start : quote.end].split())
        if cue is not None:
            attribution, rule, confidence = attribute(doc, cue, entities), "quote-marks+cue", 0.9
        elif previous is not None and previous["_paragraph"] >= quote.paragraph - 1 and words >= 2:
            rows.append(_continuation(previous, quote, text, paragraphs, article_id))
            previous = rows[-1]
            continue
        elif words >= MIN_WORDS_WITHOUT_CUE:
            attribution, rule, confidence = Attribution(None, None, None), "quote-marks", 0.4
        else:
            continue
        row = _row(text, quote, paragraph[0], article_id, attribution, entities, rule, confidence)
        rows.append(row)
        previous = row
    for row in rows:
        row.pop("_paragraph")
    return rows


def _row(
    text: str,
    quote: QuoteSpan,
    paragraph_start: int,
    article_id: str,
    attribution: Attribution,
    entities: list[Entity],
    rule: str,
    confidence: float,
) -> dict:
    speaker, cue = attribution.speaker, attribution.cue
    entity = _resolve(speaker, entities) if speaker is not None else None
    return {
        "quote_id": stable_id(article_id, quote.start, quote.end),
        "article_id": article_id,
        "text": text[quote.start : quote.end],
        "start": quote.start,
        "end": quote.end,
        "kind": _kind(text, quote, paragraph_start),
        "speaker": speaker.text if speaker is not None else None,
        "speaker_start": speaker.start_char if speaker is not None else None,
        "speaker_end": speaker.end_char if speaker is not None else None,
        "speaker_entity_id": entity.entity_id if entity else None,
        "speaker_name": entity.name if entity and entity.label == "PERSON" else None,
        "speaker_description": attribution.description,
        "cue": cue.text if cue is not None else None,
        "cue_start": cue.idx if cue is not None else None,
        "cue_end": cue.idx + len(cue) if cue is not None else None,
        "cue_lemma": cue.lemma_ if cue is not None else None,
        "rule": rule,
        "confidence": confidence,
        "_paragraph": quote.paragraph,
    }


def _continuation(previous: dict, quote: QuoteSpan, text: str, paragraphs, article_id: str) -> dict:
    """A quote without a cue of its own, attributed like the quote it continues."""
    inherited = {k: previous[k] for k in previous if k.startswith("speaker") or k.startswith("cue")}
    return {
        "quote_id": stable_id(article_id, quote.start, quote.end),
        "article_id": article_id,
        "text": text[quote.start : quote.end],
        "start": quote.start,
        "end": quote.end,
        "kind": _kind(text, quote, paragraphs[quote.paragraph][0]),
        **inherited,
        "rule": "quote-marks+continuation",
        "confidence": 0.75,
        "_paragraph": quote.paragraph,
    }
