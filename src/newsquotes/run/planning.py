"""Planning a run: which pieces of input are read, how they are cut into batches, and what
is carried over unread from the published run."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

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
from newsquotes.run.batch import stage_rows
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
    ) -> Reading:
        """From the flow's parameters (`["text=body"]`, `["en"]`); bad values raise ValueError."""
        fields_map, parsed_languages = FieldMap.parse(fields), parse_languages(languages)
        return cls(max_file_bytes, fields_map, parsed_languages, max_record_bytes)

    @property
    def options(self) -> tuple[int, FieldMap, frozenset[str], int]:
        """The arguments of `batch.read_and_clean` after the batch."""
        return self.max_file_bytes, self.fields, self.languages, self.max_record_bytes

    @property
    def key(self) -> str:
        """What, besides its bytes, a piece's fingerprint depends on."""
        return input_state.reading_key(
            self.max_file_bytes, self.fields, self.languages, self.max_record_bytes
        )


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


def plan_run(
    inputs: list[str],
    batch_size: int,
    workers: int,
    reading: Reading,
    published: Location | None,
    prune: bool,
    refresh: bool = False,
) -> tuple[input_state.Plan, list[Batch]]:
    """The run's plan: the pieces carried over unread, and the batches to read and analyse."""
    pieces = plan_pieces(inputs, batch_size, reading.max_record_bytes)
    plan = skip_unchanged(pieces, reading, published, prune, refresh)
    return plan, batches_for_workers(plan.new, batch_size, workers, reading.max_record_bytes)


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
    ids = plan.unchanged_ids
    summary.skip_inputs(sum(state.inputs for state in plan.carried))
    summary.add_counts(counts | {"unchanged": len(ids)})
    return ids
