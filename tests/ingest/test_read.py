import gzip
from datetime import datetime

import pytest

from newsquotes.ingest.plan import plan_batches
from newsquotes.ingest.read import read_batch
from newsquotes.records import RawArticle
from tests.conftest import SEED_FILE


def read_all(paths, batch_size=64):
    return [item for batch in plan_batches(paths, batch_size) for item in read_batch(batch, 10**7)]


def test_seed_header_is_parsed_into_fields():
    (article,) = read_all([SEED_FILE])
    assert article.title == "Secret diplomacy: US ex-officials, North Koreans quietly meet"
    assert article.subtitle.startswith("In public, both sides regularly fire barbs")
    assert article.published_at == datetime(2016, 9, 23, 21, 0)
    assert article.updated_at == datetime(2016, 9, 23, 22, 55)
    assert article.text.startswith("Officially, the US and North Korea barely speak")
    assert "PUBLISHED" not in article.text and article.title not in article.text
    assert article.location.source_id == SEED_FILE.name


def test_jsonl_records_keep_known_fields_and_metadata(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": "a1", "text": "Body one.", "title": "One", "published_at": "2020-01-02T03:04:05",'
        ' "url": "https://example.org/1", "source": "Wire", "section": "world"}\n'
        "\n"
        '{"id": 2, "text": "Body two."}\n',
        encoding="utf-8",
    )
    first, second = read_all([tmp_path])
    assert (first.location.source_id, first.title, first.url, first.source) == (
        "a1",
        "One",
        "https://example.org/1",
        "Wire",
    )
    assert first.published_at == datetime(2020, 1, 2, 3, 4, 5)
    assert first.metadata == {"section": "world"}
    assert (second.location.source_id, second.location.line) == ("2", 3)


def test_bad_jsonl_lines_are_rejected_with_their_line_number(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": "ok", "text": "Fine."}\n{not json\n{"text": "no id"}\n', encoding="utf-8"
    )
    items = read_all([feed])
    assert isinstance(items[0], RawArticle)
    assert [(r.location.line, r.reason) for r in items[1:]] == [
        (2, "line 2: malformed JSON (Expecting property name enclosed in double quotes)"),
        (3, "line 3: missing 'id' (tried id, newid, doc_id, article_id, guid, uuid)"),
    ]


def test_unreadable_files_become_rejects_with_reasons(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "table.xyz").write_text("just some words")
    (tmp_path / "blank.html").write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<footer>© 2024 Example Media</footer></body></html>"
    )
    story = gzip.compress(" ".join(f"word{i}" for i in range(2000)).encode())
    (tmp_path / "cut.txt.gz").write_bytes(story[: len(story) // 2])
    reasons = {r.location.source_id: r.reason for r in read_all([tmp_path])}
    assert reasons == {
        "binary.txt": "binary file (contains NUL bytes)",
        "blank.html": "web page has no article text (no main content found)",
        "cut.txt.gz": "damaged or truncated gzip file (Compressed file ended before the "
        "end-of-stream marker was reached)",
        "empty.txt": "empty file",
        "notes.pdf": "binary file (a PDF document)",
        "table.xyz": "unsupported file type '.xyz'",
    }


def test_legacy_encodings_are_detected_and_recorded(tmp_path):
    (tmp_path / "latin1.txt").write_bytes(
        "Café society\n\nIt was “fine”, he said.".encode("cp1252")
    )
    (article,) = read_all([tmp_path])
    assert (article.title, article.text) == ("Café society", "It was “fine”, he said.")
    assert article.metadata == {"encoding": "cp1252"}


def test_files_over_the_size_limit_are_rejected(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 100)
    (reject,) = [i for c in plan_batches([tmp_path], 8) for i in read_batch(c, 100)]
    assert reject.reason == "file is 500 bytes, over the limit of 100"


def test_large_jsonl_is_split_into_batches_that_keep_line_numbers(tmp_path):
    feed = tmp_path / "big.jsonl"
    feed.write_text("".join(f'{{"id": {i}, "text": "Text {i}."}}\n' for i in range(10)))
    batches = plan_batches([feed], batch_size=4)
    assert [batch.records for batch in batches] == [4, 4, 2]
    lines = [item.location.line for batch in batches for item in read_batch(batch, 10**7)]
    assert lines == list(range(1, 11))


def test_article_ids_are_stable_and_distinct(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}\n')
    first = [a.location.article_id for a in read_all([feed])]
    again = [a.location.article_id for a in read_all([feed])]
    assert first == again and len(set(first)) == 2


PAGE = """<!DOCTYPE html><html lang="en"><head>
<title>Council approves new bridge | Riverside Gazette</title>
<meta property="og:site_name" content="Riverside Gazette">
<meta name="author" content="Maria Lopez">
<meta property="article:published_time" content="2023-05-04T09:30:00+02:00">
<link rel="canonical" href="https://gazette.example.org/2023/05/bridge">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li></ul></nav>
<article><h1>Council approves new bridge</h1>
<p>The city council voted on Tuesday to build a new pedestrian bridge across the river,
ending a debate that has divided residents for more than a decade.</p>
<p>“This bridge will connect two halves of our city,” said Mayor Ana Ruiz, who cast the
deciding vote after a four-hour session that ran late into the evening.</p>
<p>Construction is expected to start next spring and to take about two years, according
to the city engineer, who presented the plans to the council last month.</p>
</article>
<footer><p>© 2023 Riverside Gazette. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


def test_web_pages_give_main_text_and_metadata(tmp_path):
    (tmp_path / "bridge.html").write_text(PAGE, encoding="utf-8")
    (article,) = read_all([tmp_path])
    assert article.title.startswith("Council approves new bridge")
    assert article.text.startswith("The city council voted on Tuesday")
    assert "said Mayor Ana Ruiz" in article.text and "“" in article.text
    assert "Politics" not in article.text and "Privacy" not in article.text
    assert (article.authors, article.source) == ("Maria Lopez", "Riverside Gazette")
    assert article.url == "https://gazette.example.org/2023/05/bridge"
    assert article.published_at.isoformat() == "2023-05-04T09:30:00+02:00"
    assert article.input_format == "html"


def test_content_overrules_the_name_and_gzip_is_transparent(tmp_path):
    (tmp_path / "saved.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (tmp_path / "feed").write_text('{"id": "x1", "text": "Body of a story."}\n')
    items = read_all([tmp_path])
    assert [(i.location.source_id, i.input_format) for i in items] == [
        ("x1", "jsonl"),
        ("page.html.gz", "html"),
        ("saved.txt", "html"),
    ]


def test_gzip_jsonl_is_split_into_batches_with_lines_and_byte_offsets(tmp_path):
    lines = [f'{{"id": {i}, "text": "Story number {i}."}}\n'.encode() for i in range(7)]
    (tmp_path / "feed.jsonl.gz").write_bytes(gzip.compress(b"".join(lines)))
    batches = plan_batches([tmp_path], batch_size=3)
    assert [c.records for c in batches] == [3, 3, 1]
    items = [item for batch in batches for item in read_batch(batch, 10**7)]
    assert [i.location.line for i in items] == list(range(1, 8))
    offsets = [i.location.byte_offset for i in items]
    assert offsets == [sum(len(line) for line in lines[:n]) for n in range(7)]


def test_truncated_gzip_feed_keeps_the_records_before_the_damage(tmp_path):
    body = "".join(
        f'{{"id": {i}, "text": "Story {i} {"x" * (i * 37 % 91)}"}}\n' for i in range(400)
    )
    packed = gzip.compress(body.encode())
    (tmp_path / "feed.jsonl.gz").write_bytes(packed[: len(packed) * 2 // 3])
    items = read_all([tmp_path], batch_size=1000)
    *articles, damage = items
    assert articles and all(isinstance(a, RawArticle) for a in articles)
    assert damage.reason.startswith(f"damaged or truncated file after line {len(articles)}")


CSV_TEXT = (
    "newid,headline,body,date\n"
    '1,First,"Line one of the story,\nwith a quoted ""word"".",2020-03-01T10:00:00Z\n'
    "2,Second,Only a body,\n"
    "3,Third\n"
    "4,Fourth,The last story.,1 March 2020\n"
)


def test_csv_rows_map_to_articles_and_bad_rows_to_rejects(tmp_path):
    (tmp_path / "export.csv").write_text(CSV_TEXT, encoding="utf-8")
    items = read_all([tmp_path], batch_size=2)
    first, second, bad, last = items
    assert (first.location.source_id, first.title, first.location.line) == ("1", "First", 2)
    assert first.text == 'Line one of the story,\nwith a quoted "word".'
    assert first.published_at.utcoffset().total_seconds() == 0
    assert (second.location.line, last.location.line) == (4, 6)
    assert bad.reason == "line 5: CSV row has 2 columns, the header has 4"
    assert last.published_at == datetime(2020, 3, 1)
    assert first.location.byte_offset == len("newid,headline,body,date\n")


def test_field_mapping_names_other_layouts(tmp_path):
    from newsquotes.ingest.fields import FieldMap

    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"key": "k1", "story": "The story.", "body": "Not this one."}\n')
    fields = FieldMap.parse(["id=key", "text=story"])
    (article,) = [i for c in plan_batches([feed], 8) for i in read_batch(c, 10**7, fields)]
    assert (article.location.source_id, article.text) == ("k1", "The story.")
    assert article.metadata == {"body": "Not this one."}
    with pytest.raises(ValueError, match="unknown field 'txt'"):
        FieldMap.parse(["txt=body"])
    with pytest.raises(ValueError, match="is not NAME=INPUT_FIELD"):
        FieldMap.parse(["text"])


@pytest.mark.parametrize("corpus", ["bbc.jsonl", "reuters21578.jsonl"])
def test_shared_corpora_load_without_options(shared_dir, tmp_path, corpus):
    with open(shared_dir / "corpora" / corpus, "rb") as source:
        sample = [next(source) for _ in range(40)]
    (tmp_path / corpus).write_bytes(b"".join(sample))
    items = read_all([tmp_path])
    articles = [i for i in items if isinstance(i, RawArticle)]
    assert len(items) == 40 and len(articles) >= 35  # Reuters has a few records without body
    assert all(a.title and len(a.text) > 50 for a in articles)
    if corpus.startswith("reuters"):
        assert all(a.published_at.year == 1987 and a.dateline for a in articles)


def test_csv_with_semicolons_and_a_legacy_encoding(tmp_path):
    (tmp_path / "export.csv").write_bytes(
        "id;titel;text\n7;Café;Ein kurzer Text.\n".encode("cp1252")
    )
    (article,) = read_all([tmp_path])
    assert (article.location.source_id, article.text) == ("7", "Ein kurzer Text.")
    assert article.metadata == {"titel": "Café"}


def test_timestamps_keep_stated_zones_and_never_borrow_from_today():
    from datetime import timedelta

    from newsquotes.ingest.fields import parse_timestamp

    assert parse_timestamp("Tue, 19 Nov 2019 13:20:00 GMT").utcoffset() == timedelta(0)
    assert parse_timestamp("2023-05-04T09:30:00+0200").utcoffset() == timedelta(hours=2)
    assert parse_timestamp("26-FEB-1987 15:01:01.79") == datetime(1987, 2, 26, 15, 1, 1, 790000)
    assert parse_timestamp("March 2020") == datetime(2020, 3, 1)
    assert [parse_timestamp(v) for v in ("May 5", "5", "1574168580", "soon")] == [None] * 4


def test_pieces_recut_into_equal_batches_read_every_record_once_in_order(tmp_path):
    from newsquotes.ingest.plan import batch_pieces, merge_contiguous, plan_pieces, split_piece

    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(f'{{"id": "r{i}", "text": "Text {i}."}}\n' for i in range(10)))
    pieces = list(plan_pieces([feed], 6))  # 6 + 4 records
    singles = (p for piece in pieces for p in split_piece(piece, 1))
    batches = [merge_contiguous(c) for c in batch_pieces(singles, 4)]
    assert [c.records for c in batches] == [4, 4, 2]
    assert [len(c.pieces) for c in batches] == [1, 2, 1]  # the middle one crosses two pieces
    read = [item.location.line for c in batches for item in read_batch(c, 10**6)]
    assert read == list(range(1, 11))
