"""A published part file altered after publishing (valid Parquet, wrong offsets) is not
trusted: the next run validates it again instead of republishing it under 'passed'."""

import pandas as pd
import pyarrow as pa

from newsquotes.contracts import load_contracts
from newsquotes.output import layout
from newsquotes.output.parts import rewrite_part
from newsquotes.output.storage import Location
from tests.end_to_end.flow_helpers import ARTICLES, load_news_pipeline, write_feed


def shift_published_quotes(output) -> None:
    """Rewrite the published quotes in place with every start offset moved by one."""
    contract = load_contracts()["quotes"]
    for part in (layout.published_dir(output) / "quotes").files():
        table = part.read_table(schema=contract.arrow_schema())
        index = table.schema.get_field_index("start")
        shifted = pa.array([start + 1 for start in table["start"].to_pylist()], pa.int64())
        rewrite_part(part, contract, table.set_column(index, table.schema.field(index), shifted))


def test_an_altered_published_part_is_validated_again_and_its_articles_held_back(
    prefect_harness, tmp_path
):
    news_pipeline = load_news_pipeline()
    feed = write_feed(tmp_path / "feed.jsonl", ARTICLES)
    output = tmp_path / "out"
    news_pipeline(inputs=[str(feed)], output=str(output), workers=1)
    shift_published_quotes(Location.of(output))

    more = write_feed(tmp_path / "more.jsonl", {"b1": "“Done,” said Ann Lee in Leeds."})
    state = news_pipeline(
        inputs=[str(feed), str(more)],
        output=str(output),
        workers=1,
        max_quarantine=1.0,
        return_state=True,
    )
    assert state.is_completed(), state.message
    assert state.result()["quarantined"] == 3  # every article whose quotes were shifted
    quotes = pd.read_parquet(output / "quotes")
    texts = pd.read_parquet(output / "articles").set_index("article_id")["text"]
    for row in quotes.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text
