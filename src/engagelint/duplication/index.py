"""An in-memory archive index (numpy LSH band tables) and its versioned, checksummed file format.

File layout (all integers big-endian)::

    b"ELDUPIDX" | u32 format version | 32-byte SHA-256 of the body | body
    body = u64 header length | header (JSON) | payload (numpy .npz, uncompressed)

A file that is truncated, overwritten with garbage or edited fails the checksum; a file written
by another format version or with other hashing parameters is reported as such. Callers decide
to rebuild (see ``engagelint.duplication.archive``).
"""

from __future__ import annotations

import hashlib
import io
import json
import struct
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from engagelint.duplication import near
from engagelint.duplication.features import Features, features
from engagelint.duplication.minhash import DEFAULT_PARAMS, LshParams, band_keys, signatures
from engagelint.duplication.near import BUCKET_CAP, CANDIDATE_CAP, SearchStats
from engagelint.duplication.normalize import NORMALISER_VERSION
from engagelint.duplication.records import ArchiveEntry, ArchiveMatch
from engagelint.duplication.shingles import DEFAULT_SCHEME, jaccard
from engagelint.safe_npz import NpzRefused, load_npz

MAGIC = b"ELDUPIDX"
FORMAT_VERSION = 1
_PREFIX = struct.Struct(">8sI32s")


class IndexProblem(Exception):
    """The index cannot be used as is; the message says why (and the caller rebuilds)."""


class IndexCorrupt(IndexProblem):
    pass


class IndexVersionMismatch(IndexProblem):
    pass


def current_params(params: LshParams = DEFAULT_PARAMS, scheme: str = DEFAULT_SCHEME) -> dict[str, Any]:
    """Everything that changes the meaning of stored data; a mismatch makes an index stale."""
    return {"format": FORMAT_VERSION, "normaliser": NORMALISER_VERSION, "scheme": scheme, **asdict(params)}


@dataclass
class ArchiveIndex:
    params: LshParams = DEFAULT_PARAMS
    scheme: str = DEFAULT_SCHEME
    ids: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    platforms: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    fingerprints: list[str] = field(default_factory=list)
    offsets: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    flat: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint32))
    keys: np.ndarray = field(default_factory=lambda: np.zeros((0, DEFAULT_PARAMS.bands), dtype=np.uint64))
    meta: dict[str, Any] = field(default_factory=dict)  # free-form build facts (sources, added files)

    def __post_init__(self) -> None:
        self._tables: list[tuple[np.ndarray, np.ndarray]] | None = None
        self._by_fp: dict[str, int] | None = None
        self._id_set: set[str] | None = None
        self.stats = SearchStats()

    def __len__(self) -> int:
        return len(self.ids)

    # -- building ---------------------------------------------------------------------------
    def extend(self, entries: Iterable[ArchiveEntry]) -> int:
        """Add entries whose id is not indexed yet; returns how many were added."""
        known = self._known_ids()
        fresh: list[ArchiveEntry] = []
        for e in entries:
            if e.id not in known and e.text.strip():
                known.add(e.id)
                fresh.append(e)
        if not fresh:
            return 0
        feats = [features(e.text, self.scheme) for e in fresh]
        self.extend_features(fresh, feats)
        return len(fresh)

    def extend_features(self, entries: Sequence[ArchiveEntry], feats: Sequence[Features]) -> None:
        hashes = [f.hashes for f in feats]
        new_keys = band_keys(signatures(hashes, self.params), self.params)
        lengths = np.fromiter((len(h) for h in hashes), dtype=np.int64, count=len(hashes))
        self.offsets = np.concatenate((self.offsets, self.offsets[-1] + np.cumsum(lengths)))
        self.flat = np.concatenate((self.flat, *[h.astype(np.uint32) for h in hashes]))
        self.keys = np.concatenate((self.keys, new_keys))
        for e, f in zip(entries, feats, strict=True):
            self.ids.append(e.id)
            self.dates.append(e.date)
            self.platforms.append(e.platform)
            self.urls.append(e.url)
            self.fingerprints.append(f.fingerprint)
        self._tables = None
        self._by_fp = None

    def _known_ids(self) -> set[str]:
        if self._id_set is None or len(self._id_set) != len(self.ids):
            self._id_set = set(self.ids)
        return self._id_set

    # -- querying ---------------------------------------------------------------------------
    def _lookup(self) -> list[tuple[np.ndarray, np.ndarray]]:
        if self._tables is None:
            tables = []
            for band in range(self.params.bands):
                column = self.keys[:, band]
                order = np.argsort(column, kind="stable")
                tables.append((column[order], order))
            self._tables = tables
        return self._tables

    def _fingerprint_map(self) -> dict[str, int]:
        if self._by_fp is None:
            by_fp: dict[str, int] = {}
            for i, fp in enumerate(self.fingerprints):
                by_fp.setdefault(fp, i)
            self._by_fp = by_fp
        return self._by_fp

    def hashes(self, i: int) -> np.ndarray:
        return self.flat[self.offsets[i] : self.offsets[i + 1]]

    def match(self, i: int, similarity: float, exact: bool) -> ArchiveMatch:
        return ArchiveMatch(self.ids[i], self.dates[i], self.platforms[i], self.urls[i], similarity, exact)

    def query_many(
        self, feats: Sequence[Features], threshold: float, budget: int | None = None
    ) -> list[list[ArchiveMatch]]:
        """For each draft, the archived posts that are exact duplicates or at least ``threshold``
        similar (exact Jaccard on shingles, candidates from the LSH bands), best first.
        ``self.stats`` tells how many comparisons were made and whether ``budget`` was hit."""
        out: list[list[ArchiveMatch]] = [[] for _ in feats]
        if not len(self) or not feats:
            return out
        by_fp = self._fingerprint_map()
        qkeys = band_keys(signatures([f.hashes for f in feats], self.params), self.params)
        # Bounded like the in-run search (engagelint.duplication.near): a templated archive puts
        # thousands of posts in one bucket; each draft compares its CANDIDATE_CAP best candidates
        # (most shared bands first) taken from the first BUCKET_CAP posts of each bucket.
        overlap: list[Counter[int]] = [Counter() for _ in feats]
        for band, (sorted_keys, order) in enumerate(self._lookup()):
            lo = np.searchsorted(sorted_keys, qkeys[:, band], side="left")
            hi = np.minimum(np.searchsorted(sorted_keys, qkeys[:, band], side="right"), lo + BUCKET_CAP)
            for q in np.nonzero(hi > lo)[0]:
                overlap[q].update(order[lo[q] : hi[q]].tolist())
        budget = near.RUN_BUDGET if budget is None else budget
        self.stats = SearchStats(posts=len(feats))
        for q, f in enumerate(feats):
            found: dict[int, ArchiveMatch] = {}
            exact_i = by_fp.get(f.fingerprint)
            if exact_i is not None:
                found[exact_i] = self.match(exact_i, 1.0, True)
            if len(f.hashes) and not self.stats.exhausted:
                ranked = sorted(overlap[q].items(), key=lambda ic: (-ic[1], ic[0]))[:CANDIDATE_CAP]
                for i, _ in ranked:
                    if i in found:
                        continue
                    if self.fingerprints[i] == f.fingerprint:
                        found[i] = self.match(i, 1.0, True)
                        continue
                    if self.stats.comparisons >= budget:
                        self.stats.exhausted = True
                        break
                    self.stats.comparisons += 1
                    sim = jaccard(f.hashes, self.hashes(i))
                    if sim >= threshold:
                        found[i] = self.match(i, sim, False)
            out[q] = sorted(found.values(), key=lambda m: (not m.exact, -m.similarity, m.date, m.id))
        return out

    # -- persistence ------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        header = {
            "params": current_params(self.params, self.scheme),
            "count": len(self),
            "meta": self.meta,
        }
        strings = json.dumps(
            {"ids": self.ids, "dates": self.dates, "platforms": self.platforms, "urls": self.urls,
             "fingerprints": self.fingerprints},
            ensure_ascii=False,
        ).encode("utf-8")  # fmt: skip
        buf = io.BytesIO()
        np.savez(buf, offsets=self.offsets, flat=self.flat, keys=self.keys,
                 strings=np.frombuffer(strings, dtype=np.uint8))  # fmt: skip
        head = json.dumps(header, sort_keys=True).encode("utf-8")
        body = struct.pack(">Q", len(head)) + head + buf.getvalue()
        return _PREFIX.pack(MAGIC, FORMAT_VERSION, hashlib.sha256(body).digest()) + body

    @classmethod
    def from_bytes(cls, data: bytes, expected: dict[str, Any] | None = None) -> ArchiveIndex:
        if len(data) < _PREFIX.size or data[:8] != MAGIC:
            raise IndexCorrupt("not an engagelint archive index (bad magic number)")
        _, version, digest = _PREFIX.unpack_from(data)
        if version != FORMAT_VERSION:
            raise IndexVersionMismatch(
                f"written by another engagelint version (index format {version}, this version reads {FORMAT_VERSION})"
            )
        body = memoryview(data)[_PREFIX.size :]
        if hashlib.sha256(body).digest() != digest:
            raise IndexCorrupt("checksum mismatch (the file is truncated or damaged)")
        try:
            (head_len,) = struct.unpack_from(">Q", body)
            header = json.loads(bytes(body[8 : 8 + head_len]))
            payload = bytes(body[8 + head_len :])
            try:
                # Written uncompressed: a compressed member (a deflate bomb) or arrays declared
                # larger than the file are refused before anything is inflated.
                arrays = load_npz(payload, len(payload), stored_only=True)
            except NpzRefused as exc:
                raise IndexCorrupt(f"refused: {exc}") from None
            strings = json.loads(arrays["strings"].tobytes().decode("utf-8"))
            params = header["params"]
            expected = expected or current_params()
            if params != expected:
                changed = ", ".join(
                    f"{k} {params.get(k)!r} -> {v!r}" for k, v in expected.items() if params.get(k) != v
                )
                raise IndexVersionMismatch(f"built with other settings ({changed})")
            index = cls(
                params=LshParams(params["bands"], params["rows"], params["seed"]),
                scheme=params["scheme"],
                ids=strings["ids"],
                dates=strings["dates"],
                platforms=strings["platforms"],
                urls=strings["urls"],
                fingerprints=strings["fingerprints"],
                offsets=arrays["offsets"],
                flat=arrays["flat"],
                keys=arrays["keys"],
                meta=header.get("meta", {}),
            )
        except IndexProblem:
            raise
        except Exception as exc:  # a valid checksum over unreadable content: written by a broken writer
            raise IndexCorrupt(f"unreadable content ({type(exc).__name__}: {exc})") from None
        if len(index.offsets) != len(index.ids) + 1 or index.keys.shape != (
            len(index.ids),
            index.params.bands,
        ):
            raise IndexCorrupt("inconsistent array sizes")
        return index
