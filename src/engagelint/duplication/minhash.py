"""Vectorised MinHash signatures and LSH band keys.

datasketch's ``MinHash.update`` hashes one shingle at a time (about 6k posts/s at 128
permutations); here a whole batch of posts is hashed with numpy in one pass using the same
universal hash family ``(a * h + b) mod p`` (Mersenne prime 2^61 - 1), so the signatures can be
wrapped in ``datasketch.LeanMinHash`` for datasketch's LSH (in-run matching, Redis storage).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

MERSENNE = np.uint64((1 << 61) - 1)
MAX_HASH = np.uint64((1 << 32) - 1)
SEED = 1
# datasketch's name for this hash family ("legacy": the only one before datasketch 2.0.0).
DATASKETCH_SCHEME = "legacy"


@dataclass(frozen=True)
class LshParams:
    """``bands * rows`` permutations; a pair with Jaccard J becomes a candidate with
    probability 1 - (1 - J^rows)^bands."""

    bands: int
    rows: int
    seed: int = SEED

    @property
    def num_perm(self) -> int:
        return self.bands * self.rows

    def candidate_probability(self, jaccard: float) -> float:
        return 1.0 - (1.0 - jaccard**self.rows) ** self.bands


# Chosen by measurement (eval/eval_duplication.py): P(candidate | J = 0.8) = 0.9998 while
# unrelated tweets (J < 0.3) rarely collide; candidates are then verified by exact Jaccard.
DEFAULT_PARAMS = LshParams(bands=16, rows=4)


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    gen = np.random.RandomState(seed)
    a = gen.randint(1, int(MERSENNE), size=num_perm, dtype=np.uint64)
    b = gen.randint(0, int(MERSENNE), size=num_perm, dtype=np.uint64)
    return a, b


def signatures(
    hash_sets: Sequence[np.ndarray], params: LshParams = DEFAULT_PARAMS, chunk: int = 1 << 16
) -> np.ndarray:
    """MinHash signatures, shape (len(hash_sets), num_perm), dtype uint64 (values < 2^32).

    An empty set gets the all-max signature (it collides only with other empty sets, which the
    callers skip).
    """
    n = len(hash_sets)
    a, b = _permutations(params.num_perm, params.seed)
    out = np.full((n, params.num_perm), MAX_HASH, dtype=np.uint64)
    lengths = np.fromiter((len(h) for h in hash_sets), dtype=np.int64, count=n)
    if not lengths.sum():
        return out
    flat = np.concatenate([np.asarray(h, dtype=np.uint64) for h in hash_sets])
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    nonempty = np.nonzero(lengths)[0]
    # Process posts in groups whose shingles fit in ``chunk`` columns, to bound memory.
    i = 0
    while i < len(nonempty):
        j = i
        total = 0
        while j < len(nonempty) and (total == 0 or total + lengths[nonempty[j]] <= chunk):
            total += lengths[nonempty[j]]
            j += 1
        rows = nonempty[i:j]
        lo = starts[rows[0]]
        hi = starts[rows[-1]] + lengths[rows[-1]]
        block = (np.outer(flat[lo:hi], a) + b) % MERSENNE & MAX_HASH  # (shingles, perms)
        out[rows] = np.minimum.reduceat(block, starts[rows] - lo, axis=0)
        i = j
    return out


@lru_cache(maxsize=8)
def _band_mix(rows: int, seed: int) -> np.ndarray:
    return np.random.RandomState(seed + 7919).randint(1, 1 << 62, size=rows, dtype=np.uint64) | np.uint64(1)


def band_keys(sigs: np.ndarray, params: LshParams = DEFAULT_PARAMS) -> np.ndarray:
    """One 64-bit key per band, shape (n, bands): equal bands give equal keys."""
    n = sigs.shape[0]
    mix = _band_mix(params.rows, params.seed)
    banded = sigs.reshape(n, params.bands, params.rows)
    with np.errstate(over="ignore"):
        keys = (banded * mix).sum(axis=2, dtype=np.uint64)
        keys ^= keys >> np.uint64(29)
    return keys
