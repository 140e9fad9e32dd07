"""Article and speaker views: a speaker's quotes, and an article's text with its quotes,
speakers, cues and entities highlighted (spans may overlap: a name inside a quote).

The text is cut at every span boundary; each piece is wrapped once in a `<span>` with the
classes of every span covering it, so overlapping spans never break the HTML nesting.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from newsquotes.report.html import link, table

QUOTES_PER_SPEAKER = 10  # every article they link to is in the report, in full


def article_anchor(article_id: str) -> str:
    return f"article-{article_id}"


def speaker_anchor(speaker_id: str) -> str:
    return f"speaker-{speaker_id}"


def highlight(text: str, spans: list[tuple[int, int, str]]) -> str:
    """`text` as HTML with each (start, end, class) span marked; overlaps allowed."""
    cuts = sorted({0, len(text), *(p for s, e, _ in spans for p in (s, e) if 0 <= p <= len(text))})
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        classes = sorted({name for s, e, name in spans if s <= start and end <= e})
        piece = escape(text[start:end])
        pieces.append(f'<span class="{" ".join(classes)}">{piece}</span>' if classes else piece)
    return "".join(pieces)


def spans_of(article_id: str, quotes: pd.DataFrame, mentions: pd.DataFrame) -> list:
    """Quote, speaker, cue and entity spans of one article, as (start, end, class)."""
    quoted = quotes[quotes["article_id"] == article_id]
    found = []
    for columns, name in (
        (("start", "end"), "quote"),
        (("speaker_start", "speaker_end"), "speaker"),
        (("cue_start", "cue_end"), "cue"),
    ):
        rows = quoted[list(columns)].dropna()
        found += [(int(s), int(e), name) for s, e in rows.itertuples(index=False)]
    named = mentions[mentions["article_id"] == article_id]
    found += [(int(s), int(e), f"ent ent-{label}") for s, e, label in _spans(named)]
    return found


def _spans(mentions: pd.DataFrame):
    return mentions[["start", "end", "label"]].itertuples(index=False)


LEGEND = (
    '<p class="legend"><span class="quote">quote</span><span class="speaker">speaker</span>'
    '<span class="cue">cue</span><span class="ent ent-PERSON">person</span>'
    '<span class="ent ent-ORG">organisation</span><span class="ent ent-GPE">place</span>'
    '<span class="ent">other entity</span></p>'
)


def article_view(article: pd.Series, quotes: pd.DataFrame, mentions: pd.DataFrame) -> str:
    """One article's section: headline, where and when, the highlighted text."""
    spans = spans_of(article["article_id"], quotes, mentions)
    when = "" if pd.isna(article["published_at"]) else str(article["published_at"])[:16]
    source = "" if pd.isna(article["source"]) else article["source"]
    return (
        f'<section class="view" id="{article_anchor(article["article_id"])}">'
        f"<h3>{escape(str(article['title'] or article['article_id']))}</h3>"
        f"<p>{escape(' · '.join(filter(None, [source, when, article['article_id']])))}"
        f' · <a href="#top">back to the top</a></p>{LEGEND}'
        f'<div class="text">{highlight(article["text"], spans)}</div></section>'
    )


def said_by(quotes: pd.DataFrame, speaker_id: str) -> pd.DataFrame:
    """The quotes a speaker's view lists: their first outer quotes."""
    outer = quotes[quotes["parent_quote_id"].isna()]
    return outer[outer["speaker_id"] == speaker_id].head(QUOTES_PER_SPEAKER)


def speaker_view(speaker: pd.Series, said: pd.DataFrame, titles: dict[str, str]) -> str:
    """One speaker's section: their quotes, each linked to its article's view."""
    rows = [
        (
            row.text,
            row.cue,
            link(titles.get(row.article_id) or row.article_id, article_anchor(row.article_id)),
        )
        for row in said.itertuples()
    ]
    shown = "" if len(said) == speaker["quote_count"] else f" (the first {len(said)})"
    return (
        f'<section class="view" id="{speaker_anchor(speaker["speaker_id"])}">'
        f"<h3>{escape(speaker['name'])}: {speaker['quote_count']} quotes{shown}</h3>"
        f'<p><a href="#top">back to the top</a></p>'
        f"{table(['quote', 'cue', 'article'], rows)}</section>"
    )
