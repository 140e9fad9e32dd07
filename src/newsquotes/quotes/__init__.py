"""Quotes: who said what, from quote marks and from the dependency parse."""

from newsquotes.quotes.extract import extract_quotes

__all__ = ["extract_quotes"]
