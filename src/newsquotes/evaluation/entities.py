"""Entity evaluation: exact-span F1 of our mentions on CoNLL-2003-style gold documents.

The pipeline's mentions and the bare model's `doc.ents` are scored in the same run, on the
same parses, so the difference is what the cleaning and grouping in `entities` add. Model
labels map to the four CoNLL labels; numbers and dates (and any label without a CoNLL
counterpart) are dropped from the prediction, as CoNLL does not annotate them.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from newsquotes.entities.extract import extract_entities
from newsquotes.evaluation.gold import read_gold

# OntoNotes labels (spaCy's English models) to CoNLL-2003; CoNLL's own labels map to themselves.
CONLL_LABEL = {
    "PERSON": "PER",
    "PER": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "PRODUCT": "MISC",
    "MISC": "MISC",
}
GOLD_LABELS = ("PER", "ORG", "LOC", "MISC")
ALL = "all labels"
BOUNDARIES = "boundaries only"

Span = tuple[int, int, str]


@dataclass
class GoldDocument:
    doc_id: str
    text: str
    spans: set[Span]


@dataclass
class Counts:
    """True positives, false positives and false negatives of one label (or of all)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set, predicted: set) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    """Counts per CoNLL label, over all labels, and with labels ignored."""

    by_label: dict[str, Counts] = field(
        default_factory=lambda: {k: Counts() for k in (*GOLD_LABELS, ALL, BOUNDARIES)}
    )

    def add(self, gold: set[Span], predicted: set[Span]) -> None:
        for label in GOLD_LABELS:
            self.by_label[label].add(
                {s for s in gold if s[2] == label}, {s for s in predicted if s[2] == label}
            )
        self.by_label[ALL].add(gold, predicted)
        self.by_label[BOUNDARIES].add({s[:2] for s in gold}, {s[:2] for s in predicted})


def load_gold(path: Path) -> Iterator[GoldDocument]:
    """Documents of a gold JSONL file: `{doc_id, text, entities: [{start, end, label}]}`."""
    return read_gold(path, "a gold document", _gold_document)


def _gold_document(record: dict, line: int) -> GoldDocument:
    spans = {(e["start"], e["end"], e["label"]) for e in record["entities"]}
    return GoldDocument(str(record.get("doc_id", line)), record["text"], spans)


def conll_spans(spans: Iterable[tuple[int, int, str]]) -> set[Span]:
    """Spans with their labels mapped to CoNLL; unmapped labels (numbers, dates) are dropped."""
    return {(s, e, CONLL_LABEL[label]) for s, e, label in spans if label in CONLL_LABEL}


def bare_spans(doc: Doc) -> set[Span]:
    return conll_spans((e.start_char, e.end_char, e.label_) for e in doc.ents)


def pipeline_spans(doc: Doc, doc_id: str, nlp: Language) -> set[Span]:
    entities = extract_entities(doc, doc_id, nlp)
    return conll_spans((m.start, m.end, m.label) for e in entities for m in e.mentions)


def unmapped_labels(nlp: Language) -> list[str]:
    """The model's entity labels that have no CoNLL counterpart (dropped when scoring)."""
    return sorted(set(nlp.get_pipe("ner").labels) - set(CONLL_LABEL))


def evaluate(documents: list[GoldDocument], nlp: Language) -> dict[str, Scores]:
    """Scores of the bare model and of the pipeline, from one parse of each document."""
    from newsquotes.nlp.model import pipe  # parsed as `newsquotes run` parses (NEWSQUOTES_PARSE)

    results = {"bare model": Scores(), "newsquotes": Scores()}
    for gold, doc in zip(documents, pipe(nlp, (d.text for d in documents)), strict=True):
        results["bare model"].add(gold.spans, bare_spans(doc))
        results["newsquotes"].add(gold.spans, pipeline_spans(doc, gold.doc_id, nlp))
    return results


def report(results: dict[str, Scores]) -> str:
    """A plain table: one row per label, P/R/F1 for each system side by side."""
    systems = list(results)
    header = f"{'label':<16}" + "".join(f"{s:>27}" for s in systems)
    lines = [header, f"{'':<16}" + f"{'P':>9}{'R':>9}{'F1':>9}" * len(systems)]
    for label in (*GOLD_LABELS, ALL, BOUNDARIES):
        cells = ""
        for system in systems:
            c = results[system].by_label[label]
            cells += f"{c.precision:>9.3f}{c.recall:>9.3f}{c.f1:>9.3f}"
        lines.append(f"{label:<16}{cells}")
    return "\n".join(lines)


def run(gold: Path, model: str, limit: int | None = None) -> int:
    """`newsquotes eval entities`: score `model` and the pipeline on `gold`, print the table."""
    from newsquotes.nlp.model import load_model

    if not gold.is_file():
        print(f"newsquotes: gold file not found: {gold}", file=sys.stderr)
        return 2
    try:
        documents = list(load_gold(gold))[:limit]
    except ValueError as error:
        print(f"newsquotes: {error}", file=sys.stderr)
        return 1
    nlp = load_model(model)
    started = time.perf_counter()
    results = evaluate(documents, nlp)
    print(f"gold      {gold} ({len(documents)} documents)")
    print(f"model     {model}: {', '.join(nlp.get_pipe('ner').labels)}")
    dropped = unmapped_labels(nlp)
    if dropped:
        print(f"dropped   {', '.join(dropped)} (no CoNLL label)")
    print(f"time      {time.perf_counter() - started:.1f} s\n")
    print(report(results))
    return 0


def run_command(args) -> int:
    from newsquotes.settings import Settings

    return run(args.gold, args.model or Settings().model, args.limit)
