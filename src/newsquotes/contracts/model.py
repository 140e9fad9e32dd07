"""Table contracts: `schemas/*.yaml` is the single source of truth for every published table.

A contract names the columns (in order) with their type, nullability, description and
checks. The pyarrow schema that Parquet files are written with, the Great Expectations
suite that validates them (see `validate`), the data dictionary (`schema_docs`) and the
compatibility check between versions (`schema_check`) are all derived from it.

Format of `schemas/<table>.yaml`:

    table: quotes                  # the file's stem
    version: 1.2.0                 # semver; see CHANGELOG.md for when to bump what
    description: ...               # what the table is for
    grain: one row per ...         # what one row is
    primary_key: [quote_id]
    scope: batch                   # batch (default) | corpus (see `aggregate`)
    spans:                         # optional: articles.text[start:end] == text
      - {start: start, end: end, text: text}
    examples:                      # optional: shown in the data dictionary, run by the tests
      - title: ...
        pandas: |                  # last line is an expression: the result
          ...
        duckdb: |
          ...
    columns:
      - name: article_id
        type: string               # string | int32 | int64 | float64 | bool | timestamp
        nullable: false
        description: ...           # what the column means (required)
        unique: true               # optional checks: unique, enum, min, max
        references: articles.article_id   # optional: the join to another table's column
"""

from __future__ import annotations

import functools
import json
import os
import re
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


SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")


class ContractViolation(ValueError):
    """Rows that cannot be written under their table's contract."""


def parse_version(version: str) -> tuple[int, int, int]:
    """MAJOR.MINOR.PATCH as numbers; raises ValueError for anything else."""
    match = SEMVER.match(version)
    if not match:
        raise ValueError(f"version {version!r} is not MAJOR.MINOR.PATCH (semver)")
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


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
    references: str | None = None  # "table.column" this column joins to

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
class Example:
    """A question answered both in pandas and in DuckDB, over the published `output/` tables."""

    title: str
    pandas: str
    duckdb: str


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
    examples: tuple[Example, ...] = field(default=())

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
        # Descriptions also as plain key-value metadata: readers without Arrow (DuckDB's
        # parquet_kv_metadata, parquet-tools) see it there.
        descriptions = {c.name: c.description for c in self.columns}
        metadata = {
            "contract": self.table,
            "contract_version": self.version,
            "contract_description": self.description,
            "column_descriptions": json.dumps(descriptions, ensure_ascii=False),
        }
        return pa.schema(fields, metadata=metadata)

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
    if "version" not in document:
        raise ValueError(f"contract {table}: no version")
    try:
        parse_version(str(document["version"]))
    except ValueError as error:
        raise ValueError(f"contract {table}: {error}") from None
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
                references=raw.get("references"),
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
        examples=tuple(_example(table, raw) for raw in document.get("examples", [])),
    )


def _example(table: str, raw: dict) -> Example:
    missing = [key for key in ("title", "pandas", "duckdb") if not raw.get(key)]
    if missing:
        raise ValueError(f"contract {table}: example {raw.get('title')!r} lacks {missing}")
    return Example(title=raw["title"], pandas=raw["pandas"].strip(), duckdb=raw["duckdb"].strip())


def parse_contract_text(text: str, source: str) -> Contract:
    """A contract from YAML text; `source` (a path or git object) names it in errors."""
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ValueError(f"{source}: not valid YAML ({error})") from None
    if not isinstance(document, dict):
        raise ValueError(f"{source}: a contract must be a YAML mapping")
    return parse_contract(document)


@functools.cache
def load_contract(table: str, directory: Path | None = None) -> Contract:
    path = (directory or schemas_dir()) / f"{table}.yaml"
    return parse_contract_text(path.read_text(encoding="utf-8"), str(path))


def table_names(directory: Path | None = None) -> list[str]:
    """Every table with a contract: the batch tables first, then the others by name."""
    found = sorted(path.stem for path in (directory or schemas_dir()).glob("*.yaml"))
    return [t for t in BATCH_TABLES if t in found] + [t for t in found if t not in BATCH_TABLES]


def load_contracts(directory: Path | None = None) -> dict[str, Contract]:
    return {table: load_contract(table, directory) for table in table_names(directory)}


def tables_of_scope(contracts: dict[str, Contract], scope: str) -> list[str]:
    """The tables built batch by batch (`batch`) or across the corpus (`corpus`)."""
    return [name for name, contract in contracts.items() if contract.scope == scope]
