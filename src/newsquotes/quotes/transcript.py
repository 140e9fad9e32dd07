"""Transcript lines: "NAME: ..." reports the rest of its paragraph (rule `colon`).

- A name the article knows ("Bush:") or one in capitals ("PENCE:", the person of the
  article with that surname) is the speaker of its turn; so is any label of nouns before a
  colon in the title ("Poll: Wealthy Voters Abandon ...", "Sanders: Clinton needs to ...").
- "Q:" and "A:" turns are the interviewer's and the interviewee's when the article says who
  they are, in a sentence before the first turn about the interview ("he spoke with POLITICO
  senior writer Michael Grunwald", "In an interview with Marco Rubio, ..."): a person named
  with a journalist's title ("reporter", "host") asks, the other person named answers. With
  no such sentence, or more than one person for a role, the turns stay unnamed.
- An editor's line is nobody's speech ("NOTE:", "Editor's note:", "FTC: We use income
  earning affiliate links"), nor is a count ("Clinton: 547.") or a section heading below
  the title: a short phrase without a finite verb after a name, in a paragraph between
  paragraphs that are no turns ("Rubio: Finish second.").
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from newsquotes.entities.extract import Entity, entity_at
from newsquotes.names import PERSON_LABELS
from newsquotes.quotes.attribution import FINITE_VERB_TAGS, Speaker, speaker_for
from newsquotes.quotes.context import ArticleContext, Found, trimmed
from newsquotes.quotes.coref import resolve_pronoun
from newsquotes.quotes.speaker_type import UNNAMED_PERSON

# Labels of an editor's line: the last word of the label decides ("Editor's note").
NOT_SPEAKERS = frozenset(
    """note notes update updated correction corrections clarification caption source sources
    ftc disclosure disclaimer""".split()  # noqa: SIM905
)
QUESTION, ANSWER = "q", "a"
_NAME_LINE = re.compile(r"[\"“]?([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}):\s+\S")
# Words that say a sentence is about an interview ("spoke with", "sat down with", "Q&A").
INTERVIEW_WORDS = frozenset(
    """interview interviewed interviews spoke speaks talked talks sat chat chatted q&a
    conversation""".split()  # noqa: SIM905
)
# Titles that make a named person the one who asks.
JOURNALIST_NOUNS = frozenset(
    """reporter writer correspondent editor journalist host anchor presenter interviewer
    columnist producer moderator""".split()  # noqa: SIM905
)
HEADING_WORDS = 5  # at most this many words after the name of a section heading


def _person_called(entities: list[Entity], label: str) -> Entity | None:
    """The one person of the article whose surname or full name a capitals transcript
    label is ("PENCE", "CHRIS WALLACE"), if exactly one."""
    wanted = label.casefold()
    people = [
        entity
        for entity in entities
        if entity.label in PERSON_LABELS
        and wanted in {entity.name.casefold(), entity.name.split()[-1].casefold()}
    ]
    return people[0] if len(people) == 1 else None


def _titled(sentence: Span, start: int, end: int) -> bool:
    """A person mention with a journalist's title: before it in its noun phrase ("POLITICO
    senior writer Michael Grunwald"), in the appositive after it ("Jim Tankersley, a reporter
    for The Washington Post") or as the noun it stands beside ("two reporters, Jim Tankersley
    and Michael Grunwald,")."""
    doc = sentence.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    before = doc[max(sentence.start, span.start - 4) : span.start]
    words = [t for t in before if t.i >= _phrase_start(before)]
    after = doc[span.end : min(sentence.end, span.end + 4)]
    appositive = len(after) > 1 and after[0].text == ","
    if any(t.lemma_.lower() in JOURNALIST_NOUNS for t in words) or (
        appositive and any(t.lemma_.lower() in JOURNALIST_NOUNS for t in after[1:])
    ):
        return True
    token = span.root
    for _ in range(3):  # up through "and" and the appositive to the noun they describe
        if token.dep_ not in {"conj", "appos"} or token.head.i == token.i:
            return False
        token = token.head
        if token.lemma_.lower() in JOURNALIST_NOUNS:
            return True
    return False


def _phrase_start(tokens: Span) -> int:
    """The first token after the last comma, verb or preposition in `tokens`: the words
    that can belong to the noun phrase that follows them."""
    start = tokens.start
    for token in tokens:
        if token.text in {",", ";", "and"} or token.pos_ in {"VERB", "ADP", "AUX"}:
            start = token.i + 1
    return start


def interview_roles(article: ArticleContext, first_turn: int) -> dict[str, Entity]:
    """The people "Q:" and "A:" stand for, from the sentences about the interview before the
    first turn: {"q": interviewer, "a": interviewee}, each only when one person fits."""
    askers: dict[str, Entity] = {}
    answerers: dict[str, Entity] = {}
    for sentence in article.doc.sents:
        if sentence.start_char >= first_turn:
            break
        if not any(t.lower_ in INTERVIEW_WORDS for t in sentence):
            continue
        for entity in article.entities:
            if entity.label not in PERSON_LABELS:
                continue
            for mention in entity.mentions:
                if sentence.start_char <= mention.start and mention.end <= sentence.end_char:
                    titled = _titled(sentence, mention.start, mention.end)
                    (askers if titled else answerers)[entity.entity_id] = entity
        for token in sentence:  # "he spoke with ...": the person "he" is
            if token.lower_ in {"he", "she"} and token.dep_ in {"nsubj", ""}:
                person = resolve_pronoun(token, article.entities, article.genders)
                if person is not None and person.entity_id not in askers:
                    answerers[person.entity_id] = person
    roles = {}
    if len(askers) == 1:
        roles[QUESTION] = next(iter(askers.values()))
    answerers = {key: person for key, person in answerers.items() if key not in askers}
    if len(answerers) == 1:
        roles[ANSWER] = next(iter(answerers.values()))
    return roles


def _heading(article: ArticleContext, index: int, start: int, end: int) -> bool:
    """Not a turn: a count ("Clinton: 547."), a section heading, a short phrase without a
    finite verb ("Rubio: Finish second.", "Trump: MOVE PAST Iowa.") in a paragraph with no
    turn before or after it, below the title (a title "Roger Stone: Don't Trust the Voting
    Machines." gives his words), or a record in a list of them ("John Smith: possession of
    marijuana, speeding." in a police log): turns with no finite verb, each name once."""
    rest = article.text[start:end]
    if not any(c.isalpha() for c in rest):
        return True
    if index == 0 or not _verbless(article, start, end):
        return False
    neighbours = [i for i in (index - 1, index + 1) if 0 <= i < len(article.paragraphs)]
    turns = [i for i in neighbours if _label(article, i)]
    if not turns:
        return len(rest.split()) <= HEADING_WORDS
    labels = [_label(article, i) for i in range(len(article.paragraphs))]
    names = [label.group(1) for label in labels if label]
    return names.count(labels[index].group(1)) == 1 and all(
        _verbless(article, labels[i].end(1) + 1, article.paragraphs[i][1]) for i in turns
    )


def _verbless(article: ArticleContext, start: int, end: int) -> bool:
    """Text with no finite verb nor pronoun: a phrase, not a statement."""
    span = article.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and not any(
        t.tag_ in FINITE_VERB_TAGS or t.pos_ == "PRON" for t in span
    )


def _names_a_source(article: ArticleContext, start: int, end: int) -> bool:
    """A title's label made only of nouns ("Poll:", "Politifact:", "Sanders:"), who say what
    follows, as PolNeAR marks it; not a phrase ("The Latest:", "Stealth Over Health:")."""
    span = article.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and all(t.pos_ in {"NOUN", "PROPN"} for t in span)


def _label(article: ArticleContext, index: int) -> re.Match | None:
    start, end = article.paragraphs[index]
    return _NAME_LINE.match(article.text, start, end)


def colon_rows(article: ArticleContext) -> list[Found]:
    """Transcript lines: "PENCE: Well, look, ..." reports the rest of the paragraph."""
    found = []
    roles: dict[str, Entity] | None = None
    for index, (p_start, p_end) in enumerate(article.paragraphs):
        match = _label(article, index)
        if match is None:
            continue
        name_start, name_end = match.span(1)
        label = match.group(1).casefold()
        if label.split()[-1] in NOT_SPEAKERS:
            continue  # "NOTE: ...", "Editor's note: ...": an editor's line, nobody's speech
        if not (
            entity_at(article.entities, name_start, name_end)
            or match.group(1).isupper()
            or index == 0
            and _names_a_source(article, name_start, name_end)
        ):
            continue
        start, end = trimmed(article.text, name_end + 1, p_end)
        if label not in {QUESTION, ANSWER} and _heading(article, index, start, end):
            continue
        subject = article.doc.char_span(name_start, name_end, alignment_mode="expand")
        if label in {QUESTION, ANSWER}:
            if roles is None:
                roles = interview_roles(article, p_start)
            # the interviewer's and interviewee's turns; unnamed sources when not said
            person = roles.get(label)
            speaker = Speaker(subject, subject.root, None, kind=None if person else UNNAMED_PERSON)
            speaker.entity = person
        else:
            speaker = speaker_for(article.doc, subject.root, article.entities)
        if speaker.entity is None and speaker.kind is None and match.group(1).isupper():
            speaker.entity = _person_called(article.entities, match.group(1))  # "PENCE"
        cue = article.doc.char_span(name_end, name_end + 1, alignment_mode="expand")
        kind = "direct" if article.quoted(start) else "indirect"
        found.append(Found(start, end, kind, "colon", 0.7, cue, speaker, paragraph=index))
    return found
