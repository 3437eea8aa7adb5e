"""The engine contract: partitions of rows, mapped and shuffled; nothing about rules.

A collection is a list of partitions (each a list of rows), kept wherever the engine keeps data
(this process, or Dask workers). ``group`` is the one shuffle: rows are ``(key, value)`` pairs,
sent to bucket ``stable_hash(key) % buckets``, and each bucket is reduced where it lands, so no
worker ever holds more than its buckets. Bucketing uses a hash that is the same in every process
(Python's ``hash`` of a string is not), so both engines put a key in the same bucket.

Functions given to an engine must be module-level (they are pickled to worker processes).
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


class EngineError(Exception):
    """An engine that cannot start (Dask not installed, scheduler unreachable): a usage error."""


def stable_hash(key: Any) -> int:
    """A 64-bit hash of ``key`` (str, int, tuples of them) equal in every process and run."""
    return int.from_bytes(hashlib.blake2b(repr(key).encode("utf-8"), digest_size=8).digest(), "big")


def bucket_of(row: tuple, buckets: int) -> int:
    return stable_hash(row[0]) % buckets


def reduce_bucket(rows: Iterable[tuple], reducer: Callable, args: tuple) -> list:
    """Group one bucket's rows by their key and reduce each group (keys in a stable order)."""
    groups: dict[Any, list] = {}
    for key, value in rows:
        groups.setdefault(key, []).append(value)
    out: list = []
    for key in sorted(groups, key=repr):
        out.extend(reducer(key, groups[key], *args))
    return out


@dataclass
class EngineStats:
    """What a run cost: bytes sent through each shuffle, peak memory of each worker (bytes)."""

    shuffle_bytes: dict[str, int] = field(default_factory=dict)
    shuffle_rows: dict[str, int] = field(default_factory=dict)
    worker_peak_rss: list[int] = field(default_factory=list)


class Engine(ABC):
    name = "base"

    def __init__(self, measure: bool = False) -> None:
        self.measure = measure  # count shuffle bytes (costs a pickling pass; for benchmarks)
        self.stats = EngineStats()

    def __enter__(self) -> Engine:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        return None

    def close(self) -> None:
        return None

    @property
    def workers(self) -> int:
        return 1

    @abstractmethod
    def broadcast(self, value: Any) -> Any:
        """``value`` made available to every worker once; pass the handle to ``map``/``group``."""

    @abstractmethod
    def read(self, fn: Callable, specs: list, args: tuple, on_partition: Callable[[int], None] | None = None,
             split: Callable[[list], dict[str, list]] | None = None):  # fmt: skip
        """A collection with one partition per spec: ``fn(spec, *args) -> rows`` (runs on workers).
        ``on_partition(i)`` is called here as partitions finish (progress). With ``split``, each
        partition's rows are cut once, where they were made, into named streams, and the result is
        ``{name: collection}`` (so later stages never read a whole partition again to pick rows)."""

    @abstractmethod
    def map(self, coll, fn: Callable, args: tuple = ()):
        """``fn(rows, *args) -> rows`` on every partition."""

    @abstractmethod
    def group(self, coll, reducer: Callable, args: tuple = (), buckets: int | None = None, name: str = ""):
        """Shuffle ``(key, value)`` rows by key; ``reducer(key, values, *args) -> rows`` per key.
        Values of one key arrive in no particular order: reducers sort them."""

    @abstractmethod
    def from_rows(self, rows: list):
        """A one-partition collection of rows made here (a few, e.g. EL504's findings)."""

    @abstractmethod
    def concat(self, colls: list):
        """One collection holding the partitions of each."""

    @abstractmethod
    def collect(self, coll) -> list:
        """Every row of the collection, here (for small collections only: counters, errors)."""

    @abstractmethod
    def spool(self, coll, key: Callable, directory: str, prefix: str = "part") -> list[tuple[str, int]]:
        """Each partition sorted by ``key`` and written to ``directory/prefix-N`` (a stream of
        pickles, read back with ``engines.local.read_sorted``), by the worker holding it when the
        directory is on its machine; ``(file, items)`` per partition. The caller merges the files."""
