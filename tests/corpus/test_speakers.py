"""The corpus speakers table: one row per quoted person across articles."""

import json
from datetime import datetime

import pandas as pd

from newsquotes.contracts.model import load_contracts
from newsquotes.corpus import aggregate
from newsquotes.corpus.gender import Gender
from newsquotes.corpus.speakers import speaker_rows
from newsquotes.names import catalogue_key
from newsquotes.output import parts


def quote(article_id, name, description=None, parent=None, kind="person"):
    label = "PERSON" if kind == "person" else "ORG"
    return {
        "article_id": article_id,
        "parent_quote_id": parent,
        "speaker_id": catalogue_key(name, label) if name else None,
        "speaker_name": name,
        "speaker_description": description,
        "speaker_type": kind if name else "group",
    }


QUOTES = [
    quote("a1", "Leon Sigal", "a former State Department policy official"),
    quote("a1", "Leon Sigal"),
    quote("a1", None),  # unnamed source: "officials"
    quote("a1", None, parent="q1"),  # nested quote
    quote("a2", "Leon Sigal", "a former State Department policy official"),
    quote("a2", "John Delury", "a professor at Yonsei University"),
    quote("a3", "leon sigal", "an analyst"),
]
ARTICLES = [
    {"article_id": "a1", "published_at": datetime(2016, 9, 23, 21, 0)},
    {"article_id": "a2", "published_at": datetime(2016, 10, 2, 8, 30)},
    {"article_id": "a3", "published_at": None},
]


def test_one_row_per_person_with_counts_descriptions_and_dates():
    rows = {r["name"]: r for r in speaker_rows(pd.DataFrame(QUOTES), pd.DataFrame(ARTICLES))}
    assert set(rows) == {"Leon Sigal", "John Delury"}
    sigal = rows["Leon Sigal"]
    assert sigal["speaker_id"] == catalogue_key("Leon Sigal", "PERSON")
    assert (sigal["quote_count"], sigal["article_count"]) == (4, 3)
    assert json.loads(sigal["descriptions"]) == [
        "a former State Department policy official",
        "an analyst",
    ]
    assert sigal["first_seen"] == datetime(2016, 9, 23, 21, 0)
    assert sigal["last_seen"] == datetime(2016, 10, 2, 8, 30)
    assert sigal["first_article_id"] == "a1"
    assert rows["John Delury"]["quote_count"] == 1
    assert (rows["John Delury"]["role"], sigal["role"]) == ("expert", "government")


def test_an_organisation_that_speaks_is_a_row_of_its_kind_without_gender():
    quotes = [*QUOTES, quote("a2", "Pfizer", kind="organisation")]
    genders = {catalogue_key("Pfizer", "ORG"): Gender("male", "a stray pronoun")}
    rows = {
        r["name"]: r for r in speaker_rows(pd.DataFrame(quotes), pd.DataFrame(ARTICLES), genders)
    }
    assert (rows["Pfizer"]["kind"], rows["Pfizer"]["gender"]) == ("organisation", None)
    assert rows["Pfizer"]["role"] is None
    assert rows["Leon Sigal"]["kind"] == "person"


def test_no_named_speaker_gives_no_rows():
    assert speaker_rows(pd.DataFrame([quote("a1", None)]), pd.DataFrame(ARTICLES)) == []


def test_registered_builder_reads_staged_tables_and_fits_the_contract(tmp_path):
    contracts = load_contracts()
    assert contracts["speakers"].scope == "corpus"
    empty_quote = dict.fromkeys(contracts["quotes"].column_names)
    rows = [
        empty_quote
        | q
        | {
            "quote_id": f"q{i}",
            "text": "x",
            "start": 0,
            "end": 1,
            "kind": "direct",
            "rule": "test",
            "confidence": 0.5,
        }
        for i, q in enumerate(QUOTES)
    ]
    articles = [
        dict.fromkeys(contracts["articles"].column_names)
        | a
        | {"source_id": a["article_id"], "text": "x", "word_count": 1, "content_hash": "h"}
        | {"input_path": "in.jsonl", "metadata": "{}"}
        for a in ARTICLES
    ]
    parts.write_part(tmp_path, contracts["quotes"], rows, 0)
    parts.write_part(tmp_path, contracts["articles"], articles, 0)
    built = aggregate.build_corpus_tables(tmp_path, ["speakers"])["speakers"]
    table = contracts["speakers"].to_arrow(built)
    assert table.num_rows == 2
    assert sorted(table.column("quote_count").to_pylist()) == [1, 4]


def test_how_articles_describe_a_person_counts_and_gives_a_role():
    quotes = [quote("a1", "David Blunkett"), quote("a2", "David Blunkett")]
    blunkett = catalogue_key("David Blunkett", "PERSON")
    described = pd.DataFrame(
        {
            "catalogue_id": [blunkett, blunkett, catalogue_key("Pfizer", "ORG")],
            "description": ["Home Secretary", None, None],
        }
    )
    (row,) = speaker_rows(pd.DataFrame(quotes), pd.DataFrame(ARTICLES), described=described)
    assert json.loads(row["descriptions"]) == ["Home Secretary"]
    assert row["role"] == "government"
