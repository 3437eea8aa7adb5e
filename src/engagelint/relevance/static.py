"""The default backend: tiny bilingual static word vectors shipped with engagelint.

A text's vector is the frequency-weighted mean of its words' vectors (rare words weigh more:
weight = a / (a + p(word)), the "SIF" weighting), so it costs a few dictionary look-ups and
one small matrix product per post. English and French words share one space (see
``scripts/build_relevance_vectors.py``), so an English goal can score a French post.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from engagelint.profile import Goal
from engagelint.relevance.settings import BackendError
from engagelint.relevance.text import goal_parts, words

DATA_FILE = "relevance_vectors.npz"
MAX_VECTORS_BYTES = 128 * 1048576  # declared, uncompressed; the shipped file holds 13 MiB
SIF_A = 1e-4  # weights: the ~300 most frequent words count < 10 %, rare words ~100 %


_BARE = str.maketrans("àâäáçéèêëíîïñóôöùûüúÿ", "aaaaceeeeiiinooouuuuy")


@dataclass(frozen=True)
class CompiledGoals:
    columns: np.ndarray  # unit vectors of every goal's words, goal after goal
    starts: np.ndarray  # where each goal's words start in ``columns``
    weights: np.ndarray  # each column's word weight
    totals: np.ndarray  # each goal's total word weight


class StaticBackend:
    """Soft word matching (BERTScore-style) between a post and each goal, on shipped word vectors.

    Each post word is matched to its most similar goal word (precision: how much of the post is
    about the goal) and each goal word to its most similar post word (recall: how much of the goal
    the post covers); the similarity is their F1, every word weighted by rarity.
    """

    name = "static"
    calibration = (1.1, 1.4)  # eval/eval_relevance.py --fit (hand-written set), rounded
    min_spread = 0.02

    def __init__(self, path: str | Path | None = None) -> None:
        from engagelint.safe_npz import load_npz

        try:
            if path is None:
                with resources.as_file(resources.files("engagelint") / "data" / DATA_FILE) as p:
                    data = load_npz(str(p), MAX_VECTORS_BYTES)
            else:  # may come from the repository: sizes are checked before inflating
                data = load_npz(str(path), MAX_VECTORS_BYTES)
            vocab = str(data["words"]).split("\n")
            vectors = data["vectors"].astype(np.float32)
            zipf = data["zipf"].astype(np.float64) / 10.0
        except (OSError, KeyError, ValueError) as exc:
            raise BackendError(f"relevance vectors {path or DATA_FILE}: cannot load: {exc}") from None
        if len(vocab) != len(vectors) or len(vocab) != len(zipf):
            raise BackendError(f"relevance vectors {path or DATA_FILE}: words and vectors differ in number")
        p = 10.0 ** (zipf - 9.0)
        # A last all-zero row stands for "no word" (a goal whose words are all unknown).
        # Rows were unit vectors before int8 rounding (see the build script): no re-normalising.
        vectors *= float(data.get("scale", 127.0)) / 127.0
        self.unit = np.vstack([vectors, np.zeros((1, vectors.shape[1]), np.float32)])
        self.weights = np.append(SIF_A / (SIF_A + p), 1e-6).astype(np.float32)
        self.dims = vectors.shape[1]
        self.index: dict[str, int] = {w: i for i, w in enumerate(vocab)}
        # Social posts often drop accents ("equipe"): map accent-less spellings too, unless ambiguous.
        for w, i in list(self.index.items()):
            if not w.isascii():
                self.index.setdefault(w.translate(_BARE), i)
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

    def compile_goals(self, goals: Sequence[Goal]) -> CompiledGoals:
        columns: list[int] = []
        starts = []
        for goal in goals:
            starts.append(len(columns))
            ids = dict.fromkeys(i for part in goal_parts(goal) for i in self.ids(part))
            columns.extend(ids or [len(self.unit) - 1])
        cols = np.array(columns, dtype=np.int64)
        weights = self.weights[cols]
        starts_arr = np.array(starts, dtype=np.int64)
        return CompiledGoals(
            self.unit[cols].T.copy(), starts_arr, weights, np.add.reduceat(weights, starts_arr)
        )

    def similarities(self, compiled: CompiledGoals, texts: Sequence[str]) -> np.ndarray:
        out = np.full((len(texts), len(compiled.starts)), np.nan, dtype=np.float32)
        for row, text in enumerate(texts):
            ids = self.ids(text)
            if not ids:
                continue
            w = self.weights[ids]
            sims = self.unit[ids] @ compiled.columns  # post words x goal words
            precision = np.maximum((w @ np.maximum.reduceat(sims, compiled.starts, axis=1)) / w.sum(), 0)
            recall = np.maximum(
                np.add.reduceat(compiled.weights * sims.max(axis=0), compiled.starts) / compiled.totals, 0
            )
            out[row] = 2 * precision * recall / np.maximum(precision + recall, 1e-6)
        return out
