"""The local engine: partitions live in this process, work runs in a pool of worker processes.

It runs exactly the stages the Dask engine runs (same partitions, same buckets, same reducers),
so a laptop run and a cluster run give the same findings. ``jobs=1`` runs everything here.
"""

from __future__ import annotations

import resource
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from engagelint.engines.base import Engine, bucket_of, pickled_size, reduce_bucket


def _call(task: tuple) -> list:
    fn, item, args = task
    return fn(item, *args)


class LocalEngine(Engine):
    name = "local"

    def __init__(self, jobs: int = 1, measure: bool = False) -> None:
        super().__init__(measure)
        self.jobs = max(1, jobs)
        self._pool: ProcessPoolExecutor | None = None

    @property
    def workers(self) -> int:
        return self.jobs

    def start(self) -> None:
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

    def _run(self, fn: Callable, tasks: list, on_done: Callable[[int], None] | None = None) -> list:
        if self._pool is None or len(tasks) < 2:
            out = []
            for i, task in enumerate(tasks):
                out.append(fn(task))
                if on_done:
                    on_done(i)
            return out
        out = []
        for i, result in enumerate(self._pool.map(fn, tasks)):
            out.append(result)
            if on_done:
                on_done(i)
        return out

    def broadcast(self, value: Any) -> Any:
        return value

    def read(self, fn, specs, args, on_partition=None):
        return self._run(_call, [(fn, spec, args) for spec in specs], on_partition)

    def map(self, coll, fn, args=()):
        # Maps after the first stage select and reshape rows: cheaper here than pickled to a worker.
        return [fn(part, *args) for part in coll]

    def group(self, coll, reducer, args=(), buckets=None, name=""):
        n = buckets or max(1, len(coll))
        split: list[list] = [[] for _ in range(n)]
        for part in coll:
            for row in part:
                split[bucket_of(row, n)].append(row)
        if self.measure:
            self.stats.shuffle_bytes[name] = self.stats.shuffle_bytes.get(name, 0) + sum(
                pickled_size(b) for b in split
            )
            self.stats.shuffle_rows[name] = self.stats.shuffle_rows.get(name, 0) + sum(len(b) for b in split)
        # Reducers are light (the posts were linted in stage 1): run here, bucket by bucket.
        return [reduce_bucket(rows, reducer, args) for rows in split]

    def from_rows(self, rows):
        return [list(rows)]

    def concat(self, colls):
        return [part for coll in colls for part in coll]

    def collect(self, coll):
        return [row for part in coll for row in part]
