"""Quote-mark rules: who said a quote in quote marks, each rule recorded on its rows with a
confidence:
- `quote-marks+cue`: a quote with a cue it hangs from in the parse, or next to it in its
  sentence or right after it ("...,” said Leon Sigal; when the parse gives the cue no
  subject, the words between the quote and the cue, "...,” an aide told Fox News", or the
  name in that tag); a partial quote after its cue is a mixed quote of the cue's
  complement (also a quote right after its cue when the quote's clause runs on after it:
  "said “...” to drive up the stock"); `quote-marks+intro` when a sentence ending in a colon or
  comma introduces it ("He said:"), or the sentence or clause before it in its paragraph tells
  what a person did ("Clinton touted her record. “...”", "Trump issued a statement, “...”");
  `quote-marks+dash` for "“...” ― Name".
- `quote-marks+continuation`: a quote with no cue of its own (a floating quote) continues the
  attributed quote before it, in its paragraph or the one before, and takes its speaker.
- `quote-marks+verb`: a quoted fragment in a clause of another verb ("X called them
  “deplorables”") is a mixed quote of that verb's subject.
- `quote-marks`: a long quote with no cue and nothing to continue: unattributed.
- `nested`: a quote inside a quote gets its own row, linked to the outer one.
Titles, nicknames and scare quotes (Title Case or short fragments of other verbs) are not
quotes; a quote repeating another one with no cue of its own (a pull quote) is kept once,
one a cue tags again is said again (a live blog's update quoting the same tweet).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from newsquotes.entities.extract import entity_at
from newsquotes.names import PERSON_LABELS
from newsquotes.quotes.attribution import (
    SPEECH_VERBS,
    Speaker,
    according_to,
    noun_before,
    speaker_for,
    subject_of,
)
from newsquotes.quotes.context import (
    ArticleContext,
    Found,
    relative_speaker,
    second_hand,
    speaker_at,
    trimmed,
)
from newsquotes.quotes.marks import QuoteSpan
from newsquotes.quotes.reported import (
    cut_at_next_cue,
)

MIN_WORDS_WITHOUT_CUE = 6
NAMED_LABELS = PERSON_LABELS | {"ORG"}
MAX_WORDS_SCARE_QUOTE = 6
CUE_AFTER_QUOTE_TOKENS = 8
MAX_HEAD_STEPS = 8  # how far up the parse a word after a quote is traced to the quote
CLAUSES = frozenset({"ccomp", "dobj", "xcomp", "oprd"})
# Verbs that tag a quote next to them ("...,” Oliver barked.) but report nothing on their own.
DIALOGUE_TAGS = frozenset(
    """continue go question bark chant read interject snap muse sigh laugh scream cry marvel
    gush fire shoot whisper mutter grumble sneer""".split()  # noqa: SIM905
)
# Inverted cues opening a sentence before a quote ("Said Ellis:", "Continued Stone:").
INVERTED_CUES = frozenset(
    "said says added adds continued continues stated asked wrote writes explained noted".split()  # noqa: SIM905
)
# Verbs that characterise what someone said: a short quote after them is theirs, not a scare quote.
CHARACTERISING_VERBS = frozenset(
    """call dub label brand term describe characterize characterise dismiss deride mock
    criticize criticise praise hail blast slam attack denounce condemn decry tout pledge
    refer put chant sing""".split()  # noqa: SIM905
)
_TITLE_WORD = re.compile(
    r"^[A-Z0-9][\w’'.-]*[,:!?]?$|^(?:of|the|a|an|and|in|on|to|for|at|with|by|from|or)$"
)
_QUOTE_MARKS = '"“”«»„'
_DASH_NAME = re.compile(r"^\s*[―—–-]\s*([A-Z][^\n,.;]{1,60})")


def _cue_for_quote(article: ArticleContext, quote: QuoteSpan, cues: list[Token]) -> Token | None:
    """The cue nearest a quote, in its sentences or just after its closing mark.

    A cue right before the quote that introduces it ("X said, “...”") wins; otherwise one
    after the quote is preferred ("...,” said Sigal) and one before counts ten times its
    distance. Cues inside this or another quote do not count.
    """
    doc = article.doc
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is None:
        return None
    p_start = article.paragraphs[quote.paragraph][0]
    p_end = article.paragraphs[article.paragraph_of(quote.mark_end - 1)][1]
    after = doc[span.end : span.end + CUE_AFTER_QUOTE_TOKENS]
    window_start = max(span[0].sent.start_char, p_start)
    window_end = min(max(span[-1].sent.end_char, after.end_char if len(after) else 0), p_end)
    candidates = [
        cue
        for cue in cues
        if window_start <= cue.idx < window_end and not quote.contains(cue.idx, cue.idx + 1)
    ]
    if not candidates:
        return None

    def distance(cue: Token) -> int:
        if cue.idx >= quote.mark_end:
            return cue.idx - quote.mark_end
        return 10 * (quote.mark_start - cue.idx)

    governing = _governing_cue(span, candidates)
    if governing is not None:
        return governing
    introducing = [
        cue
        for cue in candidates
        if cue.idx < quote.mark_start
        and not article.text[cue.idx + len(cue) : quote.mark_start].strip(" ,:")
    ]
    return min(introducing or candidates, key=distance)


def _inverted_subject(cue: Token) -> Token | None:
    """The noun phrase right after a cue that has no subject ("...,” said retired neurosurgeon
    Ben Carson"), when the parser attached it elsewhere."""
    for chunk in cue.doc.noun_chunks:
        if chunk.start > cue.i + 2:
            return None
        if chunk.start > cue.i:
            return chunk.root
    return None


def _tag_subject(article: ArticleContext, quote: QuoteSpan, cue: Token) -> Token | None:
    """The words between a quote and its cue when the parse gives the cue no subject: the
    one who speaks, not the noun after the cue ("...,” an intelligence source told Fox News";
    "...?” the 43-year-old asked in the video's description")."""
    if cue.idx < quote.mark_end or "\n" in article.text[quote.mark_end : cue.idx]:
        return None
    span = article.doc.char_span(quote.mark_end, cue.idx, alignment_mode="contract")
    words = [t for t in span or () if not t.is_punct]
    if not words or words[0].sent != cue.sent:
        return None
    head = article.doc[words[0].i : cue.i].root
    return None if head.pos_ in {"VERB", "AUX"} else head  # "“...” was written by": passive


def _named_in_tag(article: ArticleContext, quote: QuoteSpan, cue: Token) -> Speaker | None:
    """The person or organisation named in the tag after a quote when the parse gives its
    cue no subject: "...,” Tulsa police Chief Chuck Jordan said (with "Tulsa" taken for a
    verb); a name between the closing mark and the cue, or in the two words after it."""
    doc = cue.doc
    after = doc[cue.i + 1 : min(cue.i + 3, len(doc))]
    end = after.end_char if len(after) else cue.idx
    for entity in article.entities:
        if entity.label not in NAMED_LABELS:
            continue
        for mention in entity.mentions:
            between = quote.mark_end <= mention.start and mention.end <= cue.idx
            after_cue = cue.idx < mention.start < end
            tag = article.text[quote.mark_end : max(mention.start, quote.mark_end)]
            if not (between or after_cue) or "\n" in tag or ". " in tag:
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                return speaker_for(doc, span[-1], article.entities)
    return None


def _introduces(between: str) -> bool:
    """A cue introduces a whole quote when a comma or colon comes right before the quote
    ("X said, “...”", "X told reporters on Monday: “...”")."""
    stripped = between.strip()
    return not stripped or stripped[-1] in ",:"


def _runs_on(article: ArticleContext, quote: QuoteSpan, cue: Token) -> bool:
    """A quote its clause runs on after ("said “You squeezed employees” to drive up the
    stock"): no comma or end punctuation closes it, and the next word hangs from a word of
    the quote in the parse, not from the cue ("chanted “no contract” after the vote")."""
    closing = article.text[quote.end : quote.mark_end]
    after = article.doc.char_span(quote.mark_end, len(article.text), alignment_mode="expand")
    token = next((t for t in after or () if t.idx >= quote.mark_end), None)
    if any(mark in closing for mark in ",.!?") or token is None or not token.is_lower:
        return False
    for _ in range(MAX_HEAD_STEPS):
        if token.i == cue.i or token.head.i == token.i:
            return False
        token = token.head
        if quote.start <= token.idx < quote.end:
            return True
    return False


def _reported_around(article: ArticleContext, cue: Token, quote: QuoteSpan) -> tuple[int, int]:
    """What a cue before a partial quote reports: its complement through the quote, not its
    adverbials before nor coordinated verbs after ("Clinton remarked that she was “a little
    surprised” to be debating health care")."""
    rights = [c for c in cue.rights if not c.is_punct and c.dep_ not in {"cc", "conj"}]
    clauses = [c for c in rights if c.dep_ in CLAUSES]
    if not rights:
        return quote.start, quote.end
    start = (clauses or rights)[0].left_edge.idx
    last = cue.doc[cut_at_next_cue(cue, rights[-1].right_edge.i + 1) - 1]
    end = max(quote.mark_end, min(last.idx + len(last), cue.sent.end_char))
    start, end = trimmed(article.text, start, end)
    if start == quote.start:
        start = quote.mark_start  # the clause opens with the quote: its opening mark too
    return (start, end) if start <= quote.start else (quote.start, quote.end)


def _governing_cue(span: Span, candidates: list[Token]) -> Token | None:
    """The candidate cue the quote hangs from in the parse ("Japan branded North Korea an
    “outlaw nation”", not the "insisted" of the next sentence)."""
    indices = {cue.i for cue in candidates}
    token = span.root
    for _ in range(4):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.i in indices:
            return token
    return None


def _intro_cue(
    article: ArticleContext, quote: QuoteSpan, cues: list[Token]
) -> tuple[Token, Token | None] | None:
    """(cue, subject) of a sentence ending in a colon or comma right before the quote
    ("Limbaugh continued:", "Ryan said,", "Said Ellis:", "According to the paper,",
    "Bush:"): an inverted cue at its start, "according to", a person's name before the
    colon, its last cue, or the main verb before the colon when that has a subject ("Clinton
    has since apologized: “...”", also when the parse made the quote's verb the root); after
    a full stop or a comma with no cue, a person who did something (`_acting_person`)."""
    before = article.text[: quote.mark_start].rstrip()
    end = len(before) - 1
    if before[-1:] not in {":", ",", "."} or article.paragraph_of(end) < quote.paragraph - 1:
        return None
    span = article.doc.char_span(end, end + 1, alignment_mode="expand")
    if span is None:
        return None
    sentence = span[0].sent
    first = sentence[0]
    if first.lower_ in INVERTED_CUES and sentence.end - sentence.start > 2:
        return first, article.doc[first.i + 1 : span.start].root
    according = [t for t in sentence if t.i < span.start and according_to(t) is not None]
    if according and before[-1] in ",:":  # "According to the newspaper, “...”"
        return according[-1], according_to(according[-1])
    named = entity_at(article.entities, end - 1, end)
    if before.endswith(":") and named and named[0].label == "PERSON":  # "Bush: “...”"
        return span[0], article.doc[span.start - 1]
    inside = [c for c in cues if sentence.start_char <= c.idx < end]
    if before.endswith("."):  # "X said in a statement." reports nothing itself: the quote
        inside = [c for c in inside if not any(k.dep_ in CLAUSES for k in c.children)]
        if article.paragraph_of(end) != quote.paragraph:
            return None
        if not inside:
            return _acting_person(article, article.doc[sentence.start : span.start])
    if inside:
        return inside[-1], subject_of(inside[-1], article.outside)
    root = article.doc[sentence.start : span.start].root
    if before.endswith(":") and root.pos_ in {"VERB", "AUX"}:
        subject = subject_of(root, article.outside)
        return (root, subject) if subject is not None else None
    if before.endswith(",") and article.paragraph_of(end) == quote.paragraph:
        return _acting_person(article, article.doc[sentence.start : span.start])
    return None


def _acting_person(article: ArticleContext, sentence: Span) -> tuple[Token, Token] | None:
    """(verb, subject) of the sentence right before a quote in its paragraph when its subject
    is a person: the quote is theirs ("Clinton touted her credentials. “We need ...”";
    "“Amazing,” Davis said. “It was ...”"), not a continuation of the last quote, whoever
    said that."""
    root = sentence.root
    subject = subject_of(root, article.outside) if root.pos_ in {"VERB", "AUX"} else None
    return (root, subject) if _is_person(article, subject) else None


def _dash_speaker(article: ArticleContext, quote: QuoteSpan) -> Speaker | None:
    """ "“...” ― Sonya Herridge": a name after a dash that follows the closing mark."""
    match = _DASH_NAME.match(article.text[quote.mark_end : quote.mark_end + 80])
    if match is None:
        return None
    start = quote.mark_end + match.start(1)
    end = start + len(match.group(1).rstrip())
    span = article.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not any(t.pos_ == "PROPN" for t in span):
        return None
    return speaker_for(article.doc, span.root, article.entities)


def _is_title(text: str) -> bool:
    """Title Case fragments ("The Apprentice", "Shorty") name things; they are not speech."""
    words = text.strip(" .,!?").split()
    return (
        bool(words)
        and len(words) <= MAX_WORDS_SCARE_QUOTE
        and all(_TITLE_WORD.match(w) for w in words)
        and words[0][0].isupper()
    )


def _spoken(article: ArticleContext, quote: QuoteSpan) -> bool:
    """A quote that opens a sentence and ends in a comma or an exclamation inside its marks
    ("“Amazing,” Davis said.") is dialogue, however short and capitalised: not a title,
    unless another quote follows it (a list of titles: "“Black Water,” “China Grove,” ...")."""
    closing = article.text[quote.end : quote.mark_end]
    listed = article.text[quote.mark_end :].lstrip()[:1] in _QUOTE_MARKS
    spoken = _starts_sentence(article, quote) and any(mark in closing for mark in ",!?")
    return spoken and not listed


def _starts_sentence(article: ArticleContext, quote: QuoteSpan) -> bool:
    before = article.text[article.paragraphs[quote.paragraph][0] : quote.mark_start].rstrip()
    return not before or before[-1] in '.!?:”"―—–-'


def _governing_verb(article: ArticleContext, quote: QuoteSpan) -> Token | None:
    """The nearest verb above a quoted fragment, before it and outside quotes, whose subject
    is outside quotes too ("Cruz called Trump a “liar” who is “amoral”": called, not is)."""
    span = article.doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is None:
        return None
    token = span.root
    for _ in range(6):
        if token.head.i == token.i:
            return None
        token = token.head
        if (
            token.pos_ in {"VERB", "AUX"}
            and token.idx < quote.mark_start
            and article.outside(token)
        ):
            subject = subject_of(token, article.outside)
            if subject is not None and article.outside(subject):
                return token
    return None


def _continued(quote: QuoteSpan, rows: list[Found]) -> Found | None:
    """The attributed quote a cue-less quote continues: the last one before it, in its
    paragraph or the one before."""
    before = [r for r in rows if r.end <= quote.mark_start and r.paragraph >= quote.paragraph - 1]
    if not before:
        return None
    last = max(before, key=lambda r: r.end)
    source = last.inherited or last
    return source if source.speaker is not None else None


def _is_person(article: ArticleContext, token: Token | None) -> bool:
    """A person: "he", "she", or a word of a person entity's mention."""
    if token is None:
        return False
    if token.lower_ in {"he", "she"}:
        return True
    found = entity_at(article.entities, token.idx, token.idx + len(token))
    return found is not None and found[0].label == "PERSON"


def _verb_fragment(article: ArticleContext, quote: QuoteSpan, words: int) -> Found | None:
    """A quote inside a clause of another verb: the verb's subject said it ("X called Y “Z”").

    Short fragments count only after verbs that characterise what someone said, or when the
    subject is a person ("Trump admires Putin as a “strong leader”"); otherwise they are the
    writer's scare quotes.
    """
    verb = _governing_verb(article, quote)
    if verb is None:
        return None
    subject = subject_of(verb, article.outside)
    characterising = verb.lemma_ in CHARACTERISING_VERBS | SPEECH_VERBS
    if words <= MAX_WORDS_SCARE_QUOTE and not characterising and not _is_person(article, subject):
        return None
    rights = list(verb.rights)
    start = min(c.left_edge.idx for c in rights) if rights else quote.start
    start = max(start, verb.idx + len(verb) + 1)
    speaker = relative_speaker(article, verb, speaker_at(article, subject))
    cue = verb.doc[verb.i : verb.i + 1]
    start, _ = trimmed(article.text, start, quote.mark_end)
    return Found(start, quote.mark_end, "mixed", "quote-marks+verb", 0.5, cue, speaker)


def quote_mark_rows(article: ArticleContext, held: set[int], reported: list[Found]) -> list[Found]:
    """Direct quotes (and fragments of other verbs) from the quote-mark spans."""
    cues = article.cues(DIALOGUE_TAGS | CHARACTERISING_VERBS)
    found: list[Found] = []
    for quote in article.quotes:
        text = article.text[quote.start : quote.end]
        if id(quote) in held or _is_title(text) and not _spoken(article, quote):
            continue
        words = len(text.split())
        kind = "direct" if _starts_sentence(article, quote) else "mixed"
        cue = _cue_for_quote(article, quote, cues)
        rule, confidence = "quote-marks+cue", 0.9
        subject = subject_of(cue, article.outside) if cue is not None else None
        if cue is None and (intro := _intro_cue(article, quote, cues)) is not None:
            (cue, subject), rule, confidence = intro, "quote-marks+intro", 0.8
        if cue is not None and second_hand(article, cue):
            continue  # "“...,” Sanders said, according to CNN": the "according to" row's
        if cue is not None:
            subject = (
                subject
                or _tag_subject(article, quote, cue)
                or noun_before(cue)
                or _inverted_subject(cue)
            )
            speaker = relative_speaker(article, cue, speaker_at(article, subject))
            tagged = [  # the quote its cue tags, in its paragraph
                q
                for q in article.quotes
                if q.mark_end <= cue.idx
                and article.paragraph_of(q.mark_end - 1) == article.paragraph_of(cue.idx)
            ]
            if speaker is None and tagged:
                speaker = _named_in_tag(article, tagged[-1], cue)
            cue_span = cue.doc[cue.i : cue.i + (2 if cue.lower_ == "according" else 1)]
            start, end = quote.start, quote.end
            between = article.text[cue.idx + len(cue) : quote.mark_start]
            introduced = _introduces(between) and not _runs_on(article, quote, cue)
            if kind == "mixed" and cue.idx < quote.mark_start and introduced:
                kind = "direct"  # "He said, “...”": the quote is all that is reported
            elif kind == "mixed" and cue.idx < quote.mark_start:
                start, end = _reported_around(article, cue, quote)
            row = Found(start, end, kind, rule, confidence, cue_span, speaker)
        elif (speaker := _dash_speaker(article, quote)) is not None:
            row = Found(quote.start, quote.end, "direct", "quote-marks+dash", 0.8, None, speaker)
        elif kind == "direct" and words >= 2 and (source := _continued(quote, found + reported)):
            row = Found(quote.start, quote.end, kind, "quote-marks+continuation", 0.7)
            row.inherited = source
        elif kind == "mixed" and (fragment := _verb_fragment(article, quote, words)):
            row = fragment
        elif words >= MIN_WORDS_WITHOUT_CUE:
            row = Found(quote.start, quote.end, kind, "quote-marks", 0.4)
        else:
            continue
        row.paragraph = article.paragraph_of(quote.mark_end - 1)
        previous = found[-1] if found else None
        if previous is not None and row.cue is not None and _same_cue(previous, row):
            previous.end = max(previous.end, row.end)  # more fragments reported by one cue
            continue
        found.append(row)
    return found


def _same_cue(previous: Found, row: Found) -> bool:
    """Two partial quotes of one clause: the same cue and overlapping reported spans."""
    return (
        previous.cue is not None
        and previous.cue.start == row.cue.start
        and previous.kind == row.kind == "mixed"
        and row.start < previous.end
    )


def nested_rows(article: ArticleContext, outer: list[Found]) -> list[Found]:
    """A row for each single-quoted span inside a direct quote, linked to it."""
    found = []
    for row in outer:
        quote = article.quoted(row.start)
        if quote is None or row.kind != "direct":
            continue
        for inner in quote.nested:
            if row.start <= inner.start and inner.end <= row.end:
                found.append(Found(inner.start, inner.end, "direct", "nested", 0.6, parent=row))
    return found


def _normalised(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def without_repeats(rows: list[Found], text: str) -> list[Found]:
    """Drop a quote with no cue whose words repeat another quote's (pull quotes, display
    quotes); a cue tagging it again reports it again ("In one tweet, Trump said: “...”" in a
    live blog's two updates)."""
    kept = []
    for row in rows:
        words = _normalised(text[row.start : row.end])
        repeated = any(
            other is not row
            and other.parent is None
            and (other.end - other.start, -other.start) > (row.end - row.start, -row.start)
            and words
            and len(words.split()) >= MIN_WORDS_WITHOUT_CUE
            and words in _normalised(text[other.start : other.end])
            and not (other.start <= row.start and row.end <= other.end)
            for other in rows
        )
        if not repeated or row.cue is not None:
            kept.append(row)
    return kept
