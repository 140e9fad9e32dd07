"""Quote marks: pair opening and closing marks into the spans of text they quote.

Pairing works paragraph by paragraph on the shape of the marks (“ ” « » „, and ’’, which
closes as ” does in some wire copy) and, for marks with no direction (" and the newswire
''), on what flanks them: an opening mark is followed by text and preceded by a space;
inside a quote, any other mark closes it. A paragraph that
opens a quote and does not close it continues in the next paragraph when that one opens
with a quote mark (the newspaper convention for multi-paragraph quotes). Single marks
(‘ ’ ') inside a double quote are nested quotes; elsewhere they are apostrophes or
headline quotes and are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_DOUBLE = re.compile(r"''|’’|[\"“”«»„]")
_SINGLE = re.compile(r"['‘’]")
_INNER_DOUBLE = re.compile(r"“([^“”]+)”")
_OPENING_SHAPES = "“«„"
_CLOSING_SHAPES = ("”", "»", "’’")  # ’’: the closing double mark of some wire copy
_LINE_BREAK = re.compile(r"\n\s*")
_PARAGRAPH_END = ".!?:\"”’»)'…"


@dataclass
class QuoteSpan:
    """Content between quote marks: [start, end) excludes the marks and edge whitespace.

    `mark_start`/`mark_end` include the marks; `paragraph` is the index of the paragraph
    the quote opens in; `nested` are the single-quoted spans inside it.
    """

    start: int
    end: int
    mark_start: int
    mark_end: int
    paragraph: int
    closed: bool = True
    last_paragraph: int = -1
    nested: list[QuoteSpan] = field(default_factory=list)

    def contains(self, start: int, end: int) -> bool:
        return self.mark_start <= start and end <= self.mark_end


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph.

    A blank line always ends a paragraph; a single line break ends one only after
    sentence-final punctuation or a quote mark, or before an opening quote mark, so
    hard-wrapped lines stay together.
    """
    bounds, start = [], 0
    for match in _LINE_BREAK.finditer(text):
        blank = "\n" in match.group()[1:]
        ended = text[: match.start()].rstrip()[-1:] in _PARAGRAPH_END
        if not (blank or ended or text[match.end() : match.end() + 1] in _OPENING_SHAPES):
            continue
        if match.start() > start:
            bounds.append((start, match.start()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def _opens(text: str, start: int, end: int, lower: int) -> bool:
    """Followed by text, and preceded by a space, the paragraph start or an opening bracket."""
    after = text[end : end + 1]
    before = text[start - 1] if start > lower else " "
    return bool(after) and not after.isspace() and (before.isspace() or before in "([{—–-/")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _pairs_in(text: str, lower: int, upper: int) -> list[tuple[int, int, int, int, bool]]:
    """(open mark start, content start, content end, close mark end, closed) in one paragraph.

    Inside a quote opened by “, another “ opens a nested quote that its ” closes; inside a
    quote opened by a mark with no direction, an opening mark means the quote was not closed.
    """
    pairs = []
    opened: tuple[int, int] | None = None
    depth = 0
    for match in _DOUBLE.finditer(text, lower, upper):
        mark, start, end = match.group(), match.start(), match.end()
        if opened is None:
            if (
                mark in _OPENING_SHAPES
                or (mark not in _CLOSING_SHAPES or start == lower)
                and _opens(text, start, end, lower)
            ):
                opened, depth = (start, end), 0
            continue
        if mark in _OPENING_SHAPES and _opens(text, start, end, lower):
            if text[opened[0]] in _OPENING_SHAPES:
                depth += 1
                continue
            pairs.append((opened[0], opened[1], start, start, False))
            opened = (start, end)
        elif depth and mark in _CLOSING_SHAPES:
            depth -= 1
        elif mark in _CLOSING_SHAPES or not _opens(text, start, end, lower):
            pairs.append((opened[0], opened[1], start, end, True))
            opened = None
        else:
            pairs.append((opened[0], opened[1], start, start, False))
            opened = (start, end)
    if opened is not None:
        pairs.append((opened[0], opened[1], upper, upper, False))
    return pairs


def _nested_in(text: str, start: int, end: int, paragraph: int) -> list[QuoteSpan]:
    """Quotes inside a double quote: single-quoted (apostrophes inside words are not marks)
    and double-quoted ones."""
    spans, opened = [], None
    for match in _SINGLE.finditer(text, start, end):
        position = match.start()
        before = text[position - 1] if position > start else " "
        after = text[position + 1] if position + 1 < end else " "
        if (
            opened is None
            and match.group() in "‘'"
            and not before.isalnum()
            and not after.isspace()
        ):
            opened = position
        elif (
            opened is not None
            and match.group() in "’'"
            and not after.isalpha()
            and not before.isspace()
        ):
            c_start, c_end = _trim(text, opened + 1, position)
            if c_start < c_end:
                spans.append(QuoteSpan(c_start, c_end, opened, position + 1, paragraph))
            opened = None
    for match in _INNER_DOUBLE.finditer(text, start, end):
        c_start, c_end = _trim(text, match.start(1), match.end(1))
        if c_start < c_end:
            spans.append(QuoteSpan(c_start, c_end, match.start(), match.end(), paragraph))
    return sorted(spans, key=lambda span: span.start)


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every double-quoted span in order, multi-paragraph quotes joined into one span."""
    spans: list[QuoteSpan] = []
    for index, (lower, upper) in enumerate(paragraph_bounds(text)):
        for mark_start, start, end, mark_end, closed in _pairs_in(text, lower, upper):
            previous = spans[-1] if spans else None
            if (
                previous is not None
                and not previous.closed
                and previous.last_paragraph == index - 1
                and mark_start == lower
            ):
                previous.end, previous.mark_end, previous.closed = end, mark_end, closed
                previous.last_paragraph = index
                previous.start, previous.end = _trim(text, previous.start, previous.end)
                continue
            c_start, c_end = _trim(text, start, end)
            if c_start < c_end:
                spans.append(QuoteSpan(c_start, c_end, mark_start, mark_end, index, closed, index))
    for span in spans:
        span.nested = _nested_in(text, span.start, span.end, span.paragraph)
    return spans
