"""Relink writes the corpus identities into the staged entities and quotes, and rewrites
nothing on a second pass."""

import pandas as pd

from newsquotes.clean import clean_article
from newsquotes.contracts import load_contracts
from newsquotes.corpus.relink import relink
from newsquotes.nlp import analyse_batch
from newsquotes.output.parts import read_staged
from newsquotes.output.storage import Location
from newsquotes.records import InputLocation, RawArticle
from newsquotes.run.batch import stage_rows
from newsquotes.settings import Settings

TEXTS = {
    "full": "“We will build the bridge by spring,” said Jane Smith, the mayor of Riverton.",
    "titled": "“The bridge will open in May,” Mayor Jane Smith told reporters on Monday.",
    "surname": "“Work starts next week,” Smith said. The council agreed with her.",
}


def staged(tmp_path) -> Location:
    staging = Location.of(tmp_path / "run")
    for part, (key, text) in enumerate(TEXTS.items()):
        article = clean_article(RawArticle(InputLocation("feed.jsonl", key), text))
        stage_rows(analyse_batch([article], Settings().model), staging, part)
    return staging


def test_every_form_of_a_name_gets_the_one_corpus_key_and_name(tmp_path):
    staging = staged(tmp_path)
    contracts = load_contracts()
    rewritten = relink(staging, contracts)

    quotes = read_staged(staging, contracts["quotes"])
    assert set(quotes["speaker_name"]) == {"Jane Smith"}
    assert quotes["speaker_id"].nunique() == 1
    entities = read_staged(staging, contracts["entities"])
    smith = entities[entities["name"].str.contains("Smith")]
    assert set(smith["catalogue_id"]) == set(quotes["speaker_id"])
    assert rewritten  # the surname-only article's rows changed
    assert relink(staging, contracts) == set()  # nothing left to change


def test_quotes_join_speakers_on_one_column(tmp_path):
    from newsquotes.corpus.speakers import build_speakers

    staging = staged(tmp_path)
    relink(staging, load_contracts())
    speakers = pd.DataFrame(build_speakers(staging))
    quotes = read_staged(staging, load_contracts()["quotes"]).dropna(subset=["speaker_id"])
    joined = quotes.merge(speakers, on="speaker_id", how="left")
    assert (joined["name"] == joined["speaker_name"]).all()
    assert speakers.set_index("name").loc["Jane Smith", "quote_count"] == len(quotes)
