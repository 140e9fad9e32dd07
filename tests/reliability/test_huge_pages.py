"""A web page too big to extract in reasonable time is a reject, not a worker held for
minutes: trafilatura's time grows with the square of a page's size (4 MB: 12 s, 12 MB:
114 s, so a 40 MB page under the 50 MiB file limit took about 20 minutes)."""

import gzip
import time

from newsquotes.ingest import read_piece
from newsquotes.ingest.plan import Piece
from newsquotes.settings import MAX_PAGE_BYTES

PARAGRAPH = "<p>The council approved the new budget on Monday after a long debate.</p>\n"


def page(size: int) -> bytes:
    body = PARAGRAPH * (size // len(PARAGRAPH) + 1)
    html = f"<html><head><title>Budget</title></head><body><article>{body}</article></body></html>"
    return html.encode()


def test_a_web_page_over_the_page_limit_is_rejected_at_once(tmp_path):
    path = tmp_path / "huge.html.gz"
    data = page(MAX_PAGE_BYTES)
    path.write_bytes(gzip.compress(data, 1))
    start = time.perf_counter()
    (reject,) = read_piece(Piece(str(path), str(tmp_path)), 50 * 1024 * 1024)
    assert time.perf_counter() - start < 2
    assert reject.stage == "ingest"
    assert reject.reason == (
        f"web page is {len(data)} bytes, over the limit of {MAX_PAGE_BYTES} for web pages"
    )


def test_the_page_limit_is_well_above_real_news_pages():
    assert MAX_PAGE_BYTES >= 3 * 1_491_389  # the largest of the 181 evaluation pages
