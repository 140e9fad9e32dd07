"""Charts as inline SVG: no script, no font or file to fetch, so the report opens offline.

Three shapes cover the report: horizontal bars (top lists, counts by reason), columns
(counts over time, a distribution) and 100% stacked bars (shares by period or outlet).
Every mark carries a `<title>` with its number, shown on hover; the numbers are also in
the table the report prints under each chart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1"]
ROW = 22  # height of one bar and its gap, px
LABEL_WIDTH = 190
WIDTH = 640


def number(value: float) -> str:
    """A count as a count, a share as a percentage with one decimal."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1%}" if 0 <= value <= 1 else f"{value:,.2f}"
    return f"{int(value):,}"


def _svg(width: int, height: int, label: str, body: list[str]) -> str:
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}">{"".join(body)}</svg>'
    )


def _clip(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bars(items: Sequence[tuple[str, float]], label: str) -> str:
    """One horizontal bar per (name, value), longest first as given, value at its end."""
    top = max((value for _, value in items), default=0) or 1
    span = WIDTH - LABEL_WIDTH - 60
    body = []
    for row, (name, value) in enumerate(items):
        y = row * ROW
        length = max(1.0, span * value / top)
        body.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end">'
            f"{escape(_clip(name))}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{length:.1f}" height="{ROW - 6}" '
            f'fill="{PALETTE[0]}"><title>{escape(name)}: {number(value)}</title></rect>'
            f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + 15}">{number(value)}</text>'
        )
    return _svg(WIDTH, max(ROW, ROW * len(items)), label, body)


def columns(items: Sequence[tuple[str, float]], label: str) -> str:
    """One column per (name, value) in the order given (periods, bins); names below, the
    first and last always, others when there is room."""
    height, base = 180, 150
    top = max((value for _, value in items), default=0) or 1
    step = (WIDTH - 40) / max(1, len(items))
    every = max(1, round(len(items) / 8))  # about 8 names fit under the axis
    body = [f'<line x1="20" y1="{base}" x2="{WIDTH - 20}" y2="{base}" stroke="#999"/>']
    for i, (name, value) in enumerate(items):
        x, tall = 20 + i * step, max(1.0, (base - 20) * value / top)
        body.append(
            f'<rect x="{x + step * 0.1:.1f}" y="{base - tall:.1f}" width="{step * 0.8:.1f}" '
            f'height="{tall:.1f}" fill="{PALETTE[0]}">'
            f"<title>{escape(name)}: {number(value)}</title></rect>"
        )
        if i % every == 0 or i == len(items) - 1:
            body.append(
                f'<text x="{x + step / 2:.1f}" y="{base + 16}" text-anchor="middle">'
                f"{escape(_clip(name, 12))}</text>"
            )
    body.append(f'<text x="20" y="12">max {number(top)}</text>')
    return _svg(WIDTH, height, label, body)


def stacked_shares(
    rows: Sequence[tuple[str, Mapping[str, float]]], categories: Sequence[str], label: str
) -> str:
    """One 100% bar per (name, counts by category), split in `categories` order, with a
    legend; each part's title gives its count and share."""
    span = WIDTH - LABEL_WIDTH - 20
    colours = dict(zip(categories, PALETTE, strict=False))
    body = []
    for i, category in enumerate(categories):
        x = LABEL_WIDTH + i * 120
        body.append(
            f'<rect x="{x}" y="2" width="12" height="12" fill="{colours[category]}"/>'
            f'<text x="{x + 16}" y="13">{escape(_clip(category, 16))}</text>'
        )
    for row, (name, counts) in enumerate(rows, start=1):
        y, total = row * ROW, sum(counts.get(c, 0) for c in categories) or 1
        body.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end">'
            f"{escape(_clip(name))}</text>"
        )
        x = float(LABEL_WIDTH)
        for category in categories:
            count = counts.get(category, 0)
            width = span * count / total
            if count:
                body.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{width:.1f}" height="{ROW - 6}" '
                    f'fill="{colours[category]}"><title>{escape(name)}, {escape(category)}: '
                    f"{number(count)} ({count / total:.1%})</title></rect>"
                )
            x += width
    return _svg(WIDTH, ROW * (len(rows) + 1), label, body)
