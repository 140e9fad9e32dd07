"""One batch, as tasks run it: read and clean its pieces; select, analyse and stage it.

Both run where batches run (worker processes, a Dask cluster, or the flow's own process with
one worker). Reading returns the cleaned items with their MinHash signatures, so the flow
only looks them up in its corpus-wide duplicate index; rows never leave the process that
analysed them: a batch's tables are written there as its part files and only counts go
back to the flow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from newsquotes.clean import clean_batch, near_signatures
from newsquotes.contracts import load_contracts
from newsquotes.contracts.conformance import Violation
from newsquotes.ingest import Batch, FieldMap, read_pieces
from newsquotes.output.layout import published_hashes
from newsquotes.output.parts import part_name, write_part
from newsquotes.output.storage import Location
from newsquotes.records import Article, Duplicate, Reject, TableRows
from newsquotes.run.quarantine import part_violations
from newsquotes.run.selection import DateRange, name_source, within
from newsquotes.settings import MAX_RECORD_BYTES

Item = Article | Duplicate | Reject


class Read(NamedTuple):
    """A batch read and cleaned: its items, and per piece how many it gave, how many
    records the date range left out, and how many of its articles had no date; then each
    item's MinHash signature (None for a reject or a text matched only exactly)."""

    items: list[Item]
    sizes: list[int]
    filtered: list[int]
    undated: list[int]
    signatures: list[bytes | None]


def read_and_clean(
    batch: Batch,
    max_file_bytes: int,
    fields: FieldMap,
    languages: frozenset[str],
    max_record_bytes: int = MAX_RECORD_BYTES,
    source: str | None = None,
    dates: DateRange | None = None,
) -> Read:
    """The batch's items, read, taken by date (before cleaning: what is left out costs no
    cleaning) and cleaned, with the signatures the duplicate index looks them up by."""
    read = within(read_pieces(batch, max_file_bytes, fields, max_record_bytes), dates)
    items = [item for piece_items in read.items for item in piece_items]
    name_source(items, source)
    sizes = [len(piece_items) for piece_items in read.items]
    cleaned = clean_batch(items, languages)
    return Read(cleaned, sizes, read.filtered, read.undated, near_signatures(cleaned))


@dataclass
class Selection:
    """The items of a batch that need analysis, and the ids of those already published."""

    items: list[Item]
    unchanged: list[str] = field(default_factory=list)


def select_items(items: list[Item], published: Location | None) -> Selection:
    """Drop articles whose content is published unchanged (an id repeated in the batch stays)."""
    known = published_hashes(published) if published else {}
    ids = [item.article_id for item in items if isinstance(item, Article)]
    selection = Selection(items=[])
    for item in items:
        if (
            isinstance(item, Article)
            and known.get(item.article_id) == item.content_hash
            and ids.count(item.article_id) == 1
        ):
            selection.unchanged.append(item.article_id)
        else:
            selection.items.append(item)
    return selection


def stage_rows(rows: TableRows, staging: Location, part: int) -> dict[str, int]:
    """Write each table's rows as the batch's part file; the row counts."""
    contracts = load_contracts()
    for table, table_rows in vars(rows).items():
        if table_rows:
            write_part(staging, contracts[table], table_rows, part)
    return rows.counts()


class Staged(NamedTuple):
    """A batch analysed and staged: its row counts, the ids of its articles published
    unchanged, the name of its part files, and the contract rules their rows break."""

    counts: dict[str, int]
    unchanged: list[str]
    part: str
    violations: list[Violation]


def analyse_and_stage(
    items: list[Item],
    part: int,
    staging: Location,
    model: str,
    published: Location | None,
    gender: bool = True,
) -> Staged:
    """select -> analyse -> stage -> audit. The audit (the quarantine's row checks) runs
    here, beside the other batches, not in the flow after all of them."""
    from newsquotes.nlp import analyse_batch  # spaCy: imported where batches run, not the flow

    selection = select_items(items, published)
    counts = stage_rows(analyse_batch(selection.items, model, gender), staging, part)
    name = part_name(staging, part)
    violations = part_violations(staging, load_contracts(), [name])
    counts |= {"unchanged": len(selection.unchanged)}
    return Staged(counts, selection.unchanged, name, violations)
