"""Relevance of posts to the goals a team declared (rule family EL6xx, ``engagelint goals``).

``scorer_for(goals, settings)`` returns a cached :class:`GoalScorer` whose ``scores(text)`` gives
each goal a score in [0, 1]. The backend that turns text into vectors is chosen by the
``[relevance]`` config table (``backend = "static"`` by default: shipped bilingual word vectors).
"""

from engagelint.relevance.backends import BackendError, available_backends
from engagelint.relevance.scorer import GoalScorer, scorer_for

__all__ = ["BackendError", "GoalScorer", "available_backends", "scorer_for"]
