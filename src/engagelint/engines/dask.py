"""The Dask engine: partitions are ``dask.bag`` partitions on the workers of a ``distributed`` cluster.

Give ``scheduler`` (``tcp://host:8786``) to use an existing cluster (Kubernetes, YARN, SLURM, cloud:
whatever started it); without it a ``LocalCluster`` of worker processes on the loopback interface
is started for the run and stopped after. Shuffles are Dask's task-based shuffle, by the same
stable buckets the local engine uses. Needs the ``dask`` extra: ``pip install 'engagelint[dask]'``.
"""

from __future__ import annotations

import logging
import operator
import os
from functools import partial
from typing import Any

from engagelint.engines.base import Engine, EngineError, bucket_of, pickled_size, reduce_bucket


def _read_part(specs: list, fn, args: tuple) -> list:
    return [row for spec in specs for row in fn(spec, *args)]


def _read_split(spec, fn, args: tuple, split) -> dict:
    return split(fn(spec, *args))


def _names(streams: dict) -> list[str]:
    return list(streams)


def _map_part(rows: list, fn, args: tuple) -> list:
    return fn(list(rows), *args)


def _reduce_part(groups: list, reducer, args: tuple) -> list:
    return [row for _bucket, rows in groups for row in reduce_bucket(rows, reducer, args)]


def _size_part(rows: list) -> list:
    rows = list(rows)
    return [(pickled_size(rows), len(rows))]


def _spool_part(rows: list, key, path: str) -> tuple[str, int]:
    from engagelint.engines.local import write_sorted

    return write_sorted(list(rows), key, path)


def _peak_rss() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class DaskEngine(Engine):
    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int = 2, measure: bool = False) -> None:
        super().__init__(measure)
        self.scheduler = scheduler
        self.n_workers = max(1, workers)
        self.client = None
        self.cluster = None

    def start(self) -> None:
        try:
            import dask
            import dask.bag  # noqa: F401
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
                    host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR,
                )  # fmt: skip
                self.client = Client(self.cluster)
        except OSError as exc:
            raise EngineError(f"cannot reach the Dask scheduler {self.scheduler}: {exc}") from None

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

    def broadcast(self, value: Any) -> Any:
        # Sent once to every worker; tasks receive the value, deserialised once per worker.
        return self.client.scatter(value, broadcast=True, hash=False)

    def read(self, fn, specs, args, on_partition=None, split=None):
        import dask
        import dask.bag as db
        from distributed import as_completed, futures_of

        if split is None:
            bag = self.client.persist(
                db.from_sequence(specs, partition_size=1).map_partitions(_read_part, fn, args)
            )
            futures = futures_of(bag)
        else:
            futures = [self.client.submit(_read_split, spec, fn, args, split, pure=False) for spec in specs]
        for i, _future in enumerate(as_completed(futures)):
            if on_partition:
                on_partition(i)
        if split is None:
            return bag
        names = self.client.submit(_names, futures[0]).result()  # the names only, not the rows
        # each stream's partition is picked where the partition lives (no copy, no transfer)
        return {name: db.from_delayed([dask.delayed(operator.getitem)(f, name) for f in futures])
                for name in names}  # fmt: skip

    def map(self, coll, fn, args=()):
        return coll.map_partitions(_map_part, fn, args)

    def group(self, coll, reducer, args=(), buckets=None, name=""):
        n = buckets or max(1, coll.npartitions)
        if self.measure:  # keep the input so measuring it does not compute it twice
            coll = self.client.persist(coll)
            sizes = coll.map_partitions(_size_part).compute()
            self.stats.shuffle_bytes[name] = self.stats.shuffle_bytes.get(name, 0) + sum(s for s, _ in sizes)
            self.stats.shuffle_rows[name] = self.stats.shuffle_rows.get(name, 0) + sum(r for _, r in sizes)
        grouped = coll.groupby(partial(bucket_of, buckets=n), npartitions=n, shuffle="tasks")
        return grouped.map_partitions(_reduce_part, reducer, args)

    def from_rows(self, rows):
        import dask.bag as db

        return db.from_sequence(list(rows), npartitions=1)

    def concat(self, colls):
        import dask.bag as db

        return db.concat(colls)

    def collect(self, coll):
        return list(coll.compute())

    def spool(self, coll, key, directory):
        if self.cluster is not None:  # workers on this machine: each writes its own partitions
            import dask

            parts = coll.to_delayed()
            tasks = [dask.delayed(_spool_part)(p, key, os.path.join(directory, f"part-{i:05d}"))
                     for i, p in enumerate(parts)]  # fmt: skip
            return list(dask.compute(*tasks))
        # a remote cluster: partitions come here one at a time (never all at once) to be written
        from distributed import futures_of

        from engagelint.engines.local import write_sorted

        parts = self.client.persist(coll.to_delayed())
        out = []
        for i, part in enumerate(parts):
            future = futures_of(part)[0]
            out.append(write_sorted(list(future.result()), key, os.path.join(directory, f"part-{i:05d}")))
            future.release()
        return out
