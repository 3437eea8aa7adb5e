"""Engines run the audit's partitioned algorithm: the same stages, on a local process pool or on Dask.

An engine knows how to map a function over partitions and how to shuffle rows by key; it knows
nothing about rules. ``get_engine("local" | "dask", ...)`` builds one; a Ray adapter would be one
more module implementing ``engines.base.Engine``.
"""

from __future__ import annotations

from engagelint.engines.base import Engine, EngineError


def get_engine(name: str, **options) -> Engine:
    if name == "local":
        from engagelint.engines.local import LocalEngine

        return LocalEngine(**options)
    if name == "dask":
        from engagelint.engines.dask import DaskEngine

        return DaskEngine(**options)
    raise EngineError(f"unknown engine {name!r} (expected local or dask)")


__all__ = ["Engine", "EngineError", "get_engine"]
