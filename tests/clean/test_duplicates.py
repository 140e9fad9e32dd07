from newsquotes.clean.article import clean_article
from newsquotes.clean.duplicates import DuplicateIndex, near_signature, near_signatures
from newsquotes.records import Article, Duplicate, InputLocation, RawArticle

STORY = (
    "The central bank raised its main interest rate by a quarter of a percentage point on "
    "Thursday, the third increase this year, saying inflation remained too high. The governor "
    "told reporters that further rises could not be ruled out if prices kept climbing. Markets "
    "had expected the move, and the currency barely changed after the announcement. Economists "
    "said the decision would weigh on mortgage holders, whose monthly payments have already "
    "risen sharply since the start of the year. Business groups urged the bank to pause, warning "
    "that small firms were already struggling with higher energy bills and weaker demand."
)
OTHER = (
    "Heavy rain flooded several streets in the old town overnight, and firefighters pumped water "
    "out of dozens of cellars. No one was hurt, the fire service said, but two schools stayed "
    "closed on Friday while engineers checked the buildings for damage."
)


def article(source_id: str, text: str) -> Article:
    location = InputLocation(f"{source_id}.txt", source_id)
    return clean_article(RawArticle(location=location, text=text))


def test_exact_and_near_duplicates_are_marked_across_batches():
    index = DuplicateIndex()
    first = index.mark([article("a", STORY), article("b", OTHER)])
    edited = STORY.replace("risen sharply", "gone up steeply")
    second = index.mark([article("c", STORY), article("d", edited)])
    assert all(isinstance(item, Article) for item in first)
    exact, near = second
    assert isinstance(exact, Duplicate) and isinstance(near, Duplicate)
    assert (exact.kind, exact.similarity, exact.duplicate_of) == ("exact", 1.0, first[0].article_id)
    assert near.kind == "near" and near.duplicate_of == first[0].article_id
    assert 0.8 <= near.similarity < 1.0
    assert exact.row()["input_path"] == "c.txt"


def test_stories_sharing_a_sentence_are_kept():
    index = DuplicateIndex()
    follow_up = OTHER + " " + STORY.split(". ")[0] + "."
    marked = index.mark([article("a", STORY), article("b", OTHER), article("c", follow_up)])
    assert all(isinstance(item, Article) for item in marked)
    assert len(index) == 3


def test_the_same_input_read_three_times_gives_distinct_duplicate_ids():
    index = DuplicateIndex()
    marked = index.mark([article("a", STORY), article("a", STORY), article("a", STORY)])
    ids = [item.row()["duplicate_id"] for item in marked[1:]]
    assert len(set(ids)) == 2


def test_short_formulaic_briefs_are_only_matched_exactly():
    index = DuplicateIndex()
    briefs = [f"Qtrly div {n} cts vs {n} cts prior Pay April 30 Record April 21" for n in (10, 12)]
    assert all(isinstance(item, Article) for item in index.mark([article(b, b) for b in briefs]))


def test_signatures_computed_where_a_batch_is_read_give_the_same_decisions():
    """The workers sign the articles they read, the flow's index only looks them up: exact
    copies, near copies, repeated ids, briefs and new stories are decided as if the index
    had signed them itself."""
    edited = STORY.replace("risen sharply", "gone up steeply")
    brief = "Qtrly div 10 cts vs 10 cts prior Pay April 30 Record April 21"
    batches = [
        [article("a", STORY), article("b", OTHER), article("brief", brief)],
        [article("c", STORY), article("d", edited), article("a", OTHER + " Later.")],
        [article("brief2", brief), article("e", OTHER)],
    ]
    signed, unsigned = DuplicateIndex(), DuplicateIndex()
    for batch in batches:
        signatures = near_signatures(batch)
        assert [s is None for s in signatures] == [len(i.text.split()) <= 80 for i in batch]
        assert signed.mark(batch, signatures) == unsigned.mark(batch)
    assert [signed.signature_of(i) for i in "abcde"] == [unsigned.signature_of(i) for i in "abcde"]
    assert len(signed) == len(unsigned) == 3


def test_a_signature_given_is_the_one_matched():
    """The index uses the signature it is given, not the text: a stale one would show."""
    index = DuplicateIndex()
    index.mark([article("a", STORY)])
    fresh = article("b", STORY.replace("Thursday", "Friday"))
    (near,) = DuplicateIndex().mark([fresh], [near_signature(STORY)])
    assert isinstance(near, Article)  # an empty index: nothing to repeat
    (copy,) = index.mark([fresh], [near_signature(STORY)])
    assert isinstance(copy, Duplicate) and copy.similarity == 1.0 and copy.kind == "near"
