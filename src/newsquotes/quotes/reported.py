"""Reported speech from the dependency parse: what a cue reports, without quote marks.

- `reported+cue`: a verb of saying with a clausal complement ("X said (that) ...",
  "..., X told Y") reports that clause up to a writer's aside that closes it (", though
  ...", ", which ..."): `indirect`, or `mixed` when it holds a quote; also a "that" clause
  the parser hung on a noun after the cue ("told a meeting of island leaders that ...").
  So does a noun of saying with a possessor ("Trump's claim that ...", "his promise to
  ...").
- `reported+parenthetical`: a cue set off inside a clause ("..., North Korea said, ...",
  "As The Times reported, ..."): the parts of the clause before and after it, the cue and
  its speaker outside both.
- `reported+object`: a cue's complements when it has no clause, from the object or after the
  preposition ("accused X of ...", "complained about ...", "called for ...", "called for X
  to ...", "warned against ...", "asked for ...", "argued for ...", "did not respond to
  ...", "described X as Y", "denied the charges"), without the one asked ("asked X about
  ..."; "asked X" alone reports nothing), two words at least, without a closing phrase of
  when or where it was said ("on Sunday", "on Twitter"); not for a cue whose sense with a
  noun object is not speech ("maintains a network", "observing the situation", "concluded
  talks").
  "Say" takes only an object that stands for what was said ("said yes", "said the same of
  Trump").
- `according-to`: "according to X" reports the rest of its sentence, also a cue's report it
  closes ("On Monday, Trump said he was “happy to see” ..., according to The New York
  Times"): X is the source the writer names, the one PolNeAR marks.
A connective opening a reported span ("But", "However") or left at its end ("and") is the
writer's, not the speaker's.
Headline-like paragraphs (no final punctuation) report nothing, nor does a passive cue: its
subject was spoken to ("farmers are being asked to ...", "he was told that ...").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Span, Token

from newsquotes.quotes.attribution import (
    FRAMED_CUES,
    SUBJECTS,
    according_to,
    framed_clause,
    infinitive,
    is_cue,
    noun_before,
    speaker_for,
    subject_of,
)
from newsquotes.quotes.context import (
    ArticleContext,
    Found,
    extend_to_marks,
    relative_speaker,
    second_hand,
    speaker_at,
    trimmed,
)

# Prepositions that introduce what was said ("accused X of ...", "warned about ...").
TOPIC_PREPOSITIONS = frozenset({"of", "about", "on"})
# Some cues' more: "warned against complacency", what is asked or argued for ("asked for
# the allegiances of all delegates to be disclosed", "argued for a carbon tax").
CUE_TOPICS = {
    "warn": frozenset({"against"}),
    "ask": frozenset({"for"}),
    "argue": frozenset({"for", "against"}),
}
# Cues that, negated, report what went unanswered, as PolNeAR marks it ("did not respond to
# a request for comment"); "responded to the allegations" does not say what was said.
UNANSWERED_CUES = frozenset({"respond", "reply"})
OBJECTS = frozenset({"dobj", "xcomp", "oprd"})
SET_OFF = frozenset({",", "—", "–"})
# The dependencies from a cue down to the nouns of its adjuncts and objects ("said [during
# [a news conference]]", "told [a meeting [of [leaders]]]").
ADJUNCT_PATH = frozenset({"prep", "pobj", "dobj", "dative", "npadvmod"})
# Cues whose direct object is the person spoken to, not a part of what was said.
ADDRESSEE_CUES = frozenset(
    "tell ask urge warn remind assure inform advise notify caution persuade convince".split()  # noqa: SIM905
)
# Entity types of a lone object that is the person spoken to ("asked the Supreme Court").
ADDRESSEES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Cues whose sense with a noun object is not speech ("maintains a network", "added a week",
# "charged two men with theft", "admitting Poland to NATO", "answered questions", "observing
# the situation", "concluded advance weekly sales", "concluded talks").
NOT_SAID_OBJECTS = frozenset(
    {"maintain", "add", "charge", "admit", "answer", "observe", "conclude"}
)
# Objects of "say" that stand for what was said ("said yes", "said the same of Trump",
# "said as much", "said so"); any other noun object of "say" is no speech ("said a prayer").
PRO_FORMS = frozenset(
    "yes no so same much nothing everything something anything".split()  # noqa: SIM905
)
# The fewest words a cue's object needs to be what was said: "denied the charges", "called
# for his ouster", "announced his resignation"; not a lone "him" or "it".
SHORTEST_OBJECT = 2
# Prepositions that carry a pro-form's topic on ("said the same of Trump").
PRO_FORM_TOPICS = frozenset({"of", "for", "about"})
# Words that join a reported clause to the sentence around it, not part of what was said
# ("But in recent days, officials say, ...", "... would be more intense — and").
CONNECTIVES = frozenset({"and", "but", "or", "yet", "so", "however"})
TRAILING_CONNECTIVES = frozenset({"and", "but", "or"})
# Nouns of saying whose "that" or "to" clause is what their possessor said ("Trump's claim
# that there have been thousands of shootings", "his promise to build a wall").
SAYING_NOUNS = frozenset(
    "claim assertion contention insistence allegation promise pledge vow warning".split()  # noqa: SIM905
)
# Nouns of saying and the prepositions that open what was said ("his call for a ban", "made
# no mention of Russia", "her comments on Muslims", "Obama's claim about Clinton").
TOPIC_NOUNS = {
    "call": frozenset({"for"}),
    "comment": frozenset({"on", "about"}),
    "remark": frozenset({"on", "about"}),
    "claim": frozenset({"about", "of"}),
    "mention": frozenset({"of"}),
}
# Verbs that make a noun of saying their object say it ("made an impassioned call for",
# "sounded a call for", "made no mention of"); not "had no comment on".
SUPPORT_VERBS = frozenset({"make", "sound", "issue", "renew", "repeat", "offer", "deliver"})
# Nouns of where a cue was said ("in a statement", "on Twitter"): the cue's, not what was said.
MEDIA = frozenset(
    """statement interview tweet post twitter facebook website email letter speech show rally
    trail forum conference""".split()  # noqa: SIM905
)
# Prepositions that place a cue in a medium ("on Twitter", "in a statement", "at a rally").
PLACING = frozenset({"on", "in", "at", "during", "via", "through"})
# Verbs whose passive in a request keeps a source unnamed ("asked not to be identified").
UNNAMED = frozenset({"identify", "name"})
# Relative pronouns opening a writer's aside on the last noun of a reported clause.
ASIDE_RELATIVES = frozenset({"which", "who", "whom"})
# Words opening a writer's aside after a reported clause.
ASIDES = frozenset({"though", "although", "despite"})


def cut_at_next_cue(clause: Token, end: int) -> int:
    """End a clause before a second cue coordinated inside it ("..., adding that ...")."""
    for token in clause.subtree:
        if token.i > clause.i and is_cue(token) and token.dep_ in {"conj", "advcl"}:
            cut = token.left_edge.i
            while cut > clause.i and token.doc[cut - 1].dep_ in {"cc", "punct"}:
                cut -= 1
            return min(end, cut)
    return end


def cut_at_aside(clause: Token, end: int) -> int:
    """End a reported clause before the writer's aside that closes it: a comma and a
    concession or a "which" or "who" clause running to the end (", though she did not
    discuss their terms", ", which includes provisions not in the Senate bill", "Trump,
    who has a significant delegate lead")."""
    doc = clause.doc
    for token in clause.subtree:
        first = token.left_edge
        if (
            first.i > clause.i
            and token.right_edge.i + 1 >= end
            and doc[first.i - 1].text == ","
            and (
                token.dep_ == "relcl" and first.lower_ in ASIDE_RELATIVES or first.lower_ in ASIDES
            )
        ):
            return min(end, first.i - 1)
    return end


def _as_clause(cue: Token) -> bool:
    """A cue in an "as" clause set off at the start or after a comma ("As The Times
    reported, ...", "..., as Sweet noted"), with no object: not "as he described their
    struggles", which tells when."""
    if cue.dep_ != "advcl" or any(c.dep_ in OBJECTS for c in cue.children):
        return False
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
        return False
    first = cue.left_edge
    return first.is_sent_start or cue.doc[first.i - 1].text in SET_OFF | {"("}


def _parenthetical(cue: Token) -> bool:
    """A cue set off by a comma or dash inside another clause ("..., North Korea said, ..."),
    or in an "as" clause."""
    if cue.head.pos_ not in {"VERB", "AUX"}:
        return False
    if _as_clause(cue):
        return True
    if cue.dep_ not in {"parataxis", "ccomp"}:
        return False
    if infinitive(cue):
        return False
    left = cue.left_edge.i
    return (
        cue.doc[left].text in SET_OFF
        or left > 0
        and cue.doc[left - 1].text in SET_OFF
        or _set_off(cue)
    )


def _core_start(cue: Token) -> int:
    """Where the cue and its subject start ("Hebert said"), without what the parser hung
    before them ("After the court approved the law, Hebert said, ...")."""
    subjects = [c.left_edge.i for c in cue.children if c.dep_ in SUBJECTS]
    return min([cue.i] + subjects)


def _set_off(cue: Token) -> bool:
    """The cue and its subject follow a comma or dash: "..., Hebert said"."""
    start = _core_start(cue)
    return start > 0 and cue.doc[start - 1].text in SET_OFF


def _passive(cue: Token) -> bool:
    """A passive cue ("farmers are being asked to halt ..."): its subject was spoken to, and
    who spoke is not said."""
    return any(child.dep_ in {"auxpass", "nsubjpass"} for child in cue.children)


def _clause_start(cue: Token, clause: Token) -> int:
    """Where a clause after its cue starts: with the object the parser split off it ("said
    the acquisition of Donohue <BPCL.L> does not mean ..." makes "the acquisition" an object
    of "said"), unless the cue takes an addressee ("told reporters that ...")."""
    start = clause.left_edge.i
    if cue.lemma_.lower() in ADDRESSEE_CUES:
        return start
    split_off = [c for c in cue.rights if c.dep_ == "dobj" and c.i < clause.i]
    return min([start] + [c.left_edge.i for c in split_off])


def _clause(cue: Token) -> tuple[list[Span], str] | None:
    """What a cue reports, as token spans, and the rule that found it.

    `reported+cue`: its clausal complement ("said (that) ...", "..., X said");
    `reported+parenthetical`: the clause a parenthetical cue interrupts, as the part before
    and the part after the cue ("The deal, they said, will ...");
    `reported+object`: its complements when it has no clause ("accused X of ...").
    """
    doc = cue.doc
    if _passive(cue):
        return None  # "he was told that ...", "farmers are being asked to ...": not theirs
    complements = [c for c in cue.children if c.dep_ == "ccomp"] or _stranded_clause(cue)
    if complements:
        # a "clause" before the cue and one after it: the first is its subject, misparsed
        # ("Jeffrey Salkin, a rabbi helping to organize the boycott, said he ...")
        clause = next((c for c in complements if c.i > cue.i), complements[0])
        start = _clause_start(cue, clause) if clause.i > cue.i else clause.left_edge.i
        end = cut_at_aside(clause, cut_at_next_cue(clause, clause.right_edge.i + 1))
        if start <= cue.i < end:
            start = cue.i + 1 if clause.i > cue.i else start
            end = cue.i if clause.i < cue.i else end
        return ([doc[start:end]], "reported+cue") if start < end else None
    if _parenthetical(cue):
        head = cue.head
        clauses = [c.left_edge.i for c in cue.lefts if c.dep_ == "advcl"]  # "After ..., X said,"
        start, end = min([head.left_edge.i] + clauses), head.right_edge.i + 1
        cut = cue.left_edge.i if _as_clause(cue) else _core_start(cue)
        parts = [doc[start:cut], doc[cue.right_edge.i + 1 : end]]
        parts = [part for part in parts if any(t.is_alpha for t in part)]
        return (parts, "reported+parenthetical") if parts else None
    lemma = cue.lemma_.lower()
    frame = FRAMED_CUES.get(lemma, frozenset())
    topics = TOPIC_PREPOSITIONS | frame | CUE_TOPICS.get(lemma, frozenset())
    if lemma in UNANSWERED_CUES and _negated(cue):
        topics |= {"to"}
    objects = [
        c
        for c in cue.rights
        if c.dep_ in OBJECTS
        or c.lower_ in topics
        and not _circumstance(c)
        or framed_clause(c, frame)
    ]
    if objects and objects[0].dep_ == "dobj":  # "described the showdown as ominous"
        objects += [
            c for c in cue.rights if c.dep_ == "prep" and c.lower_ == "as" and c.i > objects[0].i
        ]
        objects.sort(key=lambda c: c.i)
    if objects and objects[0].dep_ == "dobj" and cue.lemma_.lower() in NOT_SAID_OBJECTS:
        return None  # "maintains a network", "charging two men with theft": no speech
    if cue.lemma_ == "say":
        return _pro_form(cue)
    if _anonymity(objects):
        return None  # "who asked not to be identified": the terms of speaking, not what was said
    if cue.lemma_.lower() in ADDRESSEE_CUES:
        objects = _without_addressee(cue, objects)
    if objects and cue.lemma_ != "tell":
        first = objects[0]
        if first.dep_ == "prep" and any(c.i > first.i for c in first.children):
            first = next(c for c in first.children if c.i > first.i)  # "of being duped"
        start, end = first.left_edge.i, _without_circumstance(objects[-1])
        if first.dep_ in {"prep", "prt"} and start == first.i or framed_clause(first, frame):
            start += 1  # "called on people to protest": the frame's particle is the cue's
        return ([doc[start:end]], "reported+object") if end - start >= SHORTEST_OBJECT else None
    return None


def _stranded_clause(cue: Token) -> list[Token]:
    """A "that" clause the parser hung on a noun of the cue's adjunct or object ("said on
    Friday during a news conference [that he may wait]", "told a meeting of Pacific Island
    leaders [that few people understood ...]"): "that" opens no relative clause as a mark,
    so the clause is the cue's complement."""
    nouns = [c for c in cue.rights if c.dep_ in ADJUNCT_PATH]
    while nouns:
        noun = nouns.pop()
        for child in noun.rights:
            first = child.left_edge
            if child.dep_ in {"relcl", "acl"} and first.dep_ == "mark" and first.lower_ == "that":
                return [child]
            if child.dep_ in ADJUNCT_PATH:
                nouns.append(child)
    return []


def _anonymity(objects: list[Token]) -> bool:
    """A source's request to stay unnamed ("asked not to be identified", "asked to remain
    anonymous"): a passive "identify" or "name", or "remain anonymous"."""
    if len(objects) != 1 or objects[0].dep_ != "xcomp":
        return False
    verb, lemma = objects[0], objects[0].lemma_.lower()
    if lemma in UNNAMED and any(c.dep_ == "auxpass" for c in verb.children):
        return True
    return lemma == "remain" and any(c.lower_ == "anonymous" for c in verb.children)


def _negated(cue: Token) -> bool:
    """A cue with "not" or "never", or said of nobody ("Neither Maples nor Trump responded")."""
    if any(c.dep_ == "neg" for c in cue.children):
        return True
    subjects = [c for c in cue.children if c.dep_ in SUBJECTS]
    return any(t.lower_ in {"neither", "no", "nobody"} for s in subjects for t in s.subtree)


def _without_addressee(cue: Token, objects: list[Token]) -> list[Token]:
    """A cue's objects without the person spoken to: the one asked about something ("asked
    Carson about his relationship ...", "asked Admiral Harris that question"; PolNeAR keeps
    the subject of a "to" clause: "asked the crowd to welcome ...", "urged Congress to ..."),
    or a lone object that names someone ("asked Lindsey Graham", "urged them"), which leaves
    nothing said."""
    if not objects or objects[0].dep_ != "dobj":
        return objects
    first = objects[0]
    if len(objects) == 1:
        return [] if first.pos_ in {"PRON", "PROPN"} or first.ent_type_ in ADDRESSEES else objects
    asked = cue.lemma_.lower() == "ask" and objects[1].dep_ != "xcomp"
    return objects[1:] if asked else objects


def _medium(preposition: Token) -> bool:
    """A preposition that tells where something was said ("on Twitter", "in a statement");
    not "of" ("a boycott of his speech")."""
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    return preposition.lower_ in PLACING and bool(objects) and objects[0].lower_ in MEDIA


def _circumstance(preposition: Token) -> bool:
    """A topic preposition of the cue that tells when or where it was said ("complained on
    Sunday", "commented on Twitter"), not what was said."""
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    return _medium(preposition) or bool(objects) and objects[0].ent_type_ in {"DATE", "TIME"}


def _without_circumstance(last: Token) -> int:
    """Where a cue's last object ends, without a closing phrase the parser hung on it that
    tells where it was said ("the verdict on Twitter", "the plan on its website"); a date
    there may be the object's own ("called for a general strike in May")."""
    node = last
    while rights := list(node.rights):
        node = rights[-1]
        if node.dep_ == "prep" and _medium(node):
            return node.i
    return last.right_edge.i + 1


def _pro_form(cue: Token) -> tuple[list[Span], str] | None:
    """What "say" with a pro-form object reports: the object and its topic ("said the
    same of Trump", "said yes"); nothing for another object."""
    said = [c for c in cue.rights if c.dep_ == "dobj" and c.lower_ in PRO_FORMS]
    if not said:
        return None
    topics = [c for c in cue.rights if c.dep_ == "prep" and c.lower_ in PRO_FORM_TOPICS]
    end = max([said[0].right_edge.i] + [c.right_edge.i for c in topics if c.i > said[0].i])
    return [cue.doc[said[0].left_edge.i : end + 1]], "reported+object"


def _quote_before_tag(text: str, start: int, cue: Token, inside: list) -> bool:
    """A clause before its cue that ends in a quote right before the cue's tag (“...,” she
    said) and starts a sentence or more before the quote: the parser took the writer's
    sentence before the quote into what the cue reports."""
    if not inside or cue.idx < inside[-1].mark_end:
        return False
    quote = inside[-1]
    if text[quote.mark_end : cue.idx].strip(" ,") and _core_start(cue) == cue.i:
        return False
    tag = text[quote.mark_end : cue.doc[_core_start(cue)].idx]
    if tag.strip(" ,—–-"):
        return False
    before = text[start : quote.mark_start].rstrip()
    return bool(before) and before[-1] in ".:!?" or ". " in before


def without_connectives(article: ArticleContext, start: int, end: int) -> tuple[int, int]:
    """A reported span without the connective that opens it outside quote marks ("But in
    recent days") or one left dangling at its end ("more intense — and")."""
    span = article.doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) <= 2:
        return start, end
    first, last = span[0], span[-1]
    if first.lower_ in CONNECTIVES and article.outside(first):
        start, end = trimmed(article.text, span[1].idx, end)
    if last.lower_ in TRAILING_CONNECTIVES:
        start, end = trimmed(article.text, start, span[-2].idx + len(span[-2]))
    return start, end


def _noun_clause(noun: Token) -> tuple[Token, Span] | None:
    """(possessor, clause) of a noun of saying with a possessor and a "that" or "to" clause
    right after it ("Trump's claim that ...", "his promise to ..."); not "its claim"."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in SAYING_NOUNS:
        return None
    owners = [c for c in noun.children if c.dep_ == "poss" and c.lower_ != "its"]
    clauses = [
        c
        for c in noun.rights
        if c.dep_ in {"acl", "ccomp", "relcl"}
        and c.left_edge.i == noun.i + 1
        and c.left_edge.lower_ in {"that", "to"}
    ]
    if not owners or not clauses:
        return None
    return owners[0], noun.doc[clauses[0].left_edge.i : clauses[0].right_edge.i + 1]


def _noun_topic(noun: Token, outside: Callable[[Token], bool]) -> tuple[Token, Span] | None:
    """(speaker, topic) of a noun of saying with its preposition ("his call for a ban",
    "Trump made no mention of Russia"): said by its possessor, or by the subject of the verb
    that makes it its object."""
    frame = TOPIC_NOUNS.get(noun.lemma_.lower()) if noun.pos_ == "NOUN" else None
    if frame is None:
        return None
    topics = [
        c for c in noun.rights if c.dep_ == "prep" and c.lower_ in frame and not _circumstance(c)
    ]
    said = [c for t in topics[:1] for c in t.children if c.dep_ in {"pobj", "pcomp"}]
    said += [c for c in noun.rights if framed_clause(c, frame)]  # "call for X to Y"
    if not said:
        return None
    start = said[0].left_edge.i
    if framed_clause(said[0], frame):
        start += 1  # the frame's "for" is the noun's, not what was said
    end = _without_circumstance(said[0])
    owners = [c for c in noun.children if c.dep_ == "poss" and c.lower_ != "its"]
    verb = noun.head
    if not owners and noun.dep_ == "dobj" and verb.lemma_.lower() in SUPPORT_VERBS:
        owners = [s for s in [subject_of(verb, outside)] if s is not None]
    if not owners:
        return None
    return owners[0], noun.doc[start:end]


def _cues_and_reports(
    article: ArticleContext,
) -> Iterator[tuple[Token, tuple[list[Span], str] | None, Token | None]]:
    """Each cue outside quote marks with what it reports and the subject who said it: the
    verbs of saying, then the nouns of saying with a possessor or a topic."""
    for cue in article.cues():
        yield cue, _clause(cue), subject_of(cue, article.outside) or noun_before(cue)
    for noun in article.doc:
        if not article.outside(noun):
            continue
        said = _noun_clause(noun)
        if said is not None:
            owner, clause = said
            yield noun, ([clause], "reported+cue"), owner
        said = _noun_topic(noun, article.outside)
        if said is not None:
            owner, topic = said
            yield noun, ([topic], "reported+object"), owner


def reported_speech(article: ArticleContext) -> tuple[list[Found], set[int]]:
    """Indirect and mixed quotes from cue clauses; the ids of the quote spans they hold."""
    found, held = [], set()
    text = article.text
    for cue, reported, subject in _cues_and_reports(article):
        paragraph = article.paragraph_of(cue.idx)
        if reported is None or paragraph in article.headlines or second_hand(article, cue):
            continue  # a second-hand report is the "according to" row's
        clauses, rule = reported
        p_start, p_end = article.paragraphs[paragraph]
        speaker = relative_speaker(article, cue, speaker_at(article, subject))
        confidence = (0.8 if rule == "reported+cue" else 0.6) if speaker is not None else 0.4
        cue_span = cue.doc[cue.i : cue.i + 1]
        for clause in clauses:
            start = max(clause.start_char, p_start)
            start, end = trimmed(text, start, min(clause.end_char, p_end))
            if start >= end:
                continue  # the parse put the clause outside its cue's paragraph
            start, end = without_connectives(article, start, end)
            start, end, inside = extend_to_marks(article, start, end)
            if start >= end:
                continue
            if inside and inside[0].mark_start <= start:
                continue  # the clause opens with a quote: a direct quote, for the quote-mark rules
            if _quote_before_tag(text, start, cue, inside):
                continue  # "... declared: “Change the world,” she said": the quote is what she said
            held.update(id(q) for q in inside)
            kind = "mixed" if inside else "indirect"
            found.append(Found(start, end, kind, rule, confidence, cue_span, speaker))
            found[-1].paragraph = paragraph
    return found, held


def according_to_rows(article: ArticleContext) -> list[Found]:
    """ "..., according to X" and "According to X, ...": the rest of the sentence."""
    found = []
    for token in article.doc:
        source = according_to(token)
        if source is None or article.quoted(token.idx) is not None:
            continue
        phrase = article.doc[token.i : token.right_edge.i + 1]
        sentence = token.sent
        before = trimmed(article.text, sentence.start_char, phrase.start_char)
        after = trimmed(article.text, phrase.end_char, sentence.end_char)
        start, end = without_connectives(
            article, *max(before, after, key=lambda span: span[1] - span[0])
        )
        if start >= end or article.paragraph_of(start) in article.headlines:
            continue
        start, end, inside = extend_to_marks(article, start, end)
        cue = article.doc[token.i : token.i + 2]
        speaker = speaker_for(article.doc, source, article.entities)
        kind = "mixed" if inside else "indirect"
        found.append(Found(start, end, kind, "according-to", 0.75, cue, speaker))
    return found
