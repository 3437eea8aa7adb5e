"""Scores of a post against each declared goal, in [0, 1], comparable across goals and backends.

1. The backend gives a raw similarity per goal.
2. That similarity is measured against the goal's background (``background.py``): how many
   spreads above the similarity of an ordinary post in the same language. This is what makes a
   description-only goal comparable with one that lists ten keywords, and a French post
   comparable with an English one.
3. The backend's calibration ``(mid, spread)`` maps that to [0, 1] with a logistic curve fitted on
   development brand posts (``eval/eval_relevance.py --fit``: the hand-written set; the public
   topic sets were tried and pull it towards topics unlike brand goals), so a score reads roughly
   as the chance that the post serves the goal and one threshold means the same for every backend.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from engagelint.profile import Goal
from engagelint.relevance.backends import Backend, backend_key, load_backend
from engagelint.relevance.background import BackgroundStats, shipped_background


class GoalScorer:
    def __init__(
        self, goals: Iterable[Goal], backend: Backend, background: Sequence[tuple[str, str]] | None = None
    ) -> None:
        """``background``: ``(lang, text)`` ordinary posts (default: the shipped ones)."""
        self.goals = tuple(goals)
        self.ids = tuple(g.id for g in self.goals)
        self.backend = backend
        self._mid, spread = backend.calibration
        self._spread = max(spread, 1e-6)
        self._compiled = backend.compile_goals(self.goals)
        pairs = list(background if background is not None else shipped_background())
        sims = backend.similarities(self._compiled, [t for _, t in pairs])
        self.background = BackgroundStats.measure(sims, [lang for lang, _ in pairs], backend.min_spread)
        self._example_scores: dict[str, np.ndarray] = {}

    def example_scores(self, gid: str) -> np.ndarray:
        """Sorted scores of a goal's own example posts (empty without examples): what on-goal looks like."""
        if gid not in self._example_scores:
            goal = self.goals[self.ids.index(gid)]
            texts = list(goal.examples)
            row = self.score_array(texts)[:, self.ids.index(gid)] if texts else np.zeros(0)
            self._example_scores[gid] = np.sort(row[~np.isnan(row)])
        return self._example_scores[gid]

    def weaker_than(self, gid: str, score: float) -> str:
        """ "weaker than 9 in 10 of its example posts" when the goal has 3+ examples and most beat ``score``."""
        examples = self.example_scores(gid)
        if len(examples) < 3:
            return ""
        tenths = round(10 * float(np.mean(examples > score)))
        if tenths == 10:
            return ", weaker than each of its example posts"
        return f", weaker than {tenths} in 10 of its example posts" if tenths >= 5 else ""

    def standardised(self, texts: list[str], langs: Sequence[str] | None = None) -> np.ndarray:
        """(len(texts), len(goals)): background spreads above an ordinary post; NaN rows for texts
        with nothing to judge."""
        sims = self.backend.similarities(self._compiled, texts)
        return self.background.standardise(sims, list(langs) if langs is not None else ["*"] * len(texts))

    def score_array(self, texts: list[str], langs: Sequence[str] | None = None) -> np.ndarray:
        """(len(texts), len(goals)) scores in [0, 1]; NaN rows for texts with nothing to judge.

        ``langs``: each text's language (``en``, ``fr``; anything else is compared with every
        background post)."""
        z = self.standardised(texts, langs)
        return 1.0 / (1.0 + np.exp(np.clip((self._mid - z) / self._spread, -50, 50)))

    def judge(self, text: str, lang: str | None = None) -> tuple[dict[str, float], dict[str, float]]:
        """``(scores, strengths)`` of one post, both empty when there is nothing to judge in ``text``
        (only links, numbers, emoji or unknown words).

        scores: each goal's score, rounded to 4 places, never shown as exactly 0 or 1 (a calibrated
        score is a likelihood; threshold 1.0 flags everything). strengths: how far above an ordinary
        post each goal's match is, in background spreads; uncapped, unlike scores, which flatten
        near 1 once a post is clearly on topic.
        """
        z = self.standardised([text], None if lang is None else [lang])[0]
        if np.isnan(z).any():
            return {}, {}
        row = 1.0 / (1.0 + np.exp(np.clip((self._mid - z) / self._spread, -50, 50)))
        scores = {
            gid: min(max(round(float(v), 4), 0.0001), 0.9999) for gid, v in zip(self.ids, row, strict=True)
        }
        return scores, {gid: float(v) for gid, v in zip(self.ids, z, strict=True)}

    def scores(self, text: str, lang: str | None = None) -> dict[str, float]:
        """Each goal's score (see ``judge``)."""
        return self.judge(text, lang)[0]

    def strengths(self, text: str, lang: str | None = None) -> dict[str, float]:
        """Each goal's strength (see ``judge``)."""
        return self.judge(text, lang)[1]


@lru_cache(maxsize=16)
def _cached(goals: tuple[Goal, ...], name: str, model: str) -> GoalScorer:
    return GoalScorer(goals, load_backend(name, model))


def scorer_for(goals: Iterable[Goal], settings: Mapping[str, Any] | None = None) -> GoalScorer:
    """The scorer for a goal set and a ``[relevance]`` table; built once per process and arguments."""
    name, model = backend_key(settings or {})
    return _cached(tuple(goals), name, model)
