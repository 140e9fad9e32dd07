"""The report of a small published output: what it counts, what it says is missing, and
that it is one file that loads nothing."""

from __future__ import annotations

import os
import re

from newsquotes.cli.main import main
from newsquotes.output import layout
from newsquotes.output.apart import run_apart
from newsquotes.report import build, build_report, publish_report, record_run, top_speakers
from newsquotes.report.articles import highlight
from newsquotes.report.build import read_tables
from newsquotes.report.charts import bars, stacked_shares
from newsquotes.report.figures import ATTRIBUTIONS, voices

from .conftest import publish, rows


def test_voices_leave_out_nested_quotes_and_say_how_each_is_attributed(output):
    tables = read_tables(layout.published_dir(output))
    voiced = voices(tables).set_index("quote_id")
    assert sorted(voiced.index) == ["q1", "q2", "q3", "q4", "q5"]  # q6 is inside q1
    assert voiced["attribution"].to_dict() == {
        "q1": "named person", "q2": "unnamed source", "q3": "organisation",
        "q4": "named person", "q5": "named person",
    }  # fmt: skip
    assert voiced.loc["q1", "period"] == "2024-01" and voiced.loc["q4", "source"] == "Weekly"
    assert set(voiced["attribution"]) <= set(ATTRIBUTIONS)


def test_the_report_shows_who_is_quoted_with_their_numbers(output):
    page = build_report(output)
    assert re.search(r"Jane Smith</a></td><td>the mayor</td><td>politician</td><td>female</td>"
                     r"<td class=n>2</td><td class=n>2</td>", page)  # fmt: skip
    assert re.search(r"Ann Lee</a></td><td></td><td></td><td>unknown</td>", page)
    assert "City Council" in page and "FRA" in page and "1 (1 exact)" in page
    assert "<div><b>2</b>quoted people</div>" in page  # people, not the council
    assert "ingest: empty file" in page
    assert "60.0%" in page  # 3 of 5 quotes by a named person


def test_the_report_says_which_columns_this_output_lacks(tmp_path):
    publish(tmp_path, rows(gender=False))
    page = build_report(tmp_path)
    assert "Gender: not available in this output" in page


def test_the_report_is_one_file_that_loads_nothing(output):
    page = build_report(output)
    assert "<script" not in page and "<link" not in page and "@import" not in page
    addresses = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert addresses and all(address.startswith("#") for address in addresses)


def test_a_speaker_links_to_their_quotes_and_those_to_the_highlighted_article(output):
    page = build_report(output)
    assert 'href="#speaker-s1"' in page and 'id="speaker-s1"' in page
    assert 'href="#article-a2"' in page and 'id="article-a2"' in page
    assert '<span class="ent ent-PERSON speaker">Jane Smith</span>' in page  # a mention too


def test_overlapping_spans_are_cut_into_pieces_that_nest():
    marked = highlight("a<b said", [(0, 3, "quote"), (2, 8, "speaker")])
    assert marked == (
        '<span class="quote">a&lt;</span><span class="quote speaker">b</span>'
        '<span class="speaker"> said</span>'
    )


def test_charts_give_every_mark_its_number():
    chart = bars([("Jane Smith", 2), ("Ann Lee", 1)], "people")
    assert chart.count("<rect") == 2 and "<title>Ann Lee: 1</title>" in chart
    shares = stacked_shares([("2024-01", {"female": 1, "male": 3})], ["female", "male"], "g")
    assert "female: 1 (25.0%)" in shares and "male: 3 (75.0%)" in shares


def test_the_flow_record_adds_time_taken_only_for_its_own_run(output):
    run_id = layout.published_run(output)
    record_run(output, {"run_id": "another run", "inputs_read": 7})
    assert "not recorded (only the flow records them)" in build_report(output)
    record_run(output, {"run_id": run_id, "inputs_read": 7})
    page = build_report(output)
    assert "time taken" in page and "<td>inputs read</td><td>7</td>" in page


def test_publish_report_gives_an_address_or_why_not(output, tmp_path):
    address, problem, top = publish_report(output, {"run_id": layout.published_run(output)})
    assert problem is None and address == (output / "report" / "index.html").as_uri()
    assert top == top_speakers(build.read_published(output).tables)
    address, problem, top = publish_report(tmp_path / "empty", {"run_id": "x"})
    assert address is None and "no published run" in problem and top == []


def test_top_speakers_are_plain_rows_for_the_table_artifact(output):
    assert top_speakers(build.read_published(output).tables)[0] == {
        "name": "Jane Smith", "description": "the mayor", "gender": "female", "quotes": 2,
        "articles": 2,
    }  # fmt: skip


def test_a_large_run_writes_its_report_in_a_process_of_its_own(output, monkeypatch):
    summary = {"run_id": layout.published_run(output)}
    in_place = build.report_run(output, summary, articles=build.REPORT_APART_ARTICLES)
    processes = []

    def spied(function, *arguments):
        processes.append(function)
        return run_apart(function, *arguments)

    monkeypatch.setattr(build, "run_apart", spied)
    apart = build.report_run(output, summary, articles=build.REPORT_APART_ARTICLES + 1)
    assert len(processes) == 1 and apart == in_place
    assert apart.top[0]["name"] == "Jane Smith"


class DiesWhenUnpickled:
    """Ends the process that unpickles it, as the system ends one out of memory."""

    def __reduce__(self):
        return os._exit, (9,)


def test_a_report_whose_process_dies_leaves_the_run_published_and_says_why(output):
    summary = {"run_id": layout.published_run(output), "dies": DiesWhenUnpickled()}
    reported = build.report_run(output, summary, articles=build.REPORT_APART_ARTICLES + 1)
    assert reported == build.Reported(None, reported.problem, [])
    assert "exit code 9" in reported.problem


def test_the_command_writes_the_report_again(output, tmp_path, capsys):
    assert main(["report", "--output", str(output)]) == 0
    assert (output / "report" / "index.html").is_file()
    assert main(["report", "--output", str(output), "--to", str(tmp_path / "r.html")]) == 0
    assert "Jane Smith" in (tmp_path / "r.html").read_text(encoding="utf-8")
    assert main(["report", "--output", str(tmp_path / "nothing")]) == 1
    assert "no published run" in capsys.readouterr().err


def test_a_report_over_twenty_thousand_articles_counts_them_all(tmp_path):
    """Its speed is a benchmark's business, not a test's (a timed test fails under load)."""
    base = rows()
    many = {table: [] for table in base}
    for n in range(20_000):  # the small output, 20,000 times over with its own ids
        for table, table_rows in base.items():
            many[table] += [
                {k: f"{v}-{n}" if k.endswith("_id") and isinstance(v, str) else v
                 for k, v in row.items()}
                for row in table_rows
            ]  # fmt: skip
    publish(tmp_path, many)
    page = build_report(tmp_path)
    assert "60,000" in page  # articles
