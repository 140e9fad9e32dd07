"""Entities: one entity per real-world thing per article, from the cleaned mentions.

Mentions group when they name the same thing: a person's surname ("Sigal") or titled name
("President Obama") joins the one full name it ends ("Leon Sigal", "Barack Obama"), whatever
label the model gave it (a name read as an organisation whose last word the article reads
alone as a person is a person's: "Montell Figgins", "Figgins said"; a lone word read as an
organisation that ends several people's full names is the one the article names most in
full: "Ford" in a profile of John M. Ford that names Dale Ford once); a lone first name read
as a person (or as an organisation no other organisation's name holds: "Dale" of "Dale
Ford") that is no one's surname joins the one full name it starts ("Kevin", "Kevin
McKinley"); an acronym joins the name it abbreviates ("UN", "United Nations"; "GM", "General
Motors Corp"); country names and codes join by ISO code ("US", "U.S.", "United States"); an
organisation noun alone ("the Bank said") joins the article's one organisation with that
word in its name, or is dropped; other mentions group by their normalised text. The group
votes on its label, so one entity has one label, and its longest full form is its canonical
name; a person known by one name keeps the peer's or royal's style written before it ("Lord
Falconer", "Prince Andrew").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from newsquotes.entities.descriptions import description_of
from newsquotes.entities.mentions import Mention, find_mentions
from newsquotes.entities.teams import read_teams_as_organisations
from newsquotes.names import (
    PERSON_LABELS,
    PLACE_LABELS,
    acronyms,
    catalogue_key,
    country_of,
    first_name_gender,
    is_acronym,
    is_demonym,
    is_party_label,
    name_key,
    normalise,
    only_organisation_words,
    peer_style,
    strip_honorifics,
)
from newsquotes.records import stable_id

# How much a mention's label counts in its group's vote: the model's own spans count most.
VOTE_WEIGHT = {"model": 1.0, "headline": 0.5, "title": 1.0, "repeat": 0.5}


@dataclass
class Entity:
    name: str
    label: str
    mentions: list[Mention] = field(default_factory=list)
    entity_id: str = ""
    salience: float = 0.0  # 0..1, from how often and how early the article names it
    description: str | None = None  # of a person: "Home Secretary", "a nursing home owner"


def extract_entities(doc: Doc, article_id: str, nlp: Language | None = None) -> list[Entity]:
    """Entities of one parsed article, in order of first mention.

    Pass the pipeline that parsed `doc` as `nlp` to have all-capital lines re-read.
    """
    mentions = find_mentions(doc, nlp)
    _read_surnames_as_people(mentions)  # "Montell Figgins" (ORG), "Figgins said"
    for mention in mentions:
        if mention.label in PERSON_LABELS | {"ORG"} and is_demonym(mention.text):
            mention.label = "NORP"  # "the Welshman", "the Briton"
    read_teams_as_organisations(doc, mentions)  # "Crystal Palace striker", "Palace" alone
    entities = group_mentions(mentions, article_id)
    score_salience(entities, len(doc.text))
    for entity in entities:
        if entity.label in PERSON_LABELS:
            entity.name = _styled_name(entity, doc.text)
            spans = [
                doc.char_span(m.start, m.end, alignment_mode="expand") for m in entity.mentions
            ]
            entity.description = description_of(doc, [(s.start, s.end) for s in spans if s])
    return entities


def group_mentions(mentions: list[Mention], article_id: str) -> list[Entity]:
    """Mentions grouped into entities, each with a canonical name, one label and a stable id."""
    groups: dict[tuple, list[Mention]] = {}
    for mention, key in zip(mentions, _group_keys(mentions), strict=True):
        if key is not None:
            groups.setdefault(key, []).append(mention)

    by_id: dict[str, Entity] = {}
    for key, members in groups.items():
        label = _vote_label(members, is_country=key[0] == "country")
        name = canonical_name(members, label)
        entity_id = stable_id(article_id, label, name)
        entity = by_id.setdefault(entity_id, Entity(name, label, [], entity_id))
        entity.mentions.extend(members)
    for entity in by_id.values():
        entity.mentions.sort(key=lambda m: m.start)
        for mention in entity.mentions:
            mention.label = entity.label
    return sorted(by_id.values(), key=lambda e: e.mentions[0].start)


def _read_surnames_as_people(mentions: list[Mention]) -> None:
    """A name the model read as an organisation is a person's when the article reads its
    last word alone as a person ("Montell Figgins" ORG, "Figgins said" PERSON) and no word
    of it is an organisation's ("Lloyds Bank", "Bank" alone)."""
    alone = {m.text for m in mentions if m.label in PERSON_LABELS and " " not in m.text}
    for m in mentions:
        words = m.text.split()
        organisation_word = any(only_organisation_words([word]) for word in words)
        if m.label == "ORG" and len(words) > 1 and words[-1] in alone and not organisation_word:
            m.label = "PERSON"


def _group_keys(mentions: list[Mention]) -> list[tuple | None]:
    """The group each mention belongs to, as a key: ("person"|"country"|"name", value);
    None for an organisation noun alone that stands for no one organisation of the article."""
    people: dict[str, Counter[str]] = {}  # surname -> mentions of the full names it ends
    first_names: dict[str, Counter[str]] = {}  # first name -> mentions of the full names
    for m in mentions:
        words = normalise(strip_honorifics(m.text)).split()
        if m.label in PERSON_LABELS and len(words) > 1:
            person = name_key(m.text, m.label)  # "Loretta E. Lynch" is "Loretta Lynch"
            for surname in {words[-1], words[-1].split("-")[0]}:  # "Kilroy" of "Kilroy-Silk"
                people.setdefault(surname, Counter())[person] += 1
            if first_name_gender(words[0]):  # not "Obama Says" from a headline
                first_names.setdefault(words[0], Counter())[person] += 1
    expansions = {
        acronym: _name_key(m)
        for m in mentions
        if len(m.text.split()) > 1 and not is_acronym(m.text)
        for acronym in acronyms(m.text)
    }
    organisations = _organisations_by_word(mentions)

    keys: list[tuple | None] = []
    for m in mentions:
        if len(m.text.split()) == 1 and only_organisation_words([m.text]):  # "the Bank said"
            owners = organisations.get(normalise(m.text), set())
            keys.append(next(iter(owners)) if len(owners) == 1 else None)
            continue
        words = normalise(strip_honorifics(m.text)).split()
        owners = people.get(words[-1], Counter()) if words else Counter()
        if not owners and len(words) == 1 and _may_be_a_first_name(m, words[0], organisations):
            owners = first_names.get(words[0], Counter())  # "Kevin" after "Kevin McKinley"
        own = name_key(m.text, "PERSON") if len(words) > 1 else None
        # a lone surname is the person whatever its label, unless it names a country
        surname_only = len(words) == 1 and not country_of(m.text, m.label)
        owner = _owner(owners, m.label in PERSON_LABELS)
        lone = own is None and owner and (m.label in PERSON_LABELS or surname_only)
        if own in owners:  # a person's full name, whatever its label here
            keys.append(("person", own))
        elif lone:  # two people of this surname here: the corpus decides (corpus.identity)
            keys.append(("person", owner))
        elif is_acronym(m.text) and m.text.replace(".", "") in expansions:
            keys.append(expansions[m.text.replace(".", "")])
        else:
            keys.append(_name_key(m))
    return keys


def _owner(owners: Counter[str], person: bool) -> str | None:
    """The full name a lone surname stands for: the only one that ends in it, or, for a word
    the model read as no person, the one the article names most often in full ("Ford" read
    as an organisation in a profile of John M. Ford that names Dale Ford once). The corpus
    tells people of one surname apart (`corpus.identity`), but a lone "Ford" left to it is
    the car maker's, or makes the car maker's articles a person's."""
    ranked = owners.most_common(2)
    if len(ranked) == 1:
        return ranked[0][0]
    if person or not ranked or ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def _may_be_a_first_name(mention: Mention, word: str, organisations: dict) -> bool:
    """A lone word read as a person, or as an organisation that no organisation of the
    article has in its name ("Dale" of "Dale Ford" in his family's statement): it may stand
    for the full name it starts. A place ("Paris" beside "Paris Hilton") stays a place."""
    return mention.label in PERSON_LABELS or (mention.label == "ORG" and word not in organisations)


def _organisations_by_word(mentions: list[Mention]) -> dict[str, set[tuple]]:
    """Each word of the article's organisations' names -> the keys of those organisations."""
    found: dict[str, set[tuple]] = {}
    for m in mentions:
        words = normalise(m.text).split()
        if m.label == "ORG" and len(words) > 1:
            for word in words:
                found.setdefault(word, set()).add(_name_key(m))
    return found


def _name_key(mention: Mention) -> tuple:
    code = country_of(mention.text, mention.label)
    return ("country", code) if code else ("name", name_key(mention.text, mention.label))


def _vote_label(members: list[Mention], is_country: bool) -> str:
    """The group's label by weighted vote. Full names outvote lone words: "Delury" (ORG)
    takes PERSON from "John Delury". A lone word the model reads as a person here and as
    something else there, with no full name or title, is the other thing ("Blackburn").
    A party's name is never a person's."""
    full = [m for m in members if len(m.text.split()) > 1]
    voters = full or members
    doubtful_person = not full and not any(m.origin == "title" for m in members)
    doubtful_person = doubtful_person and any(m.label not in PERSON_LABELS for m in members)
    votes: Counter[str] = Counter()
    for m in voters:
        if is_country and m.label not in PLACE_LABELS:
            continue
        if doubtful_person and m.label in PERSON_LABELS:
            continue
        votes[m.label] += VOTE_WEIGHT.get(m.origin, 1.0)
    if not votes:
        return "GPE"
    best = max(votes.values())
    tied = [label for label, count in votes.items() if count == best]
    person = [label for label in tied if label in PERSON_LABELS]
    longest = max(voters, key=lambda m: len(m.text)).label
    label = person[0] if person else longest if longest in tied else tied[0]
    if label in PERSON_LABELS and all(is_party_label(m.text) for m in members):
        return "ORG"  # "Lib Dems" read as a person: a party, and no "he" is theirs
    return label


def canonical_name(members: list[Mention], label: str) -> str:
    """The longest full form: spelled as in the body rather than a headline, no title."""
    forms = [" ".join(m.text.split()) for m in members]
    forms = [strip_honorifics(f) if label in PERSON_LABELS else f for f in forms]
    body = [f for f, m in zip(forms, members, strict=True) if m.origin != "headline"] or forms
    return max(body, key=lambda form: (not is_acronym(form), len(form), -body.index(form)))


def _styled_name(entity: Entity, text: str) -> str:
    """A peer's or a royal's name as the article writes it, style kept ("Lord Falconer",
    "Prince Andrew"): the model's span and title trimming leave "Falconer", but peers are
    known by their style. Only a lone name takes it: "Charles Falconer" is a full name."""
    if len(entity.name.split()) != 1:
        return entity.name
    for mention in entity.mentions:
        written = text[max(0, mention.start - 20) : mention.end].split()
        style = peer_style(" ".join(written[-2:]))
        if style:
            return f"{style.capitalize()} {entity.name}"
    return entity.name


def score_salience(entities: list[Entity], text_length: int) -> None:
    """Salience in 0..1: half from mentions relative to the most-mentioned entity, half from
    how early the first mention comes (news puts what matters first)."""
    if not entities:
        return
    most = max(len(e.mentions) for e in entities)
    for entity in entities:
        position = 1 - entity.mentions[0].start / max(text_length, 1)
        entity.salience = round(0.5 * len(entity.mentions) / most + 0.5 * position, 4)


def entity_at(entities: list[Entity], start: int, end: int) -> tuple[Entity, Mention] | None:
    """The entity with a mention overlapping [start, end), if any."""
    for entity in entities:
        for mention in entity.mentions:
            if mention.start < end and start < mention.end:
                return entity, mention
    return None


def mention_rows(entities: list[Entity], article_id: str) -> list[dict]:
    return [
        {
            "mention_id": stable_id(article_id, m.start, m.end),
            "article_id": article_id,
            "entity_id": e.entity_id,
            "text": m.text,
            "label": m.label,
            "start": m.start,
            "end": m.end,
            "origin": m.origin,
        }
        for e in entities
        for m in e.mentions
    ]


def entity_rows(
    entities: list[Entity], article_id: str, genders: dict[str, str] | None = None
) -> list[dict]:
    """`genders`: entity_id -> "female"/"male" where the article says so (coref)."""
    genders = genders or {}
    return [
        {
            "entity_id": e.entity_id,
            "article_id": article_id,
            "name": e.name,
            "label": e.label,
            "mention_count": len(e.mentions),
            "first_start": min(m.start for m in e.mentions),
            "salience": e.salience,
            "catalogue_id": catalogue_key(e.name, e.label),
            "gender": genders.get(e.entity_id),
            "description": e.description,
        }
        for e in entities
    ]
