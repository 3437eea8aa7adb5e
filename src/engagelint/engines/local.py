"""The local engine: partitions are files in a temporary directory, work runs in a pool of worker processes.

It runs exactly the stages the Dask engine runs (same partitions, same buckets, same reducers),
so a laptop run and a cluster run give the same findings. Every partition a stage makes is
written by the worker that made it and read back by the worker of the next stage, so this
process only ever holds file names: its memory does not grow with the archive. ``jobs=1`` runs
everything here (the files are still used, one partition in memory at a time).
"""

from __future__ import annotations

import os
import pickle
import resource
import shutil
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from engagelint.engines.base import Engine, bucket_of, reduce_bucket


def save(rows: list, path: str) -> str:
    with open(path, "wb") as fh:
        pickle.dump(rows, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def load(path: str) -> list:
    with open(path, "rb") as fh:
        return pickle.load(fh)


def _read_task(fn: Callable, spec: Any, args: tuple, out: str, split: Callable | None = None):
    rows = fn(spec, *args)
    if split is None:
        return save(rows, out)
    return {name: save(part, f"{out}.{name}") for name, part in split(rows).items()}


def _map_task(fn: Callable, part: str, args: tuple, out: str) -> str:
    return save(fn(load(part), *args), out)


def _split_task(part: str, n: int, out: str) -> list[tuple[str, int]]:
    """One partition's rows cut into the ``n`` buckets of a shuffle: ``(file, bytes)`` per bucket."""
    split: list[list] = [[] for _ in range(n)]
    for row in load(part):
        split[bucket_of(row, n)].append(row)
    done = []
    for b, rows in enumerate(split):
        path = save(rows, f"{out}.{b}")
        done.append((path, os.path.getsize(path), len(rows)))
    return done


def _reduce_task(pieces: list[str], reducer: Callable, args: tuple, out: str) -> str:
    rows = [row for piece in pieces for row in load(piece)]
    return save(reduce_bucket(rows, reducer, args), out)


def _spool_task(part: str, key: Callable, out: str) -> tuple[str, int]:
    return write_sorted(load(part), key, out)


def write_sorted(items: list, key: Callable, path: str) -> tuple[str, int]:
    """``items`` sorted by ``key`` into ``path`` as a stream of pickles (read back by ``read_sorted``).
    One pickle per item, each with its own memo: a reader can stop anywhere and holds one item."""
    items.sort(key=key)
    with open(path, "wb") as fh:
        for item in items:
            pickle.dump(item, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return path, len(items)


def read_sorted(path: str) -> Iterator:
    with open(path, "rb") as fh:
        while True:
            try:
                yield pickle.load(fh)
            except EOFError:
                return


class LocalEngine(Engine):
    name = "local"

    def __init__(self, jobs: int = 1, measure: bool = False) -> None:
        super().__init__(measure)
        self.jobs = max(1, jobs)
        self._pool: ProcessPoolExecutor | None = None
        self._dir: str | None = None
        self._files = 0

    @property
    def workers(self) -> int:
        return self.jobs

    def start(self) -> None:
        if self._dir is None:
            self._dir = tempfile.mkdtemp(prefix="engagelint-audit-")
        if self.jobs > 1 and self._pool is None:
            import multiprocessing

            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            self._pool = ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context(method))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
            # the largest resident size any worker reached (Linux reports KiB)
            self.stats.worker_peak_rss = [resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024]
        elif not self.stats.worker_peak_rss:
            self.stats.worker_peak_rss = [resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024]
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def _name(self) -> str:
        if self._dir is None:
            self.start()
        self._files += 1
        return os.path.join(self._dir, f"p{self._files}")

    def _run(self, fn: Callable, tasks: list[tuple], on_done: Callable[[int], None] | None = None) -> list:
        if self._pool is None or len(tasks) < 2:
            results = (fn(*task) for task in tasks)
        else:
            futures = [self._pool.submit(fn, *task) for task in tasks]
            results = (f.result() for f in futures)
        out = []
        for i, result in enumerate(results):
            out.append(result)
            if on_done:
                on_done(i)
        return out

    def broadcast(self, value: Any) -> Any:
        return value

    def read(self, fn, specs, args, on_partition=None, split=None):
        done = self._run(_read_task, [(fn, spec, args, self._name(), split) for spec in specs], on_partition)
        if split is None:
            return done
        return {name: [parts[name] for parts in done] for name in (done[0] if done else {})}

    def map(self, coll, fn, args=()):
        return self._run(_map_task, [(fn, part, args, self._name()) for part in coll])

    def group(self, coll, reducer, args=(), buckets=None, name=""):
        n = buckets or max(1, len(coll))
        split = self._run(_split_task, [(part, n, self._name()) for part in coll])
        if self.measure:
            self.stats.shuffle_bytes[name] = self.stats.shuffle_bytes.get(name, 0) + sum(
                size for pieces in split for _path, size, _rows in pieces
            )
            self.stats.shuffle_rows[name] = self.stats.shuffle_rows.get(name, 0) + sum(
                rows for pieces in split for _path, _size, rows in pieces
            )
        tasks = [([pieces[b][0] for pieces in split], reducer, args, self._name()) for b in range(n)]
        return self._run(_reduce_task, tasks)

    def from_rows(self, rows):
        return [save(list(rows), self._name())]

    def concat(self, colls):
        return [part for coll in colls for part in coll]

    def collect(self, coll):
        return [row for part in coll for row in load(part)]

    def spool(self, coll, key, directory, prefix="part"):
        tasks = [(part, key, os.path.join(directory, f"{prefix}-{i:05d}")) for i, part in enumerate(coll)]
        return self._run(_spool_task, tasks)
