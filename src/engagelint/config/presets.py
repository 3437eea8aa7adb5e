"""Presets: named configurations shipped as TOML data, merged under the user's own keys.

``extend = ["strict", "packs/brand"]``: names that are presets are merged here; the others stay
rule packs for the registry. The user's top-level keys win over a preset's; ``[rules.X]`` tables
are merged option by option. Each value remembers where it came from (``engagelint config``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from importlib import resources
from typing import Any

PRESET_PACKAGE = "engagelint.config.preset_data"


def preset_names() -> tuple[str, ...]:
    folder = resources.files(PRESET_PACKAGE)
    return tuple(sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml")))


def preset_text(name: str) -> str:
    return (resources.files(PRESET_PACKAGE) / f"{name}.toml").read_text(encoding="utf-8")


def read_preset(name: str) -> dict[str, Any]:
    return tomllib.loads(preset_text(name))


def apply_presets(
    data: Mapping[str, Any], origin: str
) -> tuple[dict[str, Any], dict[str, str], tuple[str, ...]]:
    """``data`` with the presets it extends merged under it.

    Returns the merged table, the origin of each key (``rules.CODE`` for rule tables) and the
    presets used. Presets may extend other presets; each is applied once.
    """
    known = set(preset_names())
    merged: dict[str, Any] = {}
    origins: dict[str, str] = {}
    used: list[str] = []

    def layer(table: Mapping[str, Any], where: str, seen: tuple[str, ...]) -> None:
        extend = table.get("extend", [])
        names = [extend] if isinstance(extend, str) else extend if isinstance(extend, list) else []
        for name in names:
            if isinstance(name, str) and name in known and name not in seen and name not in used:
                layer(read_preset(name), f"preset {name}", (*seen, name))
                used.append(name)
        for key, value in table.items():
            key = key.replace("-", "_")
            if key == "extend":
                continue
            if key == "rules" and isinstance(value, Mapping) and isinstance(merged.get("rules"), dict):
                for rule, settings in value.items():
                    before = merged["rules"].get(rule)
                    if isinstance(before, dict) and isinstance(settings, Mapping):
                        merged["rules"][rule] = {**before, **settings}
                    else:
                        merged["rules"][rule] = settings
                    origins[f"rules.{rule}"] = where
                continue
            merged[key] = (
                {k: dict(v) if isinstance(v, Mapping) else v for k, v in value.items()}
                if (key == "rules" and isinstance(value, Mapping))
                else value
            )
            origins[key] = where
            if key == "rules" and isinstance(value, Mapping):
                for rule in value:
                    origins[f"rules.{rule}"] = where

    layer(data, origin, ())
    if "extend" in data:
        extend = data["extend"]
        if isinstance(extend, list | str):
            names = [extend] if isinstance(extend, str) else extend
            extend = [n for n in names if not (isinstance(n, str) and n in known)]
        merged["extend"] = extend  # what is left are rule packs (or a bad value the validator names)
        origins["extend"] = origin
    return merged, origins, tuple(used)
