"""Word lists of the Python informality rules, read once from ``engagelint/data/informality_lexicon.yml``."""

from __future__ import annotations

import gzip
import importlib.util
import json
import runpy
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
    stop_words = _spacy_stop_words(lang)
    words = {w.lower() for w in (*words, *stop_words)}
    return frozenset(words | {strip_accents(w) for w in words})


def _spacy_stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop-word list, read from its file: importing spaCy itself would cost seconds."""
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / "lang" / lang / "stop_words.py"
    if not path.is_file():
        return frozenset()
    return frozenset(runpy.run_path(str(path)).get("STOP_WORDS", ()))


_ACCENTS = str.maketrans(
    "àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸ",
    "aaaaaaceeeeiiiinooooouuuuyyoaAAAAAACEEEEIIIINOOOOOUUUUYY",
)


def strip_accents(word: str) -> str:
    """Latin accents removed ("ÉCOLOGIQUE" -> "ECOLOGIQUE"): capitals are often typed without them."""
    return word.translate(_ACCENTS)
