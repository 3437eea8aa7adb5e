"""Word lists of the Python informality rules, read once from ``engagelint/data/informality_lexicon.yml``."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    text = (resources.files("engagelint") / "data" / "informality_lexicon.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@lru_cache(maxsize=1)
def known_acronyms() -> frozenset[str]:
    return frozenset(str(a).upper() for a in lexicon()["acronyms"])
