"""The code and the contract agree: every Parquet file the pipeline writes, read on its own."""

from __future__ import annotations

import ast
import json
import shutil

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from newsquotes.contracts.model import load_contracts
from newsquotes.output.history import history, report
from tests.conftest import SEED_FILE

from .flow_helpers import load_news_pipeline


@pytest.fixture(scope="module")
def published(prefect_harness, tmp_path_factory):
    """`output/` of the real flow over the seed article and one unreadable input."""
    flow = load_news_pipeline()
    inputs = tmp_path_factory.mktemp("inputs")
    shutil.copy(SEED_FILE, inputs)
    (inputs / "empty.txt").write_text("")
    output = tmp_path_factory.mktemp("published") / "output"
    state = flow(inputs=[str(inputs)], output=str(output), return_state=True)
    assert state.is_completed(), state.message
    return output


def part_files(output, table):
    files = sorted((output / table).glob("*.parquet"))
    assert files, f"no Parquet files for {table}"
    return files


def test_each_file_has_the_contracts_names_order_types_and_nullability(published):
    for table, contract in load_contracts().items():
        for path in part_files(published, table):
            schema = pq.read_schema(path)
            where = f"{table}/{path.name}"
            assert schema.names == contract.column_names, where
            for column in contract.columns:
                written = schema.field(column.name)
                assert written.type == column.arrow_type, f"{where}: {column.name} {written.type}"
                assert written.nullable == column.nullable, f"{where}: {column.name} nullability"


def test_each_file_carries_the_contract_version_and_column_descriptions(published):
    for table, contract in load_contracts().items():
        for path in part_files(published, table):
            schema = pq.read_schema(path)
            assert schema.metadata[b"contract"] == table.encode()
            assert schema.metadata[b"contract_version"] == contract.version.encode()
            descriptions = json.loads(schema.metadata[b"column_descriptions"])
            for column in contract.columns:
                assert descriptions[column.name] == column.description
                field_description = schema.field(column.name).metadata[b"description"]
                assert field_description.decode() == column.description


def test_files_are_zstd_with_enums_dictionary_encoded_and_ids_plain(published):
    for table, contract in load_contracts().items():
        for path in part_files(published, table):
            metadata = pq.ParquetFile(path).metadata
            for group in range(metadata.num_row_groups):
                if metadata.row_group(group).num_rows == 0:
                    continue  # an empty table (no duplicates in this run) has no encodings
                for index, column in enumerate(contract.columns):
                    batch = metadata.row_group(group).column(index)
                    assert batch.compression == "ZSTD", f"{table}.{column.name}"
                    dictionary = "RLE_DICTIONARY" in batch.encodings
                    if column.enum and batch.num_values:  # an empty part has no dictionary page
                        assert dictionary, f"{table}.{column.name} is an enum"
                    if column.unique:
                        assert not dictionary, f"{table}.{column.name} is a unique id"


def test_enums_read_as_strings_or_as_categoricals_on_request(published):
    quotes = pd.read_parquet(published / "quotes")
    assert quotes["kind"].dtype == "str"
    categorical = pd.read_parquet(published / "quotes", read_dictionary=["kind"])
    assert isinstance(categorical["kind"].dtype, pd.CategoricalDtype)
    assert set(categorical["kind"]) == set(quotes["kind"])


def run_pandas(code: str):
    """Run a pandas example; its last line is the expression whose value is the result."""
    module = ast.parse(code)
    *body, last = module.body
    assert isinstance(last, ast.Expr), "an example's last statement is its result"
    namespace: dict = {}
    exec(compile(ast.Module(body=body, type_ignores=[]), "<example>", "exec"), namespace)
    return eval(compile(ast.Expression(last.value), "<example>", "eval"), namespace)


def test_data_dictionary_examples_run_and_agree(published, monkeypatch):
    monkeypatch.chdir(published.parent)  # the examples read output/<table>
    examples = [(t, e) for t, c in load_contracts().items() for e in c.examples]
    assert examples
    for table, example in examples:
        frame = run_pandas(example.pandas)
        rows = duckdb.sql(example.duckdb).fetchall()
        assert len(frame) > 0, f"{table}: {example.title}: pandas gave nothing"
        assert len(frame) == len(rows), f"{table}: {example.title}: pandas and DuckDB differ"


def test_top_quoted_people_example_names_the_seed_speakers(published, monkeypatch):
    monkeypatch.chdir(published.parent)
    example = load_contracts()["quotes"].examples[0]
    top = run_pandas(example.pandas)
    rows = duckdb.sql(example.duckdb).fetchall()
    assert "Leon Sigal" in top.index
    assert [(name, count) for name, count, _ in rows] == list(top["quotes"].items())


def test_validation_results_record_versions_and_when_each_table_passed(published):
    (results,) = (published / "validation").glob("*.json")
    payload = json.loads(results.read_text())
    contracts = load_contracts()
    assert payload["contract_versions"] == {t: c.version for t, c in contracts.items()}
    entries = {entry.table: entry for entry in history(published / "validation")}
    assert set(entries) == set(contracts)
    assert all(e.last_passed == payload["run_id"] for e in entries.values())
    text = report(published)
    assert "published run:" in text and "never" not in text
