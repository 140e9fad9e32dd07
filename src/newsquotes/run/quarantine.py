"""Quarantine: articles whose rows break a contract are held back; the rest is published.

Before Great Expectations validates a run, every staged batch table is checked row by row
(`contracts.conformance`, the same rules as the suites) a group of parts at a time, and
keys across the whole table. Each broken rule is traced to its articles; those articles
lose their rows in every table and become rejects at stage `validate`, with the rule and
their input location. A rule that no article explains (a table without articles, a
column that is not there) cannot be quarantined: validation then fails the run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from newsquotes.contracts import Contract, tables_of_scope
from newsquotes.contracts.conformance import Violation, article_texts, row_violations
from newsquotes.output.parts import (
    PRIMARY_KEY,
    drop_articles,
    key_columns,
    key_hashes,
    part_groups,
    read_staged,
    write_part,
)
from newsquotes.output.storage import Location
from newsquotes.records import InputLocation, Reject

QUARANTINE_PART = 99_999  # the part number of the rejects that quarantine writes


@dataclass
class Quarantine:
    """What a run holds back: article id -> the first rule its rows broke."""

    held: dict[str, str] = field(default_factory=dict)
    untraceable: list[str] = field(default_factory=list)

    def add(self, violation: Violation) -> None:
        if violation.article_id is None:
            self.untraceable.append(violation.reason)
        else:
            self.held.setdefault(violation.article_id, violation.reason)

    def reasons(self) -> dict[str, int]:
        """How many articles each rule held back, most first."""
        counts = pd.Series(list(self.held.values()), dtype=object).value_counts()
        return {str(reason): int(n) for reason, n in counts.items()}


@dataclass
class Audited:
    """Batches audited where they were analysed (`part_violations`, in the batch task):
    their part names, and the rules their rows broke."""

    parts: set[str] = field(default_factory=set)
    violations: list[Violation] = field(default_factory=list)


def audit(
    staging: Location,
    contracts: dict[str, Contract],
    skip: set[str],
    articles_per_group: int,
    audited: Audited | None = None,
) -> Quarantine:
    """Every rule each staged batch table breaks, traced to articles: the `audited`
    batches' violations, the other parts' a group at a time (parts in `skip` were
    validated when the published run passed, unchanged since: not read again), and
    keys repeated across each whole table."""
    audited = audited or Audited()
    tables = tables_of_scope(contracts, "batch")
    quarantine = Quarantine()
    for violation in audited.violations:
        quarantine.add(violation)
    for group in part_groups(staging, tables, skip | audited.parts, articles_per_group):
        for violation in part_violations(staging, contracts, group):
            quarantine.add(violation)
    for table in tables:
        for violation in repeated_keys(staging, contracts[table]):
            quarantine.add(violation)
    return quarantine


def part_violations(
    staging: Location, contracts: dict[str, Contract], parts: list[str]
) -> list[Violation]:
    """Every rule the rows of the staged batch tables' `parts` break (spans checked
    against the texts of the articles among them)."""
    tables = tables_of_scope(contracts, "batch")
    frames = {table: read_staged(staging, contracts[table], parts) for table in tables}
    texts = article_texts(frames["articles"])
    return [
        violation
        for table, frame in frames.items()
        for violation in row_violations(contracts[table], frame, texts)
    ]


def repeated_keys(staging: Location, contract: Contract) -> list[Violation]:
    """Unique keys repeated across parts of a staged table, traced to their articles.

    Keys are compared by 64-bit hash (`parts.key_hashes`), so the whole table is never
    loaded: only its key columns and article ids are read."""
    if not key_columns(contract):
        return []
    table = key_hashes(staging, contract, owners=True)
    violations = []
    for key in (name for name in table.columns if name != "article_id"):
        repeated = table[table[key].duplicated(keep=False)]
        named = "+".join(contract.primary_key) if key == PRIMARY_KEY else key
        for article_id in repeated["article_id"].unique():
            article = None if pd.isna(article_id) else str(article_id)
            violations.append(Violation(article, contract.table, f"{named} repeats"))
    return violations


def hold_back(staging: Location, contracts: dict[str, Contract], quarantine: Quarantine) -> int:
    """Remove the held articles' rows from every batch table and record each as a reject
    at stage `validate`, with the rule and its input location; the articles held back.

    Rows of an id with no article row are removed too, but are no input: not counted."""
    if not quarantine.held:
        return 0
    articles = read_staged(staging, contracts["articles"]).drop_duplicates("article_id")
    found = articles[articles["article_id"].isin(quarantine.held)]
    held = set(quarantine.held)
    for table in tables_of_scope(contracts, "batch"):
        if "article_id" in contracts[table].column_names:
            drop_articles(staging, contracts[table], held)
    rejects = [_reject(row, quarantine.held[row.article_id]) for row in found.itertuples()]
    write_part(staging, contracts["rejects"], rejects, QUARANTINE_PART)
    return len(rejects)


def _reject(article, reason: str) -> dict:
    line = None if pd.isna(article.input_line) else int(article.input_line)
    offset = article.input_byte_offset
    location = InputLocation(
        path=article.input_path,
        source_id=article.source_id,
        line=line,
        byte_offset=None if pd.isna(offset) else int(offset),
    )
    return Reject(location, "validate", f"held back: {reason}").row()
