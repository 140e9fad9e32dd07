"""The report as a person sees it: headless Chromium, network refused, no console error,
no failed request, no empty chart. Screenshots go to pytest's temporary folder."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from newsquotes.report import write_report

from .browser import chromium, open_page

pytestmark = pytest.mark.skipif(
    chromium() is None, reason="chromium is not installed (.ci/run installs it)"
)


def check_page(url: str, screenshot) -> None:
    seen = open_page(url, screenshot)
    print(f"screenshot: {screenshot}")
    assert seen.problems == []
    assert seen.charts > 0 and seen.empty_charts == 0


def test_the_report_opens_offline_with_no_error_and_every_chart_drawn(output, tmp_path):
    page = write_report(output).local_path.as_uri()
    check_page(page, tmp_path / "small.png")
    check_page(f"{page}#speaker-s1", tmp_path / "small-speaker.png")


def test_the_check_sees_a_page_that_reaches_for_the_network(tmp_path):
    page = tmp_path / "cdn.html"
    page.write_text(
        '<script src="https://cdn.example.org/x.js"></script><script>console.error("boom")</script>'
    )
    seen = open_page(page.as_uri(), tmp_path / "cdn.png")
    assert any("request to the network" in p for p in seen.problems)
    assert any("request failed" in p for p in seen.problems)
    assert any("boom" in p for p in seen.problems) and seen.charts == 0


@pytest.mark.shared
def test_the_report_of_300_bbc_articles(shared_dir, tmp_path):
    corpus = shared_dir / "corpora" / "bbc.jsonl"
    if not corpus.is_file():
        pytest.skip("no BBC corpus in ../shared")
    inputs = tmp_path / "bbc300.jsonl"
    with corpus.open(encoding="utf-8") as lines:
        inputs.write_text("".join(next(lines) for _ in range(300)), encoding="utf-8")
    command = [sys.executable, "-m", "newsquotes.cli", "run", str(inputs)]
    subprocess.run([*command, "--output", str(tmp_path / "out")], check=True, timeout=1800)
    check_page(write_report(tmp_path / "out").local_path.as_uri(), tmp_path / "bbc300.png")
    shutil.rmtree(tmp_path / "out")
