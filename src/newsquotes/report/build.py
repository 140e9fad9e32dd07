"""The report of a published run as one HTML string, and where it is written.

`output/report/index.html` lives beside `data_docs/`, outside the run folders: one report,
of the published run, replaced by every publish (and by `newsquotes report`). The flow
also leaves `report/run.json` there, the run summary and when the run was published, which
only the flow knows; `newsquotes report` uses it while it describes the published run.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import NamedTuple

import pandas as pd

from newsquotes.output.apart import ApartError, run_apart
from newsquotes.output.history import run_time
from newsquotes.output.layout import published_run, staging_dir
from newsquotes.output.storage import Location, Where
from newsquotes.report import articles, charts, figures
from newsquotes.report.data import Tables, read_spans, read_tables
from newsquotes.report.html import figure, headline, link, note, page, table

REPORT_DIR, REPORT_FILE, RUN_FILE = "report", "index.html", "run.json"
TOP = 15  # rows of a top list
TOP_VIEWS = 10  # top speakers with a view of their quotes (and their articles in full)
TOP_SOURCES = 10
# A run of more articles than this writes its report in a process of its own: the report
# reads whole tables (19,000 Reuters articles: +283 MiB for 4 s), which the flow would keep
# as its peak; a smaller run writes it in place, without a process to start (about 1 s).
REPORT_APART_ARTICLES = 2000


class NoPublishedRun(RuntimeError):
    pass


def report_path(output: Where) -> Location:
    return Location.of(output) / REPORT_DIR / REPORT_FILE


class Published(NamedTuple):
    """The published run of an output, its tables read once for everything made of them."""

    output: Location
    run_id: str
    tables: Tables


def read_published(output: Where) -> Published:
    output = Location.of(output)
    run_id = published_run(output)
    if run_id is None:
        raise NoPublishedRun(f"no published run in {output.url}")
    return Published(output, run_id, read_tables(staging_dir(output, run_id)))


def write_report(output: Where, to: Where | None = None) -> Location:
    """Write the report of the published run (to `output/report/index.html` by default)."""
    target = Location.of(to) if to is not None else report_path(output)
    target.write_text(build_report(output))
    return target


class Reported(NamedTuple):
    address: str | None  # where a browser opens the report; None when it was not written
    problem: str | None  # why not
    top: list[dict]  # the most quoted people (`top_speakers`), for the flow's artifact


def publish_report(output: Where, summary: dict) -> Reported:
    """Write the report of the run just published, and give its most quoted people. The
    run is published already: a report that fails must not fail it, and says why."""
    try:
        record_run(output, summary)
        run = read_published(output)
        written = report_path(run.output)
        written.write_text(render_report(run))
        top = top_speakers(run.tables)
    except Exception as error:  # the run stays published; the summary says what went wrong
        return Reported(None, f"{type(error).__name__}: {error}", [])
    address = written.local_path.as_uri() if written.is_local else written.url
    return Reported(address, None, top)


def report_run(output: Where, summary: dict, articles: int) -> Reported:
    """`publish_report` for a run of `articles` articles: in a process of its own above
    REPORT_APART_ARTICLES."""
    if articles <= REPORT_APART_ARTICLES:
        return publish_report(output, summary)
    try:
        return run_apart(publish_report, output, summary)
    except ApartError as error:  # killed (out of memory?): the run is published regardless
        return Reported(None, str(error), [])


def record_run(output: Where, summary: dict) -> None:
    """Keep what only the flow knows (its summary, when it published) for the report."""
    finished = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    record = {"summary": summary, "published": finished}
    (Location.of(output) / REPORT_DIR / RUN_FILE).write_text(json.dumps(record, indent=1))


def build_report(output: Where) -> str:
    return render_report(read_published(output))


def render_report(run: Published) -> str:
    output, run_id, tables = run
    voiced = figures.voices(tables)
    people = figures.top_people(tables, TOP)
    sections = [
        ("run", "The run", run_section(output, run_id, tables, voiced)),
        ("quoted", "Who is quoted", quoted_section(tables, voiced, people)),
        ("coverage", "Quotes over time and by source", coverage_section(voiced)),
        ("mentioned", "Most mentioned", mentioned_section(tables)),
        ("quality", "Quality", quality_section(tables, voiced)),
    ]
    views = views_of(staging_dir(output, run_id), tables, people.head(TOP_VIEWS))
    subtitle = f"published run {run_id} ({run_time(run_id)}), {output.url}"
    return page("newsquotes report", subtitle, sections, views)


def top_speakers(tables: Tables, top: int = TOP) -> list[dict]:
    """The most quoted people of a run's tables, as rows (the flow's table artifact)."""
    people = figures.top_people(tables, top)
    return [
        {
            "name": row["name"],
            "description": row["description"],
            "gender": None if pd.isna(row.get("gender")) else row["gender"],
            "quotes": int(row["quote_count"]),
            "articles": int(row["article_count"]),
        }
        for _, row in people.iterrows()
    ]


def run_record(output: Location, run_id: str) -> tuple[dict, dict]:
    """This run's validation results and the flow's record of it ({} when absent)."""
    found = []
    for file in (output / "validation" / f"{run_id}.json", output / REPORT_DIR / RUN_FILE):
        try:
            found.append(json.loads(file.read_text()))
        except (OSError, ValueError):
            found.append({})
    validation, record = found
    return validation, record if record.get("summary", {}).get("run_id") == run_id else {}


def run_section(output: Location, run_id: str, tables: Tables, voiced: pd.DataFrame) -> str:
    validation, record = run_record(output, run_id)
    summary = record.get("summary", {})
    passed = {True: "passed", False: "failed"}.get(validation.get("success"), "not recorded")
    rows = [("run", run_id), ("started", run_time(run_id))]
    if record:
        taken = _time(record["published"]) - _time(run_id)
        rows += [("published", run_time(record["published"])), ("time taken", str(taken))]
        rows += [
            ("inputs read", summary.get("inputs_read")),
            ("inputs unchanged since the run before (not read)", summary.get("inputs_skipped")),
            ("articles analysed by this run", summary.get("articles")),
            ("articles unchanged (not analysed again)", summary.get("unchanged")),
        ]
    else:
        rows.append(("time taken, inputs read", "not recorded (only the flow records them)"))
    rows += [
        ("articles published", len(tables.articles)),
        ("duplicates", _by(tables.duplicates, "kind")),
        ("rejects", _by(tables.rejects, "stage")),
        ("validation", passed),
    ]
    versions = validation.get("contract_versions", {})
    named = sum(voiced["attribution"] == figures.PERSON)
    big = [
        ("articles", f"{len(tables.articles):,}"),
        ("quotes", f"{len(voiced):,}"),
        ("quoted people", f"{len(figures.people_speakers(tables)):,}"),
        ("quotes with a named person", figures.share(named, len(voiced))),
        ("validation", passed),
    ]
    return (
        headline(big)
        + table(["", ""], rows)
        + "<details><summary>contract versions</summary>"
        + (table(["table", "version"], versions.items()) if versions else note("not recorded"))
        + "</details>"
    )


def _time(run_id: str) -> datetime:
    return datetime.strptime(run_id, "%Y%m%dT%H%M%S%fZ")


def _by(frame: pd.DataFrame, column: str) -> str:
    """A total and its split: "12 (9 exact, 3 near)"."""
    split = ", ".join(f"{n} {name}" for name, n in figures.counts(frame, column))
    return f"{len(frame)} ({split})" if split else str(len(frame))


def quoted_section(tables: Tables, voiced: pd.DataFrame, people: pd.DataFrame) -> str:
    rows = [
        (
            link(p["name"], articles.speaker_anchor(p["speaker_id"])),
            p["description"],
            p["role"] if isinstance(p["role"], str) else "",
            p.get("gender"),
            int(p["quote_count"]),
            int(p["article_count"]),
        )
        for _, p in people.iterrows()
    ]
    headers = ["name", "description", "role", "gender"]
    parts = [
        "<h3>Top people</h3>",
        note(
            "A name opens their quotes; a quote opens its article with quotes, speakers, "
            "cues and entities highlighted."
        ),  # fmt: skip
        table([*headers, "quotes", "articles"], rows) if rows else note("No quoted people."),
    ]
    orgs = figures.top_organisations(tables, voiced, TOP)
    parts += [
        "<h3>Top organisations</h3>",
        table(
            ["name", "description", "quotes", "articles"],
            orgs[["name", "description", "quotes", "articles"]].itertuples(index=False),
        )
        if len(orgs)
        else note("No quotes attributed to an organisation."),
        gender_shares(tables, voiced),
        speaker_type_shares(voiced),
    ]
    return "".join(parts)


def gender_shares(tables: Tables, voiced: pd.DataFrame) -> str:
    """Quotes of named people by the person's gender: overall, over time, by source."""
    if "gender" not in tables.speakers or tables.speakers["gender"].isna().all():
        return "<h3>Quotes by gender</h3>" + note(
            "Gender: not available in this output (speakers.gender is empty: a run with "
            "--no-gender, or no quoted person)."
        )
    named = voiced[voiced["attribution"] == figures.PERSON].assign(all="all quotes")
    text = note(
        "Quotes of named people by the person's gender as the corpus gives evidence for it "
        "(unknown rather than a guess; names are not identities)."
    )
    return "<h3>Quotes by gender</h3>" + text + share_figures(named, "gender", figures.GENDERS)


def speaker_type_shares(voiced: pd.DataFrame) -> str:
    if "speaker_type" not in voiced:
        return "<h3>Quotes by speaker type</h3>" + note(
            "Speaker type: not available in this output (no quotes.speaker_type column)."
        )
    kinds = figures.counts(voiced, "speaker_type")
    return "<h3>Quotes by speaker type</h3>" + share_figures(
        voiced.assign(all="all quotes"), "speaker_type", [name for name, _ in kinds]
    )


def share_figures(frame: pd.DataFrame, column: str, categories: list[str]) -> str:
    """Shares of `column`'s values: overall, over time (when dated) and by source."""
    out = []
    for by, title, top in (
        ("all", "overall", None),
        ("period", "over time", None),
        ("source", f"by source (the {TOP_SOURCES} largest)", TOP_SOURCES),
    ):
        rows = figures.shares(frame.dropna(subset=[by]), by, column, categories, top)
        if not rows:
            out.append(note(f"{title}: no dated articles" if by == "period" else title))
            continue
        chart = charts.stacked_shares(rows, categories, f"share by {column}, {title}")
        numbers = [(g, *(c[k] for k in categories), sum(c.values())) for g, c in rows]
        out.append(figure(f"{column}, {title}", chart, [by, *categories, "total"], numbers))
    return "".join(out)


def coverage_section(voiced: pd.DataFrame) -> str:
    over_time = figures.over(voiced, "period")
    by_source = figures.counts(voiced, "source")[:TOP]
    parts = [
        figure("Quotes over time", charts.columns(over_time, "quotes over time"),
               ["period", "quotes"], over_time)
        if over_time
        else note("No article has a publication date (articles.published_at): nothing over time."),
        figure("Quotes by source", charts.bars(by_source, "quotes by source"),
               ["source", "quotes"], by_source),
        "<h3>How quotes are attributed</h3>",
        note("Named person: a speaker_id. Organisation: a named entity that is not a person. "
             "Unnamed source: a speaker that names no one (\"officials said\"). "
             "No speaker: nothing attributed."),
        share_figures(voiced.assign(all="all quotes"), "attribution", figures.ATTRIBUTIONS),
    ]  # fmt: skip
    return "".join(parts)


def mentioned_section(tables: Tables) -> str:
    parts = []
    for title, labels in (
        ("People", ("PERSON",)),
        ("Organisations", ("ORG",)),
        ("Places", figures.PLACES),
    ):
        top = figures.most_mentioned(tables, labels, TOP)
        items = list(zip(top["name"], top["article_count"].astype(int), strict=True))
        numbers = top[["name", "label", "article_count", "mention_count"]].itertuples(index=False)
        parts.append(
            figure(title, charts.bars(items, f"most mentioned {title.lower()}"),
                   ["name", "label", "articles", "mentions"], numbers)
            if items
            else f"<h3>{title}</h3>" + note("none mentioned")
        )  # fmt: skip
    catalogue = tables.entity_catalogue
    countries = catalogue.dropna(subset=["country_code"]).sort_values(
        ["article_count", "mention_count"], ascending=False
    )
    columns = ["country_code", "name", "article_count", "mention_count"]
    parts.append("<h3>Countries (ISO 3166-1 alpha-3)</h3>")
    parts.append(
        table(
            ["code", "name", "articles", "mentions"],
            countries[columns].head(TOP * 2).itertuples(index=False),
        )
        if len(countries)
        else note("No country mentioned.")
    )
    return "".join(parts)


def quality_section(tables: Tables, voiced: pd.DataFrame) -> str:
    attributed = voiced["attribution"].value_counts()
    named, total = int(attributed.get(figures.PERSON, 0)), len(voiced)
    spoken = total - int(attributed.get(figures.NO_SPEAKER, 0))
    bins = figures.confidence_bins(voiced)
    kinds = figures.counts(voiced, "kind")
    reasons = figures.counts(
        tables.rejects.assign(why=tables.rejects["stage"] + ": " + tables.rejects["reason"]), "why"
    )
    duplicates = figures.counts(tables.duplicates, "kind")
    return "".join(
        [
            headline(
                [
                    ("quotes with a named person", figures.share(named, total)),
                    ("quotes with any speaker", figures.share(spoken, total)),
                    ("rejects", f"{len(tables.rejects):,}"),
                    ("duplicates", f"{len(tables.duplicates):,}"),
                ]
            ),
            figure("Confidence of the quotes", charts.columns(bins, "confidence"),
                   ["confidence", "quotes"], bins) if total else note("No quotes."),
            figure("Quotes by kind", charts.bars(kinds, "quotes by kind"),
                   ["kind", "quotes"], kinds) if kinds else "",
            figure("Rejects by reason", charts.bars(reasons[:TOP], "rejects by reason"),
                   ["stage: reason", "inputs"], reasons) if reasons else note("No rejects."),
            figure("Duplicates by kind", charts.bars(duplicates, "duplicates by kind"),
                   ["kind", "inputs"], duplicates) if duplicates else note("No duplicates."),
        ]
    )  # fmt: skip


def views_of(run: Location, tables: Tables, people: pd.DataFrame) -> str:
    """The speaker views of the top people, and every article they link to, in full."""
    said = {
        p["speaker_id"]: articles.said_by(tables.quotes, p["speaker_id"])
        for _, p in people.iterrows()
    }
    shown = list(dict.fromkeys(a for quotes in said.values() for a in quotes["article_id"]))
    if not shown:
        return ""
    spans = read_spans(run, shown)
    texts = spans["articles"].set_index("article_id")
    titles = texts["title"].fillna("").to_dict()
    speakers = [
        articles.speaker_view(p, said[p["speaker_id"]], titles) for _, p in people.iterrows()
    ]
    pages = [
        articles.article_view(row, spans["quotes"], spans["mentions"])
        for _, row in spans["articles"].iterrows()
    ]
    return "".join(speakers + pages)
