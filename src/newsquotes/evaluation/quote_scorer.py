"""Character-level scoring of predicted quotes against PolNeAR-style gold attributions.

Definitions (issue 3), all at character level:
- precision: share of predicted quotes with at least half of their characters inside the
  content of one gold attribution of any kind (beliefs and polls included);
- recall: share of gold items whose content is at least half covered by the predictions
  inside it (a prediction is inside an item when at least half of it is in its content);
- exact: share of gold items whose predictions inside it, joined in order, equal the gold
  content once quote marks, end punctuation and whitespace are stripped;
- speaker accuracy: among found gold items, the share whose most-overlapping prediction has
  a speaker mention overlapping a gold source span, or a speaker name containing the gold
  source's surname.
Subsets, each over gold items with a source: `direct` (content starts and ends with a quote
mark), `quoted` (direct, or a double quote mark inside: mixed) and `speech` (the cue is a
speech verb, "according to" or a colon). Precision of a subset counts the predictions of the
matching kinds: direct for `direct`, direct and mixed for `quoted`, all for `speech`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

DOUBLE_MARKS = '"“”«»„'
SINGLE_MARKS = "'‘’‹›"
QUOTE_MARKS = DOUBLE_MARKS + SINGLE_MARKS
_END_PUNCTUATION = ".,;:!?…—–-"
_STRIP = QUOTE_MARKS + _END_PUNCTUATION + " \t\n\u00a0"
_WHITESPACE = re.compile(r"\s+")
_WORD = re.compile(r"[A-Za-z][\w.'’-]*")
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"})
# The verbs of saying that put a gold cue in the `speech` subset (fixed, not tuned).
SPEECH_CUE_LEMMAS = frozenset(
    """say tell add state explain note claim argue insist ask reply respond warn write announce
    declare suggest comment acknowledge admit recall describe emphasize emphasise stress urge
    predict remark conclude confirm deny report testify complain concede observe tweet quip
    joke caution vow promise mention call contend assert allege maintain repeat reiterate
    answer speak shout yell boast brag counter retort accuse""".split()  # noqa: SIM905
)
_IRREGULAR_FORMS = {
    "said": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "spoke": "speak",
    "spoken": "speak",
}
SUBSETS = ("direct", "quoted", "speech")
PREDICTED_KINDS = {"direct": {"direct"}, "quoted": {"direct", "mixed"}, "speech": None}


@dataclass(frozen=True)
class GoldItem:
    """One gold attribution: content, source and cue spans as (start, end) offsets."""

    contents: tuple[tuple[int, int], ...]
    sources: tuple[tuple[int, int], ...] = ()
    cue_text: str = ""


@dataclass(frozen=True)
class Prediction:
    start: int
    end: int
    kind: str
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_name: str | None = None


@dataclass
class Counts:
    predicted: int = 0
    precise: int = 0
    gold: int = 0
    found: int = 0
    exact: int = 0
    speaker_right: int = 0

    def add(self, other: Counts) -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)

    @property
    def precision(self) -> float:
        return self.precise / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def exact_share(self) -> float:
        return self.exact / self.gold if self.gold else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.found if self.found else 0.0


@dataclass
class Scores:
    subsets: dict[str, Counts] = field(default_factory=lambda: {s: Counts() for s in SUBSETS})

    def add(self, other: Scores) -> None:
        for name, counts in other.subsets.items():
            self.subsets[name].add(counts)


def is_speech_cue(cue_text: str) -> bool:
    """A speech verb, "according to" or a colon, in the gold cue's words."""
    lowered = cue_text.lower()
    if "according to" in lowered or lowered.strip().endswith(":"):
        return True
    return any(_lemma(word) in SPEECH_CUE_LEMMAS for word in re.findall(r"[a-z]+", lowered))


def _lemma(word: str) -> str:
    """A verb form's lemma, enough for the regular forms of the cue list."""
    if word in _IRREGULAR_FORMS:
        return _IRREGULAR_FORMS[word]
    for suffix, replacements in (
        ("ies", ("y",)),
        ("ied", ("y",)),
        ("ing", ("", "e")),
        ("ed", ("", "e")),
        ("es", ("", "e")),
        ("s", ("",)),
    ):
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            for replacement in replacements:
                if stem + replacement in SPEECH_CUE_LEMMAS:
                    return stem + replacement
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in SPEECH_CUE_LEMMAS:
                return stem[:-1]
    return word


def subsets_of(text: str, item: GoldItem) -> set[str]:
    """The subsets a gold item belongs to (none without a source or content)."""
    if not item.sources or not item.contents:
        return set()
    spans = sorted(item.contents)
    content = "".join(text[s:e] for s, e in spans).strip()
    first, last = text[spans[0][0] : spans[0][1]].strip(), text[spans[-1][0] : spans[-1][1]].strip()
    direct = bool(first and last) and first[0] in DOUBLE_MARKS and last[-1] in DOUBLE_MARKS
    found = set()
    if direct:
        found.add("direct")
    if direct or any(mark in content for mark in DOUBLE_MARKS):
        found.add("quoted")
    if is_speech_cue(item.cue_text):
        found.add("speech")
    return found


def _chars(spans: Iterable[tuple[int, int]]) -> set[int]:
    return {i for start, end in spans for i in range(start, end)}


def normalise(pieces: Iterable[str]) -> str:
    """Pieces without quote marks, end punctuation and whitespace, joined."""
    stripped = []
    for piece in pieces:
        for part in re.split(r"\n", piece):
            stripped.append(part.strip(_STRIP))
    return _WHITESPACE.sub("", "".join(stripped)).translate({ord(m): None for m in DOUBLE_MARKS})


def surname(source: str) -> str | None:
    """The last capitalised word of a source's name part ("Rep. Jim Clyburn (D-S.C.), head")."""
    head = re.sub(r"\([^)]*\)", " ", source.split(",")[0])
    words = [w.strip(".'’") for w in _WORD.findall(head) if w[0].isupper()]
    words = [w for w in words if w.lower() not in PRONOUNS and len(w) > 1]
    return words[-1] if words else None


def _speaker_right(text: str, item: GoldItem, prediction: Prediction) -> bool:
    start, end = prediction.speaker_start, prediction.speaker_end
    if (
        start is not None
        and end is not None
        and any(start < e and s < end for s, e in item.sources)
    ):
        return True
    if prediction.speaker_name:
        names = {w.strip(".'’").casefold() for w in prediction.speaker_name.split()}
        for start, end in item.sources:
            name = surname(text[start:end])
            if name and name.casefold() in names:
                return True
    return False


def counts_in(subset: str, kind: str) -> bool:
    """Whether a prediction of this kind counts in the subset's precision."""
    kinds = PREDICTED_KINDS[subset]
    return kinds is None or kind in kinds


@dataclass(frozen=True)
class ItemMatch:
    """How one gold item fared: the predictions inside it in text order, whether they cover
    it (found), equal it (exact), and whether the most-overlapping one names its speaker."""

    members: tuple[int, ...]
    found: bool
    exact: bool = False
    speaker_right: bool = False
    best: int | None = None


def match_document(
    text: str, gold: list[GoldItem], predictions: list[Prediction]
) -> tuple[list[ItemMatch], set[int]]:
    """Each gold item's match, and the indexes of the precise predictions (inside an item).

    The one place the definitions above are applied: scores and error dumps both read it.
    """
    contents = [_chars(item.contents) for item in gold]
    predicted = [set(range(p.start, p.end)) for p in predictions]
    matches = []
    for item, content in zip(gold, contents, strict=True):
        inside = [
            j
            for j, chars in enumerate(predicted)
            if chars and 2 * len(chars & content) >= len(chars)
        ]
        members = sorted(inside, key=lambda j: predictions[j].start)
        covered = set().union(*(predicted[j] for j in members)) & content
        if not content or 2 * len(covered) < len(content):
            matches.append(ItemMatch(tuple(members), found=False))
            continue
        joined = normalise(text[predictions[j].start : predictions[j].end] for j in members)
        exact = joined == normalise(text[s:e] for s, e in sorted(item.contents))
        best = max(inside, key=lambda j: len(predicted[j] & content))
        right = _speaker_right(text, item, predictions[best])
        matches.append(ItemMatch(tuple(members), True, exact, right, best))
    precise = {j for match in matches for j in match.members}
    return matches, precise


def score_document(text: str, gold: list[GoldItem], predictions: list[Prediction]) -> Scores:
    """Counts of one document for every subset."""
    scores = Scores()
    matches, precise = match_document(text, gold, predictions)
    for subset in SUBSETS:
        counts = scores.subsets[subset]
        chosen = [j for j, p in enumerate(predictions) if counts_in(subset, p.kind)]
        counts.predicted = len(chosen)
        counts.precise = sum(1 for j in chosen if j in precise)
        for item, match in zip(gold, matches, strict=True):
            if subset not in subsets_of(text, item):
                continue
            counts.gold += 1
            if match.found:
                counts.found += 1
                counts.exact += match.exact
                counts.speaker_right += match.speaker_right
    return scores
