"""Pairing quote marks into quoted spans."""

from newsquotes.quotes.marks import find_quote_spans, paragraph_bounds


def quoted(text):
    return [text[s.start : s.end] for s in find_quote_spans(text)]


def test_typographic_straight_and_newswire_marks():
    text = "“One,” he said. \"Two\" and ''three'' and «four»."
    assert quoted(text) == ["One", "Two", "three", "four"]


def test_a_straight_mark_after_a_space_still_closes():
    text = "\"I was insulted by the term 'outreach,' \" he told the group."
    assert quoted(text) == ["I was insulted by the term 'outreach,'"]


def test_double_quotes_inside_double_quotes_are_nested():
    text = "“I’d rather live in what he calls “hell” than anywhere else,” she wrote."
    (span,) = find_quote_spans(text)
    assert text[span.start : span.end].endswith("than anywhere else")
    assert [text[n.start : n.end] for n in span.nested] == ["hell"]


def test_single_quotes_nest_but_apostrophes_do_not():
    text = "“It’s what they said: ‘Hey, this is why’ and the Koreans’ plan,” he said."
    (span,) = find_quote_spans(text)
    assert [text[n.start : n.end] for n in span.nested] == ["Hey, this is why"]


def test_a_quote_continues_into_the_next_paragraph_that_opens_with_a_mark():
    text = "“First part.\n\n“Second part,” she said.\n\nNo quote here."
    assert quoted(text) == ["First part.\n\n“Second part"]


def test_reversed_opening_mark_at_paragraph_start():
    assert quoted("”Fear is all he sells.” ― Ana Ruiz") == ["Fear is all he sells."]


def test_hard_wrapped_lines_stay_in_one_paragraph():
    text = "The minister said the\nbudget was fine.\nA new line.\n\nNext."
    assert [text[s:e] for s, e in paragraph_bounds(text)] == [
        "The minister said the\nbudget was fine.",
        "A new line.",
        "Next.",
    ]
