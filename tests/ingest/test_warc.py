"""WARC archives: pages read as web pages, other records counted, damage a reject at its
offset, pieces that seek to their records; archives written here with warcio."""

import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsquotes.ingest import plan_pieces, read_batch, split_piece
from newsquotes.ingest.plan import Batch
from newsquotes.ingest.warc import walk
from newsquotes.records import RawArticle, Reject

STORY = (
    "<p>The harbour authority said on Tuesday that the new ferry terminal would open in "
    "May, two years later than planned, after the council approved the extra budget.</p>"
    "<p>“We are confident the work will be finished this time,” said Ann Lee, who chairs "
    "the authority. Traders in the old port welcomed the decision.</p>"
)


def page(number: int, dated: bool = True) -> bytes:
    date = '<meta property="article:published_time" content="2024-03-0{}T08:00:00Z">'
    head = f"<title>Ferry terminal {number}</title>" + (date.format(number) if dated else "")
    body = f"<article><h1>Ferry terminal {number}</h1>{STORY}<p>Story {number}.</p></article>"
    return f"<html><head>{head}</head><body>{body}</body></html>".encode()


def write_warc(path, records, gzip=True):
    """`records`: (kind, uri, status, content type, payload) written in order."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for kind, uri, status, mime, payload in records:
            http = StatusAndHeaders(status, [("Content-Type", mime)], protocol="HTTP/1.1")
            if kind == "request":
                http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "x")], is_http_request=True)
            record = writer.create_warc_record(
                uri,
                kind,
                payload=io.BytesIO(payload),
                length=len(payload),
                http_headers=http,
                warc_headers_dict={"WARC-Date": "2024-03-09T10:00:00Z"},
            )
            writer.write_record(record)
    return path


def mixed(pages=3, undated=()):
    html = "text/html; charset=utf-8"
    records = []
    for n in range(1, pages + 1):
        uri = f"https://news.example/{n}"
        records.append(("request", uri, "", "", b""))
        records.append(("response", uri, "200 OK", html, page(n, n not in undated)))
    records.append(("response", "https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG"))
    records.append(("response", "https://news.example/old", "301 Moved", html, b""))
    return records


def read_all(paths, batch_size=64):
    pieces = list(plan_pieces(paths, batch_size))
    return pieces, [item for p in pieces for item in read_batch(Batch((p,)), 10**7)]


@pytest.mark.parametrize("gzip", [True, False])
def test_html_responses_are_articles_and_other_records_are_counted(tmp_path, gzip):
    archive = write_warc(tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc"), mixed(), gzip)
    (piece,), items = read_all([archive])
    assert [type(item) for item in items] == [RawArticle] * 3
    first = items[0]
    assert first.url == "https://news.example/1" and first.title == "Ferry terminal 1"
    assert first.published_at.isoformat().startswith("2024-03-01T08:00")
    assert "ferry terminal would open in May" in first.text and first.input_format == "html"
    assert first.location.byte_offset > 0 and first.location.line is None
    assert piece.records == 3
    assert dict(piece.others) == {
        "request": 3,
        "response 301": 1,
        "response not HTML": 1,
        "warcinfo": 1,
    }


def test_the_archive_date_is_the_fallback_and_ids_are_stable(tmp_path):
    archive = write_warc(tmp_path / "crawl.warc.gz", mixed(undated={2}))
    _, items = read_all([archive])
    assert items[1].published_at.isoformat().startswith("2024-03-09T10:00")
    _, again = read_all([archive])
    assert [i.location.article_id for i in items] == [i.location.article_id for i in again]
    assert len({i.location.article_id for i in items}) == 3


@pytest.mark.parametrize("gzip", [True, False])
def test_pieces_seek_to_their_records_and_read_each_page_once(tmp_path, gzip):
    archive = write_warc(tmp_path / "crawl.warc", mixed(pages=7), gzip)
    pieces, items = read_all([archive], batch_size=3)
    assert [p.records for p in pieces] == [3, 3, 1]
    finer = [sub for p in pieces for sub in split_piece(p, 1)]
    assert [p.records for p in finer] == [1] * 7
    _, whole = read_all([archive], batch_size=64)
    by_piece = [i for p in finer for i in read_batch(Batch((p,)), 10**7)]
    assert [i.title for i in by_piece] == [i.title for i in whole] == [i.title for i in items]


def test_a_damaged_member_is_a_reject_at_its_offset_and_reading_goes_on(tmp_path):
    archive = write_warc(tmp_path / "crawl.warc.gz", mixed(pages=4))
    data = bytearray(archive.read_bytes())
    offsets = [record.offset for record in walk(archive) if record.kind == "page"]
    middle = offsets[1] + 200  # inside the second page's compressed bytes
    data[middle : middle + 40] = b"\x00" * 40
    archive.write_bytes(bytes(data))
    pieces, items = read_all([archive], batch_size=2)
    rejects = [item for item in items if isinstance(item, Reject)]
    assert len(rejects) == 1 and rejects[0].location.byte_offset == offsets[1]
    assert "damaged WARC record" in rejects[0].reason
    titles = [item.title for item in items if isinstance(item, RawArticle)]
    assert titles == ["Ferry terminal 1", "Ferry terminal 3", "Ferry terminal 4"]
    assert sum(p.records for p in pieces) == len(items) == 4


@pytest.mark.parametrize("gzip", [True, False])
def test_a_truncated_last_record_is_a_reject(tmp_path, gzip):
    archive = write_warc(tmp_path / "crawl.warc", mixed(pages=2)[:4], gzip)
    archive.write_bytes(archive.read_bytes()[:-300])
    pieces, items = read_all([archive])
    assert [type(item) for item in items] == [RawArticle, Reject]
    assert items[1].location.byte_offset > items[0].location.byte_offset
    assert sum(p.records for p in pieces) == 2
    assert len({Reject.row(i)["reject_id"] for i in items if isinstance(i, Reject)}) == 1


def test_a_file_that_is_no_warc_and_an_empty_one_are_rejects(tmp_path):
    (tmp_path / "notes.warc").write_text("just some text, not an archive\n")
    (tmp_path / "empty.warc.gz").write_bytes(b"")
    _, items = read_all([tmp_path])
    assert [type(item) for item in items] == [Reject, Reject]
    assert {item.reason for item in items} >= {"no WARC records"}


def test_real_pages_in_a_warc_read_as_the_same_pages_saved_as_files(shared_dir, tmp_path):
    import gzip

    from newsquotes.clean import clean_batch

    pages = sorted((shared_dir / "eval" / "html" / "pages").glob("*.html.gz"))[:6]
    html = "text/html; charset=utf-8"
    records = [
        ("response", f"https://page.example/{n}", "200 OK", html, gzip.decompress(p.read_bytes()))
        for n, p in enumerate(pages)
    ]
    _, from_warc = read_all([write_warc(tmp_path / "pages.warc.gz", records)])
    _, from_files = read_all(pages)
    fields = ("text", "title", "subtitle", "authors", "published_at", "source", "language")
    for archived, saved in zip(clean_batch(from_warc), clean_batch(from_files), strict=True):
        assert type(archived) is type(saved)
        if not isinstance(saved, Reject):
            assert [getattr(archived, f) for f in fields] == [getattr(saved, f) for f in fields]


def test_damage_in_a_record_that_is_no_page_spares_the_page_after_it(tmp_path):
    archive = write_warc(tmp_path / "crawl.warc.gz", mixed(pages=2))
    records = list(walk(archive))
    request = next(
        r.offset for r in records if r.kind == "request" and r.offset > records[2].offset
    )
    data = bytearray(archive.read_bytes())
    data[request + 40 : request + 60] = b"\x00" * 20
    archive.write_bytes(bytes(data))
    _, items = read_all([archive])
    assert [type(item) for item in items] == [RawArticle, Reject, RawArticle]
    assert items[1].location.byte_offset == request and items[2].title == "Ferry terminal 2"


def test_a_page_over_the_limit_is_a_reject_unread(tmp_path, monkeypatch):
    from newsquotes.ingest import warc

    monkeypatch.setattr(warc, "MAX_PAGE_BYTES", 500)
    _, items = read_all([write_warc(tmp_path / "crawl.warc.gz", mixed(pages=1))])
    assert [type(item) for item in items] == [Reject]
    assert "over the limit of 500" in items[0].reason


@pytest.mark.parametrize("seed", range(8))
def test_planning_and_reading_agree_on_every_record_of_a_damaged_archive(tmp_path, seed):
    import random

    archive = write_warc(tmp_path / "crawl.warc.gz", mixed(pages=12))
    chance = random.Random(seed)
    data = bytearray(archive.read_bytes())
    for _ in range(3):
        at = chance.randrange(len(data))
        data[at : at + 30] = chance.randbytes(30)
    archive.write_bytes(bytes(data[: chance.randrange(len(data) // 2, len(data) + 1)]))
    pieces, items = read_all([archive], batch_size=4)
    whole = [record for record in walk(archive, read_pages=True) if record.is_input]
    assert sum(p.records for p in pieces) == len(items) == len(whole)
    offsets = [item.location.byte_offset for item in items]
    assert offsets == sorted(set(offsets))
