"""Output formats. Each module defines a Formatter; ``get_formatter(name)`` finds it lazily.

Built-in formats: text, json, github, sarif, junit, rdjson, gitlab (and ``auto``, resolved by the CLI).
Third parties may add formats through the ``engagelint.formatters`` entry-point group.
"""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points

from engagelint.formatters.base import FormatOptions, Formatter

BUILTIN = {
    "text": "engagelint.formatters.text:TextFormatter",
    "concise": "engagelint.formatters.text:TextFormatter",
    "full": "engagelint.formatters.full:FullFormatter",
    "json": "engagelint.formatters.json_format:JsonFormatter",
    "github": "engagelint.formatters.github:GithubFormatter",
    "sarif": "engagelint.formatters.sarif:SarifFormatter",
    "junit": "engagelint.formatters.junit:JunitFormatter",
    "rdjson": "engagelint.formatters.rdjson:RdjsonFormatter",
    "gitlab": "engagelint.formatters.gitlab:GitlabFormatter",
}


def available() -> list[str]:
    names = set(BUILTIN)
    names.update(ep.name for ep in entry_points(group="engagelint.formatters"))
    return sorted(names)


def get_formatter(name: str, options: FormatOptions) -> Formatter:
    target = BUILTIN.get(name)
    if target is None:
        for ep in entry_points(group="engagelint.formatters"):
            if ep.name == name:
                return ep.load()(options)
        raise ValueError(f"unknown format {name!r} (expected one of {', '.join(available())})")
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)(options)


__all__ = ["FormatOptions", "Formatter", "available", "get_formatter"]
