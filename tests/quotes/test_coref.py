"""Pronoun resolution for speakers: gender from the article, subjects first."""

from newsquotes.entities.extract import extract_entities
from newsquotes.quotes.coref import person_genders, resolve_pronoun
from newsquotes.quotes.extract import extract_quotes


def resolve(nlp, text, pronoun_index=-1):
    doc = nlp(text)
    entities = extract_entities(doc, "a1")
    genders = person_genders(doc, entities)
    pronouns = [t for t in doc if t.lower_ in {"he", "she"}]
    return resolve_pronoun(pronouns[pronoun_index], entities, genders), genders, entities


def test_honorific_gives_the_gender_and_rules_out_the_nearer_person(nlp):
    entity, _, _ = resolve(nlp, "Mrs. Lee praised Tom Park, her deputy. She said the plan works.")
    assert entity is not None and entity.name.endswith("Lee")


def test_a_pronoun_after_its_subject_votes_for_its_gender(nlp):
    text = "Mrs. Lee praised Tom Park, her deputy. Park said his team was ready. He smiled."
    entity, genders, entities = resolve(nlp, text)
    park = next(e for e in entities if e.name == "Tom Park")
    assert genders[park.entity_id] == "male" and entity is park


def test_no_person_before_the_pronoun_resolves_to_nothing(nlp):
    entity, _, _ = resolve(nlp, "He said the plan works, according to Tom Park.", 0)
    assert entity is None


def test_a_speakers_pronoun_is_not_the_person_the_quote_names(nlp):
    text = (
        "Tony Roche watched the final from the stands. "
        '"Lleyton Hewitt is proving how good he is on every surface," he said.'
    )
    doc = nlp(text)
    quotes = extract_quotes(doc, extract_entities(doc, "a1", nlp), "a1")
    assert [q["speaker_name"] for q in quotes] == ["Tony Roche"]
