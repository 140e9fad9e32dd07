"""The run summary: what a person reads at the end of a run, and the flow's artifact."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class RunSummary:
    run_id: str
    output: str
    inputs_read: int = 0
    inputs_skipped: int = 0  # inputs of pieces unchanged since the published run: not read
    inputs_left_out: int = 0  # records after the first --limit N: not read
    filtered: int = 0  # inputs published outside --since/--until: read, not analysed
    undated: int = 0  # articles without a date, kept under --since/--until
    not_articles: dict[str, int] = field(default_factory=dict)  # WARC records, by kind
    articles: int = 0
    rejects: int = 0
    duplicates: int = 0
    mentions: int = 0
    entities: int = 0
    quotes: int = 0
    unchanged: int = 0  # articles already published with the same content: not analysed again
    kept: int = 0  # published articles whose input is gone, kept (run with --prune to drop)
    quarantined: int = 0  # articles held back because their rows broke a contract (rejects)
    quarantine_reasons: dict[str, int] = field(default_factory=dict)  # rule -> articles
    validation: str = "not run"  # passed | failed | not run
    validation_results: str | None = None
    data_docs: str | None = None
    data_docs_problem: str | None = None  # Data Docs not (fully) written: why
    report: str | None = None  # where a browser opens the report of the published run
    report_problem: str | None = None  # the run published, its report not written: why
    failures: list[str] = field(default_factory=list)
    problem: str | None = None  # why the run did not publish, if it did not
    locked: bool = False  # refused: another run holds the output
    reject_reasons: dict[str, int] = field(default_factory=dict)  # the top reasons, counted
    rejects_kept: str | None = None  # where a run with nothing to publish kept its rejects
    unchanged_since: str | None = None  # the published run kept: this run read nothing new

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def published_articles(self) -> int:
        """Articles in the published tables after this run: none when it failed."""
        return self.articles + self.unchanged + self.kept if self.ok else 0

    def add_counts(self, counts: dict[str, int]) -> None:
        for name in ("articles", "rejects", "duplicates", "mentions", "entities", "quotes"):
            setattr(self, name, getattr(self, name) + counts.get(name, 0))
        self.unchanged += counts.get("unchanged", 0)

    def hold_back(self, held: int, reasons: dict[str, int], max_share: float) -> None:
        """Articles quarantined after analysis count as rejects; the run fails when they
        are more than `max_share` of the articles it would publish."""
        publishable = self.articles + self.unchanged + self.kept
        self.quarantined, self.quarantine_reasons = held, reasons
        self.rejects += held
        from_new = min(held, self.articles)
        self.articles -= from_new
        from_unchanged = min(held - from_new, self.unchanged)
        self.unchanged -= from_unchanged
        self.kept -= held - from_new - from_unchanged
        if held > max_share * publishable:
            self.problem = (
                f"{held} of {publishable} articles held back, more than --max-quarantine "
                f"{max_share:.1%}; first reason: {next(iter(reasons), 'unknown')}"
            )

    def add_inputs(self, read: int, filtered: int = 0, undated: int = 0) -> None:
        """Inputs read by ingest (articles or rejects, and those out of the date range),
        counted before any later stage."""
        self.inputs_read += read + filtered
        self.filtered += filtered
        self.undated += undated

    def skip_inputs(self, skipped: int) -> None:
        """Inputs of unchanged pieces, not read: their articles count as unchanged."""
        self.inputs_skipped += skipped

    @property
    def reconciled(self) -> bool:
        """Every input read is an article (new or unchanged), a duplicate or a reject."""
        accounted = self.articles + self.unchanged + self.duplicates + self.rejects + self.filtered
        return self.inputs_read + self.inputs_skipped == accounted

    def reconciliation(self) -> str:
        check = "ok" if self.reconciled else "MISMATCH"
        unchanged = f" + {self.unchanged} unchanged" if self.unchanged else ""
        filtered = f" + {self.filtered} out of date range" if self.filtered else ""
        return (
            f"{self.inputs_read + self.inputs_skipped} = {self.articles} articles{unchanged}"
            f" + {self.duplicates} duplicates + {self.rejects} rejects{filtered} ({check})"
        )

    def as_dict(self) -> dict:
        return asdict(self)

    def lines(self) -> list[tuple[str, str]]:
        status = "published" if self.ok else f"NOT published: {self.problem}"
        if self.unchanged_since:
            status = f"unchanged: nothing new since run {self.unchanged_since}"
        rows = [
            ("inputs read", str(self.inputs_read)),
            ("inputs unchanged", str(self.inputs_skipped)),
            ("articles published", str(self.published_articles)),
            ("duplicates", str(self.duplicates)),
            ("rejects", str(self.rejects)),
            ("articles unchanged", str(self.unchanged)),
            ("articles kept", str(self.kept)),
            *self._selection_lines(),
            ("quarantined", f"{self.quarantined} articles held back (rejects at validate)"),
            ("reconciliation", self.reconciliation()),
            ("quotes extracted", str(self.quotes)),
            ("entities found", str(self.entities)),
            ("mentions found", str(self.mentions)),
            ("validation", self.validation),
            ("output", f"{self.output} ({status})"),
        ]
        if self.validation_results:
            rows.append(("validation results", self.validation_results))
        if self.data_docs:
            rows.append(("data docs", self.data_docs))
        if self.data_docs_problem:
            rows.append(("data docs", f"NOT written: {self.data_docs_problem}"))
        if self.report or self.report_problem:
            rows.append(("report", self.report or f"NOT written: {self.report_problem}"))
        rows.extend(("rejected", f"{n} x {reason}") for reason, n in self.reject_reasons.items())
        if self.rejects_kept:
            rows.append(("rejects kept", self.rejects_kept))
        rows.extend(
            ("held back", f"{n} x {reason}") for reason, n in self.quarantine_reasons.items()
        )
        rows.extend(("failed expectation", failure) for failure in self.failures)
        return rows

    def _selection_lines(self) -> list[tuple[str, str]]:
        """What --limit, --since/--until and WARC records not articles left out, if any."""
        rows = []
        if self.inputs_left_out:
            rows.append(("inputs left out", f"{self.inputs_left_out} (after --limit)"))
        if self.filtered or self.undated:
            rows.append(("out of date range", f"{self.filtered} (not analysed)"))
            rows.append(("undated", f"{self.undated} articles without a date, kept"))
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(self.not_articles.items()))
        if kinds:
            rows.append(("not articles", f"{kinds} (WARC records, not analysed)"))
        return rows

    def text(self) -> str:
        width = max(len(name) for name, _ in self.lines())
        return "\n".join(f"{name:<{width}}  {value}" for name, value in self.lines())

    def markdown(self) -> str:
        rows = "\n".join(f"| {name} | {_cell(value)} |" for name, value in self.lines())
        link = f"\n[Open the report]({self.report})\n" if self.report else ""
        return f"# newsquotes run {self.run_id}\n\n| | |\n|---|---|\n{rows}\n{link}"


def _cell(value: str) -> str:
    """A markdown table cell: a "|" in a value (an output path) must not end the cell."""
    return value.replace("|", "\\|")
