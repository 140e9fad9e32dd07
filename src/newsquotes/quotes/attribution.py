"""Attribution: speech cues in a spaCy parse, the speaker each cue attaches to, and what it reports.

A cue is a verb of saying ("said", "told", "adding") outside quote marks, or "according to";
"call", "speak" and "point" are cues only in their speech frames ("called for a moratorium",
"called on Trump to apologize", "called the charges fabricated", "spoke of the legacy of
racism", "pointed out that ...").
A noun the tagger took for a verb ("creditor bank demands that ...") is none, nor is a tag of
markup left in the text ("<tweet author=...>").
Its speaker is its grammatical subject, found through the dependency parse: a participle or
coordinated verb without a subject of its own ("..., adding that") takes its head verb's
subject, a relative clause ("Sigal, who said") its antecedent; a cue the parse gives no
subject is said by the noun right before it (`noun_before`). The speaker
mention is the entity mention at that subject, or its noun phrase ("a North Korean
diplomat"); titles before a name and appositives after it become the description. In a
"who" clause the mention is the "who" (`relative_subject`), standing for its antecedent
(`context.relative_speaker`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsquotes.entities.extract import Entity, entity_at
from newsquotes.names import (
    COURTESY_TITLES,
    RANK_STYLES,
    only_styles,
    without_bracket_residue,
)

SPEECH_VERBS = frozenset(
    """say tell add state explain note claim argue insist ask reply respond warn write announce
    declare suggest comment acknowledge admit recall describe emphasise emphasize stress urge
    predict remark conclude confirm deny report testify agree complain concede observe tweet
    quip joke caution vow promise mention contend assert allege maintain repeat reiterate
    answer shout yell boast brag counter retort accuse charge recount demand exclaim wonder
    scold plead confess""".split()  # noqa: SIM905
)
# Verbs that report speech only in one frame: "called for a moratorium", "called on Trump to
# apologize", "called the charges unsubstantiated" (an object and its complement), "spoke of
# the legacy of racism", "pointed out that ..."; not "called the hearing", "spoke to
# reporters", "pointed at the map".
FRAMED_CUES = {
    "call": frozenset({"for", "on"}),
    "speak": frozenset({"of", "about", "against"}),
    "point": frozenset({"out"}),
}
# The lemmas that can be cues, in some frame: the sentences the parser must see.
CUE_LEMMAS = SPEECH_VERBS | frozenset(FRAMED_CUES)
# Verbs after which an infinitive says what was done, not what was meant or refused: "went
# on to say", "continued to insist", "seemed to confirm" (not "wants to tell", "declined to
# comment"). "go" only with "on": "is going to say" has not said it yet.
CARRIED_OUT = frozenset({"go", "continue", "seem", "appear", "proceed"})
# Verbs of refusing: an infinitive cue after them with a topic is what went unanswered, as
# PolNeAR marks "did not respond to" ("declined to comment on the reaction", "refused to
# say whether ..."); "declined to comment" alone says nothing.
REFUSING = frozenset({"decline", "refuse"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
NOMINAL_DEPS = frozenset({"pobj", "dobj", "nsubj", "nsubjpass", "compound", "appos"})
# Dependencies of a verb that has no subject of its own and shares its head's; "advmod" for
# a gerund after "aside from" or "short of" ("stopped short of calling ...").
SHARED_SUBJECT = frozenset({"advcl", "xcomp", "conj", "pcomp", "acl", "prep", "advmod"})
MAX_SHARED_STEPS = 5  # "refuses to discuss X, aside from saying": five steps up to "refuses"
OBJECTS = frozenset({"dobj", "pobj", "dative"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
NOUN_MODIFIERS = frozenset({"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod"})
FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
LEADING_JUNK = frozenset({"and", "but", "or", "as"})


@dataclass
class Speaker:
    """The speaker mention of a cue, its head token and its description; `entity` when the
    mention is known to name an entity it does not overlap ("PENCE:" in a transcript)."""

    span: Span
    head: Token
    description: str | None
    entity: Entity | None = None
    kind: str | None = None  # the speaker type when the words cannot tell ("Q:" turns)


def is_cue(token: Token, extra: frozenset[str] = frozenset()) -> bool:
    """A verb of saying, or of `extra` (not "say" as a noun, not an auxiliary or a modifier
    like "so-called", not an infinitive), in a parsed sentence: without a parse (selective
    parsing leaves out sentences with no cue lemma) there is no speaker to attach to."""
    if not token.dep_ or token.pos_ not in {"VERB", "AUX"}:
        return False
    if token.dep_ in {"aux", "auxpass", "amod"}:
        return False
    if infinitive(token) and not (_carried_out(token) or _unanswered(token)):
        return False  # "wants to say", "too early to tell": no speech took place
    if _mistagged_noun(token):
        return False
    if token.i > 0 and token.doc[token.i - 1].text == "<":
        return False  # a tag of markup left in the text: <tweet author="...">
    lemma = token.lemma_.lower()
    return lemma in SPEECH_VERBS or lemma in extra or _in_frame(token, lemma)


def infinitive(token: Token) -> bool:
    """A verb with "to" ("declined to say")."""
    return any(child.dep_ == "aux" and child.lower_ == "to" for child in token.children)


def _carried_out(token: Token) -> bool:
    """An infinitive whose head says it took place: "went on to say", "continues to insist"."""
    head = token.head
    if token.dep_ not in {"xcomp", "advcl"} or head.lemma_.lower() not in CARRIED_OUT:
        return False
    return head.lemma_.lower() != "go" or any(c.lower_ == "on" for c in head.children)


def _unanswered(token: Token) -> bool:
    """An infinitive cue after a refusal, with what went unanswered: a clause or a topic
    ("declined to say whether ...", "declined to comment on the reaction")."""
    if token.dep_ != "xcomp" or token.head.lemma_.lower() not in REFUSING:
        return False
    return any(
        c.dep_ == "ccomp" or c.dep_ == "prep" and c.lower_ in {"on", "about"}
        for c in token.children
    )


def _in_frame(token: Token, lemma: str) -> bool:
    """A verb of `FRAMED_CUES` in its speech frame: with one of its prepositions (or
    particles), or "call" with an object and its complement ("called Oz a quack")."""
    frame = FRAMED_CUES.get(lemma)
    if frame is None:
        return False
    children = list(token.children)
    if any(c.dep_ in {"prep", "prt"} and c.lower_ in frame for c in children):
        return True
    if any(framed_clause(c, frame) for c in children):
        return True  # "called for Trump to drop out": "for" opens a clause
    named = [c for c in children if c.dep_ in {"dobj", "oprd"}]  # "Oz" may be an oprd too
    return lemma == "call" and len(named) >= 2 and any(c.dep_ == "oprd" for c in named)


def framed_clause(child: Token, frame: frozenset[str]) -> bool:
    """A clause after a cue opened by one of its frame's words ("called [for Trump to drop
    out]", "called [for her messages to be made public]")."""
    first = child.left_edge
    return (
        child.dep_ in {"advcl", "xcomp", "ccomp"}
        and first.dep_ == "mark"
        and first.lower_ in frame
        and first.i == child.head.i + 1
    )


def _mistagged_noun(token: Token) -> bool:
    """A noun the tagger took for a verb ("meeting creditor bank demands that ...", "the
    union's demands"): a finite form in a noun's place, or with a determiner or possessive.
    Gerunds ("by saying that") fill a noun's place as verbs and stay cues."""
    if token.tag_ == "VBG":
        return False
    return token.dep_ in NOMINAL_DEPS or any(c.dep_ in {"det", "poss"} for c in token.children)


def according_to(token: Token) -> Token | None:
    """The source of "according to SOURCE" when `token` is "according"."""
    if token.lower_ != "according":
        return None
    for child in token.children:
        if child.lower_ == "to":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if not objects:  # "according to show insiders": a noun taken for a verb
                verbs = [c for c in child.children if c.dep_ == "pcomp"]
                objects = [o for v in verbs for o in v.children if o.dep_ == "dobj"]
            return objects[0] if objects else None
    return None


def subject_of(cue: Token, outside: Callable[[Token], bool], depth: int = 0) -> Token | None:
    """The subject the cue attaches to, through shared-subject verbs and relative clauses.

    Subjects for which `outside` is false (words inside quote marks) do not count: in
    "“... Full panic mode,” said Leslie Wimes" the parser may give "said" both.
    """
    subjects = [c for c in cue.children if c.dep_ in SUBJECTS and outside(c)]
    clauses = [c for c in cue.children if c.dep_ == "ccomp"]
    if not subjects and len(clauses) > 1 and clauses[0].i < cue.i < clauses[-1].i:
        # "Salkin, a rabbi helping ..., said he ...": the subject parsed as a clause
        subjects = [c for c in clauses[0].children if c.dep_ in SUBJECTS and outside(c)]
    if subjects:
        subject = _past_dateline(min(subjects, key=lambda c: abs(c.i - cue.i)))
        if subject.lower_ not in RELATIVE_PRONOUNS:
            return subject
        return cue.head if cue.dep_ == "relcl" else None
    if cue.dep_ == "relcl":
        return cue.head
    if depth >= MAX_SHARED_STEPS or cue.dep_ not in SHARED_SUBJECT or cue.head.i == cue.i:
        return None
    head = cue.head
    if cue.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"}:
        # "a statement saying" speaks itself, but "the DNC issued a statement saying" and
        # "emailed supporters saying" are the sender's.
        governor = head.head.head if head.dep_ == "pobj" else head.head
        if head.dep_ not in OBJECTS or governor.pos_ != "VERB":
            return head
        head = governor
    elif head.dep_ == "ccomp" and is_cue(head.head):
        head = head.head  # "X said Y ..., explaining": X explains, not Y
    return subject_of(head, outside, depth + 1)


def noun_before(cue: Token) -> Token | None:
    """The noun right before a cue the parse gives no subject, past its auxiliaries and
    adverbs and a bracket ("former president Bill Clinton said his wife ...", "Sen.
    Elizabeth Warren (D-MA) said"): who says it, in a subject's place."""
    doc, i = cue.doc, cue.i - 1
    while i > cue.sent.start and doc[i].dep_ in {"aux", "neg", "advmod"}:
        i -= 1
    if doc[i].text == ")":
        before = range(i - 1, cue.sent.start - 1, -1)
        opening = next((j for j in before if doc[j].text == "("), None)
        i = opening - 1 if opening is not None else i
    if i < cue.sent.start or doc[i].pos_ not in {"NOUN", "PROPN", "PRON"}:
        return None
    return doc[i]


def relative_subject(cue: Token) -> Token | None:
    """The "who" that is the subject of a cue in a relative clause ("Mr. Kamin, who emphasized
    that ..."); not "that" or "which", whose antecedent is mostly a thing that speaks ("a
    blog post that said"), named by the antecedent."""
    if cue.dep_ != "relcl":
        return None
    return next((c for c in cue.children if c.dep_ in SUBJECTS and c.lower_ == "who"), None)


def _past_dateline(subject: Token) -> Token:
    """The subject after a dateline the parser took for it ("WASHINGTON -- President Obama
    ... said"): a word in capitals opening its sentence, with the name as its appositive."""
    if not (subject.is_upper and len(subject) > 1 and subject.i == subject.sent.start):
        return subject
    names = [c for c in subject.children if c.dep_ == "appos"]
    return names[-1] if names else subject


def _noun_phrase(head: Token) -> tuple[int, int]:
    """Token range of the head with its left modifiers (determiners, adjectives, compounds)."""
    left = head.i
    for child in head.lefts:
        if child.dep_ in NOUN_MODIFIERS:
            left = min(left, child.left_edge.i)
    return left, head.i + 1


def _clip(span: Span) -> str | None:
    """A description as a clean noun phrase, or None when it is not one.

    Courtesy titles, a leading "both", a trailing style ("Mr.", "Lord", "Sheikh" or "Prince"
    alone describes nobody) and a dateline glued before it ("CNN)" of "(CNN)President") go;
    a phrase with no noun ("predictable") or only a date ("Wednesday"), with a finite verb
    (a headline, "a view echoed by everyone I interviewed"), across lines or quotes (a bad
    parse) is no description.
    """
    words = [t for t in span if t.lower_.rstrip(".") not in COURTESY_TITLES | {"both"}]
    while words and (words[0].is_punct or words[0].lower_ in LEADING_JUNK):
        words.pop(0)
    while words and (words[-1].is_punct or words[-1].lower_ in RELATIVE_PRONOUNS | RANK_STYLES):
        words.pop()  # "the Lord Chancellor Lord" (Falconer): the last "Lord" is his style
    if only_styles([t.text for t in words]) or words[-1].tag_ == "POS":
        return None  # a possessive alone ("Brazil's" Dauster) says whose, not who
    nouns = [t for t in words if t.pos_ in {"NOUN", "PROPN"}]
    if not nouns or all(t.ent_type_ in {"DATE", "TIME"} for t in nouns):
        return None  # no noun, or only a day: "Wednesday" describes nobody
    if any(t.tag_ in FINITE_VERB_TAGS for t in words):
        return None
    cleaned = without_bracket_residue(span.doc[words[0].i : words[-1].i + 1].text)
    if not cleaned or "\n" in cleaned or any(mark in cleaned for mark in '"“”«»'):
        return None
    return cleaned


def _appositive(head: Token) -> str | None:
    """The appositive after a name, without coordinated additions ("and long a key player")
    or a relative clause ("who has been ..."). A hyphenated head the parse splits into
    adjacent appositions ("vice", "-", "president of GM") is one appositive."""
    parts = [child for child in head.rights if child.dep_ == "appos"]
    if not parts:
        return None
    last = parts[0]
    for part in parts[1:]:
        if part.left_edge.i != last.right_edge.i + 1:
            break
        last = part
    stops = [g.left_edge.i for g in last.rights if g.dep_ in {"cc", "conj", "relcl"}]
    end = min(stops) if stops else last.right_edge.i + 1
    return _clip(head.doc[parts[0].left_edge.i : end])


def speaker_for(doc: Doc, subject: Token, entities: list[Entity]) -> Speaker:
    """The speaker mention at a subject token, with its title or appositive as description."""
    found = entity_at(entities, subject.idx, subject.idx + len(subject))
    if found is None:
        for child in subject.children:
            if child.dep_ == "appos" and entity_at(entities, child.idx, child.idx + len(child)):
                name = speaker_for(doc, child, entities)
                if name.description is None:  # "a rise ..., James Fry, vice-president of
                    start, end = _noun_phrase(subject)  # GM, told": his own says who he is
                    name.description = _clip(doc[start:end])
                return name
    if found is not None:
        mention = found[1]
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        start, _ = _noun_phrase(subject)
        title = _clip(doc[start : span.start]) if start < span.start else None
        return Speaker(span, subject, _appositive(subject) or title)
    if subject.pos_ == "PRON":
        return Speaker(doc[subject.i : subject.i + 1], subject, None)
    start, end = _noun_phrase(subject)
    return Speaker(doc[start:end], subject, _appositive(subject))
