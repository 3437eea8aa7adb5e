"""Shingles: the sets whose Jaccard similarity defines a near-duplicate.

The default, ``w1`` (the set of words, tags and normalised links), was chosen by measurement
(``eval/eval_duplication.py``, 10k tweets + 1k injected edits): it keeps 92% of injected edits at
J >= 0.8 (word pairs ``w2``: 62%, words + pairs ``w12``: 73%, character 4-grams: 74%) while only
the 7 natural pairs that reach 0.8 are all real near-copies (read by hand) and 0.2% of
human-judged non-paraphrases do.
Word order is ignored, which is what a swapped word or a moved hashtag needs.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported when hashes are made: a one-draft lint compares nothing
    import numpy as np

SCHEMES = ("w1", "w2", "w12", "w3", "c4", "c5")
DEFAULT_SCHEME = "w1"


def shingles(toks: Sequence[str], scheme: str = DEFAULT_SCHEME) -> set[str]:
    if scheme == "w1":
        return set(toks)
    if scheme == "w2":
        return _ngrams(toks, 2) if len(toks) > 1 else set(toks)
    if scheme == "w3":
        return _ngrams(toks, 3) if len(toks) > 2 else {" ".join(toks)} - {""}
    if scheme == "w12":
        return set(toks) | _ngrams(toks, 2)
    if scheme in ("c4", "c5"):
        n = int(scheme[1])
        s = " ".join(toks)
        return {s[i : i + n] for i in range(max(1, len(s) - n + 1))} - {""}
    raise ValueError(f"unknown shingle scheme {scheme!r} (expected one of {', '.join(SCHEMES)})")


def _ngrams(toks: Sequence[str], n: int) -> set[str]:
    return {" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1)}


def hash_shingles(items: set[str]) -> np.ndarray:
    """Stable 32-bit hashes (CRC-32, not Python's salted ``hash``), sorted and unique."""
    import numpy as np

    return np.unique(
        np.fromiter((zlib.crc32(s.encode("utf-8")) for s in items), dtype=np.uint32, count=len(items))
    )


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted unique hash arrays."""
    import numpy as np

    if not len(a) and not len(b):
        return 1.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (len(a) + len(b) - inter)
