"""HTML pieces of the report: tables, a chart with its numbers, sections, the page.

Everything is inline (style, SVG); the page has no script and loads nothing, so it opens
from disk with no network. Article and speaker views are sections shown by CSS `:target`
when a link names them (the rest hidden meanwhile), so one file holds them all.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from html import escape

import pandas as pd

STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222}
header{background:#1f3a5f;color:#fff;padding:14px 24px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;color:#cfd8e3}nav{padding:6px 24px;background:#eef2f6}
nav a{margin-right:14px}main{padding:0 24px 40px;max-width:1100px}
h2{border-bottom:2px solid #1f3a5f;padding-top:18px}h3{margin-bottom:6px}
table{border-collapse:collapse;margin:6px 0 14px;font-size:14px}
th,td{border-bottom:1px solid #ddd;padding:3px 10px;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.chart text{font:12px system-ui,sans-serif;fill:#333}details{margin:0 0 12px}
summary{cursor:pointer;color:#1f3a5f}.note{color:#666;font-style:italic}
.headline{display:flex;flex-wrap:wrap;gap:12px;margin:14px 0}
.headline div{background:#eef2f6;border-radius:6px;padding:8px 14px;min-width:120px}
.headline b{display:block;font-size:22px}.ok{color:#2e7d32}.bad{color:#c62828}
.view{display:none;border:1px solid #ccc;border-radius:6px;padding:4px 18px;margin:16px 0}
.view:target{display:block}main:has(.view:target)>section:not(.view){display:none}.text{white-space:pre-wrap;line-height:1.8}
.quote{background:#fff3c4}.speaker{background:#cde6ff;font-weight:600}
.cue{background:#d9f2d9;text-decoration:underline}.ent{border-bottom:2px solid #b07aa1}
.ent-PERSON{border-bottom-color:#4e79a7}.ent-ORG{border-bottom-color:#f28e2b}
.ent-GPE,.ent-LOC{border-bottom-color:#59a14f}
.legend span{margin-right:10px;padding:0 4px}
"""


def cells(row: Iterable[object], numeric: Sequence[bool]) -> str:
    """A row's cells; a cell is escaped unless it is `Raw` (a link built here)."""
    return "".join(
        f"<td{' class=n' if is_number else ''}>{_text(value)}</td>"
        for value, is_number in zip(row, numeric, strict=True)
    )


class Raw(str):
    """HTML made by this module, inserted as it is (everything else is escaped)."""


def _text(value: object) -> str:
    if isinstance(value, Raw):
        return value
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:,}" if isinstance(value, int) else f"{value:.2f}"
    return escape(str(value))


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A table; a column whose values are all numbers aligns right."""
    rows = [list(row) for row in rows]
    numeric = [
        all(isinstance(row[i], int | float) for row in rows) and bool(rows)
        for i in range(len(headers))
    ]
    head = "".join(
        f"<th{' class=n' if n else ''}>{escape(h)}</th>"
        for h, n in zip(headers, numeric, strict=True)
    )
    body = "".join(f"<tr>{cells(row, numeric)}</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def figure(title: str, chart: str, headers: Sequence[str], rows: Iterable[Sequence]) -> str:
    """A chart, and the numbers behind it folded under it."""
    return (
        f"<h3>{escape(title)}</h3>{chart}"
        f"<details><summary>the numbers</summary>{table(headers, rows)}</details>"
    )


def note(text: str) -> str:
    return f'<p class="note">{escape(text)}</p>'


def link(text: str, anchor: str) -> Raw:
    return Raw(f'<a href="#{escape(anchor)}">{escape(text)}</a>')


def headline(figures: Sequence[tuple[str, str]]) -> str:
    """The big numbers at the top: (label, value) boxes."""
    boxes = "".join(f"<div><b>{escape(v)}</b>{escape(k)}</div>" for k, v in figures)
    return f'<div class="headline">{boxes}</div>'


def section(anchor: str, title: str, body: str) -> str:
    return f'<section id="{anchor}"><h2>{escape(title)}</h2>{body}</section>'


def page(title: str, subtitle: str, sections: Sequence[tuple[str, str, str]], views: str) -> str:
    """The whole document: header, a menu of the sections, the sections, the hidden views."""
    menu = "".join(f'<a href="#{anchor}">{escape(name)}</a>' for anchor, name, _ in sections)
    body = "".join(section(anchor, name, html) for anchor, name, html in sections)
    return (
        "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
        f"<header><h1>{escape(title)}</h1><p>{escape(subtitle)}</p></header>"
        f'<nav id="top">{menu}</nav><main>{body}{views}</main></body></html>\n'
    )
