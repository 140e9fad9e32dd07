import json
from datetime import datetime

import pytest

from newsquotes.clean.article import clean_article
from newsquotes.contracts.model import load_contract
from newsquotes.corpus.catalogue import build_entity_catalogue
from newsquotes.names import catalogue_key, country_code
from newsquotes.nlp.analyse import analyse_batch
from newsquotes.output.parts import write_part
from newsquotes.records import InputLocation, RawArticle
from newsquotes.settings import Settings


@pytest.mark.parametrize(
    "name, code",
    [
        ("US", "USA"),
        ("U.S.", "USA"),
        ("the United States", "USA"),
        ("UK", "GBR"),
        ("Britain", "GBR"),
        ("Russia", "RUS"),
        ("South Korea", "KOR"),
        ("North Korea", "PRK"),
        ("Korea", None),  # two countries
        ("Africa", None),  # a continent, not "South Africa"
        ("Seoul", None),
    ],
)
def test_country_names_and_codes_resolve_with_pycountry(name, code):
    assert country_code(name) == code


def test_catalogue_key_folds_spellings_titles_and_place_labels():
    assert catalogue_key("US", "GPE") == catalogue_key("the United States", "GPE")
    assert catalogue_key("U.S.", "ORG") == catalogue_key("USA", "LOC")
    assert catalogue_key("President Obama", "PERSON") == catalogue_key("Obama", "PERSON")
    assert catalogue_key("Seoul", "GPE") == catalogue_key("SEOUL", "LOC")
    assert catalogue_key("Washington", "GPE") != catalogue_key("Washington", "PERSON")
    assert catalogue_key("Chad", "PERSON") != catalogue_key("Chad", "GPE")
    assert catalogue_key("North Koreans", "NORP") == catalogue_key("North Korean", "NORP")


def article(source_id, text, published):
    location = InputLocation(path=f"{source_id}.txt", source_id=source_id)
    return clean_article(RawArticle(location, text, published_at=published))


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    articles = [
        article(
            "a",
            "The United States and the UK signed the deal. US officials said Britain agreed.",
            datetime(2016, 9, 23),
        ),
        article(
            "b",
            "Margaret Holloway met officials in the U.S. on Monday. Holloway said little.",
            datetime(2016, 10, 2),
        ),
    ]
    rows = analyse_batch(articles, Settings().model)
    staging = tmp_path_factory.mktemp("staging")
    for table in ("articles", "entities", "mentions"):
        write_part(staging, load_contract(table), getattr(rows, table), 0)
    built = build_entity_catalogue(staging)
    load_contract("entity_catalogue").to_arrow(built)  # the rows fit their contract
    return {row["name"]: row for row in built}, rows


def test_catalogue_counts_a_country_once_across_articles_and_spellings(catalogue):
    by_name, _ = catalogue
    usa = by_name["United States"]
    assert usa["country_code"] == "USA" and usa["article_count"] == 2
    assert set(json.loads(usa["aliases"])) == {"United States", "US", "U.S."}
    assert usa["mention_count"] == 3
    assert usa["first_published_at"] == datetime(2016, 9, 23)
    assert usa["last_published_at"] == datetime(2016, 10, 2)
    britain = by_name["Britain"]  # "UK" and "Britain" are one country in one article
    assert britain["country_code"] == "GBR" and set(json.loads(britain["aliases"])) == {
        "UK",
        "Britain",
    }


def test_every_entity_row_points_to_a_catalogue_row(catalogue):
    by_name, rows = catalogue
    keys = {row["catalogue_id"] for row in by_name.values()}
    assert {entity["catalogue_id"] for entity in rows.entities} == keys
    assert by_name["Margaret Holloway"]["label"] == "PERSON"


def test_an_empty_staging_folder_gives_an_empty_catalogue(tmp_path):
    assert build_entity_catalogue(tmp_path) == []
