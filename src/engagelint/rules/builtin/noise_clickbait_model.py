"""A small, transparent English clickbait model: logistic regression over word unigrams and bigrams.

The weights live in ``engagelint/data/noise_clickbait_model.json`` (built by
``scripts/build_clickbait_model.py`` from the MIT-licensed Chakraborty et al. 2016 headlines, with a
held-out test split). Scoring is a dictionary lookup per feature: no numpy, no download, and every
decision can be explained by listing the features that pushed it over the threshold.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

TOKEN_RE = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)*")
_NUMBER_RE = regex.compile(r"^\p{N}+$")


def tokens(text: str) -> list[str]:
    """Lower-case word tokens; numbers become ``<num>`` so "17 things" and "23 things" look alike."""
    out = []
    for m in TOKEN_RE.finditer(text.replace("’", "'")):
        tok = m.group().lower()
        out.append("<num>" if _NUMBER_RE.match(tok) else tok)
    return out


def features(text: str) -> set[str]:
    """Unigrams and bigrams, with start/end markers so "<s> <num>" means "starts with a number"."""
    toks = tokens(text)
    seq = ["<s>", *toks, "</s>"]
    feats = set(toks)
    feats.update(f"{a} {b}" for a, b in zip(seq, seq[1:], strict=False))
    return feats


@dataclass(frozen=True)
class ClickbaitModel:
    bias: float
    weights: dict[str, float]
    threshold: float

    def probability(self, text: str) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features(text))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def top_features(self, text: str, n: int = 3) -> list[str]:
        """The features that pushed ``text`` most towards clickbait (for messages and debugging)."""
        scored = [(self.weights[f], f) for f in features(text) if self.weights.get(f, 0.0) > 0]
        return [f for _, f in sorted(scored, reverse=True)[:n]]


@lru_cache(maxsize=1)
def load_model() -> ClickbaitModel:
    text = (resources.files("engagelint") / "data" / "noise_clickbait_model.json").read_text(encoding="utf-8")
    data = json.loads(text)
    return ClickbaitModel(
        float(data["bias"]), {k: float(v) for k, v in data["weights"].items()}, float(data["threshold"])
    )
