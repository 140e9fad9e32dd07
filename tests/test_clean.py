from newsquotes.clean import clean_article, normalise_text
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
