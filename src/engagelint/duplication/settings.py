"""The ``[archive]`` config table, resolved against the config file's folder."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_INDEX = ".engagelint/archive"
DEFAULT_REDIS_PREFIX = "engagelint:archive"
KEYS = ("source", "index", "repost_after_days", "redis", "redis_prefix")


class ArchiveConfigError(ValueError):
    """A bad ``[archive]`` value; the message names the key."""


@dataclass(frozen=True)
class ArchiveSettings:
    sources: tuple[Path, ...] = ()
    index: Path = Path(DEFAULT_INDEX)
    repost_after_days: int | None = None
    redis: str | None = None
    redis_prefix: str = DEFAULT_REDIS_PREFIX

    @property
    def configured(self) -> bool:
        return bool(self.sources or self.redis or self.index.exists())


def archive_settings(table: Mapping[str, Any], root: str | Path) -> ArchiveSettings:
    """Validate ``[archive]``: source (path or list of paths), index (path), repost_after_days
    (int >= 0), redis (redis:// URL), redis_prefix (string)."""
    root = Path(root)
    for key in table:
        if key.replace("-", "_") not in KEYS:
            raise ArchiveConfigError(f"archive.{key}: unknown key (expected one of: {', '.join(KEYS)})")
    data = {k.replace("-", "_"): v for k, v in table.items()}
    raw_sources = data.get("source", [])
    if isinstance(raw_sources, str):
        raw_sources = [raw_sources]
    if not isinstance(raw_sources, list) or not all(isinstance(s, str) for s in raw_sources):
        raise ArchiveConfigError("archive.source: expected a path or a list of paths")
    index = data.get("index", DEFAULT_INDEX)
    if not isinstance(index, str):
        raise ArchiveConfigError("archive.index: expected a path")
    days = data.get("repost_after_days")
    if days is not None and (isinstance(days, bool) or not isinstance(days, int) or days < 0):
        raise ArchiveConfigError(
            f"archive.repost_after_days: expected a whole number of days >= 0, got {days!r}"
        )
    redis = data.get("redis")
    if redis is not None and (
        not isinstance(redis, str) or not redis.startswith(("redis://", "rediss://", "unix://"))
    ):
        raise ArchiveConfigError(f"archive.redis: expected a redis:// URL, got {redis!r}")
    prefix = data.get("redis_prefix", DEFAULT_REDIS_PREFIX)
    if not isinstance(prefix, str) or not prefix:
        raise ArchiveConfigError("archive.redis_prefix: expected a non-empty string")
    return ArchiveSettings(
        sources=tuple(_resolve(root, s) for s in raw_sources),
        index=_resolve(root, index),
        repost_after_days=days,
        redis=redis,
        redis_prefix=prefix,
    )


def _resolve(root: Path, value: str) -> Path:
    p = Path(value).expanduser()
    return p if p.is_absolute() else root / p
