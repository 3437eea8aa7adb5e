"""Word lists of the Python informality rules, read once from ``engagelint/data/informality_lexicon.yml``."""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import runpy
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

# libyaml's loader: the same data as safe_load, ~10x faster to parse (cold start).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    text = (resources.files("engagelint") / "data" / "informality_lexicon.yml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_LOADER)


@lru_cache(maxsize=1)
def known_acronyms() -> frozenset[str]:
    return frozenset(str(a).upper() for a in lexicon()["acronyms"])


@lru_cache(maxsize=4)
def vocabulary(lang: str) -> Vocabulary | _Either:
    """Lower-case dictionary words of ``lang`` ("und": English or French), accents also stripped.

    Read from the compact hash tables in ``engagelint/data/vocabulary_{lang}.npy`` (built by
    ``scripts/build_vocabulary.py`` from spacy-lookups-data); falls back to building the set from
    spacy-lookups-data when the table is missing.
    """
    if lang not in ("en", "fr"):
        return _Either(vocabulary("en"), vocabulary("fr"))  # no third copy in memory
    table = resources.files("engagelint") / "data" / f"vocabulary_{lang}.npy"
    if table.is_file():
        import numpy as np

        with table.open("rb") as fh:
            return Vocabulary(np.load(fh, allow_pickle=False))
    return Vocabulary(None, frozenset(load_words_from_lookups(lang)))


def word_hash(word: str) -> int:
    """A stable 64-bit hash (Python's hash() changes from one process to the next)."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


class Vocabulary:
    """Membership by binary search in sorted 64-bit word hashes (or in a plain set)."""

    __slots__ = ("hashes", "words")

    def __init__(self, hashes, words: frozenset[str] | None = None) -> None:
        self.hashes, self.words = hashes, words

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        if self.words is not None:
            return word in self.words
        h = word_hash(word)
        i = int(self.hashes.searchsorted(h))
        return i < len(self.hashes) and int(self.hashes[i]) == h

    def __bool__(self) -> bool:
        return bool(self.words) if self.words is not None else len(self.hashes) > 0


def load_words_from_lookups(lang: str) -> set[str]:
    """Dictionary words from spacy-lookups-data's lemma tables plus spaCy's stop words."""
    try:
        import spacy_lookups_data
    except ImportError:  # pragma: no cover - a declared dependency
        return set()
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
    words = {w.lower() for w in (*words, *_spacy_stop_words(lang))}
    return words | {strip_accents(w) for w in words}


class _Either:
    """Membership in either of two vocabularies."""

    __slots__ = ("a", "b")

    def __init__(self, a, b) -> None:
        self.a, self.b = a, b

    def __contains__(self, word: object) -> bool:
        return word in self.a or word in self.b

    def __bool__(self) -> bool:
        return bool(self.a or self.b)


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
