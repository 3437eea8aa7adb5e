"""Word lists of the Python informality rules, read once from ``engagelint/data/informality_lexicon.yml``."""

from __future__ import annotations

import gzip
import importlib
import json
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    text = (resources.files("engagelint") / "data" / "informality_lexicon.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@lru_cache(maxsize=1)
def known_acronyms() -> frozenset[str]:
    return frozenset(str(a).upper() for a in lexicon()["acronyms"])


@lru_cache(maxsize=4)
def vocabulary(lang: str) -> frozenset[str]:
    """Lower-case dictionary words of ``lang`` ("und": English and French), accents also stripped.

    Built from spacy-lookups-data (lemma tables and WordNet-style lemma index), which ships with
    engagelint; empty when it is missing (callers then fall back to a coarser test).
    """
    if lang not in ("en", "fr"):
        return vocabulary("en") | vocabulary("fr")
    try:
        import spacy_lookups_data
    except ImportError:  # pragma: no cover - a declared dependency
        return frozenset()
    base = Path(spacy_lookups_data.__file__).parent / "data"
    words: set[str] = set()
    for table in ("lemma_lookup", "lemma_index"):
        path = base / f"{lang}_{table}.json.gz"
        if not path.is_file():
            continue
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        for key, value in data.items():
            if table == "lemma_lookup":
                words.add(key)
            for item in value if isinstance(value, list) else [value]:
                words.add(item)
    # The lemma tables leave out function words ("our", "nous"); spaCy's stop lists have them.
    stop_words = importlib.import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS
    words = {w.lower() for w in (*words, *stop_words)}
    return frozenset(words | {strip_accents(w) for w in words})


def strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
