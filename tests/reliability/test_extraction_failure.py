"""An article whose extraction raises (a rule's bug on text nobody foresaw) is a reject at
stage analyse naming the error; the batch's other articles are analysed (before: the
exception failed the batch, and the scheduled run with it)."""

from newsquotes.clean import clean_article
from newsquotes.nlp import analyse, analyse_batch
from newsquotes.records import InputLocation, RawArticle
from newsquotes.settings import Settings

FINE = "“We will pass the budget,” the mayor, Ann Lee, said on Monday."
BREAKS = "“The council will vote in June,” Tom Hardy said. The vote is close."


def test_an_article_whose_extraction_fails_is_a_reject_and_the_batch_goes_on(monkeypatch):
    real_extract_quotes = analyse.extract_quotes

    def extract_quotes(doc, entities, article_id):
        if "council" in doc.text:
            raise IndexError("a rule's bug")
        return real_extract_quotes(doc, entities, article_id)

    monkeypatch.setattr(analyse, "extract_quotes", extract_quotes)
    fine, breaks = (
        clean_article(RawArticle(InputLocation("feed.jsonl", key, line), text))
        for key, line, text in (("a", 1, FINE), ("b", 2, BREAKS))
    )
    rows = analyse_batch([fine, breaks], Settings().model)

    assert [row["article_id"] for row in rows.articles] == [fine.article_id]
    (reject,) = rows.rejects
    assert reject["stage"] == "analyse" and reject["input_line"] == 2
    assert reject["reason"] == "extraction failed: IndexError: a rule's bug"
    tables = (rows.mentions, rows.entities, rows.quotes)
    assert all(row["article_id"] == fine.article_id for table in tables for row in table)
    assert [quote["speaker"] for quote in rows.quotes] == ["Ann Lee"]
