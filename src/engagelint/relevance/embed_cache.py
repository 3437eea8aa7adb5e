"""Sentence vectors kept on disk by content, so a re-run encodes only new or changed texts.

A sentence encoder costs ~50-100 ms a post on one core; a lint run that re-reads 300 unchanged
drafts should not pay that again. Vectors live under the result cache's root
(``$ENGAGELINT_CACHE_DIR``, else ``~/.cache/engagelint``) in ``relevance/<backend>/``, keyed by the
SHA-1 of the text: shards written through a temporary file and an atomic rename, one per flush,
merged when they pile up. Several processes (``--jobs``) may read and write at once: a shard is
complete or absent, and a merge re-reads the shards it replaces (a shard written during a merge
survives it).
Anything unreadable is ignored (the texts are encoded again).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

MAX_SHARDS = 8
FLUSH_EVERY = 64


def text_key(text: str) -> bytes:
    return hashlib.sha1(text.encode("utf-8")).digest()


class EmbeddingCache:
    def __init__(self, folder: Path | None, seed: Path | None = None) -> None:
        """``seed``: a shard shipped with engagelint (the background posts' vectors), read first."""
        self.folder = folder
        self.seed = seed
        self._known: dict[bytes, np.ndarray] = {}
        self._pending: dict[bytes, np.ndarray] = {}
        self._loaded = False

    def _load(self) -> None:
        self._loaded = True
        if self.seed is not None:
            self._known.update(_read_shard(self.seed))
        for shard in self._shards():
            self._known.update(_read_shard(shard))

    def _shards(self) -> list[Path]:
        if self.folder is None or not self.folder.is_dir():
            return []
        return sorted(self.folder.glob("*.npz"))

    def embed(self, texts: Sequence[str], encode: Callable[[list[str]], np.ndarray]) -> np.ndarray:
        """Vectors of ``texts`` (float32 rows), encoding in one batch only the ones not cached."""
        if not self._loaded:
            self._load()
        keys = [text_key(t) for t in texts]
        missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in self._known}
        if missing:
            vectors = np.asarray(encode(list(missing.values())), dtype=np.float32)
            for k, v in zip(missing, vectors, strict=True):
                self._known[k] = self._pending[k] = v
            if len(self._pending) >= FLUSH_EVERY:
                self.flush()
        if not keys:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([self._known[k] for k in keys]).astype(np.float32)

    def flush(self) -> None:
        """Write the vectors encoded since the last flush (a no-op without a folder or news)."""
        if self.folder is None or not self._pending:
            return
        pending, self._pending = self._pending, {}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            shards = self._shards()
            if (
                len(shards) >= MAX_SHARDS
            ):  # merge: re-read what other processes wrote, then drop the old shards
                for shard in shards:
                    for key, vector in _read_shard(shard).items():
                        self._known.setdefault(key, vector)
                _write_shard(self.folder, self._known)
                for old in shards:
                    old.unlink(missing_ok=True)
            else:
                _write_shard(self.folder, pending)
        except OSError:  # read-only or full disk: the cache is an optimisation, never an error
            return


def write_seed(path: Path, vectors: dict[bytes, np.ndarray]) -> None:
    """Write ``vectors`` (keyed by ``text_key``) as a seed shard (scripts/build_relevance_background.py)."""
    _write_shard(path.parent, vectors, path.name)


def _write_shard(folder: Path, vectors: dict[bytes, np.ndarray], name: str | None = None) -> None:
    keys = np.frombuffer(b"".join(vectors), dtype=np.uint8).reshape(len(vectors), 20)
    data = np.stack(list(vectors.values())).astype(np.float16)
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, keys=keys, vectors=data)
        os.replace(tmp, folder / (name or f"{uuid.uuid4().hex}.npz"))
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_shard(path: Path) -> dict[bytes, np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as data:
            keys, vectors = data["keys"], data["vectors"].astype(np.float32)
    except (OSError, KeyError, ValueError, EOFError):
        return {}
    if keys.ndim != 2 or keys.shape[1] != 20 or len(keys) != len(vectors):
        return {}
    return {bytes(k): v for k, v in zip(keys, vectors, strict=True)}
