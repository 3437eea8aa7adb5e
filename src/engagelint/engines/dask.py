"""The Dask engine: partitions live on the workers of a ``distributed`` cluster, as futures.

Give ``scheduler`` (``tcp://host:8786``) to use an existing cluster (Kubernetes, YARN, SLURM, cloud:
whatever started it); without it a ``LocalCluster`` of worker processes on the loopback interface
is started for the run and stopped after. Needs the ``dask`` extra: ``pip install 'engagelint[dask]'``.

It runs the local engine's plan with futures in place of files: a collection is a list of futures,
one per partition, each holding that partition's rows as one pickled blob. A shuffle is the same
all-to-all as the local engine's: each partition is cut where it lives into one blob per bucket,
and bucket ``b`` is reduced by a task that fetches piece ``b`` of every partition. Blobs, not lists
of tuples, because Dask then knows their size exactly (so a worker spills to disk before its memory
limit instead of growing with the archive) and moves them without pickling rows one by one; a
``dask.bag`` groupby made several rounds of small Python objects and held ~4x the bytes.
"""

from __future__ import annotations

import logging
import operator
import os
import pickle
from typing import Any

from engagelint.engines.base import Engine, EngineError, bucket_of, reduce_bucket

HIGHEST = pickle.HIGHEST_PROTOCOL


def _dumps(rows: list) -> bytes:
    return pickle.dumps(rows, protocol=HIGHEST)


def _read_part(spec, fn, args: tuple) -> bytes:
    return _dumps(fn(spec, *args))


def _read_split(spec, fn, args: tuple, split) -> dict[str, bytes]:
    return {name: _dumps(rows) for name, rows in split(fn(spec, *args)).items()}


def _map_part(blob: bytes, fn, args: tuple) -> bytes:
    return _dumps(fn(pickle.loads(blob), *args))


def _split_part(blob: bytes, n: int) -> tuple:
    """One partition cut into the ``n`` buckets of a shuffle, then ``(bytes, rows)`` it sent."""
    split: list[list] = [[] for _ in range(n)]
    rows = pickle.loads(blob)
    for row in rows:
        split[bucket_of(row, n)].append(row)
    pieces = [_dumps(part) for part in split]
    return (*pieces, (sum(len(p) for p in pieces), len(rows)))


def _reduce_part(reducer, args: tuple, *pieces: bytes) -> bytes:
    rows = [row for piece in pieces for row in pickle.loads(piece)]
    return _dumps(reduce_bucket(rows, reducer, args))


def _spool_part(blob: bytes, key, path: str) -> tuple[str, int]:
    from engagelint.engines.local import write_sorted

    return write_sorted(pickle.loads(blob), key, path)


def _identity(value: Any) -> Any:
    return value


def _peak_rss() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class DaskEngine(Engine):
    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int = 2, measure: bool = False,
                 worker_memory: str | int | None = None) -> None:  # fmt: skip
        super().__init__(measure)
        self.scheduler = scheduler
        self.n_workers = max(1, workers)
        # a LocalCluster worker's memory limit: past 60 % of it the worker spills partitions to disk
        # (Dask's default, "auto", is this machine's memory shared between the workers)
        self.worker_memory = worker_memory or "auto"
        self.client = None
        self.cluster = None

    def start(self) -> None:
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError:
            raise EngineError(
                "the dask engine needs Dask: pip install 'engagelint[dask]' (dask[dataframe] and distributed)"
            ) from None
        dask.config.set({"dataframe.convert-string": False})
        try:
            if self.scheduler:
                self.client = Client(self.scheduler, timeout="20s")
            else:
                self.cluster = LocalCluster(
                    n_workers=self.n_workers, threads_per_worker=1, processes=True,
                    host="127.0.0.1", dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR,
                    memory_limit=self.worker_memory,
                )  # fmt: skip
                self.client = Client(self.cluster)
        except OSError as exc:
            raise EngineError(f"cannot reach the Dask scheduler {self.scheduler}: {exc}") from None
        except ValueError as exc:  # a memory limit Dask cannot parse
            raise EngineError(f"cannot start the Dask workers: {exc}") from None

    def close(self) -> None:
        if self.client is not None:
            try:
                self.stats.worker_peak_rss = sorted(self.client.run(_peak_rss).values())
            except Exception:  # a worker that died has no figure to give  # noqa: BLE001
                pass
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None

    @property
    def workers(self) -> int:
        if self.client is None:
            return self.n_workers
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def _submit(self, fn, *args):
        return self.client.submit(fn, *args, pure=False)

    def broadcast(self, value: Any) -> Any:
        # A task that returns the value, not scattered data: a worker that dies (out of memory) takes
        # scattered data with it for good, while a task's result is made again; each worker fetches
        # it once and tasks receive it deserialised.
        return self.client.submit(_identity, value, pure=False)

    def read(self, fn, specs, args, on_partition=None, split=None):
        from distributed import as_completed

        if split is None:
            futures = [self._submit(_read_part, spec, fn, args) for spec in specs]
        else:
            futures = [self._submit(_read_split, spec, fn, args, split) for spec in specs]
        for i, _future in enumerate(as_completed(futures)):
            if on_partition:
                on_partition(i)
        if split is None:
            return futures
        names = self._submit(list, futures[0]).result()  # the names only, not the rows
        # each stream is picked where its partition lives (no transfer); the dicts are then dropped
        return {name: [self._submit(operator.getitem, f, name) for f in futures] for name in names}

    def map(self, coll, fn, args=()):
        return [self._submit(_map_part, part, fn, args) for part in coll]

    def group(self, coll, reducer, args=(), buckets=None, name=""):
        n = buckets or max(1, len(coll))
        split = [self._submit(_split_part, part, n) for part in coll]
        if self.measure:
            sent = self.client.gather([self._submit(operator.getitem, s, n) for s in split])
            self.stats.shuffle_bytes[name] = self.stats.shuffle_bytes.get(name, 0) + sum(b for b, _ in sent)
            self.stats.shuffle_rows[name] = self.stats.shuffle_rows.get(name, 0) + sum(r for _, r in sent)
        pieces = [[self._submit(operator.getitem, s, b) for b in range(n)] for s in split]
        return [self._submit(_reduce_part, reducer, args, *(p[b] for p in pieces)) for b in range(n)]

    def from_rows(self, rows):
        return [self._submit(_identity, _dumps(list(rows)))]  # made again if its worker dies

    def concat(self, colls):
        return [part for coll in colls for part in coll]

    def collect(self, coll):
        out: list = []
        for future in coll:  # one partition here at a time
            out.extend(pickle.loads(future.result()))
        return out

    def spool(self, coll, key, directory, prefix="part"):
        if self.cluster is not None:  # workers on this machine: each writes its own partitions
            tasks = [self._submit(_spool_part, part, key, os.path.join(directory, f"{prefix}-{i:05d}"))
                     for i, part in enumerate(coll)]  # fmt: skip
            return self.client.gather(tasks)
        # a remote cluster: partitions come here one at a time (never all at once) to be written
        from engagelint.engines.local import write_sorted

        out = []
        for i, part in enumerate(coll):
            path = os.path.join(directory, f"{prefix}-{i:05d}")
            out.append(write_sorted(pickle.loads(part.result()), key, path))
            part.release()
        return out
