"""Property tests: no bytes or text, however malformed, makes ingest or cleaning raise."""

import gzip
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsquotes.clean.article import clean_article, clean_body
from newsquotes.ingest.plan import plan_batches
from newsquotes.ingest.read import read_batch
from newsquotes.records import Article, InputLocation, RawArticle, Reject

SUFFIXES = [".txt", ".html", ".jsonl", ".csv", ".txt.gz", ".jsonl.gz", ".csv.gz", ""]
# Bytes that look like the formats (and their corruptions), not only uniform noise.
FRAGMENTS = st.sampled_from(
    [b"{", b"}", b'"id": 1', b'"text": "', b",", b'"', b"\n", b"\r\n", b"<html>", b"<p>",
     b"</p>", b"\x00", b"\xff\xfe", b"\xc3\xa9", b"\xe9", b"PUBLISHED : ", b"By ", b"\x1f\x8b"]
)  # fmt: skip
CONTENT = st.one_of(
    st.binary(max_size=400),
    st.lists(st.one_of(FRAGMENTS, st.binary(max_size=8)), max_size=40).map(b"".join),
)
_EXAMPLE = itertools.count()
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(content=CONTENT, suffix=st.sampled_from(SUFFIXES), gzipped=st.booleans())
def test_any_file_becomes_articles_or_rejects(tmp_path_factory, content, suffix, gzipped):
    folder = tmp_path_factory.getbasetemp() / f"input-{next(_EXAMPLE)}"  # mktemp uses random
    folder.mkdir()
    data = gzip.compress(content) if gzipped else content
    (folder / f"input{suffix}").write_bytes(data)
    items = [item for c in plan_batches([folder], 4) for item in read_batch(c, 10**6)]
    assert items and all(isinstance(item, RawArticle | Reject) for item in items)
    cleaned = [clean_article(item) for item in items if isinstance(item, RawArticle)]
    assert all(isinstance(item, Article | Reject) for item in cleaned)


@FAST
@given(text=st.text(max_size=600))
def test_any_text_cleans_without_raising(text):
    body, *_ = clean_body(text)
    assert "\r" not in body and "\n\n\n" not in body
    result = clean_article(RawArticle(location=InputLocation("x.txt", "x.txt"), text=text))
    assert isinstance(result, Article | Reject)
