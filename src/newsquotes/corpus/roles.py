"""Role of a quoted person, read from the descriptions the articles gave them.

A role is one of a small taxonomy, decided by word rules over the head noun of each
description (the last word before a preposition: "a law professor at West Virginia
University" -> professor) and, for heads that say little alone ("president",
"spokesman", "director"), over the organisation words around it:

- `politician`: elected officials and politicians, ministers, candidates, party and
  campaign figures, their campaign staff ("Trump campaign spokesman"), party-state
  tags ("R-S.C.", "D-Md.").
- `government`: government officials and spokespeople, civil servants, appointed
  secretaries ("Secretary of State", "Homeland Security Secretary"), diplomats,
  military officers, regulators, central banks and international bodies (IMF, World Bank).
- `expert`: academics and experts: professors, analysts, economists, scientists,
  strategists, pollsters, and the heads of universities, institutes and think tanks.
- `business`: executives, chairmen, managers, investors, consultants, companies' staff.
- `legal`: legal or law enforcement: lawyers, judges, prosecutors, attorneys general, police.
- `media`: journalists, hosts, editors, correspondents, commentators.
- `civil_society`: activists, campaign groups, unions, charities, religious leaders.
- `ordinary`: ordinary people: residents, voters, parents, witnesses, victims, workers.
- `other`: a person noun outside the above: sportspeople, artists, royals (also by the
  style of their name: "Prince Andrew").

A "president" is a politician by default only as the capitalised formal title ("President
Reagan"); in lower case with no organisation ("president Pierre Peladeau", of a publisher)
whose president is unknown, so is the role.

A description that says nothing of a role (an honorific "Mr.", a stray word
"predictable", a headline fragment) gives none, not `other`: an unknown, never a guess.
A speaker's role is the one most of their descriptions give; a tie goes to the role of
the description listed first (the speakers table lists the most frequent first).

A "manager" of a team is a sportsperson (`other`), not `business`: a lower-case "manager"
right after a name that is no acronym and no organisation word ("Arsenal manager", "Spurs
manager"; not "HMV manager", nor a workplace's: "Factory manager", "Station manager");
and a person described as a sportsperson or a team's manager anywhere is one in their
plain "manager" and "boss" descriptions too ("Arsenal boss", "unflappable manager"), while
"Qantas boss" alone stays `business`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from newsquotes.names import peer_style

POLITICIAN = "politician"
GOVERNMENT = "government"
EXPERT = "expert"
BUSINESS = "business"
LEGAL = "legal"
MEDIA = "media"
CIVIL_SOCIETY = "civil_society"
ORDINARY = "ordinary"
OTHER = "other"
ROLES = (POLITICIAN, GOVERNMENT, EXPERT, BUSINESS, LEGAL, MEDIA, CIVIL_SOCIETY, ORDINARY, OTHER)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Head nouns that name a role whatever organisation follows them.
HEADS: dict[str, frozenset[str]] = {
    POLITICIAN: _words(
        """senator sen representative rep congressman congresswoman lawmaker legislator mp mep
        msp councillor councilor councilman councilwoman alderman mayor minister premier
        chancellor candidate nominee challenger opponent rival incumbent democrat republican
        tory surrogate politician statesman whip backbencher frontbencher peer"""
    ),
    GOVERNMENT: _words(
        """ambassador diplomat envoy consul bureaucrat regulator administrator aide
        chief_of_staff secretary_of_state general gen colonel col lieutenant lt admiral
        brigadier sergeant sgt soldier"""
    ),
    EXPERT: _words(
        """professor prof academic lecturer scholar researcher scientist economist analyst
        expert specialist historian physicist pollster fellow psychologist sociologist
        epidemiologist demographer statistician doctor physician surgeon strategist"""
    ),
    BUSINESS: _words(
        """executive ceo cfo coo businessman businesswoman entrepreneur investor banker
        trader developer owner proprietor shopkeeper retailer industrialist tycoon magnate
        consultant partner"""
    ),
    LEGAL: _words(
        """lawyer attorney attorney_general solicitor barrister judge prosecutor counsel police
        policeman policewoman detective det sheriff constable superintendent supt coroner
        magistrate justice"""
    ),
    MEDIA: _words(
        """journalist reporter correspondent editor columnist commentator host presenter anchor
        moderator broadcaster blogger writer pundit"""
    ),
    CIVIL_SOCIETY: _words(
        """activist campaigner advocate organizer organiser volunteer unionist priest pastor
        rev reverend rabbi imam bishop archbishop cardinal vicar chaplain cleric group"""
    ),
    ORDINARY: _words(
        """resident voter parent mother father mum dad widow widower witness victim survivor
        student pupil worker employee customer passenger neighbour neighbor shopper patient
        homeowner tenant farmer fan supporter teacher nurse driver citizen daughter son wife
        husband sister brother grandmother grandfather relative friend"""
    ),
    OTHER: _words(
        """player footballer striker midfielder goalkeeper coach athlete captain actor actress
        singer musician artist comedian celebrity king queen architect author"""
    ),
}
# Heads of sportspeople: a person so described manages a team, not a business, when
# described as a "manager" or a "boss" too.
SPORT_HEADS = _words("player footballer striker midfielder goalkeeper coach athlete captain")
# Generic heads that are a team's in sport ("Arsenal manager", "Chelsea boss").
TEAM_HEADS = frozenset({"manager", "boss"})
TEAM_MANAGER = re.compile(r"\b([A-Z][\w']*) manager\b")  # "Arsenal manager", "Spurs manager"
POSSESSIVE_DETERMINERS = _words("his her their its our my your")
# A royal's style before the name: a royal is `other`, like the heads "king" and "queen".
ROYAL_STYLES = _words("prince princess king queen")
HEAD_ROLE = {word: role for role, words in HEADS.items() for word in words}

# Heads whose role is the organisation's (CONTEXT), else this default (None: unknown).
GENERIC: dict[str, str | None] = {
    "president": POLITICIAN,
    "vice_president": POLITICIAN,
    "governor": POLITICIAN,
    "gov": POLITICIAN,
    "leader": POLITICIAN,
    "chairman": BUSINESS,
    "chairwoman": BUSINESS,
    "chair": BUSINESS,
    "chief": BUSINESS,
    "head": BUSINESS,
    "boss": BUSINESS,
    "manager": BUSINESS,
    "officer": BUSINESS,
    "accountant": BUSINESS,
    "secretary": GOVERNMENT,
    "official": GOVERNMENT,
    "commissioner": GOVERNMENT,
    "commander": GOVERNMENT,
    "inspector": GOVERNMENT,
    "director": None,
    "director_general": None,
    "secretary_general": None,
    "spokesman": None,
    "spokeswoman": None,
    "spokesperson": None,
    "adviser": None,
    "advisor": None,
    "member": None,
    "associate": None,
    "founder": None,
    "veteran": None,
}

# Generic heads with another default when the description names an organisation (an
# acronym, or a prepositional object): "SMFG President", "president of ClearView Economics"
# lead a company, "French President" a country.
ORGANISATION_DEFAULT = {"president": BUSINESS, "vice_president": BUSINESS}
# Heads whose default holds only for the formal title, capitalised ("President Reagan"); in
# lower case ("president Pierre Peladeau" of a publisher) the office is any organisation's.
FORMAL_HEADS = frozenset({"president", "vice_president"})
FORMAL_TITLE = re.compile(r"\bPresident\b")
COUNTRY_ACRONYMS = frozenset({"US", "UK", "USA", "EU", "UN"})

# Organisation words that decide a generic head, tried in this order: the first role
# with a word in the description wins ("the SEC's chief accountant" -> government).
CONTEXT: tuple[tuple[str, frozenset[str]], ...] = (
    (LEGAL, _words("police nypd court prosecution")),
    (
        GOVERNMENT,
        _words(
            """central_bank bank_of_england bank_of_japan federal_reserve reserve_bank boe imf
            world_bank oecd wto fao eu european_commission sec watchdog civil_service"""
        ),
    ),
    (
        CIVIL_SOCIETY,
        _words(
            """union unions afl tuc nuj federation naacp charity association church workers
            worker oxfam ngo society"""
        ),
    ),
    (
        EXPERT,
        _words("university college institute school centre center think_tank research survey"),
    ),
    (MEDIA, _words("news newspaper times journal magazine tv television radio bbc nbc cnn msnbc")),
    (
        POLITICIAN,
        _words(
            """campaign party dnc rnc national_committee democratic republican democrat labour
            tory conservative political parliament parliamentary senate congressional caucus
            senator committee commons shadow"""
        ),
    ),
    (
        BUSINESS,
        _words(
            """company companies firm corp corporation inc bank capital securities investment
            investments industry management commerce airline airlines insurer consultancy
            consulting fund plc factory plant station store shop branch depot warehouse mill
            hotel restaurant"""
        ),
    ),
    (
        GOVERNMENT,
        _words(
            """white_house government department ministry administration agency federal treasury
            pentagon army navy air_force military embassy commission bureau"""
        ),
    ),
)

BUSINESS_WORDS = next(words for role, words in reversed(CONTEXT) if role == BUSINESS)

# Several words that are one head or one organisation word.
PHRASES = {
    "chief of staff": "chief_of_staff",
    "secretary of state": "secretary_of_state",
    "member of parliament": "mp",
    "attorney general": "attorney_general",
    "chief executive": "executive",
    "managing director": "executive",
    "vice president": "vice_president",
    "director general": "director_general",
    "secretary general": "secretary_general",
    "general secretary": "secretary_general",
    "under secretary": "secretary",
    "civil servant": "bureaucrat",
    "civil service": "civil_service",
    "financial officer": "cfo",
    "operating officer": "coo",
    "investment officer": "executive",
    "central bank": "central_bank",
    "bank of england": "bank_of_england",
    "bank of japan": "bank_of_japan",
    "federal reserve": "federal_reserve",
    "reserve bank": "reserve_bank",
    "world bank": "world_bank",
    "european commission": "european_commission",
    "national committee": "national_committee",
    "white house": "white_house",
    "air force": "air_force",
    "think tank": "think_tank",
}
PHRASE_PATTERN = re.compile(r"\b(" + "|".join(map(re.escape, PHRASES)) + r")\b")
# Titles before a name, which say nothing of a role ("Foreign Minister Prince").
HONORIFICS = _words("mr mrs ms miss mx dr sir dame lord lady prince princess sheikh")
PREPOSITIONS = _words("of at for with in on to from by about over under")
# A party and state tag after a US lawmaker's name: "R", "D-Md.", "R-S.C.", "R-Utah".
PARTY_TAG = re.compile(r"[RDI](-[A-Z][A-Za-z.]*)?")
# A wire dateline left before a title: "WASHINGTON - President", "TOKYO, March 3 -- Minister".
DATELINE = re.compile(r"^[A-Z][A-Z .,']+(?:, [A-Z][a-z]+ \d+)? (?:-|--|–|—) ")
CLAUSE_END = re.compile(r",|\(| -- | – | — |\b(?:who|whom|whose|which|that)\b")


class Role(NamedTuple):
    role: str | None
    evidence: str | None


def description_role(description: str) -> tuple[str, str] | None:
    """(role, the words that decided it) of one description, or None when it names none."""
    text = DATELINE.sub("", description.strip())
    if PARTY_TAG.fullmatch(text):
        return POLITICIAN, "party tag"
    clause = _clause(text)
    words = _tokens(clause)
    head, rest = _head(words)
    if head is None:
        return None
    role = HEAD_ROLE.get(head)
    if role is not None:
        return role, head
    if head not in GENERIC:
        return None
    context = set(rest)
    if head == "secretary":
        context -= BUSINESS_WORDS  # "Trade and Industry Secretary" is a minister
    for role, organisations in CONTEXT:
        found = sorted(context & organisations)
        if found:
            return role, f"{head} + {found[0]}"
    if head == "manager" and _manages_a_team(clause):
        return OTHER, "team manager"
    default = GENERIC[head]
    if head in ORGANISATION_DEFAULT and _names_organisation(clause, words):
        return ORGANISATION_DEFAULT[head], f"{head} of an organisation"
    if head in FORMAL_HEADS and not FORMAL_TITLE.search(clause):
        return None  # "president" in lower case: whose, the description does not say
    return (default, head) if default else None


def _manages_a_team(clause: str) -> bool:
    """ "Arsenal manager", "Spurs manager": a lower-case "manager" right after a name that is no
    acronym ("HMV manager") and no organisation word of another role ("Commission"): the
    news writes a club's manager so, a company's "a manager at X" or "X's general manager"."""
    found = TEAM_MANAGER.search(clause)
    if found is None:
        return False
    word = found.group(1).removesuffix("'s").removesuffix("'")
    organisation = any(word.lower() in words for _, words in CONTEXT)
    return not (word.isupper() or organisation or word.lower() in POSSESSIVE_DETERMINERS)


def _names_organisation(clause: str, words: list[str]) -> bool:
    """Whether a description names an organisation: an acronym or a prepositional object."""
    acronyms = set(re.findall(r"\b[A-Z]{2,}\b", clause)) - COUNTRY_ACRONYMS
    return bool(acronyms) or any(i and w in PREPOSITIONS for i, w in enumerate(words))


def _tokens(text: str) -> list[str]:
    """Lower-case words without possessives, periods or hyphens; known phrases joined."""
    text = text.lower().replace("’", "'").replace("-", " ")
    text = re.sub(r"'s?\b", "", text)
    text = re.sub(r"[^\w\s&]", " ", text)
    text = re.sub(r"\bbased\b", " ", text)  # "a journalist based in", "London-based"
    return PHRASE_PATTERN.sub(lambda m: PHRASES[m.group(1)], " ".join(text.split())).split()


def head_noun(description: str) -> str | None:
    """The head noun of a description, singular ("Glasgow group" -> "group", "an analyst
    with Meta Group" -> "analyst"), or None."""
    return _head(_tokens(_clause(DATELINE.sub("", description.strip()))))[0]


def _clause(text: str) -> str:
    """A description up to where a clause or an aside starts ("an economist who ...")."""
    return CLAUSE_END.split(text, maxsplit=1)[0]


def _head(words: list[str]) -> tuple[str | None, list[str]]:
    """The head noun (last word before a preposition, honorifics aside, "one of X" -> X's)
    and the other words of the description."""
    cut = next((i for i, w in enumerate(words) if i and w in PREPOSITIONS), len(words))
    phrase = [w for w in words[:cut] if w not in HONORIFICS]
    if not phrase:
        return None, []
    if phrase[-1] == "one" and cut < len(words) and words[cut] == "of":
        return _head(words[cut + 1 :])
    head = _singular(phrase[-1])
    return head, phrase[:-1] + words[cut:]


def _singular(word: str) -> str:
    """The singular of a plural head ("aides", "veterans"), when only the singular is known."""
    plural = word.endswith("s") and not _known(word) and _known(word[:-1])
    return word[:-1] if plural else word


def _known(word: str) -> bool:
    return word in HEAD_ROLE or word in GENERIC


def role_of(descriptions: Sequence[str], name: str = "") -> Role:
    """A speaker's role: a royal's by the style of their `name` ("Prince Andrew": `other`,
    whatever a description of kin says, "younger brother of the heir"), else the one most
    of their descriptions give (a tie goes to the role of the earliest description), with
    the evidence; Role(None, None) when none gives one."""
    style = peer_style(name)
    if style.casefold() in ROYAL_STYLES:
        return Role(OTHER, f"royal style {style!r}")
    found = {description: description_role(description) for description in descriptions}
    sport = any(f and (f[1] in SPORT_HEADS or f[1] == "team manager") for f in found.values())
    votes: dict[str, list[tuple[str, str]]] = {}
    for description, role in found.items():
        if role and sport and role[1] in TEAM_HEADS:  # "Arsenal boss" of the Arsenal manager
            role = OTHER, f"{role[1]} in sport"
        if role:
            votes.setdefault(role[0], []).append((description, role[1]))
    if not votes:
        return Role(None, None)
    role = max(votes, key=lambda r: len(votes[r]))  # dicts keep first-seen order: ties
    description, words = votes[role][0]
    described = sum(len(v) for v in votes.values())
    return Role(role, f"{description!r}: {words}; {len(votes[role])} of {described} descriptions")
