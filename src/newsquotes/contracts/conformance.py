"""Row conformance: which rows of a table break its contract, and the articles they belong to.

The same rules as the Great Expectations suites (`output.validation`), checked in pandas
row by row so that a failure is traced to its articles: a run holds back (quarantines)
those articles and publishes the rest. Also used by the data tests over real corpora,
which check keys and spans without Great Expectations.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from newsquotes.contracts.model import Contract


@dataclass(frozen=True)
class Violation:
    """One broken rule: the article it is traced to (None when it cannot be) and why."""

    article_id: str | None
    table: str
    rule: str

    @property
    def reason(self) -> str:
        return f"{self.table}: {self.rule}"


def article_texts(articles: pd.DataFrame) -> pd.Series:
    """Each article's text by its id (the first row of a repeated id), from a frame of the
    articles table: what `row_violations` and the span suites check offsets against."""
    texts = articles.set_index("article_id")["text"]
    return texts[~texts.index.duplicated()]


def row_violations(
    contract: Contract, frame: pd.DataFrame, article_texts: pd.Series | None = None
) -> list[Violation]:
    """Every rule of `contract` that rows of `frame` break, one Violation per article.

    `article_texts` maps article_id to text, for tables with spans (None: spans unchecked).
    A rule broken by rows without an article (a table without `article_id`, or a null id)
    gives a Violation with `article_id` None: it cannot be traced.
    """
    if list(frame.columns) != contract.column_names:
        return [Violation(None, contract.table, "columns differ from the contract")]
    broken: list[tuple[pd.Series, str]] = []
    for column in contract.columns:
        values = frame[column.name]
        if not column.nullable:
            broken.append((values.isna(), f"{column.name} is null"))
        if column.unique:
            broken.append(
                (values.notna() & values.duplicated(keep=False), f"{column.name} repeats")
            )
        if column.enum:
            broken.append(
                (values.notna() & ~values.isin(column.enum), f"{column.name} not in enum")
            )
        if column.min is not None:
            broken.append((values < column.min, f"{column.name} below {column.min:g}"))
        if column.max is not None:
            broken.append((values > column.max, f"{column.name} above {column.max:g}"))
    if len(contract.primary_key) > 1:
        repeated = frame.duplicated(subset=list(contract.primary_key), keep=False)
        broken.append((repeated, f"primary key {'+'.join(contract.primary_key)} repeats"))
    if article_texts is not None:
        broken += span_violations(contract, frame, article_texts)
    return _by_article(contract, frame, broken)


def span_violations(
    contract: Contract, frame: pd.DataFrame, article_texts: pd.Series
) -> list[tuple[pd.Series, str]]:
    """(rows, rule) for each span rule broken: inside the text, start < end, exact slice."""
    if not contract.spans:
        return []
    texts = frame["article_id"].map(article_texts)
    broken = []
    for span in contract.spans:
        start, end, value = frame[span.start], frame[span.end], frame[span.text]
        present = start.notna()
        exact = pd.Series(
            [
                isinstance(text, str) and text[int(s) : int(e)] == v
                for text, s, e, v in zip(
                    texts[present], start[present], end[present], value[present], strict=True
                )
            ],
            index=start[present].index,
            dtype=bool,
        )
        wrong = present & (~exact.reindex(frame.index, fill_value=True) | (end <= start))
        broken.append((wrong, f"{span.text} [{span.start}:{span.end}] does not slice the text"))
    return broken


def _by_article(
    contract: Contract, frame: pd.DataFrame, broken: list[tuple[pd.Series, str]]
) -> list[Violation]:
    ids = frame["article_id"] if "article_id" in frame.columns else pd.Series(None, frame.index)
    violations: dict[tuple[str | None, str], Violation] = {}
    for rows, rule in broken:
        for article_id in ids[rows.fillna(False).astype(bool)].unique():
            article = None if pd.isna(article_id) else str(article_id)
            violations.setdefault((article, rule), Violation(article, contract.table, rule))
    return list(violations.values())
