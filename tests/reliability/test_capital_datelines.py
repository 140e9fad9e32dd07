"""A byline above a capitals dateline ("Jim Adams\\nWASHINGTON 1996-08-31", as in 231 CoNLL
Reuters texts) once gave the dateline's place twice, from the model's span and from the
capital line's re-parse: two rows with one mention_id, and validation refused the run."""

from collections import Counter

import pytest

from newsquotes.entities import find_mentions


@pytest.mark.parametrize("place", ["WASHINGTON", "MOSCOW"])
def test_a_dateline_place_under_a_byline_is_one_mention(nlp, place):
    text = (
        f"Warplanes gather in the Gulf as allies wait.\nJim Adams\n{place} 1996-08-31\n"
        "More than 300 warplanes were ready on Saturday, officials said in a statement."
    )
    mentions = find_mentions(nlp(text), nlp)
    spans = Counter((mention.start, mention.end) for mention in mentions)
    assert max(spans.values()) == 1
    assert [m.origin for m in mentions if m.text == place] == ["headline"]
