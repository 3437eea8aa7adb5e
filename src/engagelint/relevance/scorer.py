"""Scores of a post against each declared goal, in [0, 1].

The backend gives a raw similarity per goal; its calibration ``(mid, spread)`` maps that to [0, 1]
with a logistic curve (``mid`` scores 0.5), which keeps the ranking of posts intact and makes
thresholds mean roughly the same whatever the backend.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import numpy as np

from engagelint.relevance.backends import Backend, backend_key, load_backend
from engagelint.rules.base import Goal


class GoalScorer:
    def __init__(self, goals: Iterable[Goal], backend: Backend) -> None:
        self.goals = tuple(goals)
        self.ids = tuple(g.id for g in self.goals)
        self.backend = backend
        self._mid, spread = backend.calibration
        self._spread = max(spread, 1e-6)
        self._compiled = backend.compile_goals(self.goals)

    def score_array(self, texts: list[str]) -> np.ndarray:
        """(len(texts), len(goals)) scores in [0, 1]; NaN rows for texts with nothing to judge."""
        sims = self.backend.similarities(self._compiled, texts)
        return 1.0 / (1.0 + np.exp(np.clip((self._mid - sims) / self._spread, -50, 50)))

    def scores(self, text: str) -> dict[str, float]:
        """Each goal's score, rounded to 4 places; empty when the backend found nothing to judge
        in ``text`` (only links, numbers, emoji or unknown words)."""
        row = self.score_array([text])[0]
        if np.isnan(row).any():
            return {}
        return {gid: round(float(s), 4) for gid, s in zip(self.ids, row, strict=True)}


@lru_cache(maxsize=16)
def _cached(goals: tuple[Goal, ...], name: str, model: str) -> GoalScorer:
    return GoalScorer(goals, load_backend(name, model))


def scorer_for(goals: Iterable[Goal], settings: Mapping[str, Any] | None = None) -> GoalScorer:
    """The scorer for a goal set and a ``[relevance]`` table; built once per process and arguments."""
    name, model = backend_key(settings or {})
    return _cached(tuple(goals), name, model)
