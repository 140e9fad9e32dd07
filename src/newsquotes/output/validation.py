"""Validate: check staged tables against their contracts with Great Expectations.

Each contract becomes an expectation suite: columns present in order, required columns
non-null, ids unique, values in their enum and range. Tables with offsets get a second
suite over a derived frame that checks every span lies inside its article and slices it
exactly. Great Expectations is imported here only, because importing it costs seconds, and
a run validates in a process of its own (`validate_run`) unless it has it loaded already.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import sys
import tempfile
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from newsquotes.contracts.conformance import article_texts
from newsquotes.contracts.model import Contract
from newsquotes.output import parts
from newsquotes.output.apart import Apart
from newsquotes.output.storage import Location, Where

DATA_DOCS_SITE = "newsquotes"
# What each expectation reports: "BASIC" gives the count, share and a sample of the values
# that break it (what a failure's description and the Data Docs show). "SUMMARY" adds
# counts per sampled value, and computing them took a third of every suite's time.
RESULT_FORMAT = "BASIC"
TEXT_KEY = ["article_id", "text"]


@dataclass
class TableResult:
    suite: str
    success: bool
    failures: list[str] = field(default_factory=list)


@dataclass
class ValidationReport:
    results: list[TableResult]
    results_path: Location
    data_docs_index: Location | None
    data_docs_problem: str | None = None  # why the Data Docs are missing or incomplete

    @property
    def success(self) -> bool:
        return all(result.success for result in self.results)

    @property
    def failures(self) -> list[str]:
        return [f"{r.suite}: {failure}" for r in self.results for failure in r.failures]


def expectations_for(contract: Contract) -> list:
    """The table suite's expectations, derived from the contract alone."""
    import great_expectations.expectations as gxe

    expectations = [gxe.ExpectTableColumnsToMatchOrderedList(column_list=contract.column_names)]
    for column in contract.columns:
        if not column.nullable:
            expectations.append(gxe.ExpectColumnValuesToNotBeNull(column=column.name))
        if column.unique:
            expectations.append(gxe.ExpectColumnValuesToBeUnique(column=column.name))
        if column.enum:
            expectations.append(
                gxe.ExpectColumnValuesToBeInSet(column=column.name, value_set=list(column.enum))
            )
        if column.min is not None or column.max is not None:
            expectations.append(
                gxe.ExpectColumnValuesToBeBetween(
                    column=column.name, min_value=column.min, max_value=column.max
                )
            )
    if len(contract.primary_key) > 1:
        expectations.append(
            gxe.ExpectCompoundColumnsToBeUnique(column_list=list(contract.primary_key))
        )
    return expectations


SPAN_COLUMNS = ["span", "start", "end", "article_length", "slices_text"]


def span_expectations() -> list:
    """Expectations over `span_frame`: inside the article, start < end, exact slice."""
    import great_expectations.expectations as gxe

    return [
        gxe.ExpectTableColumnsToMatchOrderedList(column_list=SPAN_COLUMNS),
        gxe.ExpectColumnValuesToNotBeNull(column="article_length"),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="end", column_B="start"),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="article_length", column_B="end", or_equal=True
        ),
        gxe.ExpectColumnValuesToBeInSet(column="slices_text", value_set=[True]),
    ]


def span_frame(contract: Contract, table: pd.DataFrame, article_texts: pd.Series) -> pd.DataFrame:
    """One row per non-null span of the table, with the facts the span suite checks.

    `article_texts` maps article_id to the article's text.
    """
    frames = []
    texts = table["article_id"].map(article_texts)
    for span in contract.spans:
        present = table[span.start].notna()
        rows = table[present]
        row_texts = texts[present]
        slices = [
            isinstance(body, str) and body[int(s) : int(e)] == value
            for body, s, e, value in zip(
                row_texts, rows[span.start], rows[span.end], rows[span.text], strict=True
            )
        ]
        frames.append(
            pd.DataFrame(
                {
                    "span": span.text,
                    "start": rows[span.start].astype("int64"),
                    "end": rows[span.end].astype("int64"),
                    "article_length": row_texts.str.len(),
                    "slices_text": slices,
                }
            )
        )
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=SPAN_COLUMNS)


def _describe_failure(result) -> str:
    config = result.expectation_config
    kwargs = {
        k: v for k, v in config.kwargs.items() if k not in {"batch_id", "value_set", "column_list"}
    }
    unexpected = (result.result or {}).get("partial_unexpected_list") or []
    sample = f"; e.g. {unexpected[:3]}" if unexpected else ""
    return f"{config.type} {kwargs}{sample}".strip()


def key_expectations(contract: Contract) -> list:
    """Expectations over `parts.key_hashes`: every key unique across the whole table."""
    import great_expectations.expectations as gxe

    return [gxe.ExpectColumnValuesToBeUnique(column=name) for name in parts.key_columns(contract)]


class Validation:
    """One Great Expectations context for a run: each suite is added once and run over as
    many frames (groups of parts) as the run has; a suite passes when all its runs do."""

    def __init__(self, data_docs_dir: Path) -> None:
        import great_expectations as gx

        self._gx = gx
        _quiet_great_expectations()
        self.context = gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = gx.data_context.types.base.ProgressBarsConfig(
            globally=False
        )
        self.context.add_data_docs_site(
            DATA_DOCS_SITE,
            {
                "class_name": "SiteBuilder",
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "base_directory": str(data_docs_dir.resolve()),
                },
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )
        self.data_docs_dir = data_docs_dir
        self._source = self.context.data_sources.add_pandas("staged")
        self._definitions: dict[str, object] = {}
        self._results: dict[str, TableResult] = {}
        self._outcomes: dict[str, list[dict]] = {}

    def check(self, suite_name: str, expectations: list, frame: pd.DataFrame) -> None:
        """Run the suite `suite_name` (created from `expectations` on first use) on `frame`."""
        gx = self._gx
        if suite_name not in self._definitions:
            batch = self._source.add_dataframe_asset(
                suite_name
            ).add_batch_definition_whole_dataframe(suite_name)
            suite = self.context.suites.add(
                gx.ExpectationSuite(name=suite_name, expectations=expectations)
            )
            self._definitions[suite_name] = self.context.validation_definitions.add(
                gx.ValidationDefinition(name=suite_name, data=batch, suite=suite)
            )
            self._results[suite_name] = TableResult(suite_name, True)
            self._outcomes[suite_name] = []
        outcome = self._definitions[suite_name].run(
            batch_parameters={"dataframe": frame}, result_format=RESULT_FORMAT
        )
        result = self._results[suite_name]
        result.success = result.success and bool(outcome.success)
        result.failures += [_describe_failure(r) for r in outcome.results if not r.success]
        self._outcomes[suite_name].append(outcome.to_json_dict())

    def check_tables(
        self,
        frames: dict[str, tuple[Contract, pd.DataFrame]],
        texts: pd.Series | None = None,
    ) -> None:
        """Each table's suite, and the span suite of tables with offsets, over `frames`.

        Spans are checked against `texts` (`article_texts`), by default those of the
        articles frame in `frames`.
        """
        if texts is None:
            articles = frames.get("articles")
            texts = article_texts(articles[1] if articles else pd.DataFrame(columns=TEXT_KEY))
        for suite_name, (expectations, frame) in _suites(frames, texts).items():
            self.check(suite_name, expectations, frame)

    def finish(
        self, results_dir: Location, run_id: str, contract_versions: dict[str, str], **facts
    ) -> ValidationReport:
        """Write the results (one JSON per run, with `facts`) and the Data Docs."""
        results = list(self._results.values())
        payload = {"run_id": run_id, "contract_versions": contract_versions, **facts}
        payload["suites"] = {
            r.suite: {"success": r.success, "failures": r.failures, "runs": self._outcomes[r.suite]}
            for r in results
        }
        payload["success"] = all(r.success for r in results)
        results_path = results_dir / f"{run_id}.json"
        results_path.write_text(json.dumps(payload, indent=1, default=str))
        problem = self._build_data_docs()
        index = Location.of(self.data_docs_dir / "index.html")
        docs = index if index.exists() and problem is None else None
        return ValidationReport(results, results_path, docs, problem)

    def _build_data_docs(self) -> str | None:
        """Build the Data Docs; what went wrong, if anything. They explain a run, they are
        not its data: a failure (a full disk, a blocked folder) is reported, not fatal."""
        errors = _ErrorsLogged()
        logging.getLogger("great_expectations").addHandler(errors)
        try:
            self.context.build_data_docs(site_names=[DATA_DOCS_SITE])
        except OSError as error:
            return f"{error.strerror or error}" + (f": {error.filename}" if error.filename else "")
        finally:
            logging.getLogger("great_expectations").removeHandler(errors)
        files = [path for path in self.data_docs_dir.rglob("*") if path.is_file()]
        empty = [path for path in files if path.stat().st_size == 0]
        if errors.messages or empty:
            first = errors.messages[0] if errors.messages else f"e.g. {empty[0]}"
            return f"{len(errors.messages)} errors, {len(empty)} empty files; {first}"
        return None


class _ErrorsLogged(logging.Handler):
    """The errors Great Expectations logs (and does not raise) while it writes files."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage().splitlines()[0][:200])


def validate_tables(
    frames: dict[str, tuple[Contract, pd.DataFrame]],
    results_dir: Path,
    data_docs_dir: Path,
    run_id: str,
) -> ValidationReport:
    """Validate each (contract, frame), whole, and write the results and Data Docs."""
    validation = Validation(data_docs_dir)
    validation.check_tables(frames)
    versions = {table: contract.version for table, (contract, _) in frames.items()}
    return validation.finish(Location.of(results_dir), run_id, versions)


def _quiet_great_expectations() -> None:
    """GX sets INFO on some of its own loggers; a normal run should print only problems."""
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("great_expectations"):
            logging.getLogger(name).setLevel(logging.WARNING)


def _suites(
    frames: dict[str, tuple[Contract, pd.DataFrame]], texts: pd.Series
) -> dict[str, tuple[list, pd.DataFrame]]:
    suites = {}
    for table, (contract, frame) in frames.items():
        suites[table] = (expectations_for(contract), frame)
        if contract.spans:
            suites[f"{table}.spans"] = (span_expectations(), span_frame(contract, frame, texts))
    return suites


class StagedValidation:
    """A staged run's validation in steps, so a run can validate the tables it has finished
    while it builds the rest: batch tables a group of batches at a time (memory stays flat
    whatever the corpus size) with their keys across each whole table (`tables`), then the
    corpus tables whole and the results (`finish`).

    Parts named in a step's `validated_parts` (carried unchanged from a run that passed
    under the same contracts) are not read again; their keys still take part in the
    uniqueness checks. Results go to `output`/validation/<run_id>.json and Data Docs to
    `output`/data_docs (built in a local folder and uploaded when the output is not on
    this disk).
    """

    def __init__(
        self,
        staging: Where,
        contracts: dict[str, Contract],
        output: Where,
        run_id: str,
        articles_per_group: int,
    ) -> None:
        self._staging, self._output = Location.of(staging), Location.of(output)
        self._contracts, self._run_id, self._per_group = contracts, run_id, articles_per_group
        self._upload = None
        if self._output.is_local:
            docs = self._output.local_path / "data_docs"
        else:
            self._upload = tempfile.TemporaryDirectory(prefix="newsquotes-docs-")
            docs = Path(self._upload.name)
        self._validation = Validation(docs)
        self._not_revalidated: set[str] | None = None  # parts no step read again

    def tables(self, names: list[str], validated_parts: set[str]) -> None:
        """Validate the batch tables `names` (their spans against the articles' texts)."""
        contracts = {name: self._contracts[name] for name in names}
        articles = self._contracts.get("articles")
        spans_of_articles_elsewhere = (
            "articles" not in names
            and articles is not None
            and any(c.spans for c in contracts.values())
        )
        staging = self._staging
        for group in parts.part_groups(staging, names, validated_parts, self._per_group):
            read = {n: (c, parts.read_staged(staging, c, group)) for n, c in contracts.items()}
            texts = None
            if spans_of_articles_elsewhere:
                texts = article_texts(parts.read_staged(staging, articles, group))
            self._validation.check_tables(read, texts)
        for name, contract in contracts.items():
            if parts.key_columns(contract):
                keys = parts.key_hashes(staging, contract)
                self._validation.check(f"{name}.keys", key_expectations(contract), keys)
        seen = self._not_revalidated
        self._not_revalidated = set(validated_parts) if seen is None else seen & validated_parts

    def finish(self) -> ValidationReport:
        """Validate the corpus tables; write the results and the Data Docs."""
        corpus = {n: c for n, c in self._contracts.items() if c.scope != "batch"}
        self._validation.check_tables(
            {n: (c, parts.read_staged(self._staging, c)) for n, c in corpus.items()}
        )
        versions = {name: contract.version for name, contract in self._contracts.items()}
        report = self._validation.finish(
            self._output / "validation",
            self._run_id,
            versions,
            parts_not_revalidated=sorted(self._not_revalidated or ()),
        )
        if self._upload is None:
            return report
        with self._upload as local_docs:
            (self._output / "data_docs").upload(Path(local_docs))
        docs = self._output / "data_docs" / "index.html"
        return dataclasses.replace(report, data_docs_index=docs if report.data_docs_index else None)


class ValidationSteps:
    """The run's side of a `StagedValidation`: in the process `validator()` started, where
    each step runs while the run goes on, or here, step by step, when Great Expectations
    is loaded here already (a small run preloads it while the server starts). `finish`
    waits for every step sent, raises the first step's error and ends the process."""

    def __init__(self, apart: Apart | None, *arguments: Any) -> None:
        self._apart = apart
        if apart is None:
            self._here = StagedValidation(*arguments)
        else:
            apart.start(StagedValidation, *arguments)
        self._sent = 1

    def tables(self, names: list[str], validated_parts: set[str]) -> None:
        """Validate the batch tables `names`, now finished (see `StagedValidation.tables`)."""
        if self._apart is None:
            self._here.tables(names, validated_parts)
            return
        self._apart.send("tables", names, set(validated_parts))
        self._sent += 1

    def finish(self) -> ValidationReport:
        """The corpus tables, and the report of every step."""
        if self._apart is None:
            return self._here.finish()
        self._apart.send("finish")
        answers = [self._apart.receive() for _ in range(self._sent + 1)]
        self._apart.close()  # its memory goes back to the system before the report
        return answers[-1]


def validate_run(
    staging: Where,
    contracts: dict[str, Contract],
    output: Where,
    run_id: str,
    validated_parts: set[str],
    articles_per_group: int,
    apart: Apart | None = None,
) -> ValidationReport:
    """A staged run's tables, all in one step (see `StagedValidation`).

    It runs in a process of its own, so Great Expectations' import (250 MiB) and what it
    keeps of the frames it saw go back to the system when validation ends: the flow's
    memory then stays flat in corpus size through the report. `apart`: a process from
    `validator()`, started earlier so that the import is done by now.
    """
    started = apart or validator()
    with started or nullcontext():
        steps = ValidationSteps(started, staging, contracts, output, run_id, articles_per_group)
        steps.tables([n for n, c in contracts.items() if c.scope == "batch"], validated_parts)
        return steps.finish()


def validator() -> Apart | None:
    """The process a `ValidationSteps` will use, started now so that Great Expectations
    (3 s of imports) loads while the run does other work; None when it is loaded here
    already. Close it (`with`) when the run is done with it."""
    return None if "great_expectations" in sys.modules else Apart("great_expectations")
