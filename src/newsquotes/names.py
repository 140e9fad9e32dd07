"""Names: how entity names compare, within an article and across the corpus.

Label families make "Seoul" the same place whether a model calls it GPE or LOC; countries
resolve to their ISO 3166 code with pycountry, so "US", "U.S.", "USA" and "United States"
are one country; acronyms compare with the initials of a full name ("UN", "United Nations").
Label names are those of spaCy's English models (OntoNotes) and of CoNLL-style models.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pycountry
from nameparser import HumanName
from nameparser.config import CONSTANTS
from nicknames import NickNamer

from newsquotes.records import stable_id

PERSON_LABELS = frozenset({"PERSON", "PER"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
WORK_LABEL = "WORK_OF_ART"  # the title of a book, a film, a song
# Quantities, not things: never counted as entities.
NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Courtesy and office titles that precede a name; they describe the person, not name them.
# A member's post-nominal letters (MP, MEP, MSP, MLA) are written before the name too:
# "Green MEP Caroline Lucas".
HONORIFICS = _word_set(
    "mr mrs ms miss mx dr prof professor sir dame lord lady president vice senator sen rep "
    "representative gov governor minister premier chancellor secretary ambassador general gen "
    "col colonel capt captain lt lieutenant sgt sergeant adm admiral judge justice mayor king "
    "queen prince princess pope rev reverend father sister brother sheikh ayatollah detective "
    "inspector deputy treasurer chairman chairwoman commissioner spokesman spokeswoman coach "
    "mp mep msp mla"
)
# A peer's or a royal's style: part of the name they are known by ("Lord Falconer",
# "Baroness Kennedy", "Prince Andrew").
PEER_STYLES = _word_set(
    "lord lady baroness viscount viscountess countess duke duchess marquess marchioness "
    "prince princess king queen"
)
# Titles that only ever precede a person's name, whatever label the model gave the span.
COURTESY_TITLES = _word_set("mr mrs ms miss mx dr")
# Styles that say rank, not office: "Former Labour leader Lord Kinnock" is a "Former Labour
# leader"; "Lord" alone, or ending a description, says nothing of a role.
RANK_STYLES = COURTESY_TITLES | _word_set("lord lady sir dame baroness baron sheikh sheik")
# A company's legal form: it ends an organisation's name ("Lloyds Bank Plc"), never is one.
LEGAL_FORMS = _word_set(
    "inc incorporated ltd limited plc llc llp lp corp corporation co cos gmbh ag nv bv pty"
)
# Nouns that say what kind of organisation a name is ("the Bank said", "the Commission"):
# alone they stand for an organisation named in full elsewhere, they do not name one.
ORGANISATION_NOUNS = _word_set(
    "bank company group holdings foundation university institute council committee "
    "association union trust fund partners commission ministry department agency authority "
    "board bureau exchange"
)
# Words skipped when forming an acronym from a full name ("Bank of England" -> "BE").
_ACRONYM_FILLERS = _word_set("of the and for & de du des la le")
# A trailing word after these does not name the country alone ("Africa" of "South Africa").
_COMPASS = _word_set(
    "north south east west northern southern eastern western central new equatorial"
)
_NAME_PARTS = re.compile(r",| of | and ")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


def only_organisation_words(words: list[str]) -> bool:
    """Whether a name is nothing but legal forms or organisation nouns ("Ltd", "Bank",
    "Corp"): what is left of a split name or a short reference, never a name of its own."""
    bare = [word.casefold().rstrip(".,") for word in words]
    return bool(bare) and all(word in LEGAL_FORMS | ORGANISATION_NOUNS for word in bare)


def family(label: str) -> str:
    """The label group a name is compared within: person, place, or the label itself."""
    if label in PERSON_LABELS:
        return "PERSON"
    if label in PLACE_LABELS:
        return "PLACE"
    return label


@functools.lru_cache(maxsize=65536)  # the corpus stage asks for each name many times
def normalise(name: str) -> str:
    """Case-, space- and punctuation-insensitive form: "the U.S." -> "us"."""
    name = _LEADING_THE.sub("", " ".join(name.split()))
    return " ".join(word.replace(".", "") for word in _WORD.findall(name.casefold()))


def name_key(name: str, label: str) -> str:
    """The normalised name an entity is compared by; a group's plural folds to its singular
    ("North Koreans", "North Korean"); a person's titles and middle names do not count
    ("Director James B. Comey" -> "james comey", "Joseph R. Biden Jr." -> "joseph biden jr"),
    nor an organisation's legal form ("Chrysler Corp" -> "chrysler")."""
    key = normalise(person_name(name).key or name if label in PERSON_LABELS else name)
    if label == "NORP" and len(key) > 4 and key.endswith("s") and not key.endswith("ss"):
        key = key[:-1]
    if label == "ORG":  # "chrysler corp" and "chrysler" are one company
        key = " ".join(without_legal_form(key.split()))
    return key


def without_legal_form(words: list[str]) -> list[str]:
    """The words of an organisation's name without the legal forms that end it, and the
    "and" or "&" before one ("Merrill Lynch and Co" -> "Merrill Lynch")."""
    words = list(words)
    while len(words) > 1 and words[-1].casefold().rstrip(".,") in LEGAL_FORMS:
        words.pop()
        while len(words) > 1 and words[-1].casefold() in {"and", "&"}:
            words.pop()
    return words


def strip_honorifics(name: str) -> str:
    """ "President Barack Obama" -> "Barack Obama", "Director James Comey" -> "James Comey",
    "Senate Majority Leader Mitch McConnell" -> "Mitch McConnell", "Chancellor of the
    Exchequer Nigel Lawson" -> "Nigel Lawson"; a bare title stays."""
    words = name.split()
    # a title followed by a first and a last name ends what describes the person:
    # "Senate Majority Leader Mitch McConnell", "Former Pennsylvania Gov. Ed Rendell"
    last_title = max((i for i, word in enumerate(words[:-2]) if is_title(word)), default=-1)
    words = words[last_title + 1 :]
    while len(words) > 1 and is_title(words[0]):
        words = words[1:]
    while len(words) > 2 and is_office_word(words[0]):
        words = words[1:]  # "Exchequer Nigel Lawson", "MP Lembit Opik", "Constable David ..."
    return " ".join(words)


def is_office_word(word: str) -> bool:
    """A capitalised common noun that is no first name: before a first and a last name, the
    end of an office the title list does not know ("Chancellor of the Exchequer", "Lib Dem
    MP", "Chief Constable"). Before a surname alone it may be a first name ("Sumner"), unless
    an office's "of" or "and" comes before it (`entities.mentions`)."""
    return (
        word[:1].isupper()
        and is_dictionary_word(word.rstrip("."), "noun")
        and not first_name_gender(word.rstrip("."))
    )


GENERATIONS = {"jr": "Jr.", "sr": "Sr.", "ii": "II", "iii": "III", "iv": "IV"}


@dataclass(frozen=True)
class PersonName:
    """A person's name without what describes the person: no titles ("Director",
    "Speaker", "Representatives"); its key has no middle names or initials either. A
    generational suffix stays: "Donald Trump Jr." is not "Donald Trump"."""

    first: str  # a lone word is here: "Trump" may be a surname or a single name
    last: str
    suffix: str = ""  # "Jr.", "Sr.", "II", ...
    middle: str = ""  # "Nielsen" of "Patrick Nielsen Hayden", "J." of "Donald J. Trump"

    @property
    def key(self) -> str:
        return " ".join(part for part in (self.first, self.last, self.suffix) if part)

    @property
    def shown(self) -> str:
        """The name as a reader knows it: the key with the middle names that are words, not
        initials ("Patrick Nielsen Hayden", "Juan Carlos Ferrero"; "Donald Trump")."""
        words = [word for word in self.middle.split() if len(word.rstrip(".")) > 1]
        return " ".join(part for part in (self.first, *words, self.last, self.suffix) if part)

    @property
    def is_full(self) -> bool:
        """A first and a last name: a name that can stand for the person across articles."""
        return bool(self.first and self.last)

    @property
    def surname(self) -> str:
        """The word other articles call the person by ("Trump" for "Donald Trump")."""
        return self.last or self.first

    @property
    def surnames(self) -> set[str]:
        """Every word other articles may call the person by alone: the surname, the first
        part of a double-barrelled one ("Kilroy" for "Robert Kilroy-Silk") and the last word
        of one with a particle ("Blasio" for "Bill de Blasio")."""
        surname = self.surname
        return {surname, surname.split("-")[0], surname.split()[-1] if surname else ""} - {""}


# "Trump-led", "Obama-era": a compound after a name is not part of it.
_COMPOUND_TAIL = re.compile(r"-(?:led|backed|era|style|like|owned|appointed|based|linked)$", re.I)


@functools.lru_cache(maxsize=65536)
def person_name(name: str) -> PersonName:
    """`name` parsed by nameparser, the project's titles counted as titles too."""
    parsed = HumanName(_COMPOUND_TAIL.sub("", strip_honorifics(name)))
    suffixes = [GENERATIONS.get(s.casefold().rstrip(".")) for s in parsed.suffix.split(",")]
    suffix = next((s for s in suffixes if s), "")
    if not parsed.last and suffix:  # "Trump Jr.": the lone word is the surname
        return PersonName("", parsed.first, suffix)
    return PersonName(parsed.first, parsed.last, suffix, parsed.middle)


def names_nobody(name: str) -> bool:
    """Whether a "person's" name is nothing but titles ("United", "Prime", "Lord Chief",
    "Queen": nameparser's titles): it names no one the corpus can tell apart, and its key
    is the words themselves, not an empty name all such "people" would share."""
    return bool(name.strip()) and not person_name(name).key


# nameparser's titles that are also first names or words of names: never taken as titles.
_NAME_WORDS = _word_set(
    "ab baba baron his lama mahdi maj marquis marquise me nanny pastor petty rock royal ra "
    "sultan sultana timi uk wing earl dean major"
)


# Party labels written before a name like a title: "Tory Fox", "Lib Dem Norman Baker".
PARTY_WORDS = _word_set(
    "tory tories conservative labour lib dem liberal democrat republican gop snp ukip plaid"
)


def is_party_label(name: str) -> bool:
    """A name made only of party words ("Lib Dems", "Tories", "Old Labour"): a party, never
    a person, whatever the model read; as a title it would leave a person called "Dems"."""
    words = [word.casefold().rstrip(".,") for word in name.split()]
    if len(words) > 1 and words[0] in {"old", "new", "young"}:
        words = words[1:]  # "Old Labour", "Young Conservatives"
    return bool(words) and all(
        word in PARTY_WORDS or singular(word) in PARTY_WORDS for word in words
    )


def party_words(name: str) -> tuple[str, ...]:
    """The words a party is named by, in the singular and without "Party", or () for a name
    that is no party's: "Tories" -> ("tory",), "Conservative Party" -> ("conservative",),
    "Lib Dems" -> ("lib", "dem"); "British" -> ()."""
    words = normalise(name).split()
    if len(words) > 1 and words[-1] == "party":
        words = words[:-1]
    if not is_party_label(" ".join(words)):
        return ()
    return tuple(singular(word) for word in words)


def singular(word: str) -> str:
    """The singular of a plural word of a name or a title ("Tories" -> "Tory", "Senators" ->
    "Senator", "Dems" -> "Dem"); a short word or one in "ss" stays ("Mrs", "Gus", "Ross")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    plural = word.endswith("s") and not word.endswith("ss") and len(word) > 3
    return word[:-1] if plural else word


def abbreviates(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether each word of `short` starts the same word of `full`: ("lib", "dem") of
    ("liberal", "democrat")."""
    return len(short) == len(full) and all(
        len(s) >= 3 and f.startswith(s) for s, f in zip(short, full, strict=True)
    )


def is_title(word: str) -> bool:
    """A courtesy or office title or a party label, singular or plural ("Senators"), in the
    project's lists or nameparser's (which knows "Director", "Speaker", "Chief" ...)."""
    bare = word.casefold().rstrip(".,")
    if bare in _NAME_WORDS:
        return False
    forms = {bare, singular(bare)}
    return bool(forms & (HONORIFICS | PARTY_WORDS) or forms & CONSTANTS.titles)


def is_plural_office(word: str) -> bool:
    """A plural of an office or a title ("MPs", "MEPs", "Ministers", "Senators"): a group of
    people, never an organisation's name; a party's ("Tories") and the peers' house
    ("Lords") are names."""
    bare = word.rstrip(".,")
    if not bare.endswith("s") or is_party_label(bare) or bare.casefold() == "lords":
        return False
    if len(bare) > 2 and bare[:-1].isupper() and bare[:-1].isalpha():
        return True  # "MPs", "MEPs", "CEOs"; not "AK-47s"
    # the project's own titles: nameparser's list holds team names ("Rangers", "Cardinals")
    return singular(bare.casefold()) in HONORIFICS


def only_styles(words: list[str]) -> bool:
    """Whether a description is nothing but styles: a peer's or royal's ("Prince" before
    Andrew), a rank's ("Sheikh", "Sir"): part of the name, it describes nobody."""
    return all(word.casefold().rstrip(".") in PEER_STYLES | RANK_STYLES for word in words)


# What a description keeps of a dateline glued to it: "CNN)" of "(CNN)President".
_BRACKET_RESIDUE = re.compile(r"^[^()]*\)\s*")


def without_bracket_residue(description: str) -> str:
    """A description without the text up to a closing bracket it never opened: "(CNN)President
    Donald Trump" gives "President", not "CNN)President"."""
    return _BRACKET_RESIDUE.sub("", description)


def describes_a_peer(description: str) -> bool:
    """Whether a description says the person is a peer ("a Labour peer", "crossbench peers")."""
    words = {singular(word.casefold().rstrip(".,")) for word in description.split()}
    return bool(words & {"peer", "peeress"})


def peer_style(name: str) -> str:
    """The style of a peer's or a royal's name written style and one name ("Lord Falconer"
    -> "Lord", "Prince Andrew" -> "Prince"), else "": unlike other titles, it is how the
    person is known, not a description."""
    words = name.split()
    return words[0] if len(words) == 2 and words[0].casefold() in PEER_STYLES else ""


def has_title(name: str) -> bool:
    """Whether a person's name keeps a title before its last word ("Director James Comey");
    a peer's style is part of the name ("Lord Falconer")."""
    return not peer_style(name) and any(is_title(word) for word in name.split()[:-1])


def same_first_name(left: str, right: str) -> bool:
    """The same first name, or one a nickname or initial of the other (Joe, Joseph, J.)."""
    left, right = left.casefold().rstrip("."), right.casefold().rstrip(".")
    if not left or not right:
        return False
    if left == right or (len(left) == 1 and right.startswith(left)):
        return True
    if len(right) == 1 and left.startswith(right):
        return True
    return right in _nicknames().canonicals_of(left) or left in _nicknames().canonicals_of(right)


# Where batches are analysed, the name caches are emptied between batches once one holds
# more names than this: each batch asks again for the few hundred it needs, while a cache
# kept whole fills with a corpus's distinct names (person_name costs 0.5 ms a miss but ~600
# bytes a name: 20 MB per worker at 19,000 Reuters articles, and growing with the corpus).
BATCH_NAME_CACHE_LIMIT = 8192


def shrink_name_caches() -> None:
    """Empty each name cache holding over `BATCH_NAME_CACHE_LIMIT` names (the corpus stage,
    which asks for every name of the corpus many times, keeps them: it never calls this)."""
    for cached in (normalise, person_name, first_name_gender):
        if cached.cache_info().currsize > BATCH_NAME_CACHE_LIMIT:
            cached.cache_clear()


@functools.cache
def _nicknames() -> NickNamer:
    return NickNamer()


# gender-guesser's "mostly" answers ("Chris", "Mary"): the gender each leans to
MOSTLY = {"mostly_female": "female", "mostly_male": "male"}


@functools.lru_cache(maxsize=65536)  # asked per name in extraction and in the corpus stage
def first_name_gender(word: str) -> str | None:
    """What gender-guesser's offline list says of a first name: "female", "male", "andy"
    (either), "mostly_female", "mostly_male", or None when the name is not in the list.

    A name the English-speaking countries give one sex and the world's count the other
    ("Rand": a man's in the US, a woman's elsewhere) says neither: "andy". A hyphenated
    name the list lacks is known by its first part ("Sven-Goran": "Sven")."""
    detector = _first_names()
    answer = detector.get_gender(word)
    if answer == "unknown":
        first, hyphen, _ = word.partition("-")
        return first_name_gender(first) if hyphen and first else None
    english = {_SEX.get(detector.get_gender(word, country)) for country in _ENGLISH_COUNTRIES}
    english.discard(None)
    if len(english) == 1 and _SEX.get(answer) not in (None, *english):
        return "andy"
    return answer


def is_dictionary_word(word: str, part_of_speech: str) -> bool:
    """Whether `word` is the base form of an English "noun", "verb", "adj" or "adv" in
    WordNet's list (the spaCy model's lemmatizer tables): "Vote" and "Concern" are, "Tony"
    is not (WordNet lists some surnames: "Blair", "Kennedy")."""
    return word.casefold() in _dictionary().get(part_of_speech, frozenset())


# spaCy's 64-bit hashes (`spacy.strings.hash_string`) of the lemma index's keys: the
# table is read without importing spaCy (tests/corpus/test_names.py checks them)
LEMMA_INDEX_KEYS = {
    "noun": 16833663260455505849,
    "verb": 6360137228241296794,
    "adj": 12401032943472870168,
    "adv": 10054248821341768113,
}


@functools.cache
def _dictionary() -> dict[str, frozenset[str]]:
    """The lemmatizer's table of base forms by part of speech, read from the configured
    model's files with srsly, spaCy's own serialiser: the corpus stage runs in the flow's
    process, without a pipeline, and importing spaCy there cost 1 s and 60 MiB."""
    import srsly

    from newsquotes.settings import Settings

    root = _model_folder(Settings().model)
    found = next(root.glob("**/lemmatizer/lookups/lookups.bin"), None) if root else None
    if found is None:
        return {}
    index = srsly.msgpack_loads(found.read_bytes()).get("lemma_index", {})
    return {pos: frozenset(index.get(key, ())) for pos, key in LEMMA_INDEX_KEYS.items()}


def _model_folder(model: str) -> Path | None:
    """A model given as a folder, or the folder of the installed package of that name
    (found, not imported: its `__init__` imports spaCy)."""
    if Path(model).is_dir():
        return Path(model)
    try:
        spec = importlib.util.find_spec(model)
    except (ImportError, ValueError):
        return None
    return Path(spec.origin).parent if spec is not None and spec.origin else None


# gender-guesser's countries where English is the language of the news this project reads
_ENGLISH_COUNTRIES = ("great_britain", "ireland", "usa")
# the sex each of gender-guesser's answers leans to
_SEX = {"female": "female", "mostly_female": "female", "male": "male", "mostly_male": "male"}


def is_english_first_name(word: str) -> bool:
    """Whether gender-guesser's list has `word` as a first name in Britain, Ireland or the
    US: "Bill" and "Hope" are, "Age" (Scandinavian) is a first name only elsewhere."""
    detector = _first_names()
    columns = [detector.COUNTRIES.index(country) for country in _ENGLISH_COUNTRIES]
    counts = detector.names.get(word.casefold(), {}).values()
    return any(len(row) > i and row[i].strip() for row in counts for i in columns)


@functools.cache
def _first_names():
    import gender_guesser.detector as gender_guesser

    return gender_guesser.Detector(case_sensitive=False)


def is_language_name(word: str) -> bool:
    """Whether `word` is the name of a major language (ISO 639-1, from pycountry): "Welsh",
    "French", "English"; alone, such a name is a people or their language ("the Welsh
    won"), never an organisation."""
    return normalise(word) in _language_names()


# Nouns for a member of a people that no language name gives ("Welshman" does).
_DEMONYMS = _word_set("briton britons brit brits scot scots kiwi kiwis aussie aussies")
_MEMBER_ENDINGS = ("man", "men", "woman", "women")


def is_demonym(word: str) -> bool:
    """Whether `word` names a member of a people: a language's name with "man" or "woman"
    ("Welshman", "Frenchwomen", "Dutchman"), or "Briton", "Scot", "Kiwi", "Aussie". A
    model reads these as a person; alone they name no one."""
    word = normalise(word)
    stems = [word.removesuffix(end) for end in _MEMBER_ENDINGS if word.endswith(end)]
    return word in _DEMONYMS or any(stem and is_language_name(stem) for stem in stems)


@functools.cache
def _language_names() -> frozenset[str]:
    return frozenset(
        normalise(language.name) for language in pycountry.languages if hasattr(language, "alpha_2")
    )


def is_acronym(name: str) -> bool:
    letters = name.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def is_code(name: str) -> bool:
    """A one-word code in capitals with a digit ("MI6", "G7", "F-16"): an agency's, a group's
    or a product's name, never a person's."""
    letters = [c for c in name if c.isalpha()]
    return (
        " " not in name.strip()
        and any(c.isdigit() for c in name)
        and bool(letters)
        and all(c.isupper() for c in letters)
    )


def initials(name: str) -> str:
    """Upper-case initials of a multi-word name, fillers skipped, an acronym in it kept
    whole: "United Nations" -> "UN", "UK Independence Party" -> "UKIP"."""
    words = [w for w in name.split() if w.casefold() not in _ACRONYM_FILLERS]
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return ""
    return "".join(w if is_acronym(w) else w[0] for w in words)


def acronyms(name: str) -> set[str]:
    """The acronyms a multi-word name may go by: its initials with and without a legal form
    that ends it ("General Motors Corp" -> "GMC", "GM"; "Federal Deposit Insurance Corp" ->
    "FDIC", "FDI")."""
    return {initials(name), initials(" ".join(without_legal_form(name.split())))} - {""}


def country_code(name: str, exact: bool = False) -> str | None:
    """ISO 3166 alpha-3 code of a country name, code, or unambiguous short form, else None.

    pycountry knows codes and official and common names ("US", "United States of America",
    "South Korea"); a code counts only when it is the initials of the country's name ("US",
    "UAE"; "BT" is British Telecom, not Bhutan). A name that is a unique run of words of one
    country's names ("Russia" of "Russian Federation", "Britain" of "...of Great Britain and
    ...") or the initials of one ("UK", "UAE") resolves too, unless `exact`. Anything
    matching more than one country does not.
    """
    key = normalise(name)
    if not key:
        return None
    index = _country_index()
    if key in index.exact or exact:
        return index.exact.get(key)
    found = set()
    if len(key) >= 4:
        found = index.partial.get(key) or index.stems.get(key, set())
    if not found and is_acronym(name):
        found = index.initials.get(name.replace(".", ""), set())
    return next(iter(found)) if len(found) == 1 else None


def country_of(name: str, label: str) -> str | None:
    """The ISO code of the country an entity names; only place labels get the looser matches
    (a person called "Chad" is not a country, an ORG "US" is)."""
    if label in PERSON_LABELS or label == "NORP":
        return None
    return country_code(name, exact=label not in PLACE_LABELS)


class _CountryIndex:
    """Lookup tables over pycountry's countries, built once."""

    def __init__(self) -> None:
        self.exact: dict[str, str] = {}
        self.partial: dict[str, set[str]] = defaultdict(set)
        self.stems: dict[str, set[str]] = defaultdict(set)
        self.initials: dict[str, set[str]] = defaultdict(set)
        for country in pycountry.countries:
            code = country.alpha_3
            names = {
                getattr(country, attr, None) for attr in ("name", "official_name", "common_name")
            } - {None}
            # a code names the country only as the initials of its name ("US", "USA",
            # "UAE"): "BT" is British Telecom, not Bhutan; "EC" the European Community
            spelled = {initials(value) for value in names}
            codes = [value for value in (country.alpha_2, code) if value in spelled]
            for value in (*codes, *names):
                self.exact.setdefault(normalise(value), code)
            for value in names:
                # "Korea, Republic of" -> "Korea", "Republic"; "... of Great Britain and ..."
                for part in _NAME_PARTS.split(value):
                    self._add_runs(part, code)
                    if initials(part.strip()):
                        self.initials[initials(part.strip())].add(code)

    def _add_runs(self, part: str, code: str) -> None:
        """Leading and trailing word runs of a name part: "Great Britain" gives "Great",
        "Britain" and "Great Britain"; but "South Africa" gives no "Africa"."""
        words = [w for w in normalise(part).split() if w not in _ACRONYM_FILLERS]
        for size in range(1, len(words) + 1):
            self.partial[" ".join(words[:size])].add(code)
            if size < len(words) and words[-size - 1] not in _COMPASS:
                self.partial[" ".join(words[-size:])].add(code)
        # "Russia" for "Russian Federation": the stem of an adjectival first word
        if words and len(words[0]) > 5 and words[0].endswith("n"):
            self.stems[words[0][:-1]].add(code)


@functools.cache
def _country_index() -> _CountryIndex:
    return _CountryIndex()


def catalogue_key(name: str, label: str) -> str:
    """Corpus-wide key of a real-world entity, the same in every article that names it.

    Case, spacing, dots, a leading "the", a person's titles and an organisation's legal
    form ("Corp", "Ltd") do not matter; places
    (GPE, LOC, FAC) compare as one family, and a country is its ISO code, so "US",
    "U.S." and "United States" share a key. Shared by the entity catalogue and the speakers
    table, so a quoted person links to both.
    """
    code = country_of(name, label)
    if code:
        return stable_id("COUNTRY", code)
    return stable_id(family(label), name_key(name, label))
