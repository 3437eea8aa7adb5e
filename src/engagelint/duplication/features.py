"""What duplicate detection keeps of a post: a digest of its exact form and its shingle hashes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engagelint.duplication.normalize import fingerprint, tokens
from engagelint.duplication.shingles import DEFAULT_SCHEME, hash_shingles, shingles


@dataclass(frozen=True, slots=True)
class Features:
    fingerprint: str
    hashes: np.ndarray  # sorted unique uint32 shingle hashes
    words: int  # number of tokens, to skip posts too short to judge


def features(text: str, scheme: str = DEFAULT_SCHEME) -> Features:
    toks = tokens(text)
    return Features(fingerprint(text), hash_shingles(shingles(toks, scheme)), len(toks))
