"""In-body boilerplate: lines and paragraphs of a page or feed that are not the article.

Rules are about kinds of lines, never about a particular site: navigation and promotion
labels ("Read more: ...", "Advertisement", share and follow lines, copyright and reporting
credits), bare links and timestamps; and, in plain-text inputs (web pages are judged by the
extractor, which sees their markup), pull quotes that repeat a sentence of the body with
their speaker line, and related-article headlines standing alone between paragraphs.
Everything works on a list of paragraphs and returns a shorter list.
"""

from __future__ import annotations

import re

# (most words, pattern): a line is boilerplate when it is that short and matches in full.
_LINE_RULES = [
    # labels that stand alone
    (
        6,
        r"(advertisement|advertising|sponsored( content)?|comments?|tags?|share( this)?"
        r"( article| story)?|print( this)?( article| page)?|-? ?order reprints|-? ?print article"
        r"|more|related|thank you)\W*",
    ),
    # promotion and navigation, introduced by a label and a colon or bar
    (
        25,
        r"\[?(read more|see more|more|related|related (post|posts|stories|articles?|coverage"
        r"|content)|also read|read also|see also|recommended|watch|listen|download|itunes"
        r"|filed under|source|more from [^:|]{1,40}|most read[^:|]{0,40})\s*[:|].*",
    ),
    (12, r"(you may also like|don'?t miss|most (read|popular|viewed)\b).*"),
    (20, r"follow\b.*\b(twitter|facebook|instagram|youtube|linkedin|tiktok)\b.*"),
    (20, r"(subscribe|sign up|register)\b.*\b(newsletters?|updates|alerts?|subscription)\b.*"),
    (20, r".*\bshare (it|this|on)\b.*\b(friend|facebook|twitter|email)\b.*"),
    (30, r"(click|tap) (here|to)\b.*|.*\bclick here\b.*|.*click to tweet"),
    (40, r".*\b(sign up|subscribe)\b.*\b(newsletters?|inbox)\b.*"),
    (40, r"if you (enjoyed|liked) this (article|story)\b.*|this copy is for your personal\b.*"),
    (12, r"also on \S+\.\w+\b.*"),
    # contact lines: "Email Jo at jo@x.com or follow him @jo", "Reach the reporter on Twitter"
    (40, r".*\b(follow|reach|e-?mail|contact)\w*\b.*(\S+@\S+\.\w+|\s@\w+|twitter\.com/).*"),
    (12, r"tell us what you think.*|an error (has )?occurred\b.*"),
    (15, r"(copyright|©|\(c\))\W.*\d{4}.*|.*\ball rights reserved\b.*"),
    (
        25,
        r"\(?(additional reporting|reporting|writing|editing) by\b.*"
        r"|.*\bcontributed (reporting|to this report)\b.*",
    ),
    (15, r"write to \S.* at \S+@\S+"),
    (
        12,
        r"(image|photo|picture) (copyright|caption|credit)\b.*|getty images"
        r"|media playback is unsupported on your device",
    ),
    # bare links and addresses
    (1, r"(https?://|www\.)\S+|\S+@\S+\.\w+"),
    # bare timestamps and "Updated at 1:23 p.m."
    (2, r"\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d)?(\.\d+)?([+-]\d\d:?\d\d|Z)?)?"),
    (8, r"(updated|published|posted|last modified)( at| on)?:? .{0,30}\d.{0,20}"),
    (10, r"(?=.*\b(19|20)\d\d\b)(?=.*\b\d{1,2}:\d\d\b).*[^.]"),
    # a headline with a section tag, e.g. "Plague warning: ... [INSIGHT]"
    (20, r"(?-i:.*\w.*\s\[[A-Z][A-Z ]{2,}\]\W*)"),
]
MAX_LINE_CHARS = 1000  # a boilerplate line is short in characters too (one huge token is not)
_COMPILED_RULES = [(words, re.compile(rule, re.IGNORECASE)) for words, rule in _LINE_RULES]
_LONGEST_RULE = max(words for words, _ in _LINE_RULES)
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)\]]$")
_WORD = re.compile(r"\w+")
_WIRE_SIGNOFF = re.compile(r"(reuters?|ap|afp|upi)\W*", re.IGNORECASE)
_TRAILING_SIGNOFF = re.compile(r"(?<=[.!?\"”])\s+(?i:reuters?)\W*$")


def is_boilerplate_line(line: str) -> bool:
    """A short line that is navigation, promotion, a credit, a bare link or timestamp."""
    stripped = line.strip()
    if len(stripped) > MAX_LINE_CHARS:  # also keeps the rules' regexes linear in practice
        return False
    words = len(stripped.split())
    if words > _LONGEST_RULE:
        return False
    return any(words <= most and rule.fullmatch(stripped) for most, rule in _COMPILED_RULES)


def drop_boilerplate_lines(paragraphs: list[str]) -> list[str]:
    """Paragraphs without boilerplate lines (a paragraph may lose some lines or all)."""
    kept = []
    for paragraph in paragraphs:
        lines = [line for line in paragraph.split("\n") if not is_boilerplate_line(line)]
        if lines:
            kept.append("\n".join(lines))
    return kept


_AGENCIES = {"reuter": "Reuters", "reuters": "Reuters", "ap": "AP", "afp": "AFP", "upi": "UPI"}
_AGENCY = re.compile(r"reuters?|ap|afp|upi", re.IGNORECASE)


def agency(credit: str | None) -> str | None:
    """The news agency a credit names ("Reuter", "(AP)"), or None."""
    match = _AGENCY.fullmatch((credit or "").strip(" \t()."))
    return _AGENCIES[match.group(0).lower()] if match else None


def wire_signoff(paragraphs: list[str]) -> str | None:
    """The agency of the closing sign-off that `drop_wire_signoff` removes, or None."""
    if not paragraphs:
        return None
    last_line = paragraphs[-1].split("\n")[-1].strip()
    if _WIRE_SIGNOFF.fullmatch(last_line):
        return agency(re.sub(r"\W+$", "", last_line))
    trailing = _TRAILING_SIGNOFF.search(paragraphs[-1])
    return agency(re.sub(r"\W+", "", trailing.group(0))) if trailing else None


def drop_wire_signoff(paragraphs: list[str]) -> list[str]:
    """Without a final "Reuter"/"AP" sign-off: its own paragraph, line, or ending the last one."""
    if paragraphs and _WIRE_SIGNOFF.fullmatch(paragraphs[-1].strip()):
        return paragraphs[:-1]
    if paragraphs:
        *lines, last_line = paragraphs[-1].split("\n")
        if lines and _WIRE_SIGNOFF.fullmatch(last_line.strip()):
            return [*paragraphs[:-1], "\n".join(lines)]
        last = _TRAILING_SIGNOFF.sub("", paragraphs[-1])
        return [*paragraphs[:-1], last] if last else paragraphs[:-1]
    return paragraphs


def _normalised_words(text: str) -> str:
    return " " + " ".join(_WORD.findall(text.lower())) + " "


def _is_headline_like(line: str, max_words: int = 20) -> bool:
    """One short line that does not end like a sentence and starts with a capital."""
    words = line.split()
    return (
        "\n" not in line
        and 3 <= len(words) <= max_words
        and line[:1].isupper()
        and not _SENTENCE_END.search(line)
    )


def _is_speaker_line(line: str) -> bool:
    words = line.split()
    return "\n" not in line and 2 <= len(words) <= 15 and line[:1].isupper() and line[-1] != "."


def drop_pull_quotes(paragraphs: list[str]) -> list[str]:
    """Without pull quotes: a short line repeating part of a longer paragraph, and its speaker.

    A pull quote is a paragraph (or the first line of a two-line paragraph) of 5-40 words
    whose words all occur, in order and together, inside a longer paragraph of the body. A
    short line that follows it without a final full stop (in the same paragraph or as the
    next one) is its speaker line and goes too.
    """
    firsts = {i: _normalised_words(p.split("\n")[0]) for i, p in enumerate(paragraphs)}
    candidates = {
        i: first
        for i, first in firsts.items()
        if paragraphs[i].count("\n") <= 1 and 5 <= first.count(" ") - 1 <= 40
    }
    repeating = _repeating(candidates, [_normalised_words(p) for p in paragraphs])
    kept: list[str] = []
    skip_speaker = False
    for index, paragraph in enumerate(paragraphs):
        lines = paragraph.split("\n")
        if skip_speaker and len(lines) == 1 and _is_speaker_line(lines[0]):
            skip_speaker = False
            continue
        skip_speaker = False
        if index in repeating:
            if len(lines) == 2 and not _is_speaker_line(lines[1]):
                kept.append(lines[1])
            skip_speaker = len(lines) == 1
            continue
        kept.append(paragraph)
    return kept


def _repeating(candidates: dict[int, str], paragraphs: list[str]) -> set[int]:
    """The candidates (index -> normalised line) that occur inside a longer paragraph other
    than their own. Linear in the text: a paragraph is searched only for the lines whose
    first five words it contains, not for every line."""
    by_head: dict[str, list[int]] = {}
    for index, line in candidates.items():
        by_head.setdefault(" ".join(line.split()[:5]), []).append(index)
    found: set[int] = set()
    for own, paragraph in enumerate(paragraphs):
        words = paragraph.split()
        for start in range(len(words) - 4):
            for index in by_head.get(" ".join(words[start : start + 5]), ()):
                line = candidates[index]
                if index != own and len(paragraph) > len(line) and line in paragraph:
                    found.add(index)
    return found


def drop_related_headlines(paragraphs: list[str]) -> list[str]:
    """Without headline-like paragraphs standing alone between body paragraphs (plain text)."""
    if len(paragraphs) < 3:
        return paragraphs
    kept = [paragraphs[0]]
    for paragraph in paragraphs[1:-1]:
        if not _is_headline_like(paragraph):
            kept.append(paragraph)
    kept.append(paragraphs[-1])
    return kept
