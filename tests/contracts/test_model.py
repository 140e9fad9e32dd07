import pytest

from newsquotes.contracts.model import (
    BATCH_TABLES,
    ContractViolation,
    load_contracts,
    parse_contract,
)


def test_every_table_has_a_contract_with_a_matching_arrow_schema():
    contracts = load_contracts()
    assert set(BATCH_TABLES) <= set(contracts)
    for contract in contracts.values():
        schema = contract.arrow_schema()
        assert schema.names == contract.column_names
        assert schema.metadata[b"contract_version"] == contract.version.encode()
        for column in contract.columns:
            assert schema.field(column.name).nullable == column.nullable
            assert column.description, f"{contract.table}.{column.name} needs a description"


def test_to_arrow_refuses_nulls_in_required_columns_naming_them():
    contract = load_contracts()["entities"]
    row = {"entity_id": "e", "article_id": "a", "name": None, "label": "PERSON"}
    with pytest.raises(ContractViolation, match="entities.name is required but row 0 is null"):
        contract.to_arrow([row | {"mention_count": 1, "first_start": 0}])


def test_unknown_types_and_span_columns_are_refused_with_the_name():
    with pytest.raises(ValueError, match="'x' has unknown type 'decimal'"):
        parse_contract(
            {"table": "t", "version": "1.0.0", "columns": [{"name": "x", "type": "decimal"}]}
        )
    with pytest.raises(ValueError, match="unknown columns"):
        parse_contract(
            {
                "table": "t",
                "version": "1.0.0",
                "columns": [{"name": "a", "type": "int64"}],
                "spans": [{"start": "a", "end": "b", "text": "c"}],
            }
        )
