"""Ordinary posts each goal is measured against, so that a score says "closer to this goal than an
everyday post is", whatever the backend and however the goal is written.

A raw similarity means little on its own: a long goal with keywords scores every post higher
than a one-line description does, sentence encoders give unrelated posts 0.75, and French posts
score lower than English ones against an English goal. Measuring each goal's similarity to a
shipped set of generic brand posts (``data/relevance_background.txt``, EN and FR, on every
kind of topic) gives its mean and spread per language; a post's distance from that mean, in
spreads, is comparable across goals, languages and backends.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

BACKGROUND_FILE = "relevance_background.txt"
LANGS = ("en", "fr")


@lru_cache(maxsize=1)
def shipped_background() -> tuple[tuple[str, str], ...]:
    """``(lang, text)`` pairs of the shipped background posts."""
    raw = (resources.files("engagelint") / "data" / BACKGROUND_FILE).read_text(encoding="utf-8")
    pairs = []
    for line in raw.splitlines():
        if line and not line.startswith("#"):
            lang, _, text = line.partition("\t")
            pairs.append((lang, text))
    return tuple(pairs)


@dataclass(frozen=True)
class BackgroundStats:
    """Per language (``en``, ``fr``, ``*`` for any other): each goal's mean and spread on ordinary posts."""

    mean: dict[str, np.ndarray]
    spread: dict[str, np.ndarray]

    @classmethod
    def measure(cls, sims: np.ndarray, langs: list[str], min_spread: float) -> BackgroundStats:
        """``sims``: (background posts, goals) raw similarities; rows of NaN are ignored."""
        keep = ~np.isnan(sims).any(axis=1)
        sims, langs_arr = sims[keep], np.array(langs)[keep]
        mean, spread = {}, {}
        if not len(sims):  # a backend that knows none of the background's words: raw similarities
            flat = {lang: np.zeros(sims.shape[1]) for lang in (*LANGS, "*")}
            return cls(flat, {lang: np.ones(sims.shape[1]) for lang in flat})
        for lang in (*LANGS, "*"):
            rows = sims if lang == "*" else sims[langs_arr == lang]
            if len(rows) < 10:
                rows = sims
            mean[lang] = rows.mean(axis=0)
            spread[lang] = np.maximum(rows.std(axis=0), min_spread)
        return cls(mean, spread)

    def standardise(self, sims: np.ndarray, langs: list[str]) -> np.ndarray:
        """How many spreads above its goal's background mean each similarity is, per post language."""
        out = np.empty_like(sims, dtype=np.float64)
        for i, lang in enumerate(langs):
            key = lang if lang in self.mean else "*"
            out[i] = (sims[i] - self.mean[key]) / self.spread[key]
        return out
