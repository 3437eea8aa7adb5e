"""Platform limits, read from data/platforms.toml, with the per-rule overrides users write in config."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from engagelint.platforms.counting import COUNTING_METHODS

# Names people write for a platform, beyond the canonical ones.
ALIASES = {
    "twitter": "x",
    "x.com": "x",
    "ig": "instagram",
    "fb": "facebook",
    "yt": "youtube",
    "bsky": "bluesky",
}


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


def canonical(platform: str) -> str:
    key = str(platform).strip().lower()
    return ALIASES.get(key, key)


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


def parse_platforms(data: Mapping[str, Any]) -> dict[str, PlatformSpec]:
    """Validate a platforms table (the structure of data/platforms.toml)."""
    specs: dict[str, PlatformSpec] = {}
    for key, table in data.items():
        if not isinstance(table, Mapping):
            raise ValueError(f"[{key}] must be a table")
        counting = table.get("counting", "chars")
        if counting not in COUNTING_METHODS:
            raise ValueError(f"{key}.counting must be one of {', '.join(COUNTING_METHODS)}, not {counting!r}")
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
        )
    return specs


@lru_cache(maxsize=1)
def builtin_platforms() -> Mapping[str, PlatformSpec]:
    """The limits shipped with engagelint (read-only: it is cached and shared)."""
    text = resources.files("engagelint").joinpath("data/platforms.toml").read_text(encoding="utf-8")
    return MappingProxyType(parse_platforms(tomllib.loads(text)))


def platform_spec(
    platform: str, field: str | None = None, overrides: Mapping[str, Any] | None = None
) -> PlatformSpec | None:
    """The spec of ``platform`` (None if unknown), with ``overrides[platform]`` replacing ``field``.

    ``overrides`` is what users write in a rule's ``limits`` option, e.g. ``{x = 25000}``; keys may use
    aliases (``twitter``), and values that are not whole numbers are ignored.
    """
    key = canonical(platform)
    spec = builtin_platforms().get(key)
    if spec is None:
        return None
    if field and overrides:
        for name, value in overrides.items():
            if canonical(name) == key and isinstance(value, int) and not isinstance(value, bool):
                spec = replace(spec, **{field: value})
    return spec


def post_platforms(platforms: tuple[str, ...], default: str = "") -> tuple[str, ...]:
    """The canonical platforms a post is for; ``default`` (if set) when it names none."""
    if not platforms and default:
        platforms = (default,)
    seen: dict[str, None] = {}
    for p in platforms:
        seen.setdefault(canonical(p), None)
    return tuple(seen)
