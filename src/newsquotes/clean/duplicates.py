"""Duplicates: exact (same content hash) and near (the same story with small edits).

Near-duplicates are found with MinHash over word 5-gram shingles and locality-sensitive
hashing (bands of rows): articles of at least `MIN_NEAR_WORDS` words whose estimated
Jaccard similarity reaches the threshold repeat the first one seen. Signatures are computed
where a batch is read and cleaned (`near_signature`, in the worker processes); the index
lives in one process (the flow) and sees the batches in order, so the first article of a
story is kept on every run and later copies, in any batch, are recorded as duplicates and
not analysed again. Given the same signatures, its decisions do not depend on where they
were computed.
"""

from __future__ import annotations

import re
import sys
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

from newsquotes.records import Article, Duplicate, InputLocation, Reject

SHINGLE_WORDS = 5
PERMUTATIONS = 128
BANDS = 32  # 4 rows a band: pairs above ~0.5 similarity become candidates
NEAR_THRESHOLD = 0.8
# Shorter texts are only matched exactly: formulaic briefs ("Qtrly div 10 cts vs 10 cts
# prior ...") differ in a figure or a name, and a few shingles would make them "near".
MIN_NEAR_WORDS = 80
_PRIME = (1 << 31) - 1  # a, b, x < 2^31: a * x + b fits in 64 bits
_WORD = re.compile(r"\w+")
SIGNATURE_CHUNK = 4096  # shingles permuted at a time: 4 MB whatever the text's length
_rng = np.random.default_rng(20261126)  # fixed: signatures must not change between runs
_A = _rng.integers(1, _PRIME, PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, PERMUTATIONS, dtype=np.uint64)


def shingle_hashes(text: str) -> np.ndarray:
    """32-bit hashes of the lower-cased word 5-grams of `text` (the whole text if shorter)."""
    words = _WORD.findall(text.lower())
    grams = {
        " ".join(words[i : i + SHINGLE_WORDS])
        for i in range(max(1, len(words) - SHINGLE_WORDS + 1))
    }
    # CRC-32: fast, and the same on every run (unlike hash()), so decisions are repeatable.
    return np.fromiter((zlib.crc32(g.encode()) for g in grams), dtype=np.uint64, count=len(grams))


def signature(text: str) -> bytes:
    """The MinHash signature: per permutation, the least permuted shingle hash (< 2^31,
    so 32 bits each: 512 bytes an article)."""
    hashes = shingle_hashes(text) % np.uint64(_PRIME)
    least = np.full(PERMUTATIONS, np.iinfo(np.uint64).max, dtype=np.uint64)
    for start in range(0, max(1, len(hashes)), SIGNATURE_CHUNK):  # memory stays bounded
        x = hashes[start : start + SIGNATURE_CHUNK, None]
        least = np.minimum(least, ((_A * x + _B) % np.uint64(_PRIME)).min(axis=0))
    return least.astype(np.uint32).tobytes()


def near_signature(text: str) -> bytes | None:
    """The signature of a text long enough to be matched as near (more than
    `MIN_NEAR_WORDS` words); None for a shorter one, which is only matched exactly."""
    if len(text.split(None, MIN_NEAR_WORDS)) <= MIN_NEAR_WORDS:
        return None
    return signature(text)


def near_signatures(items: Iterable[object]) -> list[bytes | None]:
    """`near_signature` of each article's text, None for anything else (a reject)."""
    return [near_signature(item.text) if isinstance(item, Article) else None for item in items]


def similarity(left: bytes, right: bytes) -> float:
    """Estimated Jaccard similarity of two signatures: the share of equal minima."""
    return float(np.mean(np.frombuffer(left, np.uint32) == np.frombuffer(right, np.uint32)))


_BAND_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 1], np.uint64)


def _band_keys(sig: bytes) -> list[int]:
    """One 64-bit key per band (its rows mixed, with the band number): equal bands give
    equal keys, and a rare false match only costs one similarity check."""
    rows = np.frombuffer(sig, np.uint32).astype(np.uint64).reshape(BANDS, -1)
    bands = np.arange(BANDS, dtype=np.uint64) << np.uint64(40)
    return ((rows * _BAND_MIX).sum(axis=1) ^ bands).tolist()


class DuplicateIndex:
    """Every article kept so far, by content hash and by MinHash bands.

    Compact, as it grows with the corpus (about 3 KB a near-matchable article): band keys
    are 64-bit ints, a key's articles are one id (a list only when bands collide), and
    signatures are kept as bytes.
    """

    def __init__(self, threshold: float = NEAR_THRESHOLD) -> None:
        self.threshold = threshold
        self._by_hash: dict[str, str] = {}
        self._signatures: dict[str, bytes] = {}
        self._bands: dict[int, str | list[str]] = {}
        self._seen_ids: Counter[str] = Counter()
        # Where each id was first read in this run (path, line), and the input each id
        # seeded from an earlier run came from: a record repeating an id is told where.
        self._read: dict[str, tuple[str, int | None]] = {}
        self._published_from: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._by_hash)

    def check(self, article: Article, sig: bytes | None) -> Duplicate | Reject | None:
        """The Duplicate record if `article` repeats a kept one, a Reject if it repeats the id
        of another article read before (in this or an earlier batch or run: one id, one
        article, wherever batches are cut); otherwise keep it and None. `sig` is its
        `near_signature`, computed where it was read."""
        first_read = self._read.get(article.article_id)  # in this run
        if first_read is None:
            self._read[article.article_id] = _place(article.location)
        read_before = first_read is not None
        repeated_id = self._seen_ids[article.article_id] > 0
        self._seen_ids[article.article_id] += 1
        kept = self._by_hash.get(article.content_hash)
        if kept == article.article_id and not read_before:
            return None  # a published article read again, as it was: not a copy of another
        if kept is not None:
            return self._duplicate(article, kept, "exact", 1.0)
        if repeated_id:
            return Reject(article.location, "ingest", self._repeat_reason(article, first_read))
        if sig is None:  # too short to be near: matched exactly only
            self._by_hash[article.content_hash] = article.article_id
            return None
        best, best_similarity = None, 0.0
        for candidate in self._candidates(sig):
            estimate = similarity(self._signatures[candidate], sig)
            if estimate > best_similarity:
                best, best_similarity = candidate, estimate
        if best is not None and best_similarity >= self.threshold:
            return self._duplicate(article, best, "near", round(best_similarity, 4))
        self.keep(article.article_id, article.content_hash, sig)
        return None

    def keep(self, article_id: str, content_hash: str, sig: bytes | None = None) -> None:
        """Keep an article (also one kept by an earlier run): later copies repeat it.

        `sig` is its MinHash signature, None for texts too short to be matched as near.
        """
        self._by_hash[content_hash] = article_id
        if sig is None:
            return
        self._signatures[article_id] = sig
        for key in _band_keys(sig):
            kept = self._bands.setdefault(key, article_id)
            if kept is article_id:
                continue
            if isinstance(kept, str):
                self._bands[key] = kept = [kept]
            kept.append(article_id)

    def _candidates(self, sig: bytes) -> list[str]:
        """Kept articles sharing at least one band with `sig`, first kept first."""
        found: dict[str, None] = {}
        for key in _band_keys(sig):
            kept = self._bands.get(key)
            if isinstance(kept, str):
                found[kept] = None
            elif kept:
                found.update(dict.fromkeys(kept))
        return list(found)

    def signature_of(self, article_id: str) -> bytes | None:
        """The signature a kept article is matched by (None when matched only exactly)."""
        return self._signatures.get(article_id)

    def saw(self, article_ids: Iterable[str], path: str) -> None:
        """Count article ids read from `path` by an earlier run: a repeat's occurrence
        follows, and a record repeating one of them is told where it was published from."""
        article_ids = list(article_ids)
        self._seen_ids.update(article_ids)
        self._published_from.update(dict.fromkeys(article_ids, sys.intern(path)))

    def _repeat_reason(self, article: Article, first_read: tuple[str, int | None] | None) -> str:
        """Why a record repeating another's id is rejected, naming where that one was read."""
        repeats = f"repeats id {article.location.source_id!r}"
        if first_read is None:  # read by an earlier run
            published_from = self._published_from[article.article_id]
            return f"{repeats} of an article published from {published_from}"
        path, line = first_read
        return f"{repeats} of the record at {path}" + (f":{line}" if line else "")

    def _duplicate(self, article: Article, kept: str, kind: str, similarity: float) -> Duplicate:
        return Duplicate(
            location=article.location,
            duplicate_of=kept,
            kind=kind,
            similarity=similarity,
            content_hash=article.content_hash,
            title=article.title,
            occurrence=self._seen_ids[article.article_id] - 1,
        )

    def mark(
        self,
        items: Iterable[Article | Reject],
        signatures: Sequence[bytes | None] | None = None,
    ) -> list[Article | Reject | Duplicate]:
        """The batch with each repeating article replaced by its Duplicate record, and each
        article repeating another's id by a Reject. `signatures`, one per item
        (`near_signatures`), when computed where the batch was read."""
        items = list(items)
        if signatures is None:
            signatures = near_signatures(items)
        marked: list[Article | Reject | Duplicate] = []
        for item, sig in zip(items, signatures, strict=True):
            duplicate = self.check(item, sig) if isinstance(item, Article) else None
            marked.append(duplicate or item)
        return marked


def _place(location: InputLocation) -> tuple[str, int | None]:
    """Where a record was read, compactly: the path string is shared by a file's records."""
    return sys.intern(location.path), location.line
