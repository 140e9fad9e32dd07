"""A peer called by style and surname is the one woman of that surname the corpus names in
full, or of several the one described as a peer: "Baroness Kennedy" is Helena Kennedy ("a
Labour peer"), not Jane Kennedy (a minister) and never Charles Kennedy. Real model, staged and
relinked as a run does."""

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

CHARLES = (
    '"We will fight for every seat," said Liberal Democrat leader Charles Kennedy. '
    "Mr Kennedy told activists in Brighton that his party was ready."
)
HELENA = (
    '"The public feel shut out of politics," said Helena Kennedy, a Labour peer. '
    "She said turnout would fall again."
)
JANE = (
    '"The new rules will help claimants back to work," said Work Minister Jane Kennedy. '
    "She said the department would publish figures in May."
)
BARONESS = (
    "Labour peer Baroness Kennedy said people already thought politicians engaged in dirty "
    'tricks. "Voters deserve better," Baroness Kennedy said.'
)


def relinked_entities(tmp_path, texts: dict[str, str]) -> pd.DataFrame:
    staging = Location.of(tmp_path / "run")
    for part, (key, text) in enumerate(texts.items()):
        article = clean_article(RawArticle(InputLocation("feed.jsonl", key), text))
        stage_rows(analyse_batch([article], Settings().model), staging, part)
    relink(staging, load_contracts())
    return read_staged(staging, load_contracts()["entities"])


def kennedys(tmp_path, texts: dict[str, str]) -> pd.Series:
    entities = relinked_entities(tmp_path, {"charles0": CHARLES, "charles1": CHARLES, **texts})
    return entities.groupby("name")["catalogue_id"].agg(set)


def test_a_baroness_is_the_one_woman_of_her_surname(tmp_path):
    ids = kennedys(tmp_path, {"helena": HELENA, "peer": BARONESS})
    assert ids["Baroness Kennedy"] == ids["Helena Kennedy"]
    assert not ids["Baroness Kennedy"] & ids["Charles Kennedy"]


def test_a_baroness_is_the_woman_of_her_surname_described_as_a_peer(tmp_path):
    ids = kennedys(tmp_path, {"helena": HELENA, "jane": JANE, "peer": BARONESS})
    assert ids["Baroness Kennedy"] == ids["Helena Kennedy"]
    assert not ids["Baroness Kennedy"] & (ids["Jane Kennedy"] | ids["Charles Kennedy"])
