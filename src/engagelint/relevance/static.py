"""The default backend: tiny bilingual static word vectors shipped with engagelint.

A text's vector is the frequency-weighted mean of its words' vectors (rare words weigh more:
weight = a / (a + p(word)), the "SIF" weighting), so it costs a few dictionary look-ups and
one small matrix product per post. English and French words share one space (see
``scripts/build_relevance_vectors.py``), so an English goal can score a French post.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np

from engagelint.relevance.backends import BackendError, normalise_rows
from engagelint.relevance.text import words

DATA_FILE = "relevance_vectors.npz"
SIF_A = 1e-4  # weights: the ~300 most frequent words count < 10 %, rare words ~100 %


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


class StaticBackend:
    name = "static"
    calibration = (0.05, 0.6)

    def __init__(self, path: str | Path | None = None) -> None:
        try:
            if path is None:
                with resources.as_file(resources.files("engagelint") / "data" / DATA_FILE) as p:
                    data = dict(np.load(p, allow_pickle=False))
            else:
                data = dict(np.load(path, allow_pickle=False))
            vocab = str(data["words"]).split("\n")
            vectors = data["vectors"].astype(np.float32) * (float(data["scale"]) / 127.0)
            zipf = data["zipf"].astype(np.float64) / 10.0
        except (OSError, KeyError, ValueError) as exc:
            raise BackendError(f"relevance vectors {path or DATA_FILE}: cannot load: {exc}") from None
        if len(vocab) != len(vectors) or len(vocab) != len(zipf):
            raise BackendError(f"relevance vectors {path or DATA_FILE}: words and vectors differ in number")
        p = 10.0 ** (zipf - 9.0)
        weights = (SIF_A / (SIF_A + p)).astype(np.float32)
        self.vectors = vectors * weights[:, None]  # pre-weighted: a text is a plain sum of rows
        self.dims = vectors.shape[1]
        self.index: dict[str, int] = {w: i for i, w in enumerate(vocab)}
        # Social posts often drop accents ("equipe"): map accent-less spellings too, unless ambiguous.
        for w, i in list(self.index.items()):
            bare = _strip_accents(w)
            if bare != w:
                self.index.setdefault(bare, i)
        self._miss: dict[str, int] = {}

    def word_id(self, word: str) -> int:
        """Index of ``word`` (or of a simple variant: plural, accent-less), -1 when unknown."""
        i = self.index.get(word)
        if i is not None:
            return i
        i = self._miss.get(word)
        if i is not None:
            return i
        i = -1
        for cut, add in ((1, ""), (2, ""), (3, "e"), (3, "")):  # cats, boxes, hiring->hire, tried
            if len(word) - cut >= 3:
                j = self.index.get(word[:-cut] + add)
                if j is not None:
                    i = j
                    break
        if len(self._miss) < 100_000:
            self._miss[word] = i
        return i

    def ids(self, text: str) -> list[int]:
        return [i for i in map(self.word_id, words(text)) if i >= 0]

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        for row, text in enumerate(texts):
            ids = self.ids(text)
            if ids:
                out[row] = self.vectors[ids].sum(axis=0)
        return normalise_rows(out)
