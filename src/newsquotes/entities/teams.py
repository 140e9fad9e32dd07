"""Sports teams: a name an article uses as a team's is an organisation there.

Clubs and county sides carry a place's or a person's name ("Newcastle", "Bolton", "Kent"),
and the model reads them as places or people. In a sports report the words next to a name
say it is a team: a manager's or a player's role after it ("Newcastle manager Graeme
Souness", "Bolton's striker"), a score after it ("Bolton 2-1 Derby") or a player's move
("signed for Bolton"). Every mention of that name in the article is then the team's, and so
are the names listed with it ("Essex, Derbyshire and Surrey"), playing it ("Bolton v Derby")
and those it beats or loses to ("Leicestershire beat Somerset"). Neither a "v" nor a result
alone makes a team ("Roe v Wade", "Bush beat Kerry"). Countries and the nations of one stay
places: a national side is named for its country, and its articles mean the country too.
Only the words' order is read: most sentences of a match report are not parsed
(`nlp.selective`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import pycountry
from spacy.tokens import Doc, Span

from newsquotes.entities.mentions import Mention
from newsquotes.names import PERSON_LABELS, PLACE_LABELS, country_of

# A team's players by position, written after its name, also after "'s" ("Bolton's striker").
POSITIONS = frozenset(
    {"striker", "midfielder", "defender", "goalkeeper", "winger", "full-back", "centre-back"}
    | {"fly-half", "scrum-half", "flanker", "batsman", "bowler", "all-rounder", "spinner"}
    | {"wicketkeeper"}
)
# A team's staff, written right after its name: "Rawlinson's coach" is an athlete's.
STAFF = frozenset({"manager", "boss", "coach", "captain", "skipper"})
# Verbs of a result between two teams ("Leicestershire beat Somerset", "drew with").
RESULT_VERBS = frozenset(
    {"beat", "beats", "defeated", "defeats", "thrashed", "edged", "trounced", "routed"}
    | {"hammered", "drew", "overcame", "outclassed"}
)
PLAYING_VERBS = frozenset({"sign", "play", "score", "appear", "debut"})  # "... for Bolton"
RESULT_LINKS = frozenset({"with", "to", "at", "against", "by"})  # "drew with", "lost to"
FIXTURE_WORDS = frozenset({"v", "vs", "v.", "vs."})
SCORE = re.compile(r"^\d{1,3}-\d{1,3}$")
LIST_WORDS = frozenset({",", "and", "&"})


def read_teams_as_organisations(doc: Doc, mentions: list[Mention]) -> None:
    """Relabel, in place, every mention of a name the article uses as a team's as ORG."""
    teams = team_names(doc, mentions)
    for mention in mentions:
        if mention.text in teams:
            mention.label = "ORG"


def team_names(doc: Doc, mentions: list[Mention]) -> set[str]:
    """The names among `mentions`, read as places or people, that the article writes as a
    team's (`_team_words_after`, `_played_for`), or lists with, sets against or in a result
    with a name written so, an organisation's included (`_pairs`)."""
    spans = [
        (mention, span)
        for mention in mentions
        if (span := doc.char_span(mention.start, mention.end, alignment_mode="expand"))
    ]
    readable = {m.text for m, _ in spans if _may_be_a_team(m)}
    seeds = {m.text for m, span in spans if _team_words_after(m, span) or _played_for(span)}
    links: dict[str, set[str]] = {}
    for a, b in _pairs(doc, spans, readable):
        links.setdefault(a, set()).add(b)
        links.setdefault(b, set()).add(a)
    found, todo = set(seeds), list(seeds)
    while todo:
        for other in links.get(todo.pop(), set()) - found:
            found.add(other)
            todo.append(other)
    return found & readable


def _may_be_a_team(mention: Mention) -> bool:
    """A place that is no country, or a one-word person's name (a club's, "Bolton")."""
    words = mention.text.split()
    if mention.label in PERSON_LABELS:
        return len(words) == 1 and not _names_a_nation(mention.text)
    return mention.label in PLACE_LABELS and not _names_a_nation(mention.text)


@functools.cache
def _names_a_nation(name: str) -> bool:
    """A country ("France", "Republic of Ireland") or a nation within one ("England",
    "Wales": ISO 3166-2 subdivisions of the type "Country")."""
    country = name.removeprefix("Republic of ").removeprefix("the ")
    return country_of(country, "GPE") is not None or country in _nations()


@functools.cache
def _nations() -> frozenset[str]:
    return frozenset(
        subdivision.name.split(" [")[0]  # "Wales [Cymru GB-CYM]"
        for subdivision in pycountry.subdivisions
        if subdivision.type == "Country"
    )


def _team_words_after(mention: Mention, span: Span) -> bool:
    """A position or a post right after the name ("striker", "manager"), a position after
    its "'s", or a score ("2-1"), but not after a person's name: a bowler's figures ("Croft
    3-45")."""
    following = span.doc[span.end : span.end + 2]
    if not len(following):
        return False
    word = following[0]
    if word.tag_ == "POS":
        return len(following) > 1 and following[1].lower_ in POSITIONS
    score = mention.label not in PERSON_LABELS and bool(SCORE.match(word.text))
    return word.lower_ in POSITIONS | STAFF or score


def _played_for(span: Span) -> bool:
    """A name a player signs, plays or scores for ("signed for Bolton")."""
    before = span.doc[max(0, span.start - 2) : span.start]
    return len(before) == 2 and before[1].lower_ == "for" and before[0].lemma_ in PLAYING_VERBS


def _pairs(
    doc: Doc, spans: list[tuple[Mention, Span]], readable: set[str]
) -> Iterator[tuple[str, str]]:
    """Neighbouring names that may be teams joined by list words only ("Essex, Derbyshire")
    or by a "v" ("Bolton v Derby"), and names joined by a result verb and its preposition
    ("Arsenal beat Bolton", "lost to"), unless both are people's ("Bush beat Kerry")."""
    for (a, first), (b, second) in zip(spans, spans[1:], strict=False):
        between = [token.lower_ for token in doc[first.end : second.start]]
        if not between:
            continue
        listed = all(word in LIST_WORDS for word in between)
        verb, links = between[0], set(between[1:])
        result = (verb in RESULT_VERBS and links <= RESULT_LINKS) or (
            verb == "lost" and len(links) == 1 and links <= RESULT_LINKS
        )
        fixture = len(between) == 1 and between[0] in FIXTURE_WORDS
        people = a.label in PERSON_LABELS and b.label in PERSON_LABELS
        if ((listed or fixture) and {a.text, b.text} <= readable) or (result and not people):
            yield a.text, b.text
