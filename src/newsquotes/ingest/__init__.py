"""Ingest: find the inputs, cut them into pieces and batches, read a batch into raw articles."""

from newsquotes.ingest.fields import FieldMap
from newsquotes.ingest.plan import (
    Batch,
    Piece,
    batch_pieces,
    merge_contiguous,
    plan_batches,
    plan_pieces,
    split_piece,
)
from newsquotes.ingest.read import read_batch, read_piece, read_pieces

__all__ = [
    "Batch",
    "FieldMap",
    "Piece",
    "batch_pieces",
    "merge_contiguous",
    "plan_batches",
    "plan_pieces",
    "read_batch",
    "read_piece",
    "read_pieces",
    "split_piece",
]
