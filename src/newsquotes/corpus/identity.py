"""Identity across the corpus: one `catalogue_id` per real person, whatever each article
calls them.

Within an article, entities already group a person's mentions ("Sigal" joins "Leon
Sigal"). Across articles the keys differ: an article that only says "Trump", one that says
"Donald J. Trump", one where the model read "Trump" as an organisation. From every staged
entity this module decides, for each article-level key, the corpus key it stands for:

- labels vote across the corpus: a name read as a person in most of the articles that
  use it (PERSON against ORG) is a person in all of them, and the other way round;
- full names with the same surname whose first names agree (equal, a nickname or an
  initial: Joe / Joseph, Bill / William, J.) and whose suffixes do not differ (one may
  have none: "Joseph R. Biden Jr." is "Joe Biden") are one person, unless one article
  names both: then they are two ("Donald Trump" and "Donald Trump Jr."; "Hillary Clinton"
  and "Bill Clinton" never agree anyway);
- a lone surname ("Trump", "Mr. Obama", "Trump Jr.") is the one full name of the corpus
  that ends in it. When several do ("Clinton": Hillary and Bill), each article decides by
  its context: the people of that surname it names in full come first (else all of the
  corpus's); of them, its pronouns and honorifics for that person ("Mrs. Clinton", "she")
  pick the one of that gender (of several, a peer's style picks the one described as a
  peer: "Baroness Kennedy" is Helena Kennedy, "a Labour peer"), else one who dominates the
  corpus (at least `DOMINANCE` times the articles of all the others together: Barack
  Obama, not Michelle) is the one meant. Otherwise it is not guessed: the surname stays
  its own row. An article whose honorific or pronouns contradict the gender of the
  corpus's one person of that surname keeps its own ("Baroness Kennedy" is not Charles Kennedy);
- a peer is shown by style and surname when the articles write that most ("Lord
  Falconer"); the key still comes from the plain name;
- a full name that starts with a first name the offline list is sure of is a person
  whatever the model read ("Vince Cable" tagged ORG in four articles of five);
- a lone first name the offline list is sure of ("Kate") that ends no full name of the
  corpus is no speaker of its own; a two-noun name whose first name is not English and
  that no article calls by surname, pronoun or honorific is an organisation ("Age
  Concern"); a lone word that is no one's surname and has no gender said takes the
  corpus's organisation or product reading ("Twitter");
- a "person" an article describes as a group ("Glasgow group Franz Ferdinand") that no
  article gives a pronoun or an honorific is a band or a company, no person; a full name
  two articles write as a work's ("the Harry Potter films") is the work, unless an
  article gives it a pronoun or an honorific;
- a lone first name the corpus also names in the plural as no person is that thing ("won
  an Oscar" is "the Oscars"), and a language's name alone is a people, no organisation
  ("the Welsh");
- a party's forms are one organisation: "Tories" and "Tory", "Lib Dems" and "Liberal
  Democrats", "Conservatives" and "Conservative Party", and two forms that describe the
  same people ("Tory leader" and "Conservative leader" Michael Howard);
- an organisation's short forms are its full name when the corpus holds it: "Labour" is
  the "Labour Party", an acronym is the organisation with its initials that dominates
  the corpus ("EU" the "European Union", not "Edinburgh University"), and so is a
  possessive's owner ("Moody" of "Moody's Investors Service") or the end of a name after
  its "and" ("Poor's Corp", the model's cut of "Standard and Poor's Corp"), and, in the
  articles that write both, a clipping of its first word ("Fed" of "Federal Reserve") or a
  company's first word ("Ford" of "Ford Motor Co").

The resolution is a plain mapping; `relink` applies it to the staged batch tables.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsquotes.corpus.gender import UNKNOWN, gender_of
from newsquotes.corpus.roles import head_noun
from newsquotes.names import (
    PERSON_LABELS,
    WORK_LABEL,
    PersonName,
    abbreviates,
    acronyms,
    catalogue_key,
    describes_a_peer,
    family,
    first_name_gender,
    is_acronym,
    is_dictionary_word,
    is_english_first_name,
    is_language_name,
    is_party_label,
    name_key,
    names_nobody,
    normalise,
    only_organisation_words,
    party_words,
    peer_style,
    person_name,
    same_first_name,
    without_legal_form,
)

# the labels a model confuses for names ("Twitter" read as a person)
VOTING_LABELS = frozenset({"PERSON", "ORG", "PRODUCT"})
# Words of organisations' names that a first name may start ("Jack Daniel's Distillery").
ORGANISATION_WORDS = frozenset(
    """inc ltd plc llc corp co company group bank holdings motors motor party foundation
    university institute council committee association union trust fund partners
    brothers airlines media news""".split()  # noqa: SIM905
)
DOMINANCE = 2  # a surname's dominant person has this many times the others' articles
# Head nouns of a description that say the "person" is a group ("Glasgow group Franz
# Ferdinand", "the world's biggest spirits company").
GROUP_NOUNS = frozenset(
    "band group duo trio quartet orchestra choir company firm club team".split()  # noqa: SIM905
)


@dataclass
class _Key:
    """What the corpus says of one article-level catalogue key."""

    names: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)
    genders: dict[str, str] = field(default_factory=dict)  # article -> what it says
    parties: set[tuple[str, ...]] = field(default_factory=set)  # "Tory" of "Tory leader"
    peer: bool = False  # described as a peer somewhere ("a Labour peer")
    group: bool = False  # described as a group somewhere ("Glasgow group", "rock band")

    # name and label are read after every entity is counted (`resolve`), then often
    @functools.cached_property
    def name(self) -> str:
        return _most_used(self.names)

    @functools.cached_property
    def label(self) -> str:
        return max(self.labels, key=lambda label: (self.labels[label], label))


@dataclass(frozen=True)
class Resolved:
    """The corpus identity of an article-level key."""

    catalogue_id: str
    name: str
    label: str
    named: bool = True  # False: a lone first name ("Kate"), no speaker of its own


@dataclass
class Resolution:
    """The corpus identity of every article-level key; a lone surname may differ by article."""

    by_key: dict[str, Resolved]
    in_article: dict[tuple[str, str], Resolved]  # (article_id, key) -> decided by context
    speaking: dict[str, Resolved] = field(default_factory=dict)  # place key -> organisation

    def of(self, article_id: str, key: str) -> Resolved:
        return self.in_article.get((article_id, key)) or self.by_key[key]

    def speaker(self, article_id: str, key: str) -> Resolved:
        """Who speaks when the entity of `key` is quoted: a place that speaks ("Downing
        Street said", read as a place here and as an organisation elsewhere) is the
        organisation of that name, one speaker whatever the reading."""
        return self.speaking.get(key) or self.of(article_id, key)


def resolve(entities: Iterable[tuple]) -> Resolution:
    """Resolve every article-level `catalogue_id` to its corpus identity.

    `entities` yields (article_id, name, label, catalogue_id, gender[, description]) of
    every staged entity; gender is what its article says of the person (`entities.gender`),
    or None; description how it describes them ("Tory leader"), or None.
    """
    keys: dict[str, _Key] = defaultdict(_Key)
    for article_id, name, label, key, gender, *description in entities:
        keys[key].names[name] += 1
        keys[key].labels[label] += 1
        keys[key].articles.add(article_id)
        if gender:
            keys[key].genders[article_id] = gender
        if description and description[0]:
            if party := _party_of(description[0]):
                keys[key].parties.add(party)
            keys[key].peer |= describes_a_peer(description[0])
            keys[key].group |= head_noun(description[0]) in GROUP_NOUNS
    labels, awards = _vote_labels(keys)
    people = [key for key in keys if labels[key] in PERSON_LABELS]
    merged, in_article, unmatched = _merge_people(people, keys)
    unnamed = {
        key for key in unmatched if _first_name_only(key, keys) or names_nobody(keys[key].name)
    }
    merged |= _merge_organisations([key for key in keys if labels[key] == "ORG"], keys)
    merged |= _merge_parties(keys, labels, _described_parties(people, keys, merged))
    merged |= {key: merged.get(plural, plural) for key, plural in awards.items()}

    @functools.cache
    def identity(target: str) -> Resolved:
        label = labels[target]
        if label not in PERSON_LABELS:
            name = keys[target].name
            return Resolved(catalogue_key(name, label), name, label)
        name, styled = _display_names(target, keys, merged)
        return Resolved(catalogue_key(name, label), styled, label, target not in unnamed)

    by_name = {normalise(keys[key].name): key for key in keys if labels[key] == "ORG"}
    return Resolution(
        {key: identity(merged.get(key, key)) for key in keys},
        {where: identity(target) for where, target in in_article.items()},
        {
            key: identity(merged.get(organisation, organisation))
            for key in keys
            if family(labels[key]) == "PLACE"
            and (organisation := by_name.get(normalise(keys[key].name)))
        },
    )


def _vote_labels(keys: dict[str, _Key]) -> tuple[dict[str, str], dict[str, str]]:
    """Each key's label, after PERSON and ORG readings of one name vote by articles, and the
    lone first names that are the singular of a thing the corpus names in the plural (key ->
    the plural's key: "Oscar" is "Oscars"). A lone word gets the person votes of the full
    names it is the surname of (read as people, or starting with a sure first name), and no
    others."""
    surname_articles: dict[str, set[str]] = defaultdict(set)  # the full names' articles
    by_name: dict[str, list[str]] = defaultdict(list)
    places = _places(keys)
    led_by_a_place = {key for key, info in keys.items() if _led_by_a_place(info.name, places)}
    for key, info in keys.items():
        if family(info.label) not in VOTING_LABELS:
            continue
        by_name[normalise(info.name)].append(key)
        read_as_a_person = info.label in PERSON_LABELS or _first_name_leads(
            normalise(info.name).split(), surname_is_a_person=False
        )  # "Marcelo Claure" read as ORG: "Claure" alone is his surname all the same
        if not read_as_a_person or len(info.name.split()) < 2 or key in led_by_a_place:
            continue  # a lone word is no full name
        name = person_name(info.name)  # parsed only here: nameparser is the vote's main cost
        if name.is_full:
            surname_articles[normalise(name.last)] |= info.articles
    labels = {
        key: "ORG" if info.label in PERSON_LABELS and is_party_label(info.name) else info.label
        for key, info in keys.items()
    }  # parties staged as people before `is_party_label` existed
    lone_people: dict[str, set[str]] = defaultdict(set)  # a word read alone as a person: where
    for info in keys.values():
        if info.label in PERSON_LABELS and len(info.name.split()) == 1:
            lone_people[normalise(info.name)] |= info.articles
    for name, same_name in by_name.items():
        votes: Counter[str] = Counter()
        for key in same_name:
            votes[family(keys[key].label)] += len(keys[key].articles)
        words = name.split()
        said = any(keys[key].genders for key in same_name)  # "Ms. Sturgeon", "she"
        if len(words) == 1:
            # a lone word is a person's as the surname of full names ("Trump": their articles
            # vote too) or with an honorific or a pronoun; the model's PERSON readings of
            # any other word ("Yukos") do not count
            surname = len(surname_articles.get(name, ()))  # "Ford" of three Fords of one article: 1
            votes["PERSON"] = votes["PERSON"] + surname if surname or said else 0
        elif _first_name_leads(words, _surname_beside(words[-1], same_name, keys, lone_people)):
            votes["PERSON"] = sum(votes.values()) + 1  # "Vince Cable" read as ORG
        ranked = [vote for vote in votes.most_common() if vote[1]]
        if len(votes) < 2 or not ranked:
            continue  # one reading only: nothing to vote on
        winner, most = ranked[0]
        if most > (ranked[1][1] if len(ranked) > 1 else 0):
            for key in same_name:
                labels[key] = winner
    for key, info in keys.items():  # "Marshall Drummond McCall Inc", read as PERSON
        if labels[key] in PERSON_LABELS and _ends_in_a_legal_form(info.name):
            labels[key] = "ORG"  # a company's name in full, whatever the readings voted
    for key, info in keys.items():  # "Simon Champion" read as GPE, "Champion" as PERSON
        words = normalise(info.name).split()
        if family(info.label) != "PLACE" or len(words) < 2 or not first_name_gender(words[0]):
            continue
        if _surname_beside(words[-1], [key], keys, lone_people):
            labels[key] = "PERSON"
    for name, same_name in by_name.items():
        if any(labels[key] in PERSON_LABELS for key in same_name) and _named_by_common_nouns(
            name, [keys[key] for key in same_name], lone_people
        ):
            for key in same_name:
                labels[key] = "ORG"
    for name, same_name in by_name.items():  # "Glasgow group Franz Ferdinand": a band
        if _described_as_a_group(name, [keys[key] for key in same_name]):
            labels.update(dict.fromkeys(same_name, "ORG"))
    for key in led_by_a_place:
        if labels[key] in PERSON_LABELS:
            labels[key] = "ORG"
    for key, info in keys.items():  # "the Welsh" read as an organisation: a people
        if labels[key] == "ORG" and is_language_name(info.name):
            labels[key] = "NORP"
    _vote_works(keys, labels)
    in_the_plural = _first_names_in_the_plural(keys, labels, surname_articles)
    for key, plural in in_the_plural.items():
        labels[key] = labels[plural]
    return labels, in_the_plural


def _vote_works(keys: dict[str, _Key], labels: dict[str, str]) -> None:
    """A name read as a person and, in some articles, as a work ("the Harry Potter films",
    `entities.mentions`) is the work when two articles or more read it so and no article
    gives it a pronoun or an honorific; else it is the person ("the Elvis Presley album")."""
    works: dict[str, list[str]] = defaultdict(list)
    people: dict[str, list[str]] = defaultdict(list)
    for key, info in keys.items():
        if len(info.name.split()) < 2:
            continue  # a lone word: "won an Oscar" is the Oscars (`_first_names_in_the_plural`)
        if info.label == WORK_LABEL:
            works[normalise(info.name)].append(key)
        elif labels[key] in PERSON_LABELS:
            people[normalise(info.name)].append(key)
    for name, titled in works.items():
        readings = [*people.get(name, []), *titled]
        if len(readings) == len(titled):
            continue  # never read as a person: nothing to vote on
        said = any(keys[key].genders for key in readings)
        articles = set().union(*(keys[key].articles for key in titled))
        labels.update(
            dict.fromkeys(readings, "PERSON" if said or len(articles) < 2 else WORK_LABEL)
        )


def _described_as_a_group(name: str, readings: list[_Key]) -> bool:
    """A "person" an article describes as a group ("Glasgow group Franz Ferdinand", "the
    world's biggest spirits company" of Diageo) whom no article gives a pronoun or an
    honorific: a band or a company. A full name led by an English first name stays a
    person ("Bill Ford", given the description of the company of his name)."""
    words = name.split()
    if len(words) > 1 and is_english_first_name(words[0]):
        return False
    return any(info.group for info in readings) and not any(info.genders for info in readings)


def _first_names_in_the_plural(
    keys: dict[str, _Key], labels: dict[str, str], surname_articles: dict[str, set[str]]
) -> dict[str, str]:
    """Lone first-name "people" the corpus also names in the plural as something else, and
    that are no one's surname: key -> the plural's key. "won an Oscar" and "the Oscars"
    are an award; a person's first name is not written in the plural ("the Kennedys" is a
    surname's, and stays a family of people)."""
    by_name = {  # as written: "EDS" is no plural of "Ed"
        info.name: key for key, info in keys.items() if labels[key] not in PERSON_LABELS
    }
    found = {}
    for key, info in keys.items():
        word = normalise(info.name)
        plural = by_name.get(f"{info.name}s")
        if (
            plural
            and labels[key] in PERSON_LABELS
            and len(word.split()) == 1
            and not surname_articles.get(word)
            and first_name_gender(info.name) in ("female", "male")
        ):
            found[key] = plural
    return found


def _places(keys: dict[str, _Key]) -> set[str]:
    """Names the corpus reads as places: in two articles at least and in more than it reads
    them as people ("Manchester", not "Lleyton" read once as a place, once as a person)."""
    readings: dict[str, Counter] = defaultdict(Counter)
    for info in keys.values():
        readings[normalise(info.name)][family(info.label)] += len(info.articles)
    return {
        name
        for name, read in readings.items()
        if read["PLACE"] >= 2 and read["PLACE"] > read["PERSON"]
    }


def _led_by_a_place(name: str, places: set[str]) -> bool:
    """A name of several words whose first is no first name but a place the corpus names
    alone ("Manchester United", read as a person by the model): a club or a company, no
    person ("Paris Hilton" keeps her first name)."""
    words = normalise(name).split()
    return len(words) > 1 and words[0] in places and not first_name_gender(words[0])


def _named_by_common_nouns(name: str, readings: list[_Key], lone: dict[str, set[str]]) -> bool:
    """A "person" whose two words are common nouns, the first a first name only outside the
    English-speaking countries ("Age Concern": "Age" is Scandinavian), that none of its
    articles (two at least: one says too little, "Dicky Arbiter") calls by the second word
    alone or by a pronoun or an honorific: a charity or a campaign, not a person. "Jack
    Straw" and "Bill Nelson" keep their English first names."""
    words = name.split()
    if len(words) != 2 or not all(is_dictionary_word(word, "noun") for word in words):
        return False
    if not first_name_gender(words[0]) or is_english_first_name(words[0]):
        return False
    articles = set().union(*(info.articles for info in readings))
    said = any(info.genders for info in readings)
    return len(articles) > 1 and not said and not articles & lone.get(words[-1], set())


def _surname_beside(
    surname: str, same_name: list[str], keys: dict[str, _Key], lone_people: dict[str, set[str]]
) -> bool:
    """Whether an article naming the full name also reads its surname alone as a person."""
    return any(keys[key].articles & lone_people.get(surname, set()) for key in same_name)


def _first_name_leads(words: list[str], surname_is_a_person: bool) -> bool:
    """A name that starts with a first name and has no word of an organisation's name: a
    person, whatever the model read. The offline list must be sure of the first name
    ("Nicola Sturgeon"), or know it and the corpus read the surname alone as a person
    in an article that names the full name ("Bernie", mostly female in the list; "Ebbers"
    a person beside "Bernie Ebbers" read as ORG; "Morgan Stanley" stays a bank)."""
    known = first_name_gender(words[0])
    first = known in ("female", "male") or bool(known and surname_is_a_person)
    return first and len(words) <= 4 and not ORGANISATION_WORDS & set(words)


def _merge_people(
    people: list[str], keys: dict[str, _Key]
) -> tuple[dict[str, str], dict[tuple[str, str], str], set[str]]:
    """article-level key -> the key of the full name it stands for (absent: itself),
    (article, lone surname key) -> the key its article's context decides, and the lone
    words that end no full name of the corpus."""
    together: dict[str, set[str]] = defaultdict(set)  # key -> keys named in one article with it
    by_article: dict[str, list[str]] = defaultdict(list)
    for key in people:
        for article in keys[key].articles:
            by_article[article].append(key)
    for named in by_article.values():
        for key in named:
            together[key].update(named)
    lone = _lone_words(people, keys)
    full = [key for key in people if key not in lone]
    groups = _group_full_names(full, keys, together)
    by_surname: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key in full:
        name = person_name(keys[key].name)
        for surname in name.surnames:
            by_surname[(surname.casefold(), name.suffix)].add(groups[key])
    merged = {key: target for key, target in groups.items() if key != target}
    members: dict[str, list[str]] = defaultdict(list)
    for key, leader in groups.items():
        members[leader].append(key)
    in_article: dict[tuple[str, str], str] = {}
    unmatched: set[str] = set()
    for key, word in lone.items():
        name = person_name(keys[key].name)
        candidates = by_surname.get((word.casefold(), name.suffix), set())
        if not candidates:
            unmatched.add(key)
            continue
        if len(candidates) == 1:
            merged[key] = next(iter(candidates))
            if not keys[key].genders:
                continue  # nothing said that could contradict the one person of the surname
        people_named = _Candidates(candidates, members, keys)
        styled = bool(peer_style(keys[key].name))  # "Baroness Kennedy": a peer is meant
        for article in keys[key].articles:
            chosen = people_named.meant(article, keys[key].genders.get(article), styled)
            if chosen != merged.get(key):  # None: "Baroness Kennedy" is not Charles Kennedy
                in_article[(article, key)] = chosen or key
    return merged, in_article, unmatched


def _first_name_only(key: str, keys: dict[str, _Key]) -> bool:
    """A lone word that is a first name the offline list is sure of ("Kate", "Andrew"; not
    "Kennedy", mostly a woman's first name there but a surname in the news), written
    without a style ("Prince Andrew"): with no full name of the corpus it could be the
    surname of, the corpus cannot name them, so they are no speaker row of their own."""
    names = keys[key].names
    if any(len(name.split()) != 1 for name in names):
        return False
    return first_name_gender(keys[key].name) in ("female", "male")


def _merge_organisations(organisations: list[str], keys: dict[str, _Key]) -> dict[str, str]:
    """Organisation key -> the key of its full name, when the corpus holds it: "Labour" is
    the "Labour Party"; an acronym is the organisation with its initials that dominates the
    corpus ("EU" is the "European Union"; "AA" stays apart while the Automobile Association
    and Alcoholics Anonymous are named about as often), and so is the owner of its
    possessive or the end of its name after an "and" (`_parts`: "Moody", "Poor's Corp")."""
    by_name = {normalise(keys[key].name): key for key in organisations}
    by_initials: dict[str, list[str]] = defaultdict(list)
    by_part: dict[str, list[str]] = defaultdict(list)  # "moody" -> "Moody's Investors ..."
    for key in organisations:
        for found in acronyms(keys[key].name):
            by_initials[found].append(key)
        for part in _parts(keys[key].name):
            by_part[part].append(key)
    merged = {}
    for key in organisations:
        name = keys[key].name
        words = name.split()
        if len(words) > 1 and words[-1].casefold() == "party":
            short = by_name.get(normalise(" ".join(words[:-1])))
            if short and short != key:
                merged[short] = key
        expansions = by_initials.get(name.replace(".", ""), []) if is_acronym(name) else []
        if expansion := _dominant(_articles_of(set(expansions), keys)):
            merged[key] = expansion
    # longest first: "Poor's Corp" is "Standard and Poor's Corp" before "Poor" is either
    for key in sorted(organisations, key=lambda key: -len(keys[key].name)):
        fuller = {merged.get(e, e) for e in by_part.get(name_key(keys[key].name, "ORG"), [])}
        if key not in merged and (expansion := _dominant(_articles_of(fuller - {key}, keys))):
            merged[key] = expansion
    for key, expansion in _first_word_forms(organisations, keys).items():
        merged.setdefault(key, merged.get(expansion, expansion))
    return merged


def _first_word_forms(organisations: list[str], keys: dict[str, _Key]) -> dict[str, str]:
    """One-word organisation key -> the key of the full name it stands for, where the
    articles write both: a clipping of its first word ("Fed" of "Federal Reserve") or the
    first word of a company's name in full with its legal form ("Ford" of "Ford Motor Co",
    "Viacom" of "Viacom International Inc"; not "BBC" of "BBC News", nor "House" of "House
    Ways and Means Committee"). The full name must be written in at least half the short
    form's articles; names that extend another ("Federal Reserve Board") count for it."""
    words = {key: name_key(keys[key].name, "ORG").split() for key in organisations}
    by_first: dict[str, list[str]] = defaultdict(list)
    for key in organisations:
        if len(words[key]) > 1:
            by_first[words[key][0]].append(key)
    firsts = sorted(by_first)
    found = {}
    for key in organisations:
        name = keys[key].name
        word = " ".join(words[key])
        if " " in word or len(word) < 3 or is_acronym(name) or only_organisation_words([name]):
            continue
        if _ends_in_a_legal_form(name):  # "Celanese Corp" is no short form of its subsidiary's
            continue
        shortened = [
            candidate
            for first in _starting_with(firsts, word)
            for candidate in by_first[first]
            if _clipped(word, first)
            or (first == word and _ends_in_a_legal_form(keys[candidate].name))
        ]
        roots: dict[str, set[str]] = defaultdict(set)
        for candidate in shortened:
            roots[_root(candidate, shortened, words)] |= (
                keys[candidate].articles & keys[key].articles
            )
        expansion = _dominant({root: len(articles) for root, articles in roots.items()})
        if expansion and 2 * len(roots[expansion]) >= len(keys[key].articles):
            found[key] = expansion
    return found


def _starting_with(ordered: list[str], start: str) -> list[str]:
    """The words of a sorted list that start with `start`."""
    found = []
    for word in ordered[bisect.bisect_left(ordered, start) :]:
        if not word.startswith(start):
            break
        found.append(word)
    return found


def _clipped(short: str, word: str) -> bool:
    """Whether `short` is `word` cut short by two letters or more ("fed" of "federal"; not
    "gateshead" of "gateshead's" nor "ballet" of "ballets")."""
    rest = word[len(short) :]
    return word.startswith(short) and len(rest) >= 2 and rest.isalpha()


def _ends_in_a_legal_form(name: str) -> bool:
    """A company's name in full: "Ford Motor Co", not "Ford Europe"."""
    return len(without_legal_form(name.split())) < len(name.split())


def _root(candidate: str, candidates: list[str], words: dict[str, list[str]]) -> str:
    """The candidate with the fewest words whose name starts `candidate`'s ("Federal Reserve"
    for "Federal Reserve Board"): the organisation a longer name extends. `words`: each
    key's name as the words of its `name_key`."""
    starts = [
        other for other in candidates if words[candidate][: len(words[other])] == words[other]
    ]
    return min(starts, key=lambda other: (len(" ".join(words[other])), other))


def _articles_of(candidates: set[str], keys: dict[str, _Key]) -> dict[str, int]:
    """Each candidate's number of articles, as `_dominant` weighs them."""
    return {candidate: len(keys[candidate].articles) for candidate in candidates}


def _parts(name: str) -> set[str]:
    """The short names an organisation's name holds: the owner of a possessive when the name
    ends in a legal form or an organisation noun ("moody" of "Moody's Investors Service
    Inc"; not of "Google's Desktop", a product, nor "Ford's Wikipedia") and the end after
    an "and", with or without its possessive ("poor's", "poor" of "Standard and Poor's
    Corp"), without a legal form."""
    words = name_key(name, "ORG").split()
    owned = only_organisation_words(name.split()[-1:])
    owners = {
        " ".join([*words[:i], word[:-2]])
        for i, word in enumerate(words)
        if owned and word.endswith(("'s", "’s"))
    }
    tails = {" ".join(words[i + 1 :]) for i, word in enumerate(words[:-1]) if word == "and"}
    tail_owners = {tail[:-2] for tail in tails if tail.endswith(("'s", "’s"))}  # "poor"
    return (owners | tails | tail_owners) - {""}


def _merge_parties(
    keys: dict[str, _Key], labels: dict[str, str], same_party: set[frozenset]
) -> dict[str, str]:
    """Party key -> the key of the party's fullest name, every form an organisation: the
    model reads "Tories", "Conservatives" as groups of people (NORP) and "Conservative
    Party" as an organisation, but they are one party. Forms are one party when their words
    are (singular, without "Party": "Tory" and "Tories"), when one abbreviates the other
    ("Lib Dems", "Liberal Democrats") or when the corpus describes the same people by both
    (`same_party`: "Tory leader" and "Conservative leader" Michael Howard). Nationalities
    are no party's ("British")."""
    forms: dict[str, tuple[str, ...]] = {}
    for key, info in keys.items():
        if labels[key] in ("ORG", "NORP") and (words := party_words(info.name)):
            forms[key] = words
    party = _Parties()
    for words in sorted(set(forms.values()), key=lambda words: -len(" ".join(words))):
        for other in list(party.parent):
            if abbreviates(words, other):
                party.join(words, other)
        party.join(words, words)
    for pair in same_party:
        party.join(*pair)
    shortened = {
        words
        for words in forms.values()
        for other in forms.values()
        if other != words and abbreviates(words, other)
    }  # "Lib Dems" of "Liberal Democrats": not the name to show
    rank = {key: _party_rank(key, keys, labels, forms[key] in shortened) for key in forms}
    targets: dict[tuple[str, ...], str] = {}
    for key in sorted(forms, key=rank.__getitem__, reverse=True):
        targets.setdefault(party.find(forms[key]), key)
    labels.update(dict.fromkeys(forms, "ORG"))
    return {
        key: targets[party.find(words)]
        for key, words in forms.items()
        if targets[party.find(words)] != key
    }


class _Parties:
    """Party forms joined into parties (union-find)."""

    def __init__(self) -> None:
        self.parent: dict[tuple[str, ...], tuple[str, ...]] = {}

    def find(self, form: tuple[str, ...]) -> tuple[str, ...]:
        self.parent.setdefault(form, form)
        while self.parent[form] != form:
            form = self.parent[form]
        return form

    def join(self, form: tuple[str, ...], other: tuple[str, ...]) -> None:
        self.parent[self.find(form)] = self.find(other)


SHARED_PARTY_PEOPLE = 3  # people described by two party forms that make them one party


def _described_parties(
    people: list[str], keys: dict[str, _Key], merged: dict[str, str]
) -> set[frozenset]:
    """Pairs of party forms that describe the same people: at least `SHARED_PARTY_PEOPLE`
    of them and a quarter of those the rarer form describes ("Tory leader" and
    "Conservative leader" Michael Howard, "Tory co-chairman" and "Conservative co-chairman"
    Liam Fox). A defector or two does not make two parties one."""
    described: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for key in people:
        for party in keys[key].parties:
            described[party].add(merged.get(key, key))
    pairs = set()
    for one, other in itertools.combinations(sorted(described), 2):
        shared = len(described[one] & described[other])
        fewest = min(len(described[one]), len(described[other]))
        if shared >= max(SHARED_PARTY_PEOPLE, fewest / 4):
            pairs.add(frozenset((one, other)))
    return pairs


def _party_of(description: str) -> tuple[str, ...]:
    """The party a description names first ("Former Tory leader" -> ("tory",)), or ()."""
    words = description.split()
    for start in range(len(words)):
        for size in (2, 1):
            if found := party_words(" ".join(words[start : start + size])):
                return found
    return ()


def _party_rank(key: str, keys: dict[str, _Key], labels: dict[str, str], short: bool) -> tuple:
    """The name a party's row shows: "X Party", else a form in full words ("Liberal
    Democrats", not "Lib Dems"), else the organisation reading, else the most used."""
    name = keys[key].name
    party = name.casefold().endswith(" party")
    return (party, not short, labels[key] == "ORG", len(keys[key].articles), name)


def _dominant(articles: dict[str, int], floor: int = 0) -> str | None:
    """The candidate named in `DOMINANCE` times the articles of all the others together
    (counted as at least `floor`: with 1, a lone candidate needs 2 articles), else None.
    Decides a shared surname ("Obama": Barack, not Michelle) and an acronym ("EU": the
    European Union, not Edinburgh University)."""
    ranked = sorted(articles, key=lambda candidate: (-articles[candidate], candidate))
    if not ranked:
        return None
    others = max(sum(articles[candidate] for candidate in ranked[1:]), floor)
    return ranked[0] if articles[ranked[0]] >= DOMINANCE * others else None


def _lone_words(people: list[str], keys: dict[str, _Key]) -> dict[str, str]:
    """key -> the one word it names a person by: a surname alone ("Trump"), or the surname in
    a headline's fragment read as a full name ("Trump Suggested", "Billionaire Trump": no
    known first name, one or two articles, a word that is a known person's surname)."""
    names = {key: person_name(keys[key].name) for key in people}
    surnames = {
        word.casefold()
        for name in names.values()
        if name.is_full and first_name_gender(name.first)
        for word in name.surnames
    }
    lone = {}
    for key, name in names.items():
        if not name.is_full:
            lone[key] = name.surname
        elif not first_name_gender(name.first) and len(keys[key].articles) <= 2:
            words = [name.first, *sorted(name.surnames)]
            found = [word for word in words if word.casefold() in surnames]
            if found:
                lone[key] = found[0]
    return lone


class _Candidates:
    """The people a lone surname may stand for: their articles and genders over the corpus."""

    def __init__(self, leaders: set[str], members: dict[str, list[str]], keys: dict[str, _Key]):
        self.articles: dict[str, set[str]] = defaultdict(set)
        self.peers: set[str] = set()  # described as peers
        said: dict[str, Counter] = defaultdict(Counter)
        names: dict[str, Counter] = defaultdict(Counter)
        for leader in leaders:
            for key in members[leader]:
                self.articles[leader] |= keys[key].articles
                said[leader].update(keys[key].genders.values())
                names[leader].update(keys[key].names)
                if keys[key].peer:
                    self.peers.add(leader)
        self.genders = {leader: gender_of(said[leader], names[leader]).gender for leader in leaders}

    def meant(self, article: str, gender: str | None, styled: bool = False) -> str | None:
        """Of the people named in full in the article (else all), the one of the article's
        gender for the surname (of several, for a peer's style, the one described as a peer:
        "Baroness Kennedy" is "Helena Kennedy, a Labour peer", not minister Jane Kennedy),
        else the dominant one, else None."""
        pool = [c for c in self.articles if article in self.articles[c]] or list(self.articles)
        fitting = [c for c in pool if gender is None or self.genders[c] == gender]
        if styled and len(fitting) > 1:
            fitting = [c for c in fitting if c in self.peers] or fitting
        if len(fitting) == 1:
            return fitting[0]
        if gender is not None and not fitting:
            fitting = [c for c in pool if self.genders[c] == UNKNOWN]
        if len(self.articles) == 1:  # the corpus's one person of the surname, unless the
            return fitting[0] if fitting else None  # article's gender contradicts theirs
        return _dominant({c: len(self.articles[c]) for c in fitting}, floor=1)


def _group_full_names(
    full: list[str], keys: dict[str, _Key], together: dict[str, set[str]]
) -> dict[str, str]:
    """Full-name keys of one person, each mapped to the key of the group's most used name."""
    ordered = sorted(full, key=lambda key: (-len(keys[key].articles), key))
    names = {key: person_name(keys[key].name) for key in ordered}
    hyphenated = {name.last.casefold() for name in names.values() if "-" in name.last}
    leaders: dict[str, list[str]] = defaultdict(list)  # by surname: only those can match
    groups: dict[str, str] = {}
    for key in ordered:
        name = names[key]
        surname = _double_barrelled(name, hyphenated)
        respelled = surname != name.last.casefold()  # "Kilroy Silk": one person, even beside
        for leader in leaders[surname]:  # "Kilroy-Silk" in one article
            other = names[leader]
            same_suffix = name.suffix == other.suffix or not (name.suffix and other.suffix)
            apart = not respelled and any(groups.get(k) == leader for k in together[key])
            if same_suffix and not apart and same_first_name(name.first, other.first):
                groups[key] = leader
                break
        else:
            leaders[surname].append(key)
            groups[key] = key
    return groups


def _double_barrelled(name: PersonName, hyphenated: set[str]) -> str:
    """The surname, as the corpus's double-barrelled one when the name's last middle word
    and surname are it without the hyphen ("Robert Kilroy Silk" is "Kilroy-Silk")."""
    middle = name.middle.split()
    joined = f"{middle[-1]}-{name.last}".casefold() if middle else ""
    return joined if joined in hyphenated else name.last.casefold()


def _display_names(target: str, keys: dict[str, _Key], merged: dict[str, str]) -> tuple[str, str]:
    """The person's name as the corpus writes it most, among the full names of the group,
    without titles or middle initials ("Donald J. Trump" -> "Donald Trump"; "Patrick
    Nielsen Hayden" keeps his middle name), or the words of a name that names nobody
    ("United", `names_nobody`): the name the person's key comes from; and the name to show,
    which may be a peer's style and surname when the articles write that most ("Lord
    Falconer", "Lord Goldsmith")."""
    spellings: Counter[str] = Counter()
    styled: Counter[str] = Counter()
    for key in [target, *(k for k, t in merged.items() if t == target)]:
        for written, count in keys[key].names.items():
            name = person_name(written)
            if peer_style(written):
                styled[written] += count
            elif name.is_full or key == target:
                spellings[name.shown or " ".join(written.split())] += count  # "United"
    if not spellings:  # a peer the articles only ever call by the style
        spellings[person_name(keys[target].name).shown] += 1
    name = _most_used(spellings)
    best_styled = _most_used(styled) if styled else ""
    return name, best_styled if styled[best_styled] >= spellings[name] else name


def _most_used(names: Counter[str]) -> str:
    """The most used name; ties: the longer, then the one with more capitals ("LeBron")."""
    return max(names, key=lambda n: (names[n], len(n), sum(c.isupper() for c in n), n))
