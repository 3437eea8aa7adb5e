"""The ``[archive]`` config table, resolved against the project folder (the config file's folder).

Paths must stay inside the project (``allow_outside`` lifts that for a user who asks). The
Redis URL never comes from the table: a pull request could point CI at any host. It comes from
``$ENGAGELINT_REDIS_URL`` or the CLI's ``--redis-url``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engagelint.config.keys import fields_of
from engagelint.project_paths import OutsidePath, config_path

DEFAULT_INDEX = ".engagelint/archive"
DEFAULT_REDIS_PREFIX = "engagelint:archive"
REDIS_ENV = "ENGAGELINT_REDIS_URL"
KEYS = fields_of("archive")  # the one description of the keys (also the JSON Schema)
# Letters, digits and . _ - in ':'-separated parts: no Redis glob character (* ? [ ] \) can reach
# the SCAN pattern that finds the keys to delete.
PREFIX_RE = re.compile(r"[A-Za-z0-9_.-]{1,64}(?::[A-Za-z0-9_.-]{1,64}){0,3}")
REDIS_SCHEMES = ("redis://", "rediss://", "unix://")


class ArchiveConfigError(ValueError):
    """A bad ``[archive]`` value; the message names the key."""


@dataclass(frozen=True)
class ArchiveSettings:
    sources: tuple[Path, ...] = ()
    index: Path = Path(DEFAULT_INDEX)
    repost_after_days: int | None = None
    redis: str | None = None
    redis_prefix: str = DEFAULT_REDIS_PREFIX
    root: Path | None = None  # the project folder: files read from sources must stay inside

    @property
    def configured(self) -> bool:
        return bool(self.sources or self.redis or self.index.exists())


def redis_url_from_env() -> str | None:
    return os.environ.get(REDIS_ENV) or None


def check_redis_url(url: str, where: str = REDIS_ENV) -> str:
    if not url.startswith(REDIS_SCHEMES):
        raise ArchiveConfigError(f"{where}: expected a redis://, rediss:// or unix:// URL")
    return url


def archive_settings(
    table: Mapping[str, Any],
    root: str | Path,
    *,
    allow_outside: bool = False,
    redis_url: str | None = None,
) -> ArchiveSettings:
    """Validate ``[archive]``: source (path or list of paths), index (path), repost_after_days
    (int >= 0), redis_prefix. ``redis_url`` is the caller's (environment or CLI)."""
    root = Path(root)
    data = {k.replace("-", "_"): v for k, v in table.items()}
    if "redis" in data:
        raise ArchiveConfigError(
            f"archive.redis: the Redis URL is not read from the repository (a pull request could "
            f"point CI at any host); set {REDIS_ENV} or pass --redis-url instead"
        )
    for key in table:
        if key.replace("-", "_") not in KEYS:
            raise ArchiveConfigError(f"archive.{key}: unknown key (expected one of: {', '.join(KEYS)})")
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
    if redis_url is not None:
        check_redis_url(redis_url)
    prefix = data.get("redis_prefix", DEFAULT_REDIS_PREFIX)
    if not isinstance(prefix, str) or not PREFIX_RE.fullmatch(prefix):
        raise ArchiveConfigError(
            "archive.redis_prefix: expected letters, digits, '.', '_' or '-' in up to four "
            f"':'-separated parts (such as {DEFAULT_REDIS_PREFIX!r}), got {str(prefix)[:80]!r}"
        )
    try:
        sources = tuple(config_path("archive.source", s, root, allow_outside) for s in raw_sources)
        index_path = config_path("archive.index", index, root, allow_outside, for_writing=True)
    except OutsidePath as exc:
        raise ArchiveConfigError(str(exc)) from None
    return ArchiveSettings(
        sources=sources,
        index=index_path,
        repost_after_days=days,
        redis=redis_url,
        redis_prefix=prefix,
        root=None if allow_outside else root,
    )
