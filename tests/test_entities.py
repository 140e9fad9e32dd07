from newsquotes.entities import clean_span


def by_name(entities):
    return {entity.name: entity for entity in entities}


def test_clean_span_strips_possessive_article_and_punctuation():
    text = "the North Korea’s programme, (the United Nations)"
    assert text[slice(*clean_span(text, 0, 17))] == "North Korea"
    assert text[slice(*clean_span(text, text.index("("), len(text)))] == "United Nations"


def test_surname_mentions_join_the_full_name(seed_entities):
    entities = by_name(seed_entities)
    assert entities["Leon Sigal"].label == "PERSON"
    assert {m.text for m in entities["Leon Sigal"].mentions} == {"Leon Sigal", "Sigal"}
    assert entities["John Delury"].label == "PERSON"  # spaCy tags one "Delury" as ORG
    assert "Delury" not in entities


def test_every_mention_slices_the_text(seed_entities, seed_article):
    for entity in seed_entities:
        for mention in entity.mentions:
            assert seed_article.text[mention.start : mention.end] == mention.text
