"""RSS 2.0, RSS 1.0 and Atom feeds saved as files: each entry an article, with feedparser.

An entry's full content (`content:encoded`, Atom `content`) is its text when the feed has
it; otherwise its summary is, and `metadata.content` says "summary" (a teaser, not the
article). The feed's title is the entry's `source`. feedparser is given the file's bytes
as a stream, never a name or URL, so it never fetches anything over the network.
"""

from __future__ import annotations

import io
import re

import feedparser
import lxml.html
from lxml import etree

from newsquotes.ingest.authors import author_names
from newsquotes.ingest.fields import join_authors, parse_timestamp
from newsquotes.records import InputLocation, RawArticle, Reject

# The start of a feed document: <rss, an Atom <feed, or an RSS 1.0 <rdf:RDF.
_FEED_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S)
_ENTRY = re.compile(rb"<(?:\w+:)?(?:item|entry)[\s>/]")
_BLOCKS = {"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "pre"}


def looks_like_feed(head: bytes) -> bool:
    return bool(_FEED_START.match(head.removeprefix(b"\xef\xbb\xbf")))


def count_entries(data: bytes) -> int:
    """Entries of a feed counted by their tags, without parsing (planning's estimate)."""
    return len(_ENTRY.findall(data))


def read_feed(data: bytes, path: str, relative: str) -> list[RawArticle | Reject]:
    """Every entry of a feed file as a raw article, or a reject naming the entry."""
    parsed = feedparser.parse(io.BytesIO(data))
    whole = InputLocation(path, relative)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        reason = f"feed has no entries ({problem})" if problem else "feed has no entries"
        return [Reject(whole, "ingest", reason)]
    source = parsed.feed.get("title") or None
    return [_entry(entry, n, source, path, relative) for n, entry in enumerate(parsed.entries, 1)]


def _entry(entry, number: int, source: str | None, path: str, relative: str):
    """One entry; it is known by its id (guid), else its link, else its place in the feed."""
    name = entry.get("id") or entry.get("link") or f"entry {number}"
    location = InputLocation(path, name, key=f"{relative}#{name}")
    contents = entry.get("content") or []
    full = next((c for c in contents if c.get("value", "").strip()), None)
    body = full or entry.get("summary_detail") or {}
    text = _text(body.get("value", ""), body.get("type", "text/html"))
    if not text:
        return Reject(location, "ingest", f"feed entry {number} has no content or summary")
    # plain dict look-ups: feedparser's own maps "updated" to "published" (deprecated)
    published, updated = dict.get(entry, "published"), dict.get(entry, "updated")
    return RawArticle(
        location=location,
        text=text,
        title=entry.get("title") or None,
        published_at=parse_timestamp(published or updated),
        updated_at=parse_timestamp(updated) if published else None,
        url=entry.get("link") or None,
        source=source,
        authors=author_names(join_authors(entry.get("authors") or entry.get("author")), source),
        metadata={"content": "full" if full else "summary"},
        input_format="html" if "html" in body.get("type", "") else "txt",
    )


def _text(value: str, kind: str) -> str:
    """Plain text of an entry's content: HTML blocks become paragraphs."""
    if "html" not in kind:
        return value.strip()
    try:
        root = lxml.html.fragment_fromstring(value, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for element in root.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    text = "".join(root.itertext())
    return "\n\n".join(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())
