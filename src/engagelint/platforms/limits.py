"""Platform limits, read from data/platforms.toml, with the per-rule overrides users write in config."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from engagelint.platforms.table import PlatformSpec, alias_table, builtin_platforms, parse_platforms

__all__ = ["ALIASES", "PlatformSpec", "builtin_platforms", "canonical", "check_limits", "parse_platforms",
           "platform_spec", "post_platforms"]  # fmt: skip

# Names people write for a platform ("twitter", "ig"), from data/platforms.toml.
ALIASES = alias_table()


def canonical(platform: str) -> str:
    key = str(platform).strip().lower()
    return ALIASES.get(key, key)


def platform_spec(
    platform: str, field: str | None = None, overrides: Mapping[str, Any] | None = None
) -> PlatformSpec | None:
    """The spec of ``platform`` (None if unknown), with ``overrides[platform]`` replacing ``field``.

    ``overrides`` is what users write in a rule's ``limits`` option, e.g. ``{x = 25000}``; keys may use
    aliases (``twitter``); :func:`check_limits` rejects the rest when the config is read.
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


def check_limits(value: Any) -> str | None:
    """Why a ``limits`` option (platform = whole number) is invalid, or None: one message for every error."""
    if not isinstance(value, Mapping):
        return "expected a table of platform = number, e.g. { x = 25000 }"
    known = builtin_platforms()
    problems = []
    for name, limit in value.items():
        if canonical(name) not in known:
            problems.append(f"unknown platform {name!r}")
        elif isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            problems.append(f"{name} = {limit!r} is not a whole number >= 0")
    if problems:
        return f"{'; '.join(problems)} (platforms: {', '.join(known)})"
    return None


def post_platforms(platforms: tuple[str, ...], default: str = "") -> tuple[str, ...]:
    """The canonical platforms a post is for; ``default`` (if set) when it names none."""
    if not platforms and default:
        platforms = (default,)
    seen: dict[str, None] = {}
    for p in platforms:
        seen.setdefault(canonical(p), None)
    return tuple(seen)
