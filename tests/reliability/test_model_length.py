"""A text longer than the configured model parses (its `nlp.max_length`) is a reject at
stage analyse; the batch's other articles are analysed (before: spaCy's E088 failed the
whole batch, and the run with it)."""

from newsquotes.clean import clean_article
from newsquotes.nlp import analyse_batch, load_model
from newsquotes.records import InputLocation, RawArticle
from newsquotes.settings import Settings

SHORT = "The mayor said the budget would pass."
LONG = "The council approved the new budget on Monday after a long debate. " * 3


def test_a_text_over_the_models_max_length_is_an_analyse_reject(monkeypatch):
    model = Settings().model
    monkeypatch.setattr(load_model(model), "max_length", 100)
    short, long = (
        clean_article(RawArticle(InputLocation("feed.jsonl", key, line), text))
        for key, line, text in (("a", 1, SHORT), ("b", 2, LONG))
    )
    rows = analyse_batch([short, long], model)
    assert [row["article_id"] for row in rows.articles] == [short.article_id]
    (reject,) = rows.rejects
    assert reject["stage"] == "analyse" and reject["input_line"] == 2
    assert reject["reason"] == f"text is {len(long.text)} characters, over the 100 the model parses"
