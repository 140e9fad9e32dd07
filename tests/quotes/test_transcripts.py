"""Transcript turns: "NAME:" lines, "Q:"/"A:" turns of an interview, and the labels and
headings that look like turns but are nobody's speech."""

from newsquotes.entities.extract import extract_entities
from newsquotes.quotes.extract import extract_quotes


def turns(nlp, text: str) -> list[tuple[str, str | None, str]]:
    doc = nlp(text)
    quotes = extract_quotes(doc, extract_entities(doc, "a1", nlp), "a1")
    return [
        (q["text"], q["speaker_name"], q["speaker_type"]) for q in quotes if q["rule"] == "colon"
    ]


def test_q_and_a_turns_are_the_interviewer_and_interviewee_the_intro_names(nlp):
    text = (
        "Joe Biden spent Thursday morning in St. Paul, Minnesota. On the flight back to "
        "Washington, he spoke with POLITICO senior writer Michael Grunwald. Here is the "
        "edited transcript of the interview.\n\n"
        "Q: You've been talking about how the country is on the upswing. Why is the mood so "
        "sour?\n\n"
        "A: It's a big mistake. Everybody's making it. The economy is growing."
    )
    assert turns(nlp, text) == [
        (
            "You've been talking about how the country is on the upswing. Why is the mood so sour?",
            "Michael Grunwald",
            "person",
        ),
        (
            "It's a big mistake. Everybody's making it. The economy is growing",
            "Joe Biden",
            "person",
        ),
    ]


def test_an_interview_with_a_named_person_makes_the_answers_theirs(nlp):
    text = (
        "In an interview with Marco Rubio, the BBC's correspondent Anthony Zurcher asked "
        "about the race.\n\n"
        "Q: Will you finish second?\n\n"
        "A: We are going to do very well here."
    )
    assert [name for _, name, _ in turns(nlp, text)] == ["Anthony Zurcher", "Marco Rubio"]


def test_turns_stay_unnamed_when_the_article_does_not_say_who_asks_or_answers(nlp):
    two_reporters = (
        "Two reporters, Jim Tankersley and Michael Grunwald, spoke with Joe Biden on the "
        "plane.\n\n"
        "Q: Why is the mood so sour?\n\n"
        "A: I think people are frightened about their jobs."
    )
    assert [(name, kind) for _, name, kind in turns(nlp, two_reporters)] == [
        (None, "unnamed_person"),  # two people could have asked
        ("Joe Biden", "person"),
    ]
    no_intro = (
        "Questions and answers have been edited for length and clarity.\n\n"
        "Q: You open your book in 2001. What happened?\n\n"
        "A: I came home from school and my parents were gone."
    )
    assert [(name, kind) for _, name, kind in turns(nlp, no_intro)] == [
        (None, "unnamed_person"),
        (None, "unnamed_person"),
    ]


def test_editors_labels_are_nobodys_speech(nlp):
    text = (
        "The senator spoke at length about the economy on Monday.\n\n"
        "NOTE: This story has been updated to correct the date of the vote.\n\n"
        "Editor's note: An earlier version of this story misstated his age.\n\n"
        "FTC: We use income earning auto affiliate links."
    )
    assert turns(nlp, text) == []


def test_section_headings_and_counts_after_a_name_are_not_turns(nlp):
    text = (
        "Trump needs a win here to show he can turn polls into votes on Tuesday.\n\n"
        "Rubio: Finish second.\n\n"
        "Florida Sen. Marco Rubio is following what strategists dub a 3-2-1 strategy.\n\n"
        "Trump: MOVE PAST Iowa.\n\n"
        "Donald Trump has something to prove in the state.\n\n"
        "Clinton: 547.\n\n"
        "Sanders: 320."
    )
    assert turns(nlp, text) == []


def test_short_turns_between_turns_stay_turns(nlp):
    text = (
        "Chris Wallace interviewed Mike Pence on Sunday.\n\n"
        '"WALLACE: Will Gennifer Flowers be there?\n\n'
        '"PENCE: Absolutely not.\n\n'
        '"WALLACE: Really?'
    )
    assert [(t, name) for t, name, _ in turns(nlp, text)] == [
        ("Will Gennifer Flowers be there?", "Chris Wallace"),
        ("Absolutely not", "Mike Pence"),
        ("Really?", "Chris Wallace"),
    ]
