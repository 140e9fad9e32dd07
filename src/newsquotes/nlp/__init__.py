"""NLP: load the spaCy model once per process, parse, and analyse a batch into table rows."""

from newsquotes.nlp.analyse import analyse_batch
from newsquotes.nlp.model import ModelNotFoundError, load_model, parse

__all__ = ["ModelNotFoundError", "analyse_batch", "load_model", "parse"]
