"""Scores of a post against each declared goal, in [0, 1].

A goal is represented by one vector: its id and description, its keywords, and its examples
(each part counts once, whatever its length). A post's score for a goal is the cosine of their
vectors, mapped to [0, 1] by the backend's calibration (below its low point: 0).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import numpy as np

from engagelint.relevance.backends import Backend, backend_key, load_backend, normalise_rows
from engagelint.rules.base import Goal


def goal_parts(goal: Goal) -> list[str]:
    """The texts that describe a goal: id and description, keywords, examples."""
    parts = [f"{goal.id.replace('_', ' ').replace('-', ' ')}. {goal.description}"]
    if goal.keywords:
        parts.append(", ".join(goal.keywords))
    return parts + list(goal.examples)


class GoalScorer:
    def __init__(self, goals: Iterable[Goal], backend: Backend) -> None:
        self.goals = tuple(goals)
        self.ids = tuple(g.id for g in self.goals)
        self.backend = backend
        lo, hi = backend.calibration
        self._lo, self._span = lo, max(hi - lo, 1e-6)
        rows = []
        for goal in self.goals:
            parts = goal_parts(goal)
            vecs = backend.embed(parts)
            head = vecs[: 2 if goal.keywords else 1].sum(axis=0)
            examples = vecs[len(parts) - len(goal.examples) :]
            if len(examples):
                head = head + normalise_rows(examples.mean(axis=0, keepdims=True))[0]
            rows.append(head)
        dims = backend.embed([""]).shape[1]
        self.matrix = normalise_rows(np.array(rows, dtype=np.float32).reshape(len(rows), dims))

    def _calibrated(self, vectors: np.ndarray) -> np.ndarray:
        return np.clip((vectors @ self.matrix.T - self._lo) / self._span, 0.0, 1.0)

    def score_array(self, texts: list[str]) -> np.ndarray:
        """(len(texts), len(goals)) scores in [0, 1]."""
        return self._calibrated(self.backend.embed(texts))

    def scores(self, text: str) -> dict[str, float]:
        """Each goal's score, rounded to 4 places; empty when the backend found nothing to judge
        in ``text`` (only links, numbers, emoji or unknown words)."""
        vec = self.backend.embed([text])
        if not vec.any():
            return {}
        row = self._calibrated(vec)[0]
        return {gid: round(float(s), 4) for gid, s in zip(self.ids, row, strict=True)}


@lru_cache(maxsize=16)
def _cached(goals: tuple[Goal, ...], name: str, model: str) -> GoalScorer:
    return GoalScorer(goals, load_backend(name, model))


def scorer_for(goals: Iterable[Goal], settings: Mapping[str, Any] | None = None) -> GoalScorer:
    """The scorer for a goal set and a ``[relevance]`` table; built once per process and arguments."""
    name, model = backend_key(settings or {})
    return _cached(tuple(goals), name, model)
