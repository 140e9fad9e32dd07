"""Words that are not people: earnings-table column heads are no names, an editor's "NOTE:"
line is nobody's speech, and "Q:"/"A:" transcript turns are by unnamed people, not by
someone called "Q"."""

from newsquotes.entities import find_mentions
from newsquotes.entities.extract import extract_entities
from newsquotes.quotes import extract_quotes

TABLE = """Acme Corp said on Tuesday its profits rose.
Shr 1.20 dlrs vs 1.05 dlrs
Net 12.3 mln vs 10.1 mln
Revs 120.4 mln vs 110.2 mln
Avg shrs 10.2 mln vs 10.1 mln"""

TRANSCRIPT = """The mayor spoke to reporters on Monday.

Q: Will the bridge open in spring?

A: We are confident it will open by May.

NOTE: The interview was edited for length."""


def test_earnings_table_words_are_not_people(nlp):
    names = {mention.text for mention in find_mentions(nlp(TABLE), nlp)}
    assert not names & {"Shr", "Net", "Revs", "Avg", "Avg shrs"}


def test_transcript_labels_and_notes_are_not_speakers(nlp):
    doc = nlp(TRANSCRIPT)
    rows = extract_quotes(doc, extract_entities(doc, "t", nlp), "t")
    by_text = {row["text"]: row for row in rows}
    assert "The interview was edited for length." not in by_text
    answer = by_text["We are confident it will open by May"]
    assert (answer["speaker"], answer["speaker_type"]) == ("A", "unnamed_person")
    assert answer["speaker_name"] is None and answer["speaker_id"] is None
