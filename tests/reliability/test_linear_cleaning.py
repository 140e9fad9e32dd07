"""Cleaning and duplicate signatures stay linear on hostile texts: one 2 MB token, 8,000
paragraphs, a 4.5 M-character text (before: 8.8 s for a 40k-character line, 11 s for
8,000 paragraphs, 1.46 GB for the signature)."""

import random
import time
import tracemalloc

from newsquotes.clean import boilerplate
from newsquotes.clean.duplicates import signature


def seconds(call, *args) -> float:
    start = time.perf_counter()
    call(*args)
    return time.perf_counter() - start


def test_one_huge_token_is_not_a_boilerplate_line_and_is_judged_at_once():
    line = "x" * 2_000_000 + " [INSIGHT]"
    assert seconds(boilerplate.drop_boilerplate_lines, [line]) < 2


def test_pull_quotes_are_found_without_comparing_every_paragraph_with_every_other():
    rng = random.Random(1)
    words = ["alpha", "beta", "gamma", "delta", "omega", "kappa", "sigma"]
    paragraphs = [" ".join(rng.choice(words) for _ in range(12)) + "." for _ in range(8000)]
    body = "He said the budget would rise by ten percent next year, officials confirmed."
    quote = "the budget would rise by ten percent next year"
    kept = boilerplate.drop_pull_quotes([body, quote, *paragraphs])
    assert quote not in kept and body in kept
    assert seconds(boilerplate.drop_pull_quotes, paragraphs) < 2


def test_a_signature_of_a_long_text_takes_bounded_memory():
    text = " ".join(f"w{i}" for i in range(600_000))  # 4.5 M characters
    tracemalloc.start()
    try:
        signature(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 200 * 1024 * 1024
