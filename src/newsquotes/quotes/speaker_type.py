"""Speaker type: what kind of source a quote's speaker is, so counts of people stay people.

"The company said", "officials said", "a spokeswoman said", "the report said" and an
unresolved "he said" are all sources, but only a named person is a person. The type comes
from the speaker's entity label when the speaker is a named entity (after coreference),
else from the head noun of the speaker's noun phrase. `relink` sets it again for named
speakers once the corpus has voted on each name's label.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsquotes.names import PERSON_LABELS, PLACE_LABELS

if TYPE_CHECKING:  # the corpus stage reads the types in the flow process, without spaCy
    from spacy.tokens import Token

PERSON = "person"
ORGANISATION = "organisation"
GROUP = "group"
UNNAMED_PERSON = "unnamed_person"
DOCUMENT = "document"
PRONOUN = "pronoun"
SPEAKER_TYPES = (PERSON, ORGANISATION, GROUP, UNNAMED_PERSON, DOCUMENT, PRONOUN)
NAMED_TYPES = frozenset({PERSON, ORGANISATION})  # the types counted in `speakers`, by name

ORGANISATION_LABELS = frozenset({"ORG"}) | PLACE_LABELS  # "China said": its government
DOCUMENT_LABELS = frozenset({"WORK_OF_ART", "LAW"})
# Head nouns of organisations that speak without a name: "the company said".
ORGANISATION_NOUNS = frozenset(
    """company firm group bank government ministry department agency administration council
    committee commission court police party campaign union authority authorities board
    office embassy army military navy force forces team club league federation association
    institute university school hospital charity newspaper network channel broadcaster
    paper magazine website station regulator watchdog parliament congress senate house
    cabinet kremlin pentagon secretariat organisation organization corporation airline
    carrier maker retailer manufacturer producer operator insurer lender utility
    exchange""".split()  # noqa: SIM905
)
# Nouns that say things themselves: "the statement said ...", "a letter stating ...".
DOCUMENTS = frozenset(
    """statement letter email e-mail report memo release post tweet message video ad
    advertisement note document filing complaint lawsuit editorial article book""".split()  # noqa: SIM905
)
# Documents beyond those that take a speech verb themselves (`DOCUMENTS`).
MORE_DOCUMENTS = frozenset(
    """study survey poll data figures research analysis paper findings review guidance
    website page sign notice ruling verdict indictment order decree bill law policy plan
    proposal transcript minutes records""".split()  # noqa: SIM905
)


def speaker_type(head: Token | None, entity_label: str | None) -> str | None:
    """The speaker's type from its entity label, else from its head token; None without one."""
    if entity_label is not None:
        by_label = type_of_label(entity_label)
        if by_label is not None:
            return by_label
    if head is None:
        return None
    if head.pos_ == "PRON":
        return PRONOUN
    lemma = head.lemma_.lower()
    if lemma in DOCUMENTS or lemma in MORE_DOCUMENTS:
        return DOCUMENT
    if lemma in ORGANISATION_NOUNS:
        return ORGANISATION
    if head.tag_ in {"NNS", "NNPS"} or entity_label == "NORP":
        return GROUP
    if head.pos_ == "PROPN":
        return PERSON  # a name the model did not tag
    return UNNAMED_PERSON


def type_of_label(label: str) -> str | None:
    """The speaker type an entity label means, when it decides alone."""
    if label in PERSON_LABELS:
        return PERSON
    if label in ORGANISATION_LABELS:
        return ORGANISATION
    if label == "NORP":
        return GROUP
    if label in DOCUMENT_LABELS:
        return DOCUMENT
    return None
