"""Mentions: the model's entity spans cleaned down to the name, plus the names it missed.

Cleaning works on whole tokens, so a span is never cut inside a token ("U.S." keeps its
full stop) and `text[start:end] == mention.text` always holds. A span is split where a name
cannot continue (a line break in a text that is not hard-wrapped, a spaced dash, brackets,
the "v" of a match), then loses its leading "the" or "of", titles before a person's name,
possessives, punctuation and numbers at its edges; a lone plural of an office ("MPs said")
is a group, no name, the first word of a minister's office ("the Home Secretary") no
organisation, and a full name between "the" and a noun ("the Harry Potter films") a work.
All-capital lines (headlines, datelines) confuse a cased model, so they are parsed again in
the casing the article body uses. Repeats of a name the model found once ("Waqar Younis"
... "Younis") are added where the model missed them, and so is a full name it missed
whose surname it tagged alone ("Jeff Sanborn" ... "Sanborn said").
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsquotes.names import (
    COURTESY_TITLES,
    HONORIFICS,
    LEGAL_FORMS,
    NUMERIC_LABELS,
    PERSON_LABELS,
    PLACE_LABELS,
    WORK_LABEL,
    country_code,
    first_name_gender,
    is_code,
    is_dictionary_word,
    is_office_word,
    is_party_label,
    is_plural_office,
    is_title,
    only_organisation_words,
)

_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_BREAKS = frozenset({"(", ")", "[", "]", "{", "}", ";", "|", '"', "“", "”", "«", "»"})
_DASHES = frozenset({"-", "–", "—", "--"})
_WORK_NOUNS = frozenset(
    """film films movie movies book books novel novels series game games album albums song
    songs musical franchise""".split()  # noqa: SIM905
)
_ORDINALS = frozenset(
    "first second third fourth fifth sixth seventh eighth latest last next new".split()  # noqa: SIM905
)
# "Bolton v Derby", "Cyprus v Faroe Islands": two sides of a match, never one name.
_VERSUS = frozenset({"v", "v.", "vs", "vs."})
# Labels whose names do not end in numbers; products, events and organisations may ("Euro 96").
_NO_TRAILING_NUMBER = PERSON_LABELS | PLACE_LABELS | {"NORP"}
_CASED_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MIN_CAPS_LINE_LETTERS = 2
WRAPPED_SHARE = 0.25  # share of line breaks followed by a lower-case word in wrapped text
MAX_NAME_EXTENSION = 2  # name words added on each side of a person's name the model cut short
# Parts of speech that describe a person rather than name them ("Former", "Frenchman").
_NOT_NAME_POS = frozenset({"ADJ", "NOUN", "VERB", "ADV", "DET", "PRON", "NUM"})
# Nouns that introduce a place name ("the capital Grozny", "the town of Mae Sot").
_PLACE_NOUNS = frozenset({"capital", "city", "town", "village", "province", "region", "port"})
# Words that join the words of a name ("Bank of Japan"), never start one.
_JOINING_WORDS = frozenset({"of", "and", "for", "&"})
_NO_NAME_STARTS = _JOINING_WORDS | {"the"}
# The words that join an office's words ("Minister of Mines and Energy", "Minister for Work").
_OFFICE_JOINS = frozenset({"of", "and", "for"})
# Function words a name does not end with ("Marcelo Rios of Chile").
_FUNCTION_POS = frozenset({"ADP", "CCONJ", "SCONJ", "DET", "PART", "PRON", "AUX"})
# The words that end a minister's office named by its department ("Home Secretary").
MINISTERS_OFFICES = frozenset({"Secretary", "Minister"})


@dataclass
class Mention:
    start: int
    end: int
    text: str
    label: str
    # model | headline (capital line re-parsed) | title (after "Mr", "King") | repeat (found again)
    origin: str = "model"


@dataclass(frozen=True)
class _Context:
    """What cleaning needs to know about the whole article."""

    wrapped: bool  # lines are hard-wrapped, so a name may continue on the next line
    casing: dict[str, str]  # the usual spelling of each word in running text

    def common_word(self, token: Token) -> bool:
        """Whether the article writes this word in lower case: a capital here is positional."""
        return self.casing.get(token.lower_, "").islower()


# Abbreviations that head the columns of wire earnings tables ("Shr 1.20 vs 1.05", "Revs
# 12.3 mln") and the lines of a match report's facts ("Att: 47,111"): models read them as
# names.
TABLE_WORDS = frozenset(
    {"revs", "rev", "avg", "shr", "shrs", "qtr", "qtly", "mln", "mlns", "bln", "cts"}
    | {"dlrs", "pct", "vs", "oper", "div", "att"}
)


def find_mentions(doc: Doc, nlp: Language | None = None) -> list[Mention]:
    """Clean, non-overlapping mentions in text order.

    With `nlp` (the pipeline that parsed `doc`), all-capital lines are parsed again in the
    body's casing; without it their model spans are kept, cleaned.
    """
    text = doc.text
    caps = caps_lines(text)
    in_caps = _in_ranges(caps)
    context = _Context(is_hard_wrapped(text), body_casing(doc, in_caps))
    reparse = caps if nlp is not None else []
    mentions = [
        mention
        for ent in doc.ents
        if not (reparse and in_caps(ent.start_char))
        for mention in clean_mentions(ent, ent.label_, context)
        # a span that runs into a capital line: that line's names come from its re-parse
        if not (reparse and in_caps(mention.start))
    ]
    if reparse:
        mentions += _headline_mentions(doc, reparse, nlp, context)
    mentions += _titled_names(doc, mentions, in_caps, context)
    mentions += _first_named(doc, mentions, in_caps)
    return sorted(_with_repeats(doc, mentions, in_caps), key=lambda m: m.start)


def clean_mentions(
    span: Span, label: str, context: _Context, offset: int | None = None
) -> list[Mention]:
    """The names inside one model span, each trimmed to whole name tokens.

    `offset` is where the parsed text starts when `span` comes from a truecased re-parse of
    a capital line (whose casing then says nothing).
    """
    if label in NUMERIC_LABELS:
        return []
    mentions = []
    for piece in _pieces(span, label, context.wrapped):
        tokens = _trim(piece, label, context)
        if not tokens or not any(_has_letter(t) for t in tokens):
            continue
        if offset is None and not any(c.isupper() for t in tokens for c in t.text):
            continue  # a name has a capital somewhere ("spleens", "scan" are not names)
        if (
            len(tokens) == 1
            and _starts_line_or_sentence(tokens[0])
            and context.common_word(tokens[0])
        ):
            continue  # "Garlic pills may ...": a common word capitalised by its position
        if len(tokens) == 1 and tokens[0].lower_.rstrip(".") in TABLE_WORDS:
            continue  # "Revs", "Avg": the column heads of an earnings table, not names
        if len(tokens) == 1 and is_plural_office(tokens[0].text):
            continue  # "MPs said": a group of people, no one's name
        if label == "ORG" and len(tokens) == 1 and _opens_a_ministers_office(tokens[0]):
            continue  # "the Home Secretary": half of an office, no organisation
        if label in PERSON_LABELS and len(tokens) == 1 and in_place_context(tokens[0]):
            label = "GPE" if label == "PERSON" else "LOC"  # "the capital Grozny", "in Perm"
        if label in PERSON_LABELS and is_code(" ".join(t.text for t in tokens)):
            label = "ORG"  # "said MI6": a code in capitals names an agency, not a person
        if label in PERSON_LABELS:
            tokens = _complete_name(tokens, context)
        elif is_party_label(" ".join(t.text for t in tokens)):
            tokens = _complete_party(tokens)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        shift = offset or 0
        text = span.doc[tokens[0].i : tokens[-1].i + 1].text  # Doc.text re-joins every token
        titled = label in PERSON_LABELS and _names_a_work(tokens)  # "the Harry Potter films"
        mentions.append(Mention(start + shift, end + shift, text, WORK_LABEL if titled else label))
    return mentions


def _names_a_work(tokens: list[Token]) -> bool:
    """A full name led by a first name, between "the" (and an ordinal: "the third") and a
    noun of a work: "the Harry Potter films", "the first Harry Potter film". A person's
    name takes no article, but "the Faria Alam scandal" and "the Bobby Charlton school" are
    still of the person."""
    doc, first, last = tokens[0].doc, tokens[0].i, tokens[-1].i
    if len(tokens) < 2 or last + 1 >= len(doc) or first == 0:
        return False
    following = doc[last + 1]
    before = [t.lower_ for t in doc[max(first - 2, 0) : first]]
    led = before[-1:] == ["the"] or (before[:1] == ["the"] and before[-1] in _ORDINALS)
    person_like = bool(first_name_gender(tokens[0].text))  # not "the Lib Dems plan to"
    return led and person_like and following.lower_ in _WORK_NOUNS


def _pieces(span: Span, label: str, wrapped: bool) -> list[list[Token]]:
    """Runs of tokens between the places where a name cannot continue."""
    places = label in PLACE_LABELS and country_code(span.text, exact=True) is None
    pieces: list[list[Token]] = [[]]
    for token in span:
        versus = _versus(token) and label != "LAW"  # "Roe v. Wade" is one case
        if _breaks_name(token, wrapped) or (places and _joins_places(token)) or versus:
            pieces.append([])
        else:
            pieces[-1].append(token)
    return _organisation_words_attached([piece for piece in pieces if piece])


def _versus(token: Token) -> bool:
    """A "v" or "vs" written as a word between two names ("Bolton v Derby"), not a letter of
    one ("V-Motion")."""
    spaced = token.i > 0 and bool(token.doc[token.i - 1].whitespace_) and bool(token.whitespace_)
    return token.lower_ in _VERSUS and spaced


def _organisation_words_attached(pieces: list[list[Token]]) -> list[list[Token]]:
    """A piece that is only a legal form or an organisation noun ends the name the span
    started ("Industrial Equity (Pacific) Ltd", "Lloyds Bank" and "Plc" on the next line):
    the span is one name, brackets and line break included. A legal form alone ("Co" of
    "Merrill Lynch and Co") names nothing."""
    attached: list[list[Token]] = []
    for piece in pieces:
        words = [t.lower_.rstrip(".") for t in piece if _has_letter(t)]
        if only_organisation_words(words):
            if attached:
                attached = [list(piece[0].doc[attached[0][0].i : piece[-1].i + 1])]
                continue
            if all(word in LEGAL_FORMS for word in words):
                continue
        attached.append(piece)
    return attached


def _breaks_name(token: Token, wrapped: bool) -> bool:
    if token.is_space:
        return "\n" in token.text and not wrapped
    if token.text in _BREAKS:
        return True
    spaced = token.i > 0 and bool(token.doc[token.i - 1].whitespace_) and bool(token.whitespace_)
    if token.text in _DASHES and spaced:
        return True
    # a score between two names: "Liverpool 0 Sunderland 0", "Caen 1 Lyon 1"
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    return token.is_digit and following is not None and following.is_title


def _joins_places(token: Token) -> bool:
    """ "Lattakia and Tartous", "Lisheen, County Tipperary": two places, not one."""
    return token.lower_ in {",", "and", "&"}


_FINITE_VERB_TAGS = frozenset({"VBZ", "VBD", "VBP"})


def _trim(tokens: list[Token], label: str, context: _Context) -> list[Token]:
    """Tokens of a piece without what surrounds a name: articles, titles, descriptions
    ("Unseeded Patrick Rafter", "Frenchman Cedric Pioline"), possessives, punctuation, and
    numbers where names have none."""
    person = label in PERSON_LABELS
    lo, hi = 0, len(tokens)

    def describes(token: Token) -> bool:
        if hi - lo < 2:
            return False
        title = token.lower_.rstrip(".")
        if title in COURTESY_TITLES or (
            person and (title in HONORIFICS or token.pos_ in _NOT_NAME_POS or _imperative(token))
        ):
            return True
        if person and _ends_an_office(token):
            return True
        joined = hi - lo > 1 and tokens[lo + 1].lower_ in _JOINING_WORDS  # "Bank of Japan"
        return _starts_line_or_sentence(token) and context.common_word(token) and not joined

    while lo < hi and (
        _is_edge_noise(tokens[lo])
        or tokens[lo].lower_ in _NO_NAME_STARTS  # "of Japan": no name starts so
        or not _has_letter(tokens[lo])
        or describes(tokens[lo])
    ):
        lo += 1
    while hi > lo and (
        _is_edge_noise(tokens[hi - 1])
        or tokens[hi - 1].text in _POSSESSIVE
        or (tokens[hi - 1].is_lower and tokens[hi - 1].pos_ in _FUNCTION_POS)
        or (label in _NO_TRAILING_NUMBER and not _has_letter(tokens[hi - 1]))
    ):
        hi -= 1
    if person:  # a name holds no verb: "Obama Says ...", "Clinton Hid ..." are headlines
        verbs = [i for i in range(lo + 1, hi) if tokens[i].tag_ in _FINITE_VERB_TAGS]
        hi = verbs[0] if verbs else hi
    return tokens[lo:hi]


def _ends_an_office(token: Token) -> bool:
    """The last word of an office named with "of", "and" or "for" before a person's name
    ("Minister of Mines and Energy Subroto", "Minister for Work Jane Kennedy", "Chancellor
    of the Exchequer Gordon Brown"): a common noun that is no first name, right after such
    a word or its "the"."""
    before = [t.lower_ for t in token.doc[max(token.i - 2, 0) : token.i]]
    if before[-1:] == ["the"]:
        before = before[:-1]  # "of the Exchequer"
    return bool(before) and before[-1] in _OFFICE_JOINS and is_office_word(token.text)


def _opens_a_ministers_office(token: Token) -> bool:
    """A common word, no party's, before a capitalised "Secretary" or "Minister": the first
    word of a minister's office ("Home Secretary", "Foreign Minister"), which the model cuts
    off as an organisation. "Labour Minister" keeps the party."""
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    return (
        following is not None
        and following.text in MINISTERS_OFFICES
        and not is_party_label(token.text)
        and (is_dictionary_word(token.text, "noun") or is_dictionary_word(token.text, "adj"))
    )


def _imperative(token: Token) -> bool:
    """A verb before a surname in a slogan or a headline ("Vote Blair, Get Brown"), which the
    model tags as a name: a person's name does not start with a verb that is no first name.
    After a title the word is a first name ("World Bank President Barber Conable")."""
    previous = token.doc[token.i - 1] if token.i > 0 else None
    titled = previous is not None and not token.is_sent_start and is_title(previous.text)
    return (
        not titled and is_dictionary_word(token.text, "verb") and not first_name_gender(token.text)
    )


def in_place_context(token: Token) -> bool:
    """Whether the syntax says a one-word name is a place: "the Chechen capital Grozny",
    "the city of Perm", "in Amsterdam" (not "in Obama's speech"). In a sentence the parser
    did not see (selective parsing) the words around the name say it instead."""
    if not token.dep_:
        return _place_by_word_order(token)
    if any(c.lemma_ in _PLACE_NOUNS and c.dep_ in {"compound", "nmod"} for c in token.children):
        return True
    head = token.head
    if token.dep_ in {"appos", "compound"} and head.lemma_ in _PLACE_NOUNS:
        return True
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_ in _PLACE_NOUNS:
        return True
    possessed = any(c.dep_ == "case" for c in token.children)
    return token.dep_ == "pobj" and head.lower_ in {"in", "near", "outside"} and not possessed


def _place_by_word_order(token: Token) -> bool:
    """`in_place_context` from the neighbouring words alone: "capital Grozny", "city of
    Perm", "Perm region", "in Amsterdam" (not "in Obama's")."""
    doc, i = token.doc, token.i
    before = [doc[j] for j in range(max(0, i - 2), i)]
    after = doc[i + 1] if i + 1 < len(doc) else None
    if (before and before[-1].lemma_ in _PLACE_NOUNS) or (after and after.lemma_ in _PLACE_NOUNS):
        return True
    if len(before) == 2 and before[-1].lower_ == "of" and before[0].lemma_ in _PLACE_NOUNS:
        return True
    possessed = after is not None and after.text in _POSSESSIVE
    return bool(before) and before[-1].lower_ in {"in", "near", "outside"} and not possessed


def _complete_name(tokens: list[Token], context: _Context) -> list[Token]:
    """A person's name with the untagged name words right beside it ("Otis" of "Otis Nixon",
    "A." of "A. Symonds", "Toure" of "Ahmed Sekou Toure"), never across a line break."""
    doc = tokens[0].doc

    def name_word(i: int) -> bool:
        if not 0 <= i < len(doc) or doc[i].ent_iob_ != "O" or doc[i].is_space:
            return False
        token = doc[i]
        initial = len(token.text) == 2 and token.text[0].isupper() and token.text[1] == "."
        proper = token.is_title and token.pos_ == "PROPN" and not context.common_word(token)
        # a sentence's first word is capitalised anyway: "Singer Bruce Springsteen"
        positional = token.is_sent_start and not initial
        titled = token.lower_.rstrip(".") in HONORIFICS or _ends_an_office(token)  # "Exchequer"
        return (initial or proper) and not positional and not titled

    first, last = tokens[0].i, tokens[-1].i
    for _ in range(MAX_NAME_EXTENSION):
        before = first - 1  # "Minister for Work Jane Kennedy": a verb starts no name
        if name_word(before) and doc[before].whitespace_ == " " and not _imperative(doc[before]):
            first -= 1
        if name_word(last + 1) and doc[last].whitespace_ == " ":
            last += 1
    return list(doc[first : last + 1])


def _complete_party(tokens: list[Token]) -> list[Token]:
    """A party's name with the capitalised party word the model left before it: "Liberal"
    of "Liberal Democrat spokeswoman" (the model reads "Democrat" alone)."""
    doc, first = tokens[0].doc, tokens[0].i
    while (
        first > 0
        and doc[first - 1].is_title
        and doc[first - 1].whitespace_ == " "
        and is_party_label(doc[first - 1 : tokens[-1].i + 1].text)
    ):
        first -= 1
    return list(doc[first : tokens[-1].i + 1])


def _titled_names(doc: Doc, mentions: list[Mention], in_caps, context: _Context) -> list[Mention]:
    """People the model missed right after a title: "Detective Richard Black", "King Birendra";
    not "the Deputy Prime Minister", nor one word the article also writes in lower case
    ("General Election", "general election")."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    found = []
    for title in doc:
        if not title.is_title or title.lower_.rstrip(".") not in HONORIFICS or in_caps(title.idx):
            continue
        end = title.i + 1
        while (
            end < len(doc)
            and end - title.i <= 3
            and doc[end].is_title
            and doc[end].pos_ == "PROPN"
            and doc[end].ent_iob_ == "O"
            and doc[end].lower_.rstrip(".") not in HONORIFICS
            and doc[end].idx not in taken
            and doc[end - 1].whitespace_ == " "
        ):
            end += 1
        common = end == title.i + 2 and context.common_word(doc[title.i + 1])  # "election"
        if end > title.i + 1 and not common and not _an_office_or_a_thing(title, end):
            start, stop = doc[title.i + 1].idx, doc[end - 1].idx + len(doc[end - 1])
            name = doc[title.i + 1 : end].text
            found.append(Mention(start, stop, name, "PERSON", "title"))
    return found


def _an_office_or_a_thing(title: Token, end: int) -> bool:
    """Whether the capitalised words after a title are an office ("Deputy Prime Minister":
    a title follows them) or a thing ("the next General Election": a determiner before the
    title and its adjectives)."""
    doc = title.doc
    start = title.i
    while start > 0 and doc[start - 1].pos_ == "ADJ":  # "the next General Election"
        start -= 1
    determined = start > 0 and doc[start - 1].lower_ in {"the", "a", "an"}
    after = doc[end] if end < len(doc) else None
    return determined or (after is not None and after.lower_.rstrip(".") in HONORIFICS)


def _first_named(doc: Doc, mentions: list[Mention], in_caps) -> list[Mention]:
    """People the model missed in full but named alone elsewhere: a first name the offline
    list is sure of before a word the article tags alone ("Jeff Sanborn, president of ..."
    untagged, "Sanborn said" read as an organisation)."""
    alone = {m.text for m in mentions if " " not in m.text and m.label not in PLACE_LABELS}
    taken = {i for m in mentions for i in range(m.start, m.end)}  # "Governor Satoshi Sumita"
    found = []
    for first, last in itertools.pairwise(doc):
        if (
            last.text in alone
            and first.idx not in taken
            and last.idx not in taken
            and first.ent_iob_ == last.ent_iob_ == "O"
            and first.is_title
            and first.pos_ == last.pos_ == "PROPN"
            and first.whitespace_ == " "
            and not in_caps(first.idx)
            and first_name_gender(first.text) in ("female", "male")
        ):
            name = doc[first.i : last.i + 1].text
            found.append(Mention(first.idx, last.idx + len(last), name, "PERSON", "repeat"))
    return found


def _starts_line_or_sentence(token: Token) -> bool:
    return token.is_sent_start or token.i == 0 or "\n" in token.doc[token.i - 1].text_with_ws


def _is_edge_noise(token: Token) -> bool:
    return token.is_punct or token.is_space or token.is_quote or token.is_bracket


def _has_letter(token: Token) -> bool:
    return any(c.isalpha() for c in token.text)


def is_hard_wrapped(text: str, min_breaks: int = 4) -> bool:
    """Whether lines are wrapped at a fixed width, so a line break can fall inside a name.

    Wrapped prose often goes on in lower case on the next line ("...the drought since
    early\nJanuary and improving..."); text with a sentence, a headline or a table row a
    line almost never does.
    """
    breaks = [
        (line, following)
        for paragraph in text.split("\n\n")
        for line, following in itertools.pairwise(paragraph.split("\n"))
    ]
    if len(breaks) < min_breaks:
        return False
    continued = sum(following[:1].islower() for _, following in breaks)
    return continued >= WRAPPED_SHARE * len(breaks)


def caps_lines(text: str) -> list[tuple[int, int]]:
    """[start, end) of every line written in capitals (headlines, datelines, tables)."""
    ranges, start = [], 0
    for line in text.split("\n"):
        letters = [c for c in line if c.isalpha()]
        upper = sum(c.isupper() for c in letters)
        if len(letters) >= MIN_CAPS_LINE_LETTERS and upper >= 0.9 * len(letters):
            ranges.append((start, start + len(line)))
        start += len(line) + 1
    return ranges


def _in_ranges(ranges: list[tuple[int, int]]):
    return lambda offset: any(start <= offset < end for start, end in ranges)


def body_casing(doc: Doc, skip) -> dict[str, str]:
    """The usual spelling of each word in running text, by its lower-case form.

    Words that start a sentence or a line are left out: their capital says nothing.
    """
    seen: dict[str, Counter] = defaultdict(Counter)
    for token in doc:
        if token.is_alpha and not _starts_line_or_sentence(token) and not skip(token.idx):
            seen[token.lower_][token.text] += 1
    return {lower: spellings.most_common(1)[0][0] for lower, spellings in seen.items()}


def truecase(line: str, casing: dict[str, str]) -> str:
    """`line` in the body's casing; a word the body lacks is lower case, except the first
    (a dateline's place, a headline's subject).

    Every word keeps its length, so offsets into the truecased line are offsets into `line`.
    """

    def recase(match: re.Match) -> str:
        word = match.group(0)
        unknown = word.capitalize() if match.start() == 0 else word.lower()
        cased = casing.get(word.lower(), unknown)
        return cased if len(cased) == len(word) else word

    return _CASED_WORD.sub(recase, line)


def _headline_mentions(
    doc: Doc, caps: list[tuple[int, int]], nlp: Language, context: _Context
) -> list[Mention]:
    text = doc.text
    lines = [truecase(text[start:end], context.casing) for start, end in caps]
    mentions = []
    for (start, _), line_doc in zip(caps, nlp.pipe(lines), strict=True):
        for ent in line_doc.ents:
            for mention in clean_mentions(ent, ent.label_, context, offset=start):
                mention.text = text[mention.start : mention.end]
                mention.origin = "headline"
                if _plausible_headline_name(mention, context):
                    mentions.append(mention)
    return mentions


def _plausible_headline_name(mention: Mention, context: _Context) -> bool:
    """A one-word name from a capital line needs support: the body capitalises the word, or
    the model calls it a place (datelines: "AMSTERDAM 1996-08-22"). "RESULTS" has neither."""
    if " " in mention.text or mention.label in PLACE_LABELS:
        return True
    return context.casing.get(mention.text.lower(), "")[:1].isupper()


def _with_repeats(doc: Doc, mentions: list[Mention], in_caps) -> list[Mention]:
    """`mentions` and the untagged repeats of their multi-word names and people's surnames,
    in any case on all-capital lines ("MERKEL" for "Angela Merkel").

    A repeat that covers a shorter mention ("Younis" inside "Waqar Younis") replaces it; a
    span the model tagged as a number or date is left alone ("May" the month).
    """
    names: dict[tuple[str, ...], str] = {}
    for m in mentions:
        words = tuple(m.text.split())
        if len(words) > 1:
            names.setdefault(words, m.label)
            if m.label in PERSON_LABELS:
                names.setdefault(words[-1:], m.label)
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for words in sorted(names, key=len, reverse=True):
        by_first[words[0]].append(words)
        by_first[words[0].lower()].append(words)

    mentions = list(mentions)
    covering = {i: m for m in mentions for i in range(m.start, m.end)}
    numeric = {i for e in doc.ents if e.label_ in NUMERIC_LABELS for i in range(e.start, e.end)}
    found = []
    i = 0
    while i < len(doc):
        match = _match_at(doc, i, by_first, in_caps)
        if match is not None and not numeric & set(range(i, i + len(match))):
            start, end = doc[i].idx, doc[i + len(match) - 1].idx + len(doc[i + len(match) - 1])
            inside = {id(covering[c]): covering[c] for c in range(start, end) if c in covering}
            if all(start <= m.start and m.end <= end for m in inside.values()) and (
                not inside or (end - start) > max(m.end - m.start for m in inside.values())
            ):
                for m in inside.values():
                    mentions.remove(m)
                name = doc[i : i + len(match)].text
                found.append(Mention(start, end, name, names[match], "repeat"))
                i += len(match)
                continue
        i += 1
    return mentions + found


def _match_at(doc: Doc, i: int, by_first: dict, in_caps) -> tuple[str, ...] | None:
    """The longest known name starting at token i: exact, or in any case on a capital line."""
    token = doc[i]
    if not token.text[:1].isupper():
        return None
    caps = in_caps(token.idx)
    for words in by_first.get(token.lower_ if caps else token.text, ()):
        if len(words) == 1 and token.pos_ != "PROPN" and not caps:
            continue
        window = doc[i : i + len(words)]
        if caps:
            matched = tuple(t.lower_ for t in window) == tuple(w.lower() for w in words)
        else:
            matched = tuple(t.text for t in window) == words
        if matched:
            return words
    return None
