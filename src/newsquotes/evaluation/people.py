"""`newsquotes eval people`: a published run's speakers against hand-judged people.

The question users ask of `speakers` is "who is quoted, how often": it is right only if one
real person is one row, named without titles, organisations are not people, and every
quote by a person is credited to that person. The gold (JSONL, one person a line) names a
person, their kind and gender, and the quotes they made as offsets into the source texts:

    {"name": "Donald Trump", "kind": "person", "gender": "male",
     "quotes": [{"source_id": "nyt_2016-09-19_...", "start": 120, "end": 188}, ...]}

The run's quotes are mapped back to the source texts (`quotes.offset_map`) and matched to
the gold quotes by overlap. A speakers row belongs to the gold person most of its matched
quotes are by, when its name shares a word with theirs, or, for a gold without quotes,
when its name is one of the names the gold lists for the person ("names": ["Tony Blair",
"Blair", "Mr Blair"]); then, per person:

- extra rows: rows beyond the first that belong to one person (alias splits);
- titled names: rows of a person whose name keeps a title ("Director James Comey");
- organisations as people: gold organisations with a row of kind person;
- uncredited: of a person's gold quotes that the run found, the share not credited to
  the person's main row (their row with most of their quotes);
- gender: the share of gold people with a row whose main row has a known gender, and how
  many of those are right.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.dataset as ds

from newsquotes.evaluation.gold import read_gold
from newsquotes.evaluation.quotes import offset_map
from newsquotes.ingest.fields import FieldMap
from newsquotes.names import has_title

PERSON, ORGANISATION = "person", "organisation"


@dataclass(frozen=True)
class GoldQuote:
    source_id: str
    start: int
    end: int


@dataclass
class GoldPerson:
    name: str
    kind: str
    gender: str | None
    quotes: list[GoldQuote]
    names: list[str] = field(default_factory=list)  # how a row may name them, judged by hand


@dataclass(frozen=True)
class Speaker:
    speaker_id: str
    name: str
    kind: str | None
    gender: str | None
    quotes: int


@dataclass
class Judged:
    """What the run made of one gold person."""

    person: GoldPerson
    found: list[str | None] = field(default_factory=list)  # speaker_id per found quote
    rows: list[Speaker] = field(default_factory=list)

    @property
    def main(self) -> Speaker | None:
        credited = Counter(self.found)
        return max(
            self.rows, key=lambda r: (credited[r.speaker_id], r.quotes, r.name), default=None
        )

    @property
    def uncredited(self) -> int:
        main = self.main
        return sum(1 for found in self.found if main is None or found != main.speaker_id)


@dataclass
class PeopleScores:
    people: list[Judged]
    gold_quotes: int

    def of_kind(self, kind: str) -> list[Judged]:
        return [judged for judged in self.people if judged.person.kind == kind]

    @property
    def extra_rows(self) -> int:
        return sum(max(0, len(j.rows) - 1) for j in self.of_kind(PERSON))

    @property
    def titled_names(self) -> list[str]:
        return [row.name for j in self.of_kind(PERSON) for row in j.rows if has_title(row.name)]

    @property
    def organisations_as_people(self) -> list[str]:
        return [
            j.person.name
            for j in self.of_kind(ORGANISATION)
            if any(row.kind == PERSON for row in j.rows)
        ]

    @property
    def people_as_organisations(self) -> list[str]:
        return [
            j.person.name for j in self.of_kind(PERSON) if j.main and j.main.kind == ORGANISATION
        ]

    @property
    def found_quotes(self) -> int:
        return sum(len(j.found) for j in self.of_kind(PERSON))

    @property
    def uncredited_share(self) -> float:
        found = self.found_quotes
        return sum(j.uncredited for j in self.of_kind(PERSON)) / found if found else 0.0

    def gender(self) -> tuple[int, int, int]:
        """(gold people with a gender and a row in the run, of them with a known gender,
        right)."""
        gendered = [j for j in self.of_kind(PERSON) if j.person.gender and j.main]
        known = [j for j in gendered if j.main and j.main.gender in ("female", "male")]
        right = [j for j in known if j.main.gender == j.person.gender]
        return len(gendered), len(known), len(right)


def load_gold(path: Path) -> list[GoldPerson]:
    """The gold people of a JSONL file; ValueError names the line that is not one."""
    return list(read_gold(path, "a gold person", _gold_person))


def _gold_person(record: dict, _line: int) -> GoldPerson:
    quotes = [
        GoldQuote(str(q["source_id"]), q["start"], q["end"]) for q in record.get("quotes", [])
    ]
    names = [str(name) for name in record.get("names", [])]
    return GoldPerson(record["name"], record["kind"], record.get("gender"), quotes, names)


def source_texts(path: Path, wanted: set[str]) -> dict[str, str]:
    """id -> text of the records in `path` (JSONL) whose id is wanted, by the run's defaults
    for field names (`id`/`doc_id`, `text`/`body` ...)."""
    texts = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            fields = FieldMap().resolve(record.keys())
            source_id = str(record.get(fields.get("id", ""), ""))
            if source_id in wanted:
                texts[source_id] = record[fields["text"]]
    return texts


def _read(output: Path, table: str, columns: list[str]) -> list[dict]:
    """The columns of a published table that it has (an older output lacks `kind`)."""
    dataset = ds.dataset(output / table, format="parquet")
    present = [column for column in columns if column in dataset.schema.names]
    return dataset.to_table(columns=present).to_pylist()


def found_speakers(
    output: Path, texts: dict[str, str], gold: Iterable[GoldQuote]
) -> dict[GoldQuote, str | None]:
    """For each gold quote the run found (overlapping an outer quote of the run), the
    speaker_id the run credits it to (None: no named speaker)."""
    articles = {
        row["article_id"]: row
        for row in _read(output, "articles", ["article_id", "source_id", "text"])
        if row["source_id"] in texts
    }
    spans: dict[str, list[tuple[int, int, str | None]]] = defaultdict(list)
    columns = ["article_id", "start", "end", "speaker_id", "parent_quote_id"]
    maps = {}
    for quote in _read(output, "quotes", columns):
        article = articles.get(quote["article_id"])
        if article is None or quote["parent_quote_id"] is not None:
            continue
        source_id = article["source_id"]
        if source_id not in maps:
            maps[source_id] = offset_map(texts[source_id], article["text"])
        mapping = maps[source_id]
        start, end = mapping[quote["start"]], mapping[quote["end"] - 1] + 1
        spans[source_id].append((start, end, quote["speaker_id"]))
    found = {}
    for quote in gold:
        overlaps = [
            (min(end, quote.end) - max(start, quote.start), speaker)
            for start, end, speaker in spans.get(quote.source_id, [])
            if start < quote.end and quote.start < end
        ]
        if overlaps:
            found[quote] = max(overlaps, key=lambda o: o[0])[1]
    return found


def score(people: list[GoldPerson], output: Path, articles: Path | None) -> PeopleScores:
    """Judge the speakers of the published run in `output` against the gold people."""
    gold = [quote for person in people for quote in person.quotes]
    if gold and articles is None:
        raise ValueError("this gold has quotes: --articles must give their source texts")
    texts = source_texts(articles, {quote.source_id for quote in gold}) if gold else {}
    found = found_speakers(output, texts, gold) if gold else {}
    columns = ["speaker_id", "name", "kind", "gender", "quote_count"]
    speakers = {
        row["speaker_id"]: Speaker(
            row["speaker_id"], row["name"], row.get("kind"), row["gender"], row["quote_count"]
        )
        for row in _read(output, "speakers", columns)
    }
    judged = [Judged(person) for person in people]
    by_row: dict[str, Counter[int]] = defaultdict(Counter)
    for index, judge in enumerate(judged):
        for quote in judge.person.quotes:
            if quote in found:
                judge.found.append(found[quote])
                if found[quote] is not None:
                    by_row[found[quote]][index] += 1
    for speaker_id, people_counts in by_row.items():
        ranked = people_counts.most_common(2)
        owner = judged[ranked[0][0]]
        row = speakers[speaker_id]
        if (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) and _may_name(row, owner.person):
            owner.rows.append(row)  # the row stands for this person
    for judge in judged:  # rows named as the person is, where the gold lists the names
        names = {name.casefold() for name in judge.person.names}
        judge.rows += [
            row
            for row in speakers.values()
            if row.name.casefold() in names and row not in judge.rows
        ]
    return PeopleScores(judged, len(gold))


def _may_name(row: Speaker, person: GoldPerson) -> bool:
    """Whether a row's name may be the person's (a shared word: "Obama Says", "Mr. Trump"),
    so a quote credited to someone else ("Vladimir Putin") is uncredited, not a row."""
    words = {word.casefold().strip(".") for word in person.name.split() if len(word) > 2}
    return bool(words & {word.casefold().strip(".") for word in row.name.split()})


def format_scores(scores: PeopleScores) -> str:
    people, organisations = scores.of_kind(PERSON), scores.of_kind(ORGANISATION)
    gendered, known, right = scores.gender()
    lines = [
        f"gold: {len(people)} people, {len(organisations)} organisations, "
        f"{scores.gold_quotes} quotes ({scores.found_quotes} of the people's found by the run)",
        f"extra rows for people already listed   {scores.extra_rows}",
        f"titled names                           {len(scores.titled_names)} "
        f"{scores.titled_names or ''}",
        f"organisations as people                {len(scores.organisations_as_people)} "
        f"{scores.organisations_as_people or ''}",
        f"people as organisations                {len(scores.people_as_organisations)} "
        f"{scores.people_as_organisations or ''}",
        "quotes by a known person uncredited    "
        + (f"{scores.uncredited_share:.1%}" if scores.found_quotes else "n/a (no gold quotes)"),
        f"gender known                           {known}/{gendered} "
        f"({known / gendered if gendered else 0:.0%}), right {right}/{known} "
        f"({right / known if known else 0:.0%})",
        "",
        "person                         rows  found  uncredited  main row (gender)",
    ]
    for judge in people:
        main = judge.main
        shown = f"{main.name} ({main.gender})" if main else "-"
        lines.append(
            f"{judge.person.name[:30]:30} {len(judge.rows):4} {len(judge.found):6} "
            f"{judge.uncredited:11}  {shown}"
        )
    return "\n".join(lines)


def run_command(args) -> int:
    try:
        people = load_gold(args.gold)
        scores = score(people, Path(args.output), args.articles)
    except (OSError, ValueError) as error:
        print(f"newsquotes eval people: {error}", file=sys.stderr)
        return 2
    print(format_scores(scores))
    return 0
