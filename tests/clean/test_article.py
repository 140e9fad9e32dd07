import pytest

from newsquotes.clean.article import clean_article, clean_body, normalise_text
from newsquotes.records import InputLocation, RawArticle, Reject


def test_normalise_text_keeps_paragraphs_and_quote_marks():
    raw = "  First\u00a0 line “quoted”  \r\n\r\n\n\nSecond   paragraph.  "
    assert normalise_text(raw) == "First line “quoted”\n\nSecond paragraph."


def test_normalise_text_composes_unicode():
    assert normalise_text("Cafe\u0301") == "Caf\u00e9"


def test_article_without_text_is_rejected():
    raw = RawArticle(location=InputLocation("x.txt", "x.txt"), text=" \n\n \t")
    assert isinstance(clean_article(raw), Reject)


def test_cleaned_article_has_content_hash_of_its_text(seed_article):
    import hashlib

    assert seed_article.content_hash == hashlib.sha256(seed_article.text.encode()).hexdigest()


def clean_text(text, **fields):
    return clean_article(RawArticle(location=InputLocation("a.txt", "a.txt"), text=text, **fields))


def test_seed_loses_its_pull_quote_and_related_headlines_and_keeps_both_timestamps():
    from datetime import datetime

    from newsquotes.ingest.plan import plan_batches
    from newsquotes.ingest.read import read_batch
    from tests.conftest import SEED_FILE

    (raw,) = read_batch(plan_batches([SEED_FILE], 8)[0], 10**7)
    article = clean_article(raw)
    paragraphs = article.text.split("\n\n")
    for boilerplate in (
        "Sometimes, we can raise things that the US government isn’t able to",
        "Leon Sigal, a former State Department policy official",
        "US bombers fly over South Korea for second time since North’s nuclear test",
        "Time to reconsider North Korea’s UN membership, South says",
    ):
        assert boilerplate not in paragraphs
    assert len(paragraphs) == 15  # 18 blocks in the body, less the pull quote and headlines
    assert "said Leon Sigal, a former State Department policy official and long" in article.text
    assert (article.published_at, article.updated_at) == (
        datetime(2016, 9, 23, 21, 0),
        datetime(2016, 9, 23, 22, 55),
    )


def test_hard_wrapped_wire_copy_is_rejoined_into_its_paragraphs():
    wire = (
        "Showers continued throughout the week in\n"
        "the Bahia cocoa zone, alleviating the drought since early\n"
        "January, Comissaria Smith said in its weekly review.\n"
        "    The dry period means the temporao will be late this year.\n"
        "    Arrivals for the week ended February 22 were 155,221 bags\n"
        "of 60 kilos.\n"
        " Reuter\n"
    )
    assert clean_text(wire).text == (
        "Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought"
        " since early January, Comissaria Smith said in its weekly review.\n\n"
        "The dry period means the temporao will be late this year.\n\n"
        "Arrivals for the week ended February 22 were 155,221 bags of 60 kilos."
    )


def test_short_lines_that_are_not_wrapped_stay_lines():
    poem = "Roses are red.\nViolets are blue.\nSugar is sweet."
    assert clean_text(poem).text == poem


def test_mojibake_is_repaired_and_typographic_quotes_kept():
    broken = "â€œWe donâ€™t know,â€\x9d said the minister in ZÃ¼rich."
    assert clean_text(broken).text == "“We don’t know,” said the minister in Zürich."


def test_byline_and_dateline_move_into_fields():
    article = clean_text(
        "By Jane Smith and Ali Khan\n\n"
        "WASHINGTON (Reuters) - The Senate passed the bill on Tuesday, officials said.\n\n"
        "It now goes to the House."
    )
    assert article.authors == "Jane Smith; Ali Khan"
    assert article.dateline == "WASHINGTON (Reuters)"
    assert article.text.startswith("The Senate passed the bill on Tuesday")


def test_in_body_boilerplate_lines_are_removed():
    article = clean_text(
        "The plant will close in March, the company said on Monday.\n\n"
        "Advertisement\n\n"
        "Read more: Five things to know about the closure\n\n"
        "Share this article on Facebook and Twitter with a friend\n\n"
        "About 400 workers will lose their jobs, a union spokesman said.\n\n"
        "Copyright 2024 Example News. All rights reserved."
    )
    assert article.text == (
        "The plant will close in March, the company said on Monday.\n\n"
        "About 400 workers will lose their jobs, a union spokesman said."
    )


def test_articles_in_other_languages_are_rejected_unless_configured():
    german = (
        "Der Bundestag hat am Dienstag ein neues Gesetz beschlossen, das die Mieten in den "
        "großen Städten begrenzen soll. Die Opposition kritisierte den Entwurf scharf."
    )
    reject = clean_text(german)
    assert isinstance(reject, Reject) and reject.language == "de"
    assert reject.reason.startswith("language is German (de, confidence")
    kept = clean_article(
        RawArticle(location=InputLocation("a.txt", "a.txt"), text=german), {"en", "de"}
    )
    assert kept.language == "de"
    assert clean_text("Fine.").language is None  # too short to tell: kept, language unknown


@pytest.mark.parametrize(
    ("text", "dateline", "source"),
    [
        ("LONDON (Reuters) - The bank raised rates on Thursday, it said.", None, "Reuters"),
        ("WASHINGTON (AP) -- Officials said on Monday the plan would go ahead.", None, "AP"),
        ("Shares rose 5 pct in active trading, brokers said.\n Reuter", None, "Reuters"),
        ("Shares rose 5 pct in active trading, brokers said.", "PARIS (AFP) -", "AFP"),
        ("The council approved the budget. Members of AP staff said so.", None, None),
    ],
)
def test_an_article_without_source_gets_the_wire_its_credit_names(text, dateline, source):
    raw = RawArticle(InputLocation("f", "x"), text, dateline=dateline)
    article = clean_article(raw)
    assert article.source == source
    assert "Reuter" not in article.text  # the sign-off is still dropped


def test_a_named_source_wins_over_the_wire_credit():
    raw = RawArticle(InputLocation("f", "x"), "LONDON (Reuters) - Prices fell, traders said.")
    raw.source = "Daily Planet"
    assert clean_article(raw).source == "Daily Planet"


def test_a_first_paragraph_that_repeats_the_title_is_not_body_text():
    text = "Obama Says He Will Veto the Bill.\n\nPresident Obama said on Monday he would act."
    assert clean_body(text, title="Obama says he will veto the bill").text == (
        "President Obama said on Monday he would act."
    )
    assert clean_body(text, title="Another headline").text.startswith("Obama Says")
    assert clean_body(
        text, plain_text=False, title="Obama says he will veto the bill"
    ).text.startswith("Obama Says")
