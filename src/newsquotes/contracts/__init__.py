"""Contracts: `schemas/*.yaml`, the single source of truth for every published table."""

from newsquotes.contracts.compatibility import BaseNotFound, check, lint
from newsquotes.contracts.model import (
    Column,
    Contract,
    ContractViolation,
    load_contract,
    load_contracts,
    schemas_dir,
    table_names,
    tables_of_scope,
)

__all__ = [
    "BaseNotFound",
    "Column",
    "Contract",
    "ContractViolation",
    "check",
    "lint",
    "load_contract",
    "load_contracts",
    "schemas_dir",
    "table_names",
    "tables_of_scope",
]
