"""`newsquotes schema check`: catch a breaking contract change before it lands.

The working tree's `schemas/` is compared with the contracts at a git ref (by default the
merge base with main, else HEAD~1). Every difference is classified:

- breaking: data valid under the old contract may be invalid under the new one, or a column
  a reader uses is gone or changed (removed or renamed column or table, type change other
  than a safe widening, nullable to required, new required column, column order changed,
  removed enum value, stricter check, primary key changed);
- compatible: old data stays valid and readers keep working (new table, new nullable
  column, safe widening, required to nullable, new enum value, looser check);
- documentation: descriptions, grain, examples, joins; no version bump needed.

A breaking change needs a major version bump and a CHANGELOG.md entry naming the table and
its new version; a compatible change needs at least a minor bump.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from newsquotes.contracts.model import Column, Contract, parse_contract_text, parse_version

BREAKING, COMPATIBLE, DOCUMENTATION = "breaking", "compatible", "documentation"

# (old type, new type): every old value is exactly representable in the new type.
SAFE_WIDENINGS = {("int32", "int64"), ("int32", "float64")}


class BaseNotFound(LookupError):
    """No git ref to compare with (not a repository, a single commit, a shallow clone)."""


@dataclass(frozen=True)
class Change:
    table: str
    column: str | None
    kind: str  # breaking | compatible | documentation
    rule: str
    detail: str = ""

    @property
    def where(self) -> str:
        return f"{self.table}.{self.column}" if self.column else self.table

    def __str__(self) -> str:
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.kind:<13} {self.where}: {self.rule}{detail}"


@dataclass
class CheckReport:
    base: str
    changes: list[Change]
    problems: list[str]
    versions: dict[str, tuple[str | None, str | None]]  # table -> (base, working tree)
    notes: list[str] = field(default_factory=list)  # advice that does not fail the check

    @property
    def ok(self) -> bool:
        return not self.problems

    def text(self) -> str:
        lines = [f"schema check: schemas/ in the working tree against {self.base}"]
        for table, (old, new) in sorted(self.versions.items()):
            changes = [c for c in self.changes if c.table == table]
            if changes or old != new:
                lines.append(f"{table}  {old or '(new)'} -> {new or '(removed)'}")
                lines.extend(f"  {change}" for change in changes)
        if not self.changes:
            lines.append("no contract changes")
        lines.extend(f"note {note}" for note in self.notes)
        lines.extend(f"FAIL {problem}" for problem in self.problems)
        lines.append("schema check: " + ("ok" if self.ok else f"{len(self.problems)} problem(s)"))
        return "\n".join(lines)


# --- comparing two contracts -------------------------------------------------------------


def compare_tables(table: str, old: Contract | None, new: Contract | None) -> list[Change]:
    """Every difference between two versions of a table's contract, classified."""
    if old is None:
        return [Change(table, None, COMPATIBLE, "new table")]
    if new is None:
        return [Change(table, None, BREAKING, "table removed")]
    changes = _column_set_changes(table, old, new)
    old_columns = {c.name: c for c in old.columns}
    for column in new.columns:
        if column.name in old_columns:
            changes += compare_columns(table, old_columns[column.name], column)
    if old.primary_key != new.primary_key:
        detail = f"{list(old.primary_key)} -> {list(new.primary_key)}: what one row is changed"
        changes.append(Change(table, None, BREAKING, "primary key changed", detail))
    for span in sorted(set(new.spans) - set(old.spans), key=str):
        changes.append(Change(table, span.text, BREAKING, "stricter check: new span", str(span)))
    for span in sorted(set(old.spans) - set(new.spans), key=str):
        changes.append(Change(table, span.text, COMPATIBLE, "looser check: span dropped"))
    for attribute in ("description", "grain", "examples", "scope"):
        if getattr(old, attribute) != getattr(new, attribute):
            changes.append(Change(table, None, DOCUMENTATION, f"{attribute} changed"))
    return changes


def _column_set_changes(table: str, old: Contract, new: Contract) -> list[Change]:
    """Removed, renamed, added and reordered columns."""
    old_names, new_names = old.column_names, new.column_names
    removed = [c for c in old.columns if c.name not in new_names]
    added = [c for c in new.columns if c.name not in old_names]
    changes = []
    for column in removed:
        # A removed column whose place is taken by a new column of the same type: a rename.
        position = old_names.index(column.name)
        twin = next(
            (a for a in added if new_names.index(a.name) == position and a.type == column.type),
            None,
        )
        if twin:
            added.remove(twin)
            changes.append(
                Change(table, column.name, BREAKING, "column renamed", f"now {twin.name!r}")
            )
        else:
            changes.append(Change(table, column.name, BREAKING, "column removed"))
    for column in added:
        if column.nullable:
            changes.append(Change(table, column.name, COMPATIBLE, "new nullable column"))
        else:
            detail = "data written before has no value for it; add it as nullable"
            changes.append(Change(table, column.name, BREAKING, "new required column", detail))
    kept_old = [name for name in old_names if name in new_names]
    kept_new = [name for name in new_names if name in old_names]
    if kept_old != kept_new:
        moved = next(a for a, b in zip(kept_old, kept_new, strict=True) if a != b)
        detail = f"was {', '.join(kept_old)}; now {', '.join(kept_new)}"
        changes.append(Change(table, moved, BREAKING, "column order changed", detail))
    return changes


def compare_columns(table: str, old: Column, new: Column) -> list[Change]:
    """Differences between two versions of one column."""
    changes = []

    def add(kind: str, rule: str, detail: str = "") -> None:
        changes.append(Change(table, new.name, kind, rule, detail))

    if old.type != new.type:
        widening = (old.type, new.type) in SAFE_WIDENINGS
        add(
            COMPATIBLE if widening else BREAKING,
            "safe type widening" if widening else "type changed",
            f"{old.type} -> {new.type}",
        )
    if old.nullable != new.nullable:
        if new.nullable:
            add(COMPATIBLE, "required to nullable (looser check)")
        else:
            add(BREAKING, "nullable to required", "data written before may hold nulls")
    if old.unique != new.unique:
        if new.unique:
            add(BREAKING, "stricter check: unique")
        else:
            add(COMPATIBLE, "looser check: no longer unique")
    _enum_changes(old, new, add)
    for bound, stricter_if_higher in (("min", True), ("max", False)):
        before, after = getattr(old, bound), getattr(new, bound)
        if before == after:
            continue
        if after is None:
            add(COMPATIBLE, f"looser check: {bound} dropped", f"was {before}")
        elif before is None or (after > before) == stricter_if_higher:
            add(BREAKING, f"stricter check: {bound}", f"{before} -> {after}")
        else:
            add(COMPATIBLE, f"looser check: {bound}", f"{before} -> {after}")
    for attribute in ("description", "references"):
        if getattr(old, attribute) != getattr(new, attribute):
            add(DOCUMENTATION, f"{attribute} changed")
    return changes


def _enum_changes(old: Column, new: Column, add) -> None:
    if old.enum == new.enum:
        return
    if new.enum is None:
        add(COMPATIBLE, "looser check: enum dropped")
    elif old.enum is None:
        add(BREAKING, "stricter check: enum added", f"{list(new.enum)}")
    else:
        for value in sorted(set(old.enum) - set(new.enum)):
            add(BREAKING, "enum value removed", repr(value))
        for value in sorted(set(new.enum) - set(old.enum)):
            add(COMPATIBLE, "new enum value", repr(value))


# --- version and changelog rules ---------------------------------------------------------


def changelog_has_entry(changelog: str, table: str, version: str) -> bool:
    """A heading or list item that starts with the table and its version.

    "## quotes 2.0.0 (2026-12-01)", "- `quotes` 2.0.0: renamed ...", "- quotes removed: ...".
    """
    pattern = (
        rf"^\s*(?:#{{1,6}}|[-*])\s+`?{re.escape(table)}`?\s+`?v?{re.escape(version)}`?(?![\w.])"
    )
    return re.search(pattern, changelog, flags=re.MULTILINE) is not None


def version_problems(
    table: str, old: Contract | None, new: Contract | None, changes: list[Change], changelog: str
) -> list[str]:
    """Why the versions (and CHANGELOG) do not match the changes; empty when they do."""
    if new is None:
        if changelog_has_entry(changelog, table, "removed"):
            return []
        entry = f"'{table} removed'"
        return [f"{table}: table removed is a breaking change; add a CHANGELOG.md entry {entry}"]
    if old is None:
        return []
    before, after = parse_version(old.version), parse_version(new.version)
    if after < before:
        return [f"{table}: version went down from {old.version} to {new.version}"]
    breaking = [c for c in changes if c.kind == BREAKING]
    if breaking:
        major_bumped = after[0] > before[0]
        wanted = new.version if major_bumped else f"{before[0] + 1}.0.0"
        problems = [
            f"{change.where}: {change.rule} is a breaking change; it needs a major version "
            f"bump of {table} ({old.version} -> {wanted}; it is {new.version})"
            for change in breaking
            if not major_bumped
        ]
        if not changelog_has_entry(changelog, table, wanted):
            rules = "; ".join(f"{c.where}: {c.rule}" for c in breaking)
            problems.append(
                f"{table}: a breaking change ({rules}) needs a CHANGELOG.md entry "
                f"'{table} {wanted}' saying what changed and what readers must do"
            )
        return problems
    compatible = [c for c in changes if c.kind == COMPATIBLE]
    if compatible and after[:2] <= before[:2]:
        wanted = f"{before[0]}.{before[1] + 1}.0"
        return [
            f"{change.where}: {change.rule} is a compatible change; it needs a minor version "
            f"bump of {table} ({old.version} -> {wanted}; it is {new.version})"
            for change in compatible
        ]
    return []


def changelog_notes(
    table: str, old: Contract | None, new: Contract, changes: list[Change], changelog: str
) -> list[str]:
    """A new version without a CHANGELOG entry: advice (required only when breaking)."""
    if old is None or old.version == new.version or any(c.kind == BREAKING for c in changes):
        return []
    if changelog_has_entry(changelog, table, new.version):
        return []
    return [f"{table}: no CHANGELOG.md entry '{table} {new.version}' yet (recommended)"]


def documentation_problems(table: str, contract: Contract) -> list[str]:
    """Every column must say what it means."""
    return [
        f"{table}.{column.name}: no description; every column must say what it means"
        for column in contract.columns
        if not column.description.strip()
    ]


# --- git ---------------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> str | None:
    """Output of a git command in `repo`, or None when it fails."""
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), *args], capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def default_base(repo: Path, folder: str) -> tuple[str, str]:
    """(commit, why) to compare `folder` with: what this branch or change is built on.

    The merge base with main (or origin/main) when the branch has commits of its own. When
    it is HEAD itself (on main, or a branch with nothing committed yet): HEAD if `folder`
    has uncommitted changes, else HEAD~1 (the last commit is the change to check).
    """
    head = _git(repo, "rev-parse", "--verify", "--quiet", "HEAD")
    if head is None:
        raise BaseNotFound(f"{repo} is not a git repository with commits")
    for main in ("main", "origin/main"):
        if _git(repo, "rev-parse", "--verify", "--quiet", f"{main}^{{commit}}") is None:
            continue
        merge_base = _git(repo, "merge-base", "HEAD", main)
        if merge_base and merge_base != head:
            return merge_base, f"the merge base with {main}"
    if _git(repo, "status", "--porcelain", "--", f"{folder}/"):
        return head, "HEAD, as the working tree changes it"
    parent = _git(repo, "rev-parse", "--verify", "--quiet", "HEAD~1^{commit}")
    if parent is None:
        shallow = _git(repo, "rev-parse", "--is-shallow-repository") == "true"
        why = "this is a shallow clone: fetch more history" if shallow else "HEAD has no parent"
        raise BaseNotFound(f"no merge base with main that differs from HEAD, and {why}")
    return parent, "HEAD~1"


def resolve_base(repo: Path, ref: str) -> str:
    commit = _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if commit is None:
        raise BaseNotFound(f"git ref {ref!r} not found in {repo}")
    return commit


def contracts_at(repo: Path, commit: str, folder: str) -> dict[str, str]:
    """table -> YAML text of `folder/*.yaml` at a commit (empty when the folder is absent)."""
    listing = _git(repo, "ls-tree", "--name-only", commit, f"{folder}/") or ""
    return {
        Path(path).stem: _git(repo, "show", f"{commit}:{path}") or ""
        for path in listing.splitlines()
        if path.endswith(".yaml")
    }


def contracts_in(folder: Path) -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.yaml"))}


# --- the check ---------------------------------------------------------------------------


def check(schemas: Path, base: str | None = None) -> CheckReport:
    """Compare `schemas` (in a git working tree) with the same folder at `base`.

    Raises BaseNotFound when there is nothing to compare with.
    """
    schemas = schemas.resolve()
    repo_root = _git(schemas, "rev-parse", "--show-toplevel")
    if repo_root is None:
        raise BaseNotFound(f"{schemas} is not inside a git repository")
    repo = Path(repo_root)
    folder = schemas.relative_to(repo).as_posix()
    commit, why = (resolve_base(repo, base), base) if base else default_base(repo, folder)
    changelog_path = repo / "CHANGELOG.md"
    changelog = changelog_path.read_text(encoding="utf-8") if changelog_path.exists() else ""

    problems: list[str] = []
    old_texts, new_texts = contracts_at(repo, commit, folder), contracts_in(schemas)
    old = _parse_all(old_texts, f"{commit[:10]}:{folder}", problems)
    new = _parse_all(new_texts, str(schemas), problems)
    unreadable = (set(old_texts) - set(old)) | (set(new_texts) - set(new))
    changes: list[Change] = []
    versions, notes = {}, []
    for table in sorted((set(old) | set(new)) - unreadable):
        before, after = old.get(table), new.get(table)
        table_changes = compare_tables(table, before, after)
        changes += table_changes
        problems += version_problems(table, before, after, table_changes, changelog)
        if after is not None:
            problems += documentation_problems(table, after)
            notes += changelog_notes(table, before, after, table_changes, changelog)
        versions[table] = (before and before.version, after and after.version)
    return CheckReport(f"{commit[:10]} ({why})", changes, problems, versions, notes)


def lint(schemas: Path) -> list[str]:
    """What can be checked without a base: every contract parses and describes its columns."""
    problems: list[str] = []
    for table, contract in _parse_all(contracts_in(schemas), str(schemas), problems).items():
        problems += documentation_problems(table, contract)
    return problems


def _parse_all(texts: dict[str, str], where: str, problems: list[str]) -> dict[str, Contract]:
    contracts = {}
    for table, text in texts.items():
        try:
            contracts[table] = parse_contract_text(text, f"{where}/{table}.yaml")
        except (ValueError, TypeError, KeyError) as error:
            problems.append(f"{where}/{table}.yaml: {error}")
    return contracts
