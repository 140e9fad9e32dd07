"""Language identification (py3langid, 97 languages, no download), loaded once per process.

Short texts are unreliable ("Fine." reads as Serbian), so a language is only reported for
texts of `MIN_WORDS` words or more at `MIN_CONFIDENCE`; otherwise the input's declared
language (if any) stands and the article is kept.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

DEFAULT_LANGUAGES = frozenset({"en"})  # the languages the configured spaCy model reads
MIN_WORDS = 8
MIN_CONFIDENCE = 0.9
SAMPLE_CHARS = 600  # the start of a text is plenty and keeps detection fast
NO_LANGUAGE = "zxx"  # tables of figures: no language to reject them for
_NAMES = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "pt": "Portuguese",
    "it": "Italian",
    "nl": "Dutch",
    "ru": "Russian",
    "ja": "Japanese",
    "zh": "Chinese",
    "ar": "Arabic",
    "pl": "Polish",
    "tr": "Turkish",
    "sv": "Swedish",
    "ko": "Korean",
}


@dataclass(frozen=True)
class Detected:
    code: str  # ISO 639-1
    confidence: float

    @property
    def name(self) -> str:
        return _NAMES.get(self.code, self.code)


@functools.cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def load() -> None:
    """Load the identifier now (0.5 s), e.g. while the process would only wait."""
    _identifier()


def detect(text: str) -> Detected | None:
    """The text's language when it is long enough to tell with confidence, else None."""
    if len(text.split(None, MIN_WORDS)) < MIN_WORDS:
        return None
    code, confidence = _identifier().classify(text[:SAMPLE_CHARS])
    if confidence < MIN_CONFIDENCE or code == NO_LANGUAGE:
        return None
    return Detected(str(code), float(confidence))


def parse_languages(value: str | list[str] | None) -> frozenset[str]:
    """Configured languages from "en,de" or a list; the default when empty."""
    if not value:
        return DEFAULT_LANGUAGES
    items = value.split(",") if isinstance(value, str) else value
    return frozenset(item.strip().lower() for item in items if item.strip())
