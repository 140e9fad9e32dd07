"""eval people: what a user sees in `speakers`, scored against hand-judged people."""

import json

import pyarrow as pa
import pyarrow.parquet as pq

from newsquotes.evaluation.people import load_gold, score

TEXT = (
    'Donald Trump spoke. "We will win," Trump said. "Taxes go down," said Mr. Trump. '
    '"It is over," said Director James Comey. "Sales rise," Pfizer said.'
)


def span(part):
    start = TEXT.index(part)
    return start, start + len(part)


def write(folder, table, rows):
    (folder / table).mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(rows), folder / table / "part-0.parquet")


def quote(said, speaker_id):
    start, end = span(said)
    return {"article_id": "a1", "start": start, "end": end, "speaker_id": speaker_id,
            "parent_quote_id": None}  # fmt: skip


def speaker(speaker_id, name, kind="person", gender="male", quotes=1):
    return {"speaker_id": speaker_id, "name": name, "kind": kind, "gender": gender,
            "quote_count": quotes}  # fmt: skip


def test_split_rows_titles_organisations_and_uncredited_quotes_are_counted(tmp_path):
    output = tmp_path / "output"
    write(output, "articles", [{"article_id": "a1", "source_id": "doc1", "text": TEXT}])
    write(output, "quotes", [
        quote("We will win,", "t1"), quote("Taxes go down,", "t2"),
        quote("It is over,", "c1"), quote("Sales rise,", "p1"),
    ])  # fmt: skip
    write(output, "speakers", [
        speaker("t1", "Donald Trump", quotes=5), speaker("t2", "Trump", gender="unknown"),
        speaker("c1", "Director James Comey"), speaker("p1", "Pfizer", gender=None),
    ])  # fmt: skip
    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps({"doc_id": "doc1", "text": TEXT}) + "\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    people = [
        ("Donald Trump", "person", "male", ["We will win,", "Taxes go down,"]),
        ("James Comey", "person", "male", ["It is over,"]),
        ("Pfizer", "organisation", None, ["Sales rise,"]),
    ]
    gold.write_text(
        "".join(
            json.dumps(
                {
                    "name": name,
                    "kind": kind,
                    "gender": gender,
                    "quotes": [
                        dict(zip(("start", "end"), span(said), strict=True), source_id="doc1")
                        for said in quotes
                    ],
                }
            )
            + "\n"
            for name, kind, gender, quotes in people
        ),  # fmt: skip
        encoding="utf-8",
    )
    scores = score(load_gold(gold), output, articles)
    assert scores.extra_rows == 1  # "Trump" beside "Donald Trump"
    assert scores.titled_names == ["Director James Comey"]
    assert scores.organisations_as_people == ["Pfizer"]
    assert round(scores.uncredited_share, 3) == round(1 / 3, 3)  # "Taxes go down" to "Trump"
    assert scores.gender() == (2, 2, 2)


def test_a_gold_of_names_only_finds_rows_by_name(tmp_path):
    output = tmp_path / "output"
    write(output, "speakers", [speaker("b1", "Tony Blair", quotes=9), speaker("b2", "Blair")])
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "name": "Tony Blair",
                "kind": "person",
                "gender": "male",
                "names": ["Tony Blair", "Blair"],
            }
        )
        + "\n",  # fmt: skip
        encoding="utf-8",
    )
    scores = score(load_gold(gold), output, None)
    assert scores.extra_rows == 1 and scores.people[0].main.name == "Tony Blair"
