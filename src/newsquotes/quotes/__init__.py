"""Quotes: who said what, from quote marks and from the dependency parse.

`extract_quotes` is imported on first use: the corpus stage reads `quotes.speaker_type` in
the flow process, which must not import spaCy for it (half a second of every run's start).
"""

__all__ = ["extract_quotes"]


def __getattr__(name: str):
    if name == "extract_quotes":
        from newsquotes.quotes.extract import extract_quotes

        return extract_quotes
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
