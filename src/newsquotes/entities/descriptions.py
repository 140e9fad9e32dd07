"""How an article describes a person: the title before their name ("Home Secretary David
Blunkett", "Sen. Bernie Sanders") or the appositive after it ("Tom Clarke, a nursing home
owner, ...").

A person quoted as "Mr Blunkett said" is described nowhere near the quote; the article's
first mention usually says who they are. Both are read from the tagger alone, because every
sentence is tagged but not every one is parsed (`nlp.selective`):

- a title is the run of nouns, proper nouns and adjectives (with "of", "of the" and
  possessives inside) that ends right before the name, in its sentence and on its line,
  and ends in a word that names an office, or has one before its "of" ("Chancellor of the
  Exchequer");
- an appositive follows the name and a comma, starts with "a", "an", "the" or a
  lower-case title word ("director of ..."), holds only
  noun-phrase words and prepositions and no other person's name, ends in a noun, and is
  closed by a comma, a conjunction or the sentence's end.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Token

from newsquotes.names import (
    COURTESY_TITLES,
    RANK_STYLES,
    is_title,
    only_styles,
    without_bracket_residue,
)

MAX_TITLE_WORDS = 8
_TITLE_POS = frozenset({"NOUN", "PROPN", "ADJ"})
# Entities a title may hold ("US Secretary of State", "Labour's", "BBC political editor");
# a date, a number or another person ends it ("On Monday Blair ...").
_TITLE_ENTITIES = frozenset({"", "ORG", "NORP", "GPE", "LOC", "FAC"})
_NAMES = frozenset({"ORG", "GPE", "LOC", "FAC"})  # whose capitals are a name, not an office


def _in_title(token: Token) -> bool:
    if "\n" in token.whitespace_:
        return False
    if token.ent_type_ not in _TITLE_ENTITIES and not is_title(token.text):
        return False  # "Lord" of the model's span "Lord Kinnock" is still a title
    return token.pos_ in _TITLE_POS or token.tag_ == "POS" or _joins_a_title(token)


def _joins_a_title(token: Token) -> bool:
    """ "of" and the "the" after it, inside a title: "Secretary of State", "Chancellor of the
    Exchequer"."""
    of_the = token.lower_ == "the" and token.i > 0 and token.nbor(-1).lower_ == "of"
    return token.lower_ == "of" or of_the


def title_before(doc: Doc, name_start: int) -> str | None:
    """The title before the name whose first token is `doc[name_start]`, or None."""
    sentence_start = doc[name_start].sent.start
    start = name_start
    while start > sentence_start and name_start - start < MAX_TITLE_WORDS:
        token = doc[start - 1]
        if not _in_title(token):
            break
        if token.lower_ == "of" and not (start >= 2 and is_title(doc[start - 2].text)):
            break  # "Secretary of State John Kerry", not "the policies of President Obama"
        start -= 1
    words = [t for t in doc[start:name_start] if t.lower_.rstrip(".") not in COURTESY_TITLES]
    while words and words[-1].lower_ in RANK_STYLES:
        words.pop()  # "Lord Chancellor Lord Falconer": the second "Lord" is a style
    while words and words[0].tag_ == "POS":
        words.pop(0)
    # a lower-case word before a capitalised title is the sentence's, not the title's: "the way
    # Sen. Bernie Sanders", "former presidential candidate Sen. Bernie Sanders"
    cut = [
        i
        for i, t in enumerate(words[:-1])
        if t.is_lower and not _joins_a_title(t) and words[i + 1].is_title
    ]
    words = words[cut[-1] + 1 :] if cut else words
    if only_styles([t.text for t in words]) or _joins_a_title(words[-1]):
        return None  # "producer of the Matrix": the name is what the office is of
    if not _names_an_office(_office_head(words)):
        return None  # "Labour's", "Tory": a party; "the way Tony Blair ...": no comma
    return without_bracket_residue(doc[words[0].i : words[-1].i + 1].text) or None


def _office_head(words: list[Token]) -> Token:
    """The word that names the office of a title: its last, or the one before its "of"
    ("Chancellor" of "Chancellor of the Exchequer", whose "Exchequer" is no office)."""
    of = next((i for i, t in enumerate(words) if t.lower_ == "of"), len(words))
    return words[of - 1] if 0 < of < len(words) and not _names_an_office(words[-1]) else words[-1]


def _names_an_office(head: Token) -> bool:
    """The last word of a title is an office: a known title word ("Secretary", "spokesman",
    "editor") or an abbreviation ("MP", "MEP"); BBC copy drops the comma before a name
    ("Leaving a Brussels summit Mr Blair said"), so other nouns end no title. A capital
    alone is an initial ("M Owen"), and capitals the model reads as an organisation or a
    place are its name ("told the BBC Michael Howard has ..."), no office."""
    abbreviation = len(head.text) > 1 and head.text.isupper() and head.ent_type_ not in _NAMES
    return head.pos_ in {"NOUN", "PROPN"} and (is_title(head.text) or abbreviation)


MAX_APPOSITIVE_WORDS = 12
_APPOSITIVE_START = frozenset({"a", "an", "the"})
_APPOSITIVE_POS = frozenset({"NOUN", "PROPN", "ADJ", "DET", "ADP", "NUM", "PART"})


def appositive_after(doc: Doc, name_end: int) -> str | None:
    """The appositive after the name that ends before `doc[name_end]`, or None."""
    sentence_end = doc[name_end - 1].sent.end
    if name_end + 2 >= sentence_end or doc[name_end].text != ",":
        return None
    first = doc[name_end + 1]
    if first.lower_ not in _APPOSITIVE_START and not (first.is_lower and is_title(first.text)):
        return None  # "Leon Sigal, director of ...": a title word may open it too
    end = name_end + 1
    while end < sentence_end and end - name_end <= MAX_APPOSITIVE_WORDS:
        token = doc[end]
        if token.text == "," or token.pos_ == "CCONJ" or token.is_sent_end and token.is_punct:
            break  # "a former official and long a key player": what follows "and" adds
        if "\n" in doc[end - 1].whitespace_:
            return None
        if token.pos_ not in _APPOSITIVE_POS and token.tag_ != "HYPH":
            return None  # a verb or a clause: "Mr Clarke, the man who ..." says more
        if token.ent_type_ == "PERSON":
            return None  # "replace Henman, the 17-year-old Murray": another person
        end += 1
    else:
        return None
    last = doc[end - 1]
    return doc[name_end + 1 : end].text if last.pos_ in {"NOUN", "PROPN"} else None


def description_of(doc: Doc, names: list[tuple[int, int]]) -> str | None:
    """How an article describes a person most often (ties: the first), from the (start, end)
    token ranges of their names; None when it never does."""
    found = Counter(
        text
        for start, end in names
        for text in (title_before(doc, start), appositive_after(doc, end))
        if text
    )
    return found.most_common(1)[0][0] if found else None
