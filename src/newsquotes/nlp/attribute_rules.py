"""The model's attribute ruler, applied with array look-ups: the same annotations, faster.

spaCy's `attribute_ruler` (tag map to POS and morphology, plus exceptions) runs every rule
through the `Matcher` token by token: about a tenth of the small English pipeline's CPU, as
much as the parser. Its rules are one- or two-token patterns over a few attributes, so here
each rule's matches are found with numpy over the doc's attribute arrays and applied in the
ruler's order (a later rule wins, as in spaCy). The annotations are identical to the
ruler's (`tests/nlp/test_attribute_rules.py` compares them on real articles); a ruler with
patterns of other shapes (operators, extension attributes) is left as it is.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass

import numpy
from spacy.attrs import IDS, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

RULER = "attribute_ruler"
WRITTEN = (POS, TAG, MORPH, LEMMA)  # set through `Doc.from_array`; others token by token
OPERATORS = ("IN", "NOT_IN", "REGEX")


@dataclass(frozen=True)
class Check:
    """One attribute test of a pattern token: `column` of the doc's array, and an equality
    (`value`), a set membership (IN / NOT_IN) or a regular expression on the string."""

    column: int
    operator: str  # "==", "IN", "NOT_IN" or "REGEX"
    value: object


@dataclass(frozen=True)
class Rule:
    order: int  # the ruler's attribute id: rules apply in this order, later ones win
    tokens: tuple[tuple[Check, ...], ...]
    attrs: dict  # attribute id -> value, as the ruler normalised them
    index: int  # which token of a match gets the attributes


class ArrayAttributeRuler:
    """The rules of a loaded `AttributeRuler`, matched with numpy (see the module)."""

    def __init__(self, ruler: AttributeRuler):
        self.strings = ruler.vocab.strings
        self.columns: list[int] = []
        rules = [
            Rule(order, self._compile(pattern), ruler.attrs[order], ruler.indices[order])
            for order, spec in enumerate(ruler.patterns)
            for pattern in spec["patterns"]
        ]
        # One-token rules with an equality are found by the value it wants (the word rather
        # than the tag, when a rule tests both: fewer tokens to check the rest on).
        self.lookups: dict[int, dict[int, list[tuple[Rule, list[Check]]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self.others: list[Rule] = []
        tag = self.columns.index(IDS["TAG"]) if IDS["TAG"] in self.columns else None
        for rule in rules:
            equalities = [c for c in rule.tokens[0] if c.operator == "=="]
            if len(rule.tokens) > 1 or not equalities:
                self.others.append(rule)
                continue
            key = min(equalities, key=lambda check: check.column == tag)
            rest = [check for check in rule.tokens[0] if check is not key]
            self.lookups[key.column][key.value].append((rule, rest))

    @staticmethod
    def supports(ruler: AttributeRuler) -> bool:
        """Whether every pattern token tests token attributes this class can read."""
        for spec in ruler.patterns:
            for pattern in spec["patterns"]:
                for token in pattern:
                    for name, want in token.items():
                        if name not in IDS or name in ("MORPH", "OP", "_"):
                            return False
                        if isinstance(want, dict) and not set(want) <= set(OPERATORS):
                            return False
                        if isinstance(want, dict) and len(want) != 1:
                            return False
        return True

    def _compile(self, pattern: list[dict]) -> tuple[tuple[Check, ...], ...]:
        return tuple(tuple(self._check(name, want) for name, want in t.items()) for t in pattern)

    def _check(self, name: str, want) -> Check:
        if IDS[name] not in self.columns:
            self.columns.append(IDS[name])
        column = self.columns.index(IDS[name])
        if isinstance(want, bool):
            return Check(column, "==", int(want))
        if not isinstance(want, dict):
            return Check(column, "==", self.strings.add(want))
        ((operator, argument),) = want.items()
        if operator == "REGEX":
            return Check(column, operator, re.compile(argument))
        values = numpy.array([self.strings.add(v) for v in argument], dtype="uint64")
        return Check(column, operator, values)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        table = doc.to_array(self.columns).reshape(len(doc), len(self.columns))
        matches = self._lookup_matches(table) + self._pattern_matches(table)
        matches.sort(key=lambda match: match[0].order)  # stable: spaCy's order
        values = doc.to_array(list(WRITTEN))
        by_token = []
        for rule, targets in matches:
            for attr, value in rule.attrs.items():
                if attr in WRITTEN:
                    values[targets, WRITTEN.index(attr)] = value
                else:
                    by_token.append((targets, {attr: value}))
        doc.from_array(list(WRITTEN), values)
        for targets, attrs in by_token:
            for i in targets.tolist():
                set_token_attrs(doc[i], attrs)
        return doc

    def _lookup_matches(self, table: numpy.ndarray) -> list[tuple[Rule, numpy.ndarray]]:
        matches = []
        for column, rules_by_value in self.lookups.items():
            values = table[:, column]
            for value in numpy.unique(values).tolist():
                if value not in rules_by_value:
                    continue
                tokens = numpy.flatnonzero(values == value)
                for rule, rest in rules_by_value[value]:
                    found = tokens
                    for check in rest:
                        found = found[self._test(table[found, check.column], check)]
                    if len(found):
                        matches.append((rule, found))
        return matches

    def _pattern_matches(self, table: numpy.ndarray) -> list[tuple[Rule, numpy.ndarray]]:
        matches = []
        n = len(table)
        for rule in self.others:
            length = len(rule.tokens)
            if n < length:
                continue
            starts = numpy.arange(n - length + 1)
            checks = [(k, check) for k, token in enumerate(rule.tokens) for check in token]
            checks.sort(key=lambda item: item[1].operator != "==")  # the cheap tests first
            for k, check in checks:
                starts = starts[self._test(table[starts + k, check.column], check)]
            if len(starts):
                offset = rule.index if rule.index >= 0 else length + rule.index
                matches.append((rule, starts + offset))
        return matches

    def _test(self, values: numpy.ndarray, check: Check) -> numpy.ndarray:
        if check.operator == "==":
            return values == check.value
        if check.operator == "REGEX":
            found = [_found(check.value, self.strings[value]) for value in values.tolist()]
            return numpy.array(found, dtype=bool)
        inside = numpy.isin(values, check.value)
        return inside if check.operator == "IN" else ~inside


# bounded: the words a worker sees grow with the corpus (65,536 answers held 15 MB; a miss
# costs 1.4 us, so the words of the last few batches are enough)
@functools.lru_cache(maxsize=8192)
def _found(regex: re.Pattern, text: str) -> bool:
    return regex.search(text) is not None


@Language.factory("array_attribute_ruler")
def make_array_attribute_ruler(nlp: Language, name: str) -> ArrayAttributeRuler:
    """The pipeline's `attribute_ruler`, as an `ArrayAttributeRuler`."""
    return ArrayAttributeRuler(nlp.get_pipe(RULER))


def use_array_attribute_ruler(nlp: Language) -> None:
    """Put an `array_attribute_ruler` in the place of the pipeline's attribute ruler, when
    its patterns allow."""
    ruler = nlp.get_pipe(RULER) if RULER in nlp.component_names else None
    if isinstance(ruler, AttributeRuler) and ArrayAttributeRuler.supports(ruler):
        nlp.add_pipe("array_attribute_ruler", after=RULER)
        nlp.remove_pipe(RULER)
