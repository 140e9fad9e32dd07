"""Build the gold people of a PolNeAR file from a hand-judged registry of who is who.

    PYTHONPATH=src python gold/people/build.py gold/people/polnear-dev.registry.yaml \
        ../shared/eval/polnear/dev.jsonl > gold/people/polnear-dev.jsonl

PolNeAR marks every attribution's source span ("Trump", "Mr. Obama", "Rendell, a Clinton
surrogate,") but not who the source is. The registry says who each named person or
organisation is; a source span is theirs when, without titles, honorifics, possessives and
appositives, it is one of their names, or ends with one of their full names ("Republican
nominee Donald Trump"). A one-word name is only taken where the article leaves no doubt:
the article gives the person's full name and no other person of that surname, or the
person is `known_by_surname` and the article names no one else of that surname. Pronoun
sources are left out (PolNeAR has no coreference). The output keeps names and offsets
only: the articles stay in ../shared.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict

import yaml

from newsquotes.names import has_title, strip_honorifics

_CAPITALISED = r"[A-Z][\w.’'-]*"


def bare(source: str) -> str:
    """A source span without appositive, brackets, possessive, titles or article."""
    text = re.sub(r"\(.*?\)", "", source.split(",")[0])
    text = re.sub(r"(['’]s|['’])$", "", text.strip())
    text = re.sub(r"^(the|The)\s+", "", strip_honorifics(text.strip()))
    return " ".join(text.split())


def others_of_surname(text: str, surname: str, names: set[str]) -> bool:
    """Whether the article names someone else of this surname ("Bill Clinton" beside
    Hillary's names); titles before a surname do not count ("Secretary Clinton")."""
    for match in re.finditer(rf"({_CAPITALISED}) {re.escape(surname)}\b", text):
        full = f"{match.group(1)} {surname}".casefold()
        if not any(name.endswith(full) for name in names) and not has_title(full):
            return True
    return False


def person_of(source: str, text: str, registry: list[dict]) -> dict | None:
    name = bare(source)
    folded = name.casefold()
    if not folded:
        return None
    full_matches = [
        person
        for person in registry
        for alias in person["names"]
        if " " in alias and (folded == alias.casefold() or folded.endswith(" " + alias.casefold()))
    ]
    if full_matches:
        return full_matches[0] if len({p["name"] for p in full_matches}) == 1 else None
    if " " in folded:
        return None
    candidates = [p for p in registry if folded in {a.casefold() for a in p["names"]}]
    if len(candidates) == 1 and candidates[0]["kind"] == "organisation":
        return candidates[0]
    named_here = [
        p for p in candidates if any(" " in a and a in text for a in p["names"])
    ] or [p for p in candidates if p.get("known_by_surname")]
    if len(named_here) != 1:
        return None
    person = named_here[0]
    known = {a.casefold() for a in person["names"]}
    return None if others_of_surname(text, name, known) else person


def build(registry: list[dict], articles) -> list[dict]:
    quotes = defaultdict(list)
    for line in articles:
        article = json.loads(line)
        for item in article["quotes"]:
            if not item["sources"] or not item["contents"]:
                continue
            source = " ".join(span["text"] for span in item["sources"])
            person = person_of(source, article["text"], registry)
            if person is not None:
                start = min(span["start"] for span in item["contents"])
                end = max(span["end"] for span in item["contents"])
                quotes[person["name"]].append(
                    {"source_id": article["doc_id"], "start": start, "end": end}
                )
    return [
        {
            "name": person["name"],
            "kind": person["kind"],
            "gender": person.get("gender"),
            "quotes": quotes[person["name"]],
        }
        for person in registry
        if quotes[person["name"]]
    ]


def main() -> None:
    registry_path, polnear_path = sys.argv[1:3]
    with open(registry_path, encoding="utf-8") as handle:
        registry = yaml.safe_load(handle)
    with open(polnear_path, encoding="utf-8") as articles:
        for person in build(registry, articles):
            print(json.dumps(person, ensure_ascii=False))


if __name__ == "__main__":
    main()
