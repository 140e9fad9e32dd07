"""Carry over: the published rows of articles a run did not re-analyse, into its staging folder.

A part whose articles all stay is hard-linked (or copied server-side on object stores); a
part with some articles replaced or pruned is rewritten filtered, under the same name, and
so is a part written under an earlier version of its contract (new columns null).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsquotes.contracts.model import load_contracts
from newsquotes.output.parts import rewrite_part
from newsquotes.output.storage import Location, Where


@dataclass
class CarriedOver:
    """What `carry_over` brought into staging."""

    rows: dict[str, int] = field(default_factory=dict)  # rows carried per table
    unchanged_parts: set[str] = field(default_factory=set)  # linked as published, every table
    complete: bool = True  # every published part linked as it was: nothing dropped


def carry_over(published: Where, staging: Where, tables: list[str], drop: set[str]) -> CarriedOver:
    """Bring the published rows of `tables` into `staging`, except articles in `drop`.

    A part file with no dropped article is hard-linked (copied where links are not
    possible); a part with some is rewritten, under the same name, without their rows. One
    file is in memory at a time, so this costs the same whatever the corpus size.
    """
    published, staging = Location.of(published), Location.of(staging)
    contracts = load_contracts()
    carried = CarriedOver()
    changed: set[str] = set()
    for table in tables:
        parts = (published / table).files()
        if not parts:
            continue
        carried.rows[table] = 0
        schema = contracts[table].arrow_schema()
        for part in parts:
            ids = part.read_table(columns=["article_id"])["article_id"].to_pylist()
            target = staging / table / part.name
            current = part.read_schema().equals(schema, check_metadata=True)
            if current and drop.isdisjoint(ids):
                target.copy_from(part)
                carried.unchanged_parts.add(part.name)
                carried.rows[table] += len(ids)
                continue
            changed.add(part.name)
            kept = [i for i, article_id in enumerate(ids) if article_id not in drop]
            if kept:  # rewritten under the contract as it is now: new columns are null
                rewrite_part(target, contracts[table], part.read_table(schema=schema).take(kept))
                carried.rows[table] += len(kept)
    carried.unchanged_parts -= changed
    carried.complete = not changed
    return carried


def link_tables(published: Where, staging: Where, tables: list[str]) -> dict[str, int]:
    """Link every part of `tables` from a published run into staging; rows per table."""
    published, staging = Location.of(published), Location.of(staging)
    linked = {}
    for table in tables:
        linked[table] = 0
        for part in (published / table).files():
            (staging / table / part.name).copy_from(part)
            linked[table] += part.num_rows()
    return linked
