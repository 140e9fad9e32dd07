"""One real person, one row, named as the corpus knows them: small articles written like the
BBC's politics pages, through the real model, staged, relinked and aggregated."""

import json

import pandas as pd

from newsquotes.clean import clean_article
from newsquotes.contracts import load_contracts
from newsquotes.corpus.catalogue import build_entity_catalogue
from newsquotes.corpus.relink import relink
from newsquotes.corpus.speakers import build_speakers
from newsquotes.names import has_title
from newsquotes.nlp import analyse_batch
from newsquotes.output.parts import read_staged
from newsquotes.output.storage import Location
from newsquotes.records import InputLocation, RawArticle
from newsquotes.run.batch import stage_rows
from newsquotes.settings import Settings

KENNEDY = (
    '"We will fight for every seat," said Liberal Democrat leader Charles Kennedy. '
    "Mr Kennedy told activists in Brighton that his party was ready."
)


def corpus(tmp_path, texts: dict[str, str]) -> Location:
    """The texts staged one batch each and relinked, as a run does."""
    staging = Location.of(tmp_path / "run")
    for part, (key, text) in enumerate(texts.items()):
        article = clean_article(RawArticle(InputLocation("feed.jsonl", key), text))
        stage_rows(analyse_batch([article], Settings().model), staging, part)
    relink(staging, load_contracts())
    return staging


def entities_of(staging: Location) -> pd.DataFrame:
    return read_staged(staging, load_contracts()["entities"])


def test_a_baroness_of_a_mans_surname_is_not_that_man(tmp_path):
    staging = corpus(
        tmp_path,
        {
            **{f"kennedy{i}": KENNEDY for i in range(3)},
            "peer": "Labour peer Baroness Kennedy, who is chairing the Power Inquiry into "
            "political disengagement, said people already thought politicians engaged in "
            "dirty tricks.",
        },
    )
    entities = entities_of(staging)
    charles = set(entities.loc[entities["name"] == "Charles Kennedy", "catalogue_id"])
    baroness = entities[entities["name"] == "Baroness Kennedy"]
    assert len(charles) == 1 and len(baroness) == 1
    assert baroness["gender"].item() == "female"  # her style says so
    assert baroness["catalogue_id"].item() not in charles
    catalogue = pd.DataFrame(build_entity_catalogue(staging)).set_index("name")
    assert "Baroness Kennedy" not in catalogue.loc["Charles Kennedy", "aliases"]


def test_mr_and_a_pronoun_still_join_the_one_man_of_the_surname(tmp_path):
    staging = corpus(
        tmp_path,
        {
            **{f"kennedy{i}": KENNEDY for i in range(2)},
            "mr": '"It is a two-horse race," Mr Kennedy said. He spoke in Leeds.',
        },
    )
    entities = entities_of(staging)
    assert entities.loc[entities["name"].str.contains("Kennedy"), "catalogue_id"].nunique() == 1


def test_a_peer_is_shown_by_style_and_surname(tmp_path):
    staging = corpus(
        tmp_path,
        {
            "bill": '"The courts will decide," said the Lord Chancellor, Lord Falconer. '
            "Lord Falconer told peers the bill was fair.",
            "lords": '"This is a sensible reform," Lord Falconer said on Monday.',
        },
    )
    speakers = pd.DataFrame(build_speakers(staging))
    assert list(speakers["name"]) == ["Lord Falconer"]
    assert speakers["gender"].item() == "male"
    assert not has_title("Lord Falconer")  # the style is the name, not a title
    catalogue = pd.DataFrame(build_entity_catalogue(staging))
    assert "Lord Falconer" in set(catalogue["name"])


def test_a_partys_plural_adjective_and_party_forms_are_one_organisation(tmp_path):
    staging = corpus(
        tmp_path,
        {
            "plural": "The Conservatives promised lower taxes, while the Lib Dems said "
            "British voters wanted better schools.",
            "party": "The Conservative Party launched its manifesto, while the Liberal "
            "Democrats said it was misdirected.",
            "tories": "The Tories said the plan was costed. A Tory spokesman agreed.",
        },
    )
    catalogue = pd.DataFrame(build_entity_catalogue(staging))
    aliases = [set(json.loads(found)) for found in catalogue["aliases"]]
    for forms in [{"Conservatives", "Conservative Party"}, {"Lib Dems", "Liberal Democrats"}]:
        assert any(forms <= found for found in aliases), (forms, aliases)
    british = catalogue[catalogue["name"] == "British"]
    assert json.loads(british["aliases"].item()) == ["British"]  # a nationality is no party


def test_a_charity_named_by_two_common_nouns_is_no_person(tmp_path):
    staging = corpus(
        tmp_path,
        {
            f"charity{i}": f'"Pensioners will lose out," said Age Concern in a statement. {more}'
            for i, more in enumerate(
                ["Age Concern wants the tax scrapped.", "The plan was welcomed by ministers."]
            )
        }
        | {"straw": '"We are ready," said Jack Straw. Mr Straw spoke in Blackburn.'},
    )
    catalogue = pd.DataFrame(build_entity_catalogue(staging)).set_index("name")
    assert catalogue.loc["Age Concern", "label"] == "ORG"
    assert pd.isna(catalogue.loc["Age Concern", "gender"])
    assert catalogue.loc["Jack Straw", "label"] == "PERSON"  # "Mr Straw": a person
    speakers = pd.DataFrame(build_speakers(staging)).set_index("name")
    assert speakers.loc["Age Concern", "kind"] == "organisation"


def test_a_word_read_as_a_person_that_the_corpus_knows_as_a_product_is_no_person(tmp_path):
    staging = corpus(
        tmp_path,
        {
            **{
                f"post{i}": f"Trump attacked the judge on Twitter on {day}."
                for i, day in enumerate(["Sunday", "Monday", "Tuesday"])
            },
            "club": "The club announced the signing on its Twitter account.",
        },
    )
    catalogue = pd.DataFrame(build_entity_catalogue(staging))
    twitter = catalogue[catalogue["name"] == "Twitter"]
    assert list(twitter["label"]) == ["PRODUCT"]  # one row, and not a person
    assert twitter["article_count"].item() == 4


def test_a_lone_first_name_is_no_speaker_row_but_a_prince_is(tmp_path):
    staging = corpus(
        tmp_path,
        {
            "nurse": "“I love it here,” said Kate, a nurse from Leeds. She has worked at the "
            "hospital for ten years.",
            "prince": "“It was a great success,” Prince Andrew said of the visit. Andrew said he "
            "had no regrets.",
        },
    )
    speakers = pd.DataFrame(build_speakers(staging))
    assert list(speakers["name"]) == ["Prince Andrew"]
    quotes = read_staged(staging, load_contracts()["quotes"])
    kate = quotes[quotes["text"].str.contains("love it here")]
    assert len(kate) == 1  # the quote stays, by an unnamed person
    assert kate["speaker_type"].item() == "unnamed_person" and pd.isna(kate["speaker_id"].item())


def test_a_person_named_once_by_two_nouns_stays_a_person(tmp_path):
    staging = corpus(
        tmp_path,
        {
            "royal": '"The palace will not comment," said former royal press secretary '
            "Dicky Arbiter."
        },
    )
    speakers = pd.DataFrame(build_speakers(staging))
    assert speakers.set_index("name").loc["Dicky Arbiter", "kind"] == "person"


PEOPLE = [
    ("leader", "Michael Howard"),
    ("co-chairman", "Liam Fox"),
    ("home secretary", "David Davis"),
]


def test_two_party_names_that_describe_the_same_people_are_one_party(tmp_path):
    texts = {
        f"{party}{i}": f'"We will cut taxes," said {party} {job} {name}. The {plural} said '
        "the plan was costed."
        for party, plural in [("Tory", "Tories"), ("Conservative", "Conservatives")]
        for i, (job, name) in enumerate(PEOPLE)
    }
    texts["labour"] = '"We will not," said Labour leader Tony Blair. Labour said it was costed.'
    catalogue = pd.DataFrame(build_entity_catalogue(corpus(tmp_path, texts)))
    aliases = [set(json.loads(found)) for found in catalogue["aliases"]]
    tories = [found for found in aliases if "Tories" in found]
    assert len(tories) == 1 and "Conservatives" in tories[0], aliases
    assert not any("Labour" in found for found in tories)


def test_a_lone_surname_that_is_mostly_a_first_name_stays_a_speaker(tmp_path):
    staging = corpus(tmp_path, {"quote": '"We will appeal," Kennedy said on Tuesday.'})
    assert list(pd.DataFrame(build_speakers(staging))["name"]) == ["Kennedy"]
