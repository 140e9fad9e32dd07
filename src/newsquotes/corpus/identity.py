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
  that ends in it. When several do ("Clinton": Hillary and Bill), it is not guessed: the
  surname stays its own row, marked ambiguous in the catalogue's aliases.

The resolution is a plain mapping; `relink` applies it to the staged batch tables.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsquotes.names import (
    PERSON_LABELS,
    catalogue_key,
    family,
    normalise,
    person_name,
    same_first_name,
)

VOTING_LABELS = frozenset({"PERSON", "ORG"})  # the labels a model confuses for names


@dataclass
class _Key:
    """What the corpus says of one article-level catalogue key."""

    names: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        return _most_used(self.names)

    @property
    def label(self) -> str:
        return max(self.labels, key=lambda label: (self.labels[label], label))


@dataclass(frozen=True)
class Resolved:
    """The corpus identity of an article-level key."""

    catalogue_id: str
    name: str
    label: str


def resolve(entities: Iterable[tuple[str, str, str, str]]) -> dict[str, Resolved]:
    """Map every article-level `catalogue_id` to its corpus identity.

    `entities` yields (article_id, name, label, catalogue_id) of every staged entity.
    """
    keys: dict[str, _Key] = defaultdict(_Key)
    for article_id, name, label, key in entities:
        keys[key].names[name] += 1
        keys[key].labels[label] += 1
        keys[key].articles.add(article_id)
    labels = _vote_labels(keys)
    people = [key for key in keys if labels[key] in PERSON_LABELS]
    merged = _merge_people(people, keys)
    resolved = {}
    for key, info in keys.items():
        target = merged.get(key, key)
        label = labels[target]
        name = _display_name(target, keys, merged) if label in PERSON_LABELS else info.name
        resolved[key] = Resolved(catalogue_key(name, label), name, label)
    return resolved


def _vote_labels(keys: dict[str, _Key]) -> dict[str, str]:
    """Each key's label, after PERSON and ORG readings of one name vote by articles. A lone
    word gets the person votes of the full names it is the surname of, and no others."""
    surname_articles: Counter[str] = Counter()
    by_name: dict[str, list[str]] = defaultdict(list)
    for key, info in keys.items():
        if family(info.label) not in VOTING_LABELS:
            continue
        by_name[normalise(info.name)].append(key)
        name = person_name(info.name)
        if info.label in PERSON_LABELS and name.is_full:
            surname_articles[normalise(name.last)] += len(info.articles)
    labels = {key: info.label for key, info in keys.items()}
    for name, same_name in by_name.items():
        votes: Counter[str] = Counter()
        for key in same_name:
            votes[family(keys[key].label)] += len(keys[key].articles)
        if len(name.split()) == 1:
            # a lone word is a person's only as the surname of a full name ("Trump"); the
            # model's PERSON readings of a word no full name ends in ("Yukos") do not count
            votes["PERSON"] = surname_articles[name] and votes["PERSON"] + surname_articles[name]
        ranked = [vote for vote in votes.most_common() if vote[1]]
        if len(votes) < 2 or not ranked:
            continue  # one reading only: nothing to vote on
        winner, most = ranked[0]
        if most > (ranked[1][1] if len(ranked) > 1 else 0):
            for key in same_name:
                labels[key] = winner
    return labels


def _merge_people(people: list[str], keys: dict[str, _Key]) -> dict[str, str]:
    """article-level key -> the key of the full name it stands for (absent: itself)."""
    together: dict[str, set[str]] = defaultdict(set)  # key -> keys named in one article with it
    by_article: dict[str, list[str]] = defaultdict(list)
    for key in people:
        for article in keys[key].articles:
            by_article[article].append(key)
    for named in by_article.values():
        for key in named:
            together[key].update(named)
    full = [key for key in people if person_name(keys[key].name).is_full]
    groups = _group_full_names(full, keys, together)
    by_surname: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key in full:
        name = person_name(keys[key].name)
        by_surname[(name.last.casefold(), name.suffix)].add(groups[key])
    merged = {key: target for key, target in groups.items() if key != target}
    for key in people:
        name = person_name(keys[key].name)
        if name.is_full:
            continue
        candidates = by_surname.get((name.surname.casefold(), name.suffix), set())
        if len(candidates) == 1:
            merged[key] = next(iter(candidates))
    return merged


def _group_full_names(
    full: list[str], keys: dict[str, _Key], together: dict[str, set[str]]
) -> dict[str, str]:
    """Full-name keys of one person, each mapped to the key of the group's most used name."""
    ordered = sorted(full, key=lambda key: (-len(keys[key].articles), key))
    leaders: list[str] = []
    groups: dict[str, str] = {}
    for key in ordered:
        name = person_name(keys[key].name)
        for leader in leaders:
            other = person_name(keys[leader].name)
            same_suffix = name.suffix == other.suffix or not (name.suffix and other.suffix)
            same = name.last.casefold() == other.last.casefold() and same_suffix
            apart = any(groups.get(k) == leader for k in together[key])
            if same and not apart and same_first_name(name.first, other.first):
                groups[key] = leader
                break
        else:
            leaders.append(key)
            groups[key] = key
    return groups


def _display_name(target: str, keys: dict[str, _Key], merged: dict[str, str]) -> str:
    """The person's name as the corpus writes it most, among the full names of the group;
    without titles or middle initials ("Donald J. Trump" -> "Donald Trump")."""
    spellings: Counter[str] = Counter()
    for key in [target, *(k for k, t in merged.items() if t == target)]:
        name = person_name(keys[key].name)
        if name.is_full or key == target:
            spellings[name.key] += len(keys[key].articles)
    return _most_used(spellings)


def _most_used(names: Counter[str]) -> str:
    """The most used name; ties: the longer, then the one with more capitals ("LeBron")."""
    return max(names, key=lambda n: (names[n], len(n), sum(c.isupper() for c in n), n))
