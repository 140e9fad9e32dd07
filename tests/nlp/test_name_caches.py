"""Where batches are analysed, the name caches stop growing with the corpus, and emptying
them changes no row: a name's parse is a function of the name alone."""

from newsquotes import names
from newsquotes.clean import clean_article
from newsquotes.nlp import analyse_batch
from newsquotes.records import InputLocation, RawArticle
from newsquotes.settings import Settings
from tests.conftest import SEED_FILE

TEXTS = (
    "“We will pass the budget,” the mayor, Ann Lee, said on Monday. Councillor Tom Hardy "
    "said the vote was close. Ms Lee told reporters she expected support from Labour.",
    SEED_FILE.read_text(encoding="utf-8"),
)
NAME_CACHES = (names.normalise, names.person_name, names.first_name_gender)


def batch():
    return [
        clean_article(RawArticle(InputLocation("feed.jsonl", str(line), line), text))
        for line, text in enumerate(TEXTS, start=1)
    ]


def test_analysing_a_batch_leaves_no_name_cache_over_its_limit(monkeypatch):
    monkeypatch.setattr(names, "BATCH_NAME_CACHE_LIMIT", 3)
    analyse_batch(batch(), Settings().model)
    assert all(cached.cache_info().currsize <= 3 for cached in NAME_CACHES)


def test_a_cache_within_its_limit_is_kept():
    names.person_name("Ann Lee")
    names.shrink_name_caches()
    assert names.person_name.cache_info().currsize > 0


def test_the_rows_are_the_same_whether_the_caches_are_emptied_or_not(monkeypatch):
    kept = analyse_batch(batch(), Settings().model)
    monkeypatch.setattr(names, "BATCH_NAME_CACHE_LIMIT", 0)
    for cached in NAME_CACHES:
        cached.cache_clear()
    emptied = analyse_batch(batch(), Settings().model)
    assert vars(emptied) == vars(kept)
    assert kept.quotes and kept.entities
