"""Part files: written with the contract's schema, in row groups of bounded size."""

import pandas as pd
import pyarrow.parquet as pq

from newsquotes.contracts.model import load_contracts
from newsquotes.output import parts


def test_large_tables_are_split_into_row_groups(tmp_path, monkeypatch):
    monkeypatch.setattr(parts, "ROW_GROUP_BYTES", 20_000)
    contract = load_contracts()["articles"]
    row = {"source_id": "s", "text": "word " * 200, "word_count": 200, "content_hash": "h"}
    row |= {"input_path": "p", "metadata": "{}"}
    rows = [row | {"article_id": f"a{i}"} for i in range(100)]
    path = parts.write_part(tmp_path, contract, rows, 0).local_path
    assert pq.ParquetFile(path).metadata.num_row_groups > 1
    assert pd.read_parquet(path)["article_id"].tolist() == [f"a{i}" for i in range(100)]
