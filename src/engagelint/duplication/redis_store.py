"""The archive in a shared Redis server, for teams linting on several CI runners.

LSH buckets live in datasketch's Redis storage (``MinHashLSH(storage_config={"type": "redis"})``);
next to them, under the same prefix, a hash of records (date, platform, url, fingerprint, shingle
hashes), a hash from fingerprint to id (exact duplicates) and the parameters the data was built
with. Keys are stored as UTF-8 bytes (``prepickle=False``): nothing read from the shared server is
ever unpickled.

The server is shared with other applications: ``clear`` deletes only the keys engagelint writes
(``<prefix>:records``, ``:exact``, ``:params`` and datasketch's ``<prefix>:lsh_*``), found by a
SCAN whose pattern has every glob character escaped, and only when ``<prefix>:params`` holds
engagelint's marker: a prefix shared with someone else's data is refused, not emptied.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from engagelint.duplication import near
from engagelint.duplication.features import Features, features
from engagelint.duplication.index import current_params
from engagelint.duplication.minhash import DATASKETCH_SCHEME, DEFAULT_PARAMS, LshParams, signatures
from engagelint.duplication.records import ArchiveEntry, ArchiveMatch
from engagelint.duplication.shingles import DEFAULT_SCHEME, jaccard


class RedisUnavailable(Exception):
    pass


class ForeignPrefix(RedisUnavailable):
    """The prefix holds keys engagelint did not write: nothing is deleted."""


MARKER = "engagelint-archive"  # stored in <prefix>:params; only a marked prefix is ever cleared
_GLOB = str.maketrans({c: "\\" + c for c in "*?[]^\\"})


def escape_glob(text: str) -> str:
    """``text`` matched literally by a Redis SCAN/KEYS pattern."""
    return text.translate(_GLOB)


MAX_RECORD_BYTES = 1 << 20  # a record is a few KB of shingle hashes; more is not ours


def _record(raw: Any) -> dict[str, Any] | None:
    """A record read back from the shared server, or None when it is not one we wrote."""
    if not isinstance(raw, bytes) or len(raw) > MAX_RECORD_BYTES:
        return None
    try:
        rec = json.loads(raw)
    except ValueError:  # UnicodeDecodeError is a ValueError too
        return None
    if not isinstance(rec, dict) or not isinstance(rec.get("fp"), str):
        return None
    if not all(isinstance(rec.get(k), (str, type(None))) for k in ("date", "platform", "url")):
        return None
    h = rec.get("h")
    if not isinstance(h, list) or not all(
        isinstance(x, int) and not isinstance(x, bool) and 0 <= x < 2**32 for x in h
    ):
        return None
    return rec


class RedisArchive:
    def __init__(
        self, url: str, prefix: str, params: LshParams = DEFAULT_PARAMS, scheme: str = DEFAULT_SCHEME
    ):
        try:  # both come with the [redis] extra; datasketch (and its scipy) only matters here
            import datasketch  # noqa: F401
            import redis
            from redis.connection import parse_url
        except ImportError as exc:
            raise RedisUnavailable(
                f"the Redis archive needs the '{exc.name}' package: pip install 'engagelint[redis]'"
            ) from exc
        self.url = url
        self.prefix = prefix
        self.params = params
        self.scheme = scheme
        self.client = redis.Redis.from_url(url)
        self._conn = parse_url(url)
        try:
            self.client.ping()
        except redis.RedisError as exc:
            raise RedisUnavailable(f"cannot reach Redis at {url} ({exc})") from None
        self._records = f"{prefix}:records"
        self._exact = f"{prefix}:exact"
        self._params_key = f"{prefix}:params"
        self._lsh = None
        # What was wrong with the data read back (damaged records, a failing server), for warnings.
        self.notes: list[str] = []

    def lsh(self):
        if self._lsh is None:
            from datasketch import MinHashLSH

            self._lsh = MinHashLSH(
                num_perm=self.params.num_perm,
                params=(self.params.bands, self.params.rows),
                storage_config={
                    "type": "redis",
                    "basename": f"{self.prefix}:lsh".encode(),
                    "redis": self._conn,
                },
                prepickle=False,
            )
        return self._lsh

    def __len__(self) -> int:
        import redis

        try:
            return int(self.client.hlen(self._records))
        except redis.RedisError:  # not a hash: not an archive we wrote
            return 0

    def _stored_params(self) -> dict | None:
        """The stored parameters; None when there are none, {} when what is stored is not ours
        (not JSON, not a table, a hash where our string should be)."""
        import redis

        try:
            raw = self.client.get(self._params_key)
        except redis.RedisError:  # e.g. WRONGTYPE
            return {}
        if raw is None:
            return None
        try:
            value = json.loads(raw)
        except (ValueError, TypeError):
            return {}
        return value if isinstance(value, dict) else {}

    def _own_params(self) -> str:
        return json.dumps({**current_params(self.params, self.scheme), "marker": MARKER}, sort_keys=True)

    def problem(self) -> str | None:
        """Why the stored data cannot be used (None when it can)."""
        stored = self._stored_params()
        if stored is None:
            return "no archive index in Redis yet"
        if not stored:
            return "the Redis archive parameters are damaged or were not written by engagelint"
        if {k: v for k, v in stored.items() if k != "marker"} != current_params(self.params, self.scheme):
            return "the Redis archive was built by another engagelint version or with other settings"
        return None

    def _check_ours(self) -> None:
        """Refuse a prefix that holds data engagelint did not mark as its own."""
        stored = self._stored_params()
        ours = stored is not None and (stored.get("marker") == MARKER or "format" in stored)
        if stored is None:
            pattern = escape_glob(self.prefix) + ":*"
            ours = next(iter(self.client.scan_iter(match=pattern, count=1000)), None) is None
        if not ours:
            raise ForeignPrefix(
                f"Redis keys under {self.prefix!r}: were not written by engagelint; nothing was "
                "deleted (choose another [archive] redis_prefix)"
            )

    def clear(self) -> None:
        """Delete this archive's keys, and only them."""
        self._check_ours()
        keys = [self._records, self._exact, self._params_key]
        keys += list(self.client.scan_iter(match=escape_glob(f"{self.prefix}:lsh_") + "*", count=1000))
        for i in range(0, len(keys), 500):
            self.client.delete(*keys[i : i + 500])
        self._lsh = None
        self.client.set(self._params_key, self._own_params())

    def extend(self, entries: Iterable[ArchiveEntry]) -> int:
        if self._stored_params() is None:
            self._check_ours()
            self.client.set(self._params_key, self._own_params())
        batch = [e for e in entries if e.text.strip()]
        known = self.client.hmget(self._records, [e.id for e in batch]) if batch else []
        seen: set[str] = set()
        fresh = []
        for e, k in zip(batch, known, strict=True):
            if k is None and e.id not in seen:
                seen.add(e.id)
                fresh.append(e)
        if not fresh:
            return 0
        from datasketch import LeanMinHash

        feats = [features(e.text, self.scheme) for e in fresh]
        sigs = signatures([f.hashes for f in feats], self.params)
        lsh = self.lsh()
        pipe = self.client.pipeline(transaction=False)
        for e, f in zip(fresh, feats, strict=True):
            record = {"date": e.date, "platform": e.platform, "url": e.url, "fp": f.fingerprint,
                      "h": f.hashes.tolist()}  # fmt: skip
            pipe.hset(self._records, e.id, json.dumps(record))
            pipe.hsetnx(self._exact, f.fingerprint, e.id)
        pipe.execute()
        with lsh.insertion_session() as session:
            for e, sig in zip(fresh, sigs, strict=True):
                session.insert(e.id.encode("utf-8"), LeanMinHash(seed=self.params.seed, hashvalues=sig, scheme=DATASKETCH_SCHEME),
                               check_duplication=False)  # fmt: skip
        return len(fresh)

    def query_many(self, feats: Sequence[Features], threshold: float) -> list[list[ArchiveMatch]]:
        """Matches for each draft; a server error or damaged data gives no matches and a note."""
        import redis

        try:
            return self._query_many(feats, threshold)
        except (redis.RedisError, ValueError, TypeError, KeyError, UnicodeDecodeError) as exc:
            self.notes.append(f"archive skipped: the Redis archive could not be read ({_first_line(exc)})")
            return [[] for _ in feats]

    def _query_many(self, feats: Sequence[Features], threshold: float) -> list[list[ArchiveMatch]]:
        from datasketch import LeanMinHash

        out: list[list[ArchiveMatch]] = [[] for _ in feats]
        damaged = 0
        if not feats:
            return out
        sigs = signatures([f.hashes for f in feats], self.params)
        exact_ids = self.client.hmget(self._exact, [f.fingerprint for f in feats])
        lsh = self.lsh()
        for q, (f, sig) in enumerate(zip(feats, sigs, strict=True)):
            ids = (
                {
                    i.decode("utf-8")
                    for i in lsh.query(
                        LeanMinHash(seed=self.params.seed, hashvalues=sig, scheme=DATASKETCH_SCHEME)
                    )
                }
                if len(f.hashes)
                else set()
            )
            if exact_ids[q] is not None:
                ids.add(exact_ids[q].decode("utf-8"))
            if not ids:
                continue
            # Bounded like the file index: a templated archive fills whole buckets.
            exact_id = exact_ids[q].decode("utf-8") if exact_ids[q] is not None else None
            ordered = sorted(ids - {exact_id})[: near.CANDIDATE_CAP] + ([exact_id] if exact_id else [])
            found = []
            for id_, raw in zip(ordered, self.client.hmget(self._records, ordered), strict=True):
                if raw is None:
                    continue
                rec = _record(raw)
                if rec is None:
                    damaged += 1
                    continue
                exact = rec["fp"] == f.fingerprint
                sim = 1.0 if exact else jaccard(f.hashes, np.asarray(rec["h"], dtype=np.uint32))
                if exact or sim >= threshold:
                    found.append(
                        ArchiveMatch(
                            id_, rec["date"] or "", rec["platform"] or "", rec["url"] or "", sim, exact
                        )
                    )
            out[q] = sorted(found, key=lambda m: (not m.exact, -m.similarity, m.date, m.id))
        if damaged:
            self.notes.append(
                f"{damaged} damaged record(s) in the Redis archive ignored (run `engagelint archive build`)"
            )
        return out


def _first_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:160]
    return text or type(exc).__name__
