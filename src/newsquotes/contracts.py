"""Table contracts: `schemas/*.yaml` is the single source of truth for every published table.

A contract names the columns (in order) with their type, nullability, description and
checks. The pyarrow schema that Parquet files are written with, and the Great Expectations
suite that validates them (see `validate`), are both derived from it.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import yaml

from newsquotes.settings import PROJECT_ROOT

# Tables built batch by batch from articles; corpus tables (`scope: corpus` in their
# contract) are built after all batches, from the staged batch tables (see `aggregate`).
BATCH_TABLES = ("articles", "mentions", "entities", "quotes", "rejects")

_ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "int32": pa.int32(),
    "int64": pa.int64(),
    "float64": pa.float64(),
    "bool": pa.bool_(),
    "timestamp": pa.timestamp("us"),
}


class ContractViolation(ValueError):
    """Rows that cannot be written under their table's contract."""


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nullable: bool
    description: str
    unique: bool = False
    enum: tuple[str, ...] | None = None
    min: float | None = None
    max: float | None = None

    @property
    def arrow_type(self) -> pa.DataType:
        return _ARROW_TYPES[self.type]


@dataclass(frozen=True)
class Span:
    """Three columns (start, end, text) where `articles.text[start:end] == text` must hold."""

    start: str
    end: str
    text: str


@dataclass(frozen=True)
class Contract:
    table: str
    version: str
    description: str
    grain: str
    primary_key: tuple[str, ...]
    columns: tuple[Column, ...]
    spans: tuple[Span, ...] = field(default=())
    scope: str = "batch"  # batch | corpus

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def arrow_schema(self) -> pa.Schema:
        fields = [
            pa.field(
                c.name, c.arrow_type, nullable=c.nullable, metadata={"description": c.description}
            )
            for c in self.columns
        ]
        return pa.schema(
            fields, metadata={"contract": self.table, "contract_version": self.version}
        )

    def to_arrow(self, rows: list[dict]) -> pa.Table:
        """Rows (dicts keyed by column name) as a table with exactly the contract's schema."""
        schema = self.arrow_schema()
        columns = {name: [row.get(name) for row in rows] for name in schema.names}
        for column in self.columns:
            if not column.nullable and None in columns[column.name]:
                row = columns[column.name].index(None)
                raise ContractViolation(
                    f"{self.table}.{column.name} is required but row {row} is null"
                )
        return pa.Table.from_pydict(columns, schema=schema)


def schemas_dir() -> Path:
    """Where the contracts live: `$NEWSQUOTES_SCHEMAS`, else the repository's `schemas/`."""
    configured = os.environ.get("NEWSQUOTES_SCHEMAS")
    if configured:
        return Path(configured)
    return PROJECT_ROOT / "schemas"


def parse_contract(document: dict) -> Contract:
    """A contract from its YAML document; raises ValueError naming what is wrong."""
    table = document.get("table", "<unnamed>")
    columns = []
    for raw in document.get("columns", []):
        if raw.get("type") not in _ARROW_TYPES:
            raise ValueError(
                f"contract {table}: column {raw.get('name')!r} has unknown type {raw.get('type')!r}"
            )
        columns.append(
            Column(
                name=raw["name"],
                type=raw["type"],
                nullable=bool(raw.get("nullable", True)),
                description=raw.get("description", ""),
                unique=bool(raw.get("unique", False)),
                enum=tuple(raw["enum"]) if raw.get("enum") else None,
                min=raw.get("min"),
                max=raw.get("max"),
            )
        )
    names = [c.name for c in columns]
    spans = tuple(Span(**raw) for raw in document.get("spans", []))
    for span in spans:
        missing = {span.start, span.end, span.text} - set(names)
        if missing:
            raise ValueError(f"contract {table}: span refers to unknown columns {sorted(missing)}")
    return Contract(
        table=table,
        version=str(document["version"]),
        description=document.get("description", ""),
        grain=document.get("grain", ""),
        primary_key=tuple(document.get("primary_key", [])),
        columns=tuple(columns),
        spans=spans,
        scope=document.get("scope", "batch"),
    )


@functools.cache
def load_contract(table: str, directory: Path | None = None) -> Contract:
    path = (directory or schemas_dir()) / f"{table}.yaml"
    with path.open(encoding="utf-8") as handle:
        return parse_contract(yaml.safe_load(handle))


def table_names(directory: Path | None = None) -> list[str]:
    """Every table with a contract: the batch tables first, then the others by name."""
    found = sorted(path.stem for path in (directory or schemas_dir()).glob("*.yaml"))
    return [t for t in BATCH_TABLES if t in found] + [t for t in found if t not in BATCH_TABLES]


def load_contracts(directory: Path | None = None) -> dict[str, Contract]:
    return {table: load_contract(table, directory) for table in table_names(directory)}
