import gzip
from datetime import datetime

from newsquotes.ingest import plan_chunks, read_chunk
from newsquotes.records import RawArticle

from .conftest import SEED_FILE


def read_all(paths, batch_size=64):
    return [item for chunk in plan_chunks(paths, batch_size) for item in read_chunk(chunk, 10**7)]


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
    (reject,) = [i for c in plan_chunks([tmp_path], 8) for i in read_chunk(c, 100)]
    assert reject.reason == "file is 500 bytes, over the limit of 100"


def test_large_jsonl_is_split_into_batches_that_keep_line_numbers(tmp_path):
    feed = tmp_path / "big.jsonl"
    feed.write_text("".join(f'{{"id": {i}, "text": "Text {i}."}}\n' for i in range(10)))
    chunks = plan_chunks([feed], batch_size=4)
    assert [chunk.records for chunk in chunks] == [4, 4, 2]
    lines = [item.location.line for chunk in chunks for item in read_chunk(chunk, 10**7)]
    assert lines == list(range(1, 11))


def test_article_ids_are_stable_and_distinct(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}\n')
    first = [a.location.article_id for a in read_all([feed])]
    again = [a.location.article_id for a in read_all([feed])]
    assert first == again and len(set(first)) == 2
