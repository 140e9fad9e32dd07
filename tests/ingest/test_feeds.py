"""RSS 2.0, RSS 1.0 and Atom feed files: entries as articles, full content preferred."""

import gzip

from newsquotes.ingest import plan_pieces, read_batch
from newsquotes.ingest.plan import Batch
from newsquotes.records import RawArticle, Reject

BODY = (
    "<p>The harbour authority said on Tuesday that the ferry terminal would open in May.</p>"
    "<p>“We are confident,” said Ann Lee.<br/>Traders welcomed it.</p>"
)

RSS2 = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour News</title><link>https://harbour.example/</link>
<item>
  <title>Ferry terminal delayed</title><link>https://harbour.example/ferry</link>
  <guid>https://harbour.example/?p=1</guid>
  <pubDate>Tue, 05 Mar 2024 08:30:00 +0100</pubDate>
  <dc:creator>Jane Smith</dc:creator>
  <description>The terminal opens late.</description>
  <content:encoded><![CDATA[{BODY}]]></content:encoded>
</item>
<item>
  <title>Market day moved</title><link>https://harbour.example/market</link>
  <pubDate>Wed, 06 Mar 2024 09:00:00 GMT</pubDate>
  <description>&lt;p&gt;Market day moves to Friday, the council said on Wednesday.&lt;/p&gt;
  </description>
</item>
<item><title>Nothing here</title><guid>empty-1</guid></item>
</channel></rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Port Gazette</title><id>urn:gazette</id><updated>2024-03-05T10:00:00Z</updated>
  <entry>
    <title>Ferry terminal delayed</title><id>urn:gazette:1</id>
    <link href="https://gazette.example/ferry"/>
    <published>2024-03-05T08:30:00-05:00</published><updated>2024-03-05T12:00:00-05:00</updated>
    <author><name>Jane Smith</name></author><author><name>Ali Khan</name></author>
    <summary>The terminal opens late.</summary>
    <content type="html"><![CDATA[{BODY}]]></content>
  </entry>
</feed>
"""

RSS1 = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://old.example/"><title>Old Wire</title><link>https://old.example/</link>
    <items><rdf:Seq><rdf:li resource="https://old.example/1"/></rdf:Seq></items></channel>
  <item rdf:about="https://old.example/1"><title>Council meets</title>
    <link>https://old.example/1</link><dc:date>2024-03-07T18:00:00+02:00</dc:date>
    <description>The council met on Thursday and approved the budget for the year.</description>
  </item>
</rdf:RDF>
"""


def read_all(paths):
    pieces = list(plan_pieces(paths, 64))
    return pieces, [item for p in pieces for item in read_batch(Batch((p,)), 10**7)]


def test_rss2_entries_take_full_content_else_the_summary_flagged(tmp_path):
    (tmp_path / "harbour.rss").write_text(RSS2)
    (piece,), items = read_all([tmp_path])
    assert piece.records == 3
    full, summary, empty = items
    assert full.text.startswith("The harbour authority said on Tuesday")
    assert "\n\n“We are confident,” said Ann Lee.\nTraders welcomed it." in full.text
    assert full.metadata == {"content": "full"} and summary.metadata == {"content": "summary"}
    assert summary.text == "Market day moves to Friday, the council said on Wednesday."
    assert (full.title, full.url, full.source, full.authors) == (
        "Ferry terminal delayed",
        "https://harbour.example/ferry",
        "Harbour News",
        "Jane Smith",
    )
    assert full.published_at.isoformat() == "2024-03-05T08:30:00+01:00"
    assert full.location.source_id == "https://harbour.example/?p=1"
    assert summary.location.source_id == "https://harbour.example/market"  # no guid: link
    assert isinstance(empty, Reject) and "has no content or summary" in empty.reason


def test_atom_entries_keep_zones_and_every_author(tmp_path):
    (tmp_path / "gazette.atom.gz").write_bytes(gzip.compress(ATOM.encode()))
    _, (entry,) = read_all([tmp_path])
    assert entry.published_at.isoformat() == "2024-03-05T08:30:00-05:00"
    assert entry.updated_at.isoformat() == "2024-03-05T12:00:00-05:00"
    assert entry.authors == "Jane Smith; Ali Khan" and entry.source == "Port Gazette"
    assert entry.metadata["content"] == "full"


def test_rss1_and_feeds_under_other_names_are_known_by_content(tmp_path):
    (tmp_path / "old.xml").write_text(RSS1)
    _, (entry,) = read_all([tmp_path])
    assert isinstance(entry, RawArticle) and entry.source == "Old Wire"
    assert entry.published_at.isoformat() == "2024-03-07T18:00:00+02:00"


def test_a_broken_feed_is_a_reject_and_ids_are_stable(tmp_path):
    (tmp_path / "broken.rss").write_text("<rss><channel><title>x</title>")
    (tmp_path / "harbour.rss").write_text(RSS2)
    _, items = read_all([tmp_path])
    assert isinstance(items[0], Reject) and "feed has no entries" in items[0].reason
    _, again = read_all([tmp_path])
    assert [i.location.article_id for i in items] == [i.location.article_id for i in again]
    ids = [Reject.row(i)["reject_id"] for i in items if isinstance(i, Reject)]
    assert len(set(ids)) == len(ids) == 2
