from newsquotes.clean.article import normalise_text
from newsquotes.quotes.extract import extract_quotes
from newsquotes.quotes.marks import find_quote_spans
from tests.conftest import SEED_FILE


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


def rows_of(nlp, text):
    from newsquotes.entities.extract import extract_entities

    doc = nlp(text)
    return extract_quotes(doc, extract_entities(doc, "a1"), "a1")


def test_seed_people_have_every_quote_including_floating_ones(
    seed_doc, seed_entities, seed_article
):
    quotes = [q for q in seed_quotes(seed_doc, seed_entities, seed_article)]
    outer = [q for q in quotes if q["parent_quote_id"] is None]
    counts = {
        name: sum(q["speaker_name"] == name for q in outer)
        for name in ("Leon Sigal", "John Delury", "Evans Revere")
    }
    assert counts == {"Leon Sigal": 4, "John Delury": 3, "Evans Revere": 2}
    floating = [  # no cue of their own: after their speaker's sentence, or continuing
        q for q in outer if q["rule"] in {"quote-marks+continuation", "quote-marks+intro"}
    ]
    assert {q["speaker_name"] for q in floating} == {"Leon Sigal", "Evans Revere"}
    assert all(q["cue"] == "said" for q in floating)


def test_seed_mixed_quotes_hold_the_reported_clause(seed_doc, seed_entities, seed_article):
    quotes = seed_quotes(seed_doc, seed_entities, seed_article)
    mixed = {q["text"]: q for q in quotes if q["kind"] == "mixed"}
    obama = mixed["North Korea is a “wasteland” compared to South Korea"]
    assert (obama["speaker_name"], obama["speaker_description"], obama["cue"]) == (
        "Obama",
        "President",
        "told",
    )
    diplomat = mixed["The US ambassador in Seoul is “a villain, a crazy person”"]
    assert diplomat["speaker_entity_id"] is None


def test_seed_pull_quote_and_headlines_give_no_extra_quote(
    nlp, seed_doc, seed_entities, seed_article
):
    """Cleaning drops the boilerplate; the quote rules must not count it even when it stays."""
    cleaned = seed_quotes(seed_doc, seed_entities, seed_article)
    assert len([q for q in cleaned if "we can raise things that the US" in q["text"]]) == 1
    text = normalise_text(SEED_FILE.read_text(encoding="utf-8"))
    quotes = rows_of(nlp, text)
    for boilerplate in (
        "Sometimes, we can raise things that the US government isn’t able to\nLeon Sigal",
        "US bombers fly over South Korea for second time since North’s nuclear test",
        "Time to reconsider North Korea’s UN membership, South says",
    ):
        start = text.index(boilerplate)
        end = start + len(boilerplate)
        assert not [q for q in quotes if q["start"] < end and start < q["end"]], boilerplate
    repeated = [q for q in quotes if "we can raise things that the US government" in q["text"]]
    assert len(repeated) == 1


def test_seed_nested_quotes_link_to_the_quote_around_them(seed_doc, seed_entities, seed_article):
    quotes = seed_quotes(seed_doc, seed_entities, seed_article)
    by_id = {q["quote_id"]: q for q in quotes}
    nested = [q for q in quotes if q["parent_quote_id"] is not None]
    assert {q["text"][:20] for q in nested} == {
        "Hey, this is why the",
        "Look, what you’re do",
        "We are now a nuclear",
    }
    for quote in nested:
        outer = by_id[quote["parent_quote_id"]]
        assert outer["start"] <= quote["start"] and quote["end"] <= outer["end"]
        assert quote["rule"] == "nested"


def test_every_row_names_its_rule_and_a_confidence(seed_doc, seed_entities, seed_article):
    for quote in seed_quotes(seed_doc, seed_entities, seed_article):
        assert quote["rule"] and 0 < quote["confidence"] <= 1


def test_indirect_speech_from_the_parse(nlp):
    (told,) = rows_of(nlp, "The minister told reporters that the budget would be balanced.")
    assert (told["kind"], told["text"], told["speaker"], told["cue_lemma"]) == (
        "indirect",
        "that the budget would be balanced",
        "The minister",
        "tell",
    )
    (according,) = rows_of(nlp, "Inflation will fall next year, according to bank officials.")
    assert (according["text"], according["speaker"], according["cue"]) == (
        "Inflation will fall next year",
        "bank officials",
        "according to",
    )
    assert according["speaker_name"] is None


def test_transcript_lines_are_attributed_to_their_speaker(nlp):
    rows = rows_of(nlp, "MORGAN: Where were you on Tuesday?\n\nSMITH: I was at home all day.")
    assert [(q["speaker"], q["rule"]) for q in rows] == [("MORGAN", "colon"), ("SMITH", "colon")]


def test_titles_nicknames_and_scare_quotes_are_not_quotes(nlp):
    text = (
        "The band played “Born in the USA” while fans cheered for “Shorty” all night. "
        "The so-called “reform” passed."
    )
    assert rows_of(nlp, text) == []


def test_multi_paragraph_quote_is_one_quote_with_the_speaker_after_it(nlp):
    text = (
        "“We will rebuild the bridge,” said Mary Jones, the mayor of Riverton. "
        "“It will take two years.\n\n“And it will cost less than the old one,” she added."
    )
    first, second = rows_of(nlp, text)
    assert first["speaker_description"] == "the mayor of Riverton"
    assert second["text"] == "It will take two years.\n\n“And it will cost less than the old one"
    assert (second["speaker"], second["speaker_name"]) == ("she", "Mary Jones")


def test_pronouns_resolve_by_gender_and_salience(nlp):
    (quote,) = rows_of(nlp, "Ann Lee met John Park on Monday. She said the talks went well.")
    assert (quote["speaker"], quote["speaker_name"]) == ("She", "Ann Lee")


def test_display_quote_repeating_a_body_quote_is_kept_once(nlp):
    text = (
        "“We never asked for this fight and we will not back down,” said Tom Baker.\n\n"
        "“We never asked for this fight and we will not back down”\n\n"
        "Critics disagree."
    )
    rows = rows_of(nlp, text)
    assert len(rows) == 1 and rows[0]["speaker_name"] == "Tom Baker"


def test_parenthetical_cue_stays_outside_the_reported_clause(nlp):
    rows = rows_of(nlp, "The deal, the companies said, will raise output by 20 pct next year.")
    assert [(q["text"], q["speaker"]) for q in rows] == [
        ("The deal", "the companies"),
        ("will raise output by 20 pct next year", "the companies"),
    ]


def test_reported_clause_runs_from_its_cue_through_a_split_parse(nlp):
    text = (
        "Peladeau said the joint acquisition of Donohue with Robert Maxwell's British Printing "
        "and Communications Corp plc <BPCL.L> does not mean Quebecor will have to hold off."
    )
    (row,) = rows_of(nlp, text)
    assert row["text"].startswith("the joint acquisition of Donohue")
    assert row["text"].endswith("will have to hold off")


def test_quote_after_a_short_attributed_quote_continues_it(nlp):
    text = (
        '"Amazing," Davis said. "It was the best day of my life and I will never forget it."'
        '\n\n"I still have the ticket."'
    )
    rows = rows_of(nlp, text)
    assert [(q["text"][:10], q["speaker"]) for q in rows] == [
        ("Amazing", "Davis"),
        ("It was the", "Davis"),
        ("I still ha", "Davis"),
    ]
    assert rows[2]["rule"] == "quote-marks+continuation"


def test_verbs_of_saying_in_other_senses_report_nothing(nlp):
    for text in (
        "The company maintains a network of 300 stores across Canada.",
        "Police are charging the two men with fraud and theft after the raid.",
        "The state added a week of early voting after the long lines in 2004.",
    ):
        assert rows_of(nlp, text) == [], text


def test_passive_cue_reports_nothing_for_its_subject(nlp):
    text = "Farmers are being asked to halt oats production or lose corn program benefits."
    assert rows_of(nlp, text) == []


def test_noun_taken_for_a_verb_is_no_cue(nlp):
    text = (
        "Banking sources said the agreement now worked out goes some way to meeting creditor "
        "bank demands that at least part of the first missing instalment of 71.25 mln dlrs be "
        "paid and not deferred."
    )
    assert [q["cue"] for q in rows_of(nlp, text)] == ["said"]


def test_cue_set_off_after_an_adverbial_clause_interrupts_the_clause(nlp):
    text = (
        "After the Supreme Court approved Indiana's voter-identification law six years ago, "
        "Hebert said, most state laws requiring a photo ID were thought to be safe from challenge."
    )
    rows = rows_of(nlp, text)
    assert [(q["text"][:24], q["speaker"], q["rule"]) for q in rows] == [
        ("After the Supreme Court ", "Hebert", "reported+parenthetical"),
        ("most state laws requirin", "Hebert", "reported+parenthetical"),
    ]


def test_reported_clause_ends_before_the_writers_aside(nlp):
    for text, said in (
        (
            "Hope Hicks said all staffers sign NDAs, though she did not discuss their terms.",
            "all staffers sign NDAs",
        ),
        (
            "Murphy said he supports the final bill, which includes provisions not in the "
            "Senate bill.",
            "he supports the final bill",
        ),
    ):
        assert [q["text"] for q in rows_of(nlp, text)] == [said]


def test_as_clause_cue_reports_the_clause_around_it(nlp):
    text = (
        "Just a few weeks ago, as Western Journalism reported, Thor and Beck were discussing "
        "a hypothetical situation."
    )
    assert [(q["text"], q["speaker"]) for q in rows_of(nlp, text)] == [
        ("Just a few weeks ago", "Western Journalism"),
        ("Thor and Beck were discussing a hypothetical situation", "Western Journalism"),
    ]
    text = "He drove grown men to tears as he described the struggles of their families."
    (when,) = rows_of(nlp, text)  # an "as" telling when reports no clause around it
    assert (when["rule"], when["text"]) == ("reported+object", "the struggles of their families")


def test_passive_cue_with_a_clause_reports_nothing_for_its_subject(nlp):
    text = "Nobody opposed him - he was confirmed 92 to 0 by the Senate on Tuesday."
    assert rows_of(nlp, text) == []


def test_subject_parsed_as_a_clause_before_the_cue_is_its_speaker(nlp):
    text = (
        "Jeffrey Salkin, a Hollywood, Fla., rabbi helping to organize the boycott, said he "
        "and other rabbis were alarmed about Trump's behavior."
    )
    (row,) = rows_of(nlp, text)
    assert row["text"] == "he and other rabbis were alarmed about Trump's behavior"
    assert row["speaker_name"] == "Jeffrey Salkin"


def test_a_list_of_titles_is_not_dialogue(nlp):
    text = (
        "“We're truly excited about the tour,” Johnston said. Fans will hear the hits, "
        "including “Listen To The Music,” “Black Water,” “China Grove,” “Minute By Minute” "
        "and others."
    )
    assert [q["text"] for q in rows_of(nlp, text)] == ["We're truly excited about the tour"]


def test_two_closing_single_marks_close_a_double_quote(nlp):
    text = (
        "“It was an attempt to mislead voters,’’ Will Moy, chief executive of Full Fact, told "
        "the BBC. “And I think it is inappropriate for a serious party to behave that way.”"
    )
    rows = rows_of(nlp, text)
    assert [(q["text"][:20], q["speaker"]) for q in rows] == [
        ("It was an attempt to", "Will Moy"),
        ("And I think it is in", "Will Moy"),
    ]


def test_call_and_speak_report_speech_in_their_speech_frames(nlp):
    for text, said, speaker in (
        (
            "Palmieri called on Trump to stop attacking Machado and apologize.",
            "Trump to stop attacking Machado and apologize",
            "Palmieri",
        ),
        (
            "The NAACP has called for a moratorium on charter schools.",
            "a moratorium on charter schools",
            "NAACP",
        ),
        (
            "The Trump campaign called the charges unsubstantiated and fabricated.",
            "the charges unsubstantiated and fabricated",
            "The Trump campaign",
        ),
        (
            "Chief Justice John G. Roberts Jr. spoke of the legacy of racism, enshrined in "
            "Jim Crow laws.",
            "the legacy of racism, enshrined in Jim Crow laws",
            "John G. Roberts Jr.",
        ),
    ):
        assert [(q["text"], q["speaker"]) for q in rows_of(nlp, text)] == [(said, speaker)]


def test_call_and_speak_in_other_senses_report_nothing(nlp):
    for text in (
        "Republicans had called the hearing after the FBI closed its inquiry.",
        "A company called Acme makes the parts.",
        "He spoke to reporters at the airport on Friday.",
    ):
        assert rows_of(nlp, text) == [], text


def test_what_a_cue_reports_starts_after_its_preposition(nlp):
    text = "The senator complained about the cost of the new fighter jets."
    (row,) = rows_of(nlp, text)
    assert row["text"] == "the cost of the new fighter jets"


def test_a_description_with_as_is_reported_whole(nlp):
    text = "He described the plan as a short-term buzz that voters would reject."
    (row,) = rows_of(nlp, text)
    assert row["text"] == "the plan as a short-term buzz that voters would reject"


def test_a_tag_of_markup_left_in_the_text_is_no_cue(nlp):
    text = (
        "Republicans offered their thoughts and prayers to the victims.\n\n"
        '<tweet pic="" author="GovMikeHuckabee" timestamp="1449075600" '
        'tweet_id="672151859491016704">Praying for those impacted by the shooting.</tweet>.'
    )
    assert [q for q in rows_of(nlp, text) if q["cue"] == "tweet"] == []


def test_a_call_for_two_words_is_reported(nlp):
    text = "A group of doctors wrote to Columbia University on Friday, calling for his dismissal."
    assert [q["text"] for q in rows_of(nlp, text)] == ["his dismissal"]


def test_a_quote_before_its_tag_is_not_reported_with_the_sentence_before_it(nlp):
    text = (
        "In her speech, Rhimes declared the need for strong will, ambition and drive: “Change "
        "the world and when you’ve done that, change it again,” she said."
    )
    rows = rows_of(nlp, text)
    (quote,) = [q for q in rows if q["kind"] == "direct"]
    assert quote["text"] == "Change the world and when you’ve done that, change it again"
    assert not [q for q in rows if q["text"].startswith("In her speech, Rhimes declared")]


def test_according_to_a_source_the_tagger_split_is_still_a_source(nlp):
    text = (
        "As a reality TV boss, Donald Trump repeatedly demeaned women with sexist language, "
        "according to show insiders."
    )
    (row,) = rows_of(nlp, text)
    assert (row["rule"], row["speaker"]) == ("according-to", "insiders")
    assert row["text"].endswith("demeaned women with sexist language")


def test_a_statement_someone_put_out_is_theirs(nlp):
    text = (
        "His office put out a statement saying the state does not have the capacity to vet "
        "refugees."
    )
    (row,) = rows_of(nlp, text)
    assert (row["speaker"], row["speaker_type"]) == ("His office", "organisation")
    text = "A statement saying the plant would close was posted on the company's website."
    (row,) = rows_of(nlp, text)
    assert (row["speaker"], row["speaker_type"]) == ("A statement", "document")
