"""Relevance of posts to the goals a team declared (rule family EL6xx, ``engagelint goals``).

``scorer_for(goals, settings)`` returns a cached :class:`GoalScorer` whose ``scores(text, lang)``
gives each goal a calibrated score in [0, 1] (see ``scorer``). The backend that turns text into
vectors is chosen by the ``[relevance]`` config table (``backend = "auto"`` by default: the best
installed sentence encoder, else the shipped bilingual word vectors).

Names are imported lazily: config validation imports ``engagelint.relevance.settings``, and that
must not pull in numpy (``engagelint rules`` and ``--version`` stay fast).
"""

from engagelint.relevance.settings import BackendError, available_backends

__all__ = ["BackendError", "GoalScorer", "available_backends", "scorer_for"]


def __getattr__(name: str):
    if name in ("GoalScorer", "scorer_for"):
        from engagelint.relevance import scorer

        return getattr(scorer, name)
    raise AttributeError(name)
