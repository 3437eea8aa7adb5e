"""What duplicate detection keeps of a post: a digest of its exact form and its shingle hashes."""

from __future__ import annotations

import zlib
from array import array
from typing import TYPE_CHECKING

from engagelint.duplication.normalize import fingerprint, tokens
from engagelint.duplication.shingles import DEFAULT_SCHEME, shingles

if TYPE_CHECKING:
    import numpy as np


class Features:
    """``hashes`` are the sorted unique uint32 shingle hashes. They are kept packed (4 bytes
    each, computed without numpy) and seen as a numpy array on first use: a run of 100k posts
    keeps ~100 bytes a post, not its shingle strings, and a run with one post never imports numpy."""

    __slots__ = ("fingerprint", "words", "_packed", "_hashes")

    def __init__(self, fingerprint: str, hashes: np.ndarray | None = None, words: int = 0,
                 shingles: set[str] | None = None) -> None:  # fmt: skip
        self.fingerprint = fingerprint
        self.words = words  # number of tokens, to skip posts too short to judge
        self._hashes = hashes
        self._packed = None if hashes is not None else _pack(shingles or set())

    @property
    def hashes(self) -> np.ndarray:
        if self._hashes is None:
            import numpy as np

            self._hashes = np.frombuffer(self._packed, dtype=np.uint32)
            self._packed = None
        return self._hashes

    @property
    def has_shingles(self) -> bool:
        """Same as ``len(hashes) > 0`` without making the hashes."""
        return bool(self._packed) if self._hashes is None else len(self._hashes) > 0

    def __getstate__(self) -> tuple:
        return (self.fingerprint, self.words, self._packed, self._hashes)

    def __setstate__(self, state: tuple) -> None:
        self.fingerprint, self.words, self._packed, self._hashes = state


_UINT32 = "I" if array("I").itemsize == 4 else "L"


def _pack(items: set[str]) -> bytes:
    """``hash_shingles(items)`` (CRC-32, sorted, unique) as native uint32 bytes."""
    return array(_UINT32, sorted({zlib.crc32(s.encode("utf-8")) for s in items})).tobytes()


def features(text: str, scheme: str = DEFAULT_SCHEME) -> Features:
    toks = tokens(text)
    return Features(fingerprint(text), None, len(toks), shingles(toks, scheme))
