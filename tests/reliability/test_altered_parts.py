"""A published part file altered after publishing (valid Parquet, wrong offsets) is not
trusted: the next run validates it again instead of republishing it under 'passed'."""

import json
import time

import pandas as pd
import pyarrow as pa

from newsquotes.contracts import load_contracts
from newsquotes.output import carry, layout
from newsquotes.output.parts import rewrite_part
from newsquotes.output.storage import Location
from newsquotes.run import publishing
from tests.end_to_end.flow_helpers import ARTICLES, load_news_pipeline, write_feed
from tests.output.test_layout import stage_run


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


def publish_passed(output: Location, run_id: str) -> Location:
    """Stage and publish a run, with validation results saying it passed."""
    stage_run(output, run_id, "first")
    versions = {name: contract.version for name, contract in load_contracts().items()}
    results = {"run_id": run_id, "success": True, "contract_versions": versions}
    (output / "validation" / f"{run_id}.json").write_text(json.dumps(results))
    return layout.publish(output, run_id)


def trusted_parts(output: Location, published: Location, run_id: str) -> set[str]:
    """The parts a next run carries over and would not validate again."""
    staging = layout.staging_dir(output, run_id)
    parts = carry.carry_over(published, staging, publishing.carried_tables(), set())
    return publishing.validated_parts(output, publishing.Carried(published, parts))


def test_a_part_replaced_on_an_object_store_is_not_trusted_even_at_the_same_size(s3_output):
    output = Location.of(s3_output)
    published = publish_passed(output, "run1")
    (part,) = (published / "articles").files()
    assert trusted_parts(output, published, "run2") == {part.name}  # as published: trusted

    time.sleep(1.1)  # object stores time objects to the second
    with part.filesystem.open_input_stream(part.path) as source:
        replaced = source.read()  # any bytes of the same size: it is another object now
    with part.filesystem.open_output_stream(part.path) as target:
        target.write(replaced)
    assert part.name not in trusted_parts(output, published, "run3")
