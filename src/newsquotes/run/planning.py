"""Planning a run: which pieces of input are read, how they are cut into batches, and what
is carried over unread from the published run."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from newsquotes.clean import DuplicateIndex, parse_languages
from newsquotes.ingest import (
    Batch,
    FieldMap,
    Piece,
    batch_pieces,
    merge_contiguous,
    plan_pieces,
    split_piece,
)
from newsquotes.output.storage import Location
from newsquotes.run import input_state
from newsquotes.run.batch import Item, Read, stage_rows
from newsquotes.run.selection import DateRange, first_records
from newsquotes.run.summary import RunSummary
from newsquotes.settings import MAX_RECORD_BYTES

BATCHES_PER_WORKER = 4  # small corpora are split finer so that every worker has work


@dataclass(frozen=True)
class Reading:
    """How inputs are read and cleaned, and the duplicate index shared by all batches."""

    max_file_bytes: int
    fields: FieldMap
    languages: frozenset[str]
    max_record_bytes: int = MAX_RECORD_BYTES
    source: str | None = None  # --source: for articles whose input names none
    dates: DateRange | None = None  # --since/--until
    duplicates: DuplicateIndex = field(default_factory=DuplicateIndex)
    recorder: input_state.Recorder = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "recorder", input_state.Recorder(self.key, self.duplicates))

    @classmethod
    def parse(
        cls,
        max_file_bytes: int,
        fields: list[str] | None,
        languages: list[str] | None,
        max_record_bytes: int = MAX_RECORD_BYTES,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> Reading:
        """From the flow's parameters (`["text=body"]`, `["en"]`, `"2024-01-31"`); bad values
        raise ValueError."""
        fields_map, parsed_languages = FieldMap.parse(fields), parse_languages(languages)
        dates = DateRange.parse(since, until)
        return cls(max_file_bytes, fields_map, parsed_languages, max_record_bytes, source, dates)

    @property
    def parameters(self) -> dict:
        """The arguments of `batch.read_and_clean` besides the batch, by name."""
        return {
            "max_file_bytes": self.max_file_bytes,
            "fields": self.fields,
            "languages": self.languages,
            "max_record_bytes": self.max_record_bytes,
            "source": self.source,
            "dates": self.dates,
        }

    def take(self, batch: Batch, read: Read) -> list[Item]:
        """A batch read and cleaned where it ran, through what must be corpus-wide, in batch
        order: its repeats marked as duplicates (by the signatures computed where it was
        read) and its pieces' state recorded. The items to analyse."""
        items = self.duplicates.mark(read.items, read.signatures)
        self.recorder.add(batch.pieces, read.sizes, items, read.filtered, read.undated)
        return items

    @property
    def key(self) -> str:
        """What, besides its bytes, a piece's fingerprint depends on."""
        selection = [] if self.dates is None else self.dates.key()
        return input_state.reading_key(
            self.max_file_bytes,
            self.fields,
            self.languages,
            self.max_record_bytes,
            [self.source, *selection] if self.source or selection else [],
        )


def takes_everything(limit: int | None, reading: Reading) -> bool:
    """Whether the run reads every input it is given: --prune drops the articles of inputs
    that are gone, which only such a run can tell."""
    return limit is None and reading.dates is None


def skip_unchanged(
    pieces: Iterable[Piece],
    reading: Reading,
    published: Location | None,
    prune: bool,
    refresh: bool = False,
) -> input_state.Plan:
    """The input pieces split into those unchanged since the published run and the others
    (with `refresh`, --full-refresh, none is unchanged: every piece is read).

    The articles of the unchanged pieces, and of the pieces whose input is gone but whose
    articles stay published (no `prune`, even with `refresh`), join the duplicate index
    before any piece is read: a published article read again under a new path is a
    duplicate, not a second row.
    """
    known = input_state.load(published)
    plan = input_state.split(pieces, reading.key, known, prune, refresh)
    input_state.seed(reading.duplicates, plan.carried + plan.gone)
    return plan


class Planned(NamedTuple):
    """A run's plan, and what it leaves unread besides unchanged pieces."""

    plan: input_state.Plan
    batches: list[Batch]
    left_out: int  # records after the first --limit
    not_articles: dict[str, int]  # WARC records taken that are no article, by kind


def plan_run(
    inputs: list[str],
    batch_size: int,
    workers: int,
    reading: Reading,
    published: Location | None,
    prune: bool,
    refresh: bool = False,
    limit: int | None = None,
) -> Planned:
    """The run's plan: the pieces carried over unread, the batches to read and analyse, and
    what `limit` (--limit) leaves out.

    Pieces left out are not read; the state of those a published run read is kept, as
    that of inputs no longer given is, so that their articles stay published and a later
    run without the limit need not read them again.
    """
    pieces = list(plan_pieces(inputs, batch_size, reading.max_record_bytes))
    limited = first_records(pieces, limit, reading.max_record_bytes)
    plan = skip_unchanged(limited.taken, reading, published, prune, refresh)
    _keep_left_out(plan, limited.left_out, reading, published)
    batches = batches_for_workers(plan.new, batch_size, workers, reading.max_record_bytes)
    others: Counter[str] = Counter()
    for piece in limited.taken:
        others.update(dict(piece.others))
    return Planned(plan, batches, limited.records_left_out, dict(others))


def _keep_left_out(
    plan: input_state.Plan, left_out: list[Piece], reading: Reading, published: Location | None
) -> None:
    """Keep the published state of the pieces left out by --limit (a file partly taken
    included): their articles stay published and catch copies as duplicates."""
    if not left_out:
        return
    known = input_state.load(published)
    already = {state.fingerprint for state in plan.gone}
    prints = {input_state.fingerprint(p.digest, reading.key) for p in left_out if p.digest}
    kept = [known[fp] for fp in sorted(prints & known.keys()) if fp not in already]
    plan.gone += kept
    input_state.seed(reading.duplicates, kept)


def batches_for_workers(
    pieces: list[Piece], batch_size: int, workers: int, max_record_bytes: int = MAX_RECORD_BYTES
) -> list[Batch]:
    """Batches of at most `batch_size`, smaller when needed to give every worker a few."""
    records = sum(piece.records for piece in pieces)
    finer = max(1, math.ceil(records / (workers * BATCHES_PER_WORKER)))
    if finer < batch_size and workers > 1:
        # Cut at every `finer` records across pieces (one record per sub-piece, merged back
        # where contiguous): splitting each piece alone would leave short remainders.
        records = (p for big in pieces for p in split_piece(big, 1, max_record_bytes))
        return [merge_contiguous(batch) for batch in batch_pieces(records, finer)]
    return batch_pieces(pieces, batch_size)


def stage_unchanged(
    plan: input_state.Plan, staging: Location, part: int, summary: RunSummary
) -> set[str]:
    """Stage the reject and duplicate rows of the unchanged pieces; count their inputs.

    Returns the ids of their articles (carried over from the published run).
    """
    if not plan.carried:
        return set()
    counts = stage_rows(input_state.carried_rows(plan.carried), staging, part)
    return count_unchanged(plan, summary, counts)


def count_unchanged(
    plan: input_state.Plan, summary: RunSummary, counts: dict[str, int] | None = None
) -> set[str]:
    """Count the unchanged pieces' inputs, and their reject and duplicate rows (`counts`,
    else counted without staging them), in `summary`; the ids of their articles."""
    if counts is None:
        counts = input_state.carried_rows(plan.carried).counts()
    ids = plan.unchanged_ids
    summary.skip_inputs(sum(state.inputs for state in plan.carried))
    summary.filtered += sum(state.filtered for state in plan.carried)
    summary.undated += sum(state.undated for state in plan.carried)
    summary.add_counts(counts | {"unchanged": len(ids)})
    return ids
