"""Texts of gold files that keep offsets only: a record names its text by corpus and id
("text_from") instead of holding it, so that no article text is committed with the gold
(`gold/quotes/spotcheck.jsonl`). The texts are read from the research data in `../shared`
when the gold is scored.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

REUTERS = "reuters21578"
HTML = "html"
_PATHS = {REUTERS: "corpora/reuters21578.jsonl", HTML: "eval/html/ground-truth.json"}


def text_from(source: dict, shared: Path) -> str:
    """The text a gold record names: a Reuters body by `newid`, or the article body of an
    HTML page of the extraction benchmark by page id."""
    corpus, key = source.get("corpus"), source.get("id")
    if corpus not in _PATHS:
        raise ValueError(f"unknown corpus {corpus!r} (known: {', '.join(_PATHS)})")
    texts = _texts(corpus, shared / _PATHS[corpus])
    if str(key) not in texts:
        raise ValueError(f"{corpus} has no text {key!r} under {shared}")
    return texts[str(key)]


@cache
def _texts(corpus: str, path: Path) -> dict[str, str]:
    if not path.is_file():
        raise ValueError(f"texts of {corpus} not found: {path}")
    if corpus == HTML:
        pages = json.loads(path.read_text(encoding="utf-8"))
        return {key: page["articleBody"] for key, page in pages.items()}
    with path.open(encoding="utf-8") as lines:
        records = (json.loads(line) for line in lines if line.strip())
        return {str(r["newid"]): r.get("body") or "" for r in records}
