"""The errors behind `newsquotes eval quotes` scores, one record each, for `--dump FILE`.

Kinds, as the scorer (`quote_scorer.match_document`) judges them:
- `missed`: a gold item of some subset that the predictions do not cover (the predictions
  overlapping it are listed: often one too long to count as inside it);
- `boundary`: a found item whose predictions, joined, do not equal its content;
- `wrong_speaker`: a found item whose most-overlapping prediction names another speaker;
- `false_positive`: a prediction inside no gold item, with the subsets whose precision it lowers.
A found item can be both a boundary and a speaker error: it gives two records.
"""

from __future__ import annotations

from newsquotes.evaluation.quote_scorer import (
    SUBSETS,
    GoldItem,
    ItemMatch,
    Prediction,
    counts_in,
    match_document,
    subsets_of,
)


def _spans(text: str, spans: tuple[tuple[int, int], ...]) -> list[dict]:
    return [{"start": s, "end": e, "text": text[s:e]} for s, e in sorted(spans)]


def _gold(text: str, item: GoldItem) -> dict:
    return {
        "contents": _spans(text, item.contents),
        "sources": _spans(text, item.sources),
        "cue": item.cue_text,
    }


def _predicted(text: str, prediction: Prediction, row: dict) -> dict:
    """A prediction at its gold-text offsets, with the cue, speaker and rule of its row."""
    return {
        "start": prediction.start,
        "end": prediction.end,
        "text": text[prediction.start : prediction.end],
        "kind": prediction.kind,
        "rule": row.get("rule"),
        "cue": row.get("cue"),
        "speaker": row.get("speaker"),
        "speaker_name": row.get("speaker_name"),
    }


def _overlapping(item: GoldItem, predictions: list[Prediction]) -> list[int]:
    return [
        j
        for j, p in enumerate(predictions)
        if any(p.start < end and start < p.end for start, end in item.contents)
    ]


def _item_errors(match: ItemMatch, item: GoldItem, predictions: list[Prediction]):
    """The (kind, prediction indexes) of one gold item's errors."""
    if not match.found:
        return [("missed", _overlapping(item, predictions))]
    errors = []
    if not match.exact:
        errors.append(("boundary", list(match.members)))
    if not match.speaker_right:
        errors.append(("wrong_speaker", [match.best]))
    return errors


def document_errors(
    doc_id: str, text: str, gold: list[GoldItem], predictions: list[Prediction], rows: list[dict]
) -> list[dict]:
    """The error records of one document; `rows` are the quote rows behind `predictions`."""
    matches, precise = match_document(text, gold, predictions)
    errors = []

    def record(kind: str, subsets: list[str], item: GoldItem | None, members: list[int]) -> dict:
        return {
            "doc_id": doc_id,
            "error": kind,
            "subsets": subsets,
            "gold": _gold(text, item) if item is not None else None,
            "predicted": [_predicted(text, predictions[j], rows[j]) for j in members],
        }

    for item, match in zip(gold, matches, strict=True):
        subsets = [s for s in SUBSETS if s in subsets_of(text, item)]
        if subsets:
            for kind, members in _item_errors(match, item, predictions):
                errors.append(record(kind, subsets, item, members))
    for j, prediction in enumerate(predictions):
        if j not in precise:
            subsets = [s for s in SUBSETS if counts_in(s, prediction.kind)]
            errors.append(record("false_positive", subsets, None, [j]))
    return errors
