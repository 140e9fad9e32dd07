"""Input state: what each piece of input gave in the published run, so that a re-run skips it.

A piece (`ingest.Piece`: a file, or a range of its JSONL/CSV records) is known by its
fingerprint: the digest of its location and bytes plus everything that changes what reading
and cleaning make of them (field mapping, languages, file size limit, package version).
Each run saves, next to its tables, one row per piece it read or carried: the articles it
gave (ids, content hashes, MinHash signatures), its reject and duplicate rows (and the
ids of their records), and how many inputs it held. The next run does not read a piece
whose fingerprint is there: its articles are carried over as unchanged, its reject and
duplicate rows are staged again, and its articles join the duplicate index before any new
piece is checked. A published article whose record a run reads as a duplicate or a reject
is dropped, not kept as if its input were gone.

The file is internal (not a table, no contract): missing, unreadable or of another format
means "read everything"; it never fails a run.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import metadata

import pyarrow as pa

from newsquotes.clean.duplicates import DuplicateIndex
from newsquotes.ingest.fields import FieldMap
from newsquotes.ingest.plan import Piece
from newsquotes.output.storage import Location, Where
from newsquotes.records import Article, Duplicate, Reject, TableRows, printable
from newsquotes.settings import MAX_RECORD_BYTES

STATE_FORMAT = "4"  # bump when what a piece's state holds, or how reading works, changes
STATE_FILE = "_state/pieces.parquet"
_FORMAT_KEY = b"newsquotes_input_state"
_SCHEMA = pa.schema(
    [
        ("fingerprint", pa.string()),
        ("path", pa.string()),
        ("inputs", pa.int64()),
        ("article_ids", pa.list_(pa.string())),
        ("content_hashes", pa.list_(pa.string())),
        ("signatures", pa.list_(pa.binary())),
        ("seen_ids", pa.list_(pa.string())),
        ("rejected_ids", pa.list_(pa.string())),
        ("rejects", pa.string()),
        ("duplicates", pa.string()),
        ("filtered", pa.int64()),
        ("undated", pa.int64()),
    ],
    metadata={_FORMAT_KEY: STATE_FORMAT.encode()},
)


@dataclass
class PieceState:
    """What one piece of input gave when it was read."""

    fingerprint: str
    path: str
    inputs: int = 0  # records read: articles + duplicates + rejects
    article_ids: list[str] = field(default_factory=list)  # kept (not duplicate) articles
    content_hashes: list[str] = field(default_factory=list)
    signatures: list[bytes | None] = field(default_factory=list)  # None: matched exactly only
    seen_ids: list[str] = field(default_factory=list)  # ids of its articles and duplicates
    rejected_ids: list[str] = field(default_factory=list)  # ids its rejected records had
    rejects: list[dict] = field(default_factory=list)  # rows as staged
    duplicates: list[dict] = field(default_factory=list)
    filtered: int = 0  # records read but published outside --since/--until (in `inputs`)
    undated: int = 0  # articles without a date, kept under --since/--until

    @property
    def repeated(self) -> set[str]:
        """The kept articles its duplicates repeat."""
        return {row["duplicate_of"] for row in self.duplicates}


@dataclass
class Plan:
    """The planned pieces split into those carried unchanged and those to read."""

    carried: list[PieceState]
    new: list[Piece]
    gone: list[PieceState]  # state of inputs no longer given, kept with their articles
    known: frozenset[str] = frozenset()  # fingerprints of the published run's pieces

    @property
    def unchanged_ids(self) -> set[str]:
        return {article_id for state in self.carried for article_id in state.article_ids}


def reading_key(
    max_file_bytes: int,
    fields: FieldMap,
    languages: Collection[str],
    max_record_bytes: int = MAX_RECORD_BYTES,
    selection: list | None = None,
) -> str:
    """Everything besides a piece's bytes that changes what reading and cleaning give
    (`selection`: --source and the date range, when given)."""
    try:
        version = metadata.version("newsquotes")
    except metadata.PackageNotFoundError:
        version = "unknown"
    settings = [sorted(fields.explicit.items()), sorted(languages), max_file_bytes]
    if max_record_bytes != MAX_RECORD_BYTES:  # the default keeps the keys of earlier runs
        settings.append(max_record_bytes)
    if selection:
        settings.append(selection)
    return json.dumps([STATE_FORMAT, version, *settings])


def fingerprint(digest: str, key: str) -> str:
    return hashlib.blake2b(f"{key}\x1f{digest}".encode(), digest_size=16).hexdigest()


def split(
    pieces: Iterable[Piece],
    key: str,
    known: dict[str, PieceState],
    prune: bool,
    refresh: bool = False,
) -> Plan:
    """Which pieces are unchanged since the published run (`known`) and which must be read.

    A known piece whose duplicate rows repeat an article that is no longer kept (its piece
    changed) is read again, since its records may no longer be duplicates. Without
    `prune`, the state of inputs no longer given is kept, as their articles are; so it is
    with `refresh` (--full-refresh: every given piece is read), since those articles stay
    published and a copy of one read now must be its duplicate, not a second row.
    """
    pieces = list(pieces)
    prints = [fingerprint(p.digest, key) if p.digest else None for p in pieces]
    given = {printable(piece.path) for piece in pieces}
    gone = [] if prune else [state for state in known.values() if state.path not in given]
    candidates = {} if refresh else {fp: known[fp] for fp in prints if fp in known}
    kept_elsewhere = {article_id for state in gone for article_id in state.article_ids}
    while True:
        kept = kept_elsewhere | {i for state in candidates.values() for i in state.article_ids}
        stale = [fp for fp, state in candidates.items() if not state.repeated <= kept]
        if not stale:
            break
        for fp in stale:
            del candidates[fp]
    plan = Plan(carried=[], new=[], gone=gone, known=frozenset(known))
    for piece, fp in zip(pieces, prints, strict=True):
        if fp in candidates:
            plan.carried.append(candidates.pop(fp))  # a file given twice is read the 2nd time
        else:
            plan.new.append(piece)
    return plan


def seed(index: DuplicateIndex, carried: Iterable[PieceState]) -> None:
    """Put the carried pieces' articles in the duplicate index, as if they were just read."""
    for state in carried:
        index.saw(state.seen_ids, state.path)
        for article_id, content_hash, sig in zip(
            state.article_ids, state.content_hashes, state.signatures, strict=True
        ):
            index.keep(article_id, content_hash, sig)


def read_but_not_kept(states: Iterable[PieceState]) -> set[str]:
    """Ids whose records the pieces gave only as duplicates or rejects, never as an
    article: an article published under such an id is replaced by that record (a copy of
    another article, or a reject now), to drop rather than keep as if its input were gone."""
    states = list(states)
    read = {i for state in states for i in state.seen_ids + state.rejected_ids}
    return read - {article_id for state in states for article_id in state.article_ids}


def carried_rows(carried: Iterable[PieceState]) -> TableRows:
    """The reject and duplicate rows of the carried pieces, to stage again in this run."""
    rows = TableRows()
    for state in carried:
        rows.rejects.extend(state.rejects)
        rows.duplicates.extend(state.duplicates)
    return rows


class Recorder:
    """Builds the state of the pieces read in this run, from their items after dedupe.

    Only ids, hashes, signatures and rows are held, not the articles.
    """

    def __init__(self, key: str, index: DuplicateIndex) -> None:
        self._key = key
        self._index = index
        self._states: dict[str, PieceState] = {}
        self._read: dict[str, set[Piece]] = {}  # the (finer) pieces read, per fingerprint
        self._read_twice: set[str] = set()  # a file given twice: its state would be doubled

    def add(
        self,
        pieces: Sequence[Piece],
        sizes: Sequence[int],
        items: Sequence,
        filtered: Sequence[int] | None = None,
        undated: Sequence[int] | None = None,
    ) -> None:
        """`items` of a batch, `sizes[i]` of them read from `pieces[i]`, in order, and
        `filtered[i]` more records of it left out by the date range."""
        start = 0
        filtered = filtered or [0] * len(pieces)
        undated = undated or [0] * len(pieces)
        for piece, size, out, no_date in zip(pieces, sizes, filtered, undated, strict=True):
            if piece.digest is not None:
                fp = fingerprint(piece.digest, self._key)
                state = self._states.setdefault(fp, PieceState(fp, printable(piece.path)))
                if piece in self._read.setdefault(fp, set()):
                    self._read_twice.add(fp)
                self._read[fp].add(piece)
                self._record(state, items[start : start + size])
                state.inputs += out
                state.filtered += out
                state.undated += no_date
            start += size

    def _record(self, state: PieceState, items: Sequence) -> None:
        state.inputs += len(items)
        for item in items:
            if isinstance(item, Reject):
                state.rejects.append(item.row())
                state.rejected_ids.append(item.location.article_id)
            elif isinstance(item, Duplicate):
                state.duplicates.append(item.row())
                state.seen_ids.append(item.location.article_id)
            elif isinstance(item, Article):
                sig = self._index.signature_of(item.article_id)
                state.article_ids.append(item.article_id)
                state.content_hashes.append(item.content_hash)
                state.signatures.append(sig)
                state.seen_ids.append(item.article_id)

    def states(self, plan: Plan) -> list[PieceState]:
        """The state to save: carried, kept and read pieces.

        A piece read now whose article id repeats one of another piece (or of itself), or
        that was read twice, is left out: analysis rejects a repeat within a batch, which
        its state cannot tell, so such a piece is simply read again next time.
        """
        read = [s for fp, s in self._states.items() if fp not in self._read_twice]
        ids = Counter(i for state in plan.carried + read for i in state.article_ids)
        unique = [s for s in read if all(ids[i] == 1 for i in s.article_ids)]
        return plan.carried + plan.gone + unique


def load(run_dir: Where | None) -> dict[str, PieceState]:
    """The piece states saved with a published run, by fingerprint; {} if none are usable."""
    path = None if run_dir is None else Location.of(run_dir) / STATE_FILE
    if path is None or not path.is_file():
        return {}
    try:
        table = path.read_table()
        if (table.schema.metadata or {}).get(_FORMAT_KEY) != STATE_FORMAT.encode():
            return {}
        table = table.select(_SCHEMA.names).cast(_SCHEMA)
        states = [_from_row(row) for row in table.to_pylist()]
    except (OSError, ValueError, KeyError, TypeError, pa.ArrowException):
        return {}
    return {state.fingerprint: state for state in states}


def _from_row(row: dict) -> PieceState:
    row = row | {key: json.loads(row[key]) for key in ("rejects", "duplicates")}
    return PieceState(**row)


def save(staging: Where, states: Iterable[PieceState]) -> Location:
    """Write the piece states into a staged run folder (published with its tables)."""
    path = Location.of(staging) / STATE_FILE
    rows = [
        vars(state) | {key: json.dumps(getattr(state, key)) for key in ("rejects", "duplicates")}
        for state in states
    ]
    path.write_table(pa.Table.from_pylist(rows, schema=_SCHEMA), compression="zstd")
    return path
