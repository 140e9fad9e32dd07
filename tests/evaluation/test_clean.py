import json

import pytest

from newsquotes.evaluation.clean import evaluate, page_counts, summarise


def test_page_counts_are_normalised_shingle_overlaps():
    gold = "one two three four five six"  # shingles: 1234 2345 3456
    assert page_counts(gold, gold) == (1.0, 0.0, 0.0)
    tp, fp, fn = page_counts(gold, "one two three four five six seven")  # + 4567
    assert (tp, fp, fn) == pytest.approx((3 / 4, 1 / 4, 0.0))
    assert page_counts("", "") == (0.0, 0.0, 0.0)


def test_scores_average_pages_then_take_f1():
    scores = summarise([(1.0, 0.0, 0.0), (0.5, 0.5, 0.0), (0.0, 0.0, 1.0)])
    assert scores.precision == pytest.approx((1.0 + 0.5) / 2)  # no prediction: no precision
    assert scores.recall == pytest.approx((1.0 + 1.0 + 0.0) / 3)
    assert scores.f1 == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))


def test_evaluation_scores_pipeline_and_baseline_on_pages(tmp_path):
    from tests.ingest.test_read import PAGE

    (tmp_path / "p1.html").write_text(PAGE, encoding="utf-8")
    body = PAGE.split("<article>")[1].split("</article>")[0]
    gold_text = " ".join(p.split("</p>")[0] for p in body.split("<p>")[1:])
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"p1": {"articleBody": gold_text}}))
    results = evaluate(tmp_path, gold)
    assert set(results) == {"trafilatura", "newsquotes"}
    assert results["newsquotes"].f1 > 0.95 and results["newsquotes"].pages == 1


@pytest.mark.shared
def test_pipeline_is_not_below_trafilatura_on_a_sample_of_real_pages(shared_dir):
    html = shared_dir / "eval" / "html"
    results = evaluate(html / "pages", html / "ground-truth.json", limit=12)
    assert results["newsquotes"].f1 >= results["trafilatura"].f1
