"""The one table of platforms (data/platforms.toml): every platform fact engagelint uses.

Names, aliases, families, hard limits, editorial hashtag limits, cadence defaults and the words
that name a platform in paths all come from here, so adding a platform is one table entry.
This module sits at the bottom of the import graph (``models`` derives ``PLATFORMS`` from it).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from engagelint.platforms.counting import COUNTING_METHODS


@dataclass(frozen=True)
class PlatformSpec:
    key: str
    name: str
    counting: str
    max_length: int | None = None
    max_title_length: int | None = None
    max_links: int | None = None
    max_hashtags: int | None = None
    rich_links: bool = False  # Markdown links publish as linked text: their URL is not counted
    checked: str = ""
    source: str = ""
    aliases: tuple[str, ...] = ()  # other names people write in metadata ("twitter", "ig")
    family: str = ""  # kind of post the platform rewards (EL407); the key when empty
    threads: bool = False  # posts may be threads (numbered or emoji markers split them)
    renders_markdown: bool = False  # false: **bold** shows as asterisks (EL304)
    folder_words: tuple[str, ...] = ()  # folder names that mean this platform
    title_words: tuple[str, ...] = ()  # words of a document title that mean this platform
    hashtags: int | None = None  # editorial hashtag limit (EL201)
    posts_per_day: int | None = None  # cadence default (EL406)


def _optional_int(table: Mapping[str, Any], key: str, where: str) -> int | None:
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{where}.{key} must be a whole number >= 0, not {value!r}")
    return value


def _bool(table: Mapping[str, Any], key: str, where: str) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise ValueError(f"{where}.{key} must be true or false, not {value!r}")
    return value


def _words(table: Mapping[str, Any], key: str, where: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = table.get(key)
    if value is None:
        return default
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise ValueError(f"{where}.{key} must be a list of names, not {value!r}")
    return tuple(w.strip().lower() for w in value)


def parse_platforms(data: Mapping[str, Any]) -> dict[str, PlatformSpec]:
    """Validate a platforms table (the structure of data/platforms.toml)."""
    specs: dict[str, PlatformSpec] = {}
    for key, table in data.items():
        if not isinstance(table, Mapping):
            raise ValueError(f"[{key}] must be a table")
        counting = table.get("counting", "chars")
        if counting not in COUNTING_METHODS:
            raise ValueError(f"{key}.counting must be one of {', '.join(COUNTING_METHODS)}, not {counting!r}")
        aliases = _words(table, "aliases", key, ())
        # Defaults for a new platform: its key and one-word aliases name it in folders; its key in titles.
        one_word = tuple(w for w in (key, *aliases) if len(w) > 2 and not any(c in w for c in " /"))
        specs[key] = PlatformSpec(
            key=key,
            name=str(table.get("name", key)),
            counting=counting,
            max_length=_optional_int(table, "max_length", key),
            max_title_length=_optional_int(table, "max_title_length", key),
            max_links=_optional_int(table, "max_links", key),
            max_hashtags=_optional_int(table, "max_hashtags", key),
            rich_links=_bool(table, "rich_links", key),
            checked=str(table.get("checked", "")),
            source=str(table.get("source", "")),
            aliases=aliases,
            family=str(table.get("family", "") or key),
            threads=_bool(table, "threads", key),
            renders_markdown=_bool(table, "renders_markdown", key),
            folder_words=_words(table, "folder_words", key, one_word),
            title_words=_words(table, "title_words", key, (key,)),
            hashtags=_optional_int(table, "hashtags", key),
            posts_per_day=_optional_int(table, "posts_per_day", key),
        )
    return specs


@lru_cache(maxsize=1)
def builtin_platforms() -> Mapping[str, PlatformSpec]:
    """The platforms shipped with engagelint (read-only: it is cached and shared)."""
    text = resources.files("engagelint").joinpath("data/platforms.toml").read_text(encoding="utf-8")
    return MappingProxyType(parse_platforms(tomllib.loads(text)))


# Derived tables, for the modules that want a plain mapping.
def platform_names() -> tuple[str, ...]:
    return tuple(builtin_platforms())


def alias_table() -> dict[str, str]:
    """Every name people write for a platform (lower case) -> its key."""
    out: dict[str, str] = {}
    for spec in builtin_platforms().values():
        out[spec.key] = spec.key
        for alias in spec.aliases:
            out.setdefault(alias, spec.key)
    return out


def folder_table() -> dict[str, str]:
    return {w: s.key for s in builtin_platforms().values() for w in s.folder_words}


def title_table() -> dict[str, str]:
    return {w: s.key for s in builtin_platforms().values() for w in s.title_words}


def families() -> dict[str, str]:
    return {s.key: s.family for s in builtin_platforms().values()}


def thread_platforms() -> frozenset[str]:
    return frozenset(s.key for s in builtin_platforms().values() if s.threads)


def literal_platforms() -> tuple[str, ...]:
    """Platforms that publish Markdown as typed (asterisks and brackets show)."""
    return tuple(s.key for s in builtin_platforms().values() if not s.renders_markdown)


def editorial_hashtag_limits() -> dict[str, int]:
    return {s.key: s.hashtags for s in builtin_platforms().values() if s.hashtags is not None}


def cadence_defaults() -> dict[str, int]:
    return {s.key: s.posts_per_day for s in builtin_platforms().values() if s.posts_per_day is not None}
