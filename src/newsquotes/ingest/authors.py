"""Authors as names only: what web pages and feeds give is split and stripped of the rest.

Page metadata and bylines mix names with dates ("Carrie Arnold November"), job titles
("Tom Gillespie News reporter", "AP National Political Writer"), site and agency names
("Condé Nast; Molly Wood", "Sandee LaMotte; CNN") and handles ("Kevin-R"). Names are
split on ";", ",", "and" and "&"; each keeps the words before a job title or a date; a
part that is an organisation, the site, a credential or no name at all is dropped.
Measured by hand on the 181 pages of `../shared/eval/html` (see the README).
"""

from __future__ import annotations

import re

_SPLIT = re.compile(r"\s*(?:;|,|\||&|\band\b)\s*", re.IGNORECASE)
_LEAD = re.compile(
    r"^(?:(?:[\w-]+\s+){0,2}by|text|текст|words|photos?|posted|written)\s*:?\s+", re.I
)
_HANDLE = re.compile(r"^\w+-\w$|[@_/\\]|\d")
_TITLES = {
    "writer", "reporter", "correspondent", "editor", "editor-at-large", "columnist",
    "contributor", "producer", "analyst", "anchor", "journalist", "photographer", "intern",
    "critic", "is", "was",
}  # fmt: skip
_QUALIFIERS = {
    "news", "senior", "staff", "national", "political", "politics", "security", "sports",
    "auto", "chief", "business", "ap", "associated", "press", "contributing", "special",
    "digital", "science", "health", "foreign", "investigative", "tech", "technology",
    "economics", "managing", "deputy", "executive", "general", "assignment", "breaking",
    "white", "house", "cnn", "a", "an", "the", "our", "freelance", "legal", "global",
}  # fmt: skip
_DATES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "published", "updated", "posted", "am", "pm",
}  # fmt: skip
# Words of a desk or a team: a part with one is no person ("Science X staff").
_DESK = {
    "staff", "editorial", "bureau", "desk", "team", "reports", "wire", "wires", "services",
    "service", "admin", "administrator", "webmaster", "newsroom", "guest", "ministries",
}  # fmt: skip
# Words that end an organisation's name ("Sputnik International", "NJ Advance Media").
_ORGANISATION = _DESK | {
    "media", "press", "nast", "magazine", "weekly", "daily", "news", "sport", "com", "inc",
    "ltd", "llc", "agency", "ministry", "international", "insider", "business", "online",
}  # fmt: skip
_AGENCIES = {"reuters", "ap", "afp", "pti", "upi", "dpa", "ians", "cnn", "bbc", "futurism"}
_PARTICLES = {"de", "da", "do", "dos", "van", "von", "der", "den", "la", "le", "del", "bin", "al"}


def author_names(authors: str | None, site: str | None = None) -> str | None:
    """The people among `authors` ("; "-separated), each name cleaned; None if none."""
    if not authors:
        return None
    site_words = _words(site)
    names: list[str] = []
    for part in _SPLIT.split(authors):
        name = _name(part, site_words)
        if name and name.lower() not in {n.lower() for n in names}:
            names.append(name)
    kept = [n for n in names if not any(_shorter_form(n, other) for other in names)]
    return "; ".join(kept) or None


def _words(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").lower()))


def _name(part: str, site_words: str) -> str | None:
    """One part as a name: leading "By", job titles and dates cut off; None if no name."""
    part = _LEAD.sub("", part.strip(" .:-–—\t\n"))
    tokens = part.split()
    if any(word in _DESK for word in _words(part).split()):
        return None
    cut = next((i for i, t in enumerate(tokens) if t.lower().strip(".,") in _TITLES), None)
    if cut is not None:
        while cut > 0 and tokens[cut - 1].lower() in _QUALIFIERS:
            cut -= 1
        tokens = tokens[:cut]
    while tokens and (tokens[-1].lower().strip(".,") in _DATES or tokens[-1][0].isdigit()):
        tokens.pop()
    tokens = _without_organisation_tail(tokens, site_words)
    if not tokens or not _is_name(tokens, site_words):
        return None
    name = " ".join(tokens)
    return name.title() if name.isupper() and len(tokens) > 1 else name


def _without_organisation_tail(tokens: list[str], site_words: str) -> list[str]:
    """ "Eric Tucker Associated Press" -> "Eric Tucker": an agency or the site after a name."""
    for size in range(min(3, len(tokens) - 1), 0, -1):
        tail = _words(" ".join(tokens[-size:]))
        if tail in _AGENCIES or tail == "associated press" or (site_words and tail == site_words):
            return tokens[:-size]
        organisation = size > 1 and tail.split()[-1] in _ORGANISATION
        if organisation and len(tokens) - size >= 2:
            return tokens[:-size]  # "Finian Cunningham Sputnik International"
    return tokens


def _is_name(tokens: list[str], site_words: str) -> bool:
    words = _words(" ".join(tokens))
    if not words or len(tokens) > 5 or words in _AGENCIES or tokens[0].lower() == "the":
        return False
    if "admin" in words:  # "Jdadmin", a site's account
        return False
    if any(word in _ORGANISATION for word in words.split()):
        return False
    if site_words and (words in site_words.replace(" ", "") or words in site_words):
        return False
    if len(tokens) == 1 and (tokens[0].isupper() or _HANDLE.search(tokens[0])):
        return False  # an acronym or credential (PTI, MS), or a handle (Kevin-R)
    return all(
        (t[0].isupper() or t.lower() in _PARTICLES) and not _HANDLE.search(t) for t in tokens
    )


def _shorter_form(name: str, other: str) -> bool:
    """Whether `name` is another name written shorter ("Troy Smith" of "Troy L Smith")."""
    words, others = set(_words(name).split()), set(_words(other).split())
    return name != other and words < others
