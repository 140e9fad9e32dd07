"""Corpus: tables built across all articles of a run (speakers, the entity catalogue)."""

from newsquotes.corpus.aggregate import build_corpus_tables

__all__ = ["build_corpus_tables"]
