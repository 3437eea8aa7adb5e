"""What duplicate detection keeps of a post: a digest of its exact form and its shingle hashes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engagelint.duplication.normalize import fingerprint, tokens
from engagelint.duplication.shingles import DEFAULT_SCHEME, hash_shingles, shingles

if TYPE_CHECKING:
    import numpy as np


class Features:
    """``hashes`` (sorted unique uint32 shingle hashes) are made on first use: a run with one post
    never compares it, so it never imports numpy."""

    __slots__ = ("fingerprint", "words", "_shingles", "_hashes")

    def __init__(self, fingerprint: str, hashes: np.ndarray | None = None, words: int = 0,
                 shingles: set[str] | None = None) -> None:  # fmt: skip
        self.fingerprint = fingerprint
        self.words = words  # number of tokens, to skip posts too short to judge
        self._shingles = shingles
        self._hashes = hashes

    @property
    def hashes(self) -> np.ndarray:
        if self._hashes is None:
            self._hashes = hash_shingles(self._shingles or set())
            self._shingles = None
        return self._hashes

    @property
    def has_shingles(self) -> bool:
        """Same as ``len(hashes) > 0`` without making the hashes."""
        return bool(self._shingles) if self._hashes is None else len(self._hashes) > 0

    def __getstate__(self) -> tuple:
        return (self.fingerprint, self.words, self._shingles, self._hashes)

    def __setstate__(self, state: tuple) -> None:
        self.fingerprint, self.words, self._shingles, self._hashes = state


def features(text: str, scheme: str = DEFAULT_SCHEME) -> Features:
    toks = tokens(text)
    return Features(fingerprint(text), None, len(toks), shingles(toks, scheme))
