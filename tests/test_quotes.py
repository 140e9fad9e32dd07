from newsquotes.quotes import extract_quotes, find_quote_spans


def test_quote_spans_exclude_marks_and_stop_at_paragraph_end():
    text = "“One two,” he said.\n\n“Open and not closed\n\nNext “x” y"
    spans = [text[s.start : s.end] for s in find_quote_spans(text)]
    assert spans == ["One two", "Open and not closed", "x"]


def seed_quotes(seed_doc, seed_entities, seed_article):
    return extract_quotes(seed_doc, seed_entities, seed_article.article_id)


def test_seed_direct_quotes_have_the_right_speaker(seed_doc, seed_entities, seed_article):
    quotes = seed_quotes(seed_doc, seed_entities, seed_article)
    speakers = {q["text"][:30]: q["speaker_name"] for q in quotes if q["kind"] == "direct"}
    assert speakers["The North Koreans understand t"] == "Leon Sigal"
    assert speakers["I can say to them, ‘Hey, this "] == "Leon Sigal"
    assert speakers["There’s a lot that you pick up"] == "John Delury"
    assert speakers["During several meetings in rec"] == "Evans Revere"
    assert speakers["Most people in Washington have"] == "Leon Sigal"


def test_pronoun_speaker_resolves_to_the_person_before_it(seed_doc, seed_entities, seed_article):
    quotes = seed_quotes(seed_doc, seed_entities, seed_article)
    (quote,) = [q for q in quotes if "“a way for the North Koreans" in q["text"]]
    assert (quote["speaker"], quote["speaker_name"], quote["kind"]) == (
        "he",
        "John Delury",
        "mixed",
    )


def test_unnamed_source_keeps_its_words_and_no_name(seed_doc, seed_entities, seed_article):
    quotes = seed_quotes(seed_doc, seed_entities, seed_article)
    (quote,) = [q for q in quotes if "“a villain, a crazy person”" in q["text"]]
    assert quote["speaker"] == "a North Korean diplomat" and quote["speaker_name"] is None


def test_appositive_becomes_the_description(seed_doc, seed_entities, seed_article):
    quotes = seed_quotes(seed_doc, seed_entities, seed_article)
    revere = next(q for q in quotes if q["speaker_name"] == "Evans Revere")
    assert revere["speaker_description"] == "a former Asia specialist at the State Department"


def test_all_offsets_slice_the_text(seed_doc, seed_entities, seed_article):
    text = seed_article.text
    for quote in seed_quotes(seed_doc, seed_entities, seed_article):
        assert text[quote["start"] : quote["end"]] == quote["text"]
        if quote["speaker"] is not None:
            assert text[quote["speaker_start"] : quote["speaker_end"]] == quote["speaker"]
        if quote["cue"] is not None:
            assert text[quote["cue_start"] : quote["cue_end"]] == quote["cue"]
