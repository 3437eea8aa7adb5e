"""Shared by the relevance rules (EL601-EL603): goal scores of a post, computed once per post.

This module defines no rules (the registry reads ``RULES`` and finds none here).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from engagelint.config.schema import ConfigError
from engagelint.relevance.settings import BackendError
from engagelint.relevance.text import words
from engagelint.rules.base import RuleContext

if TYPE_CHECKING:  # the scorer needs numpy: imported only when a run has goals
    from engagelint.relevance.scorer import GoalScorer

RULES: tuple = ()
# Scores are calibrated: about the chance that the post serves the goal (see relevance/scorer.py);
# under 0.3 the post is off-goal (measured precision >= 0.84 on development brand posts, every backend).
DEFAULT_THRESHOLD = 0.3
JUDGED_LANGS = ("en", "fr")


@dataclass(frozen=True)
class PostScores:
    scores: dict[str, float]  # every goal's score
    candidates: tuple[str, ...]  # the goals the post serves: declared (and known) ones, else all
    declared: bool  # whether the post named known goals
    strengths: dict[str, float]  # how far above an ordinary post each goal's match is (uncapped)

    def best(self, among: tuple[str, ...] | None = None) -> tuple[str, float]:
        ids = among if among is not None else tuple(self.scores)
        gid = max(ids, key=lambda g: (self.scores[g], self.strengths[g]))  # scores flatten near 1
        return gid, self.scores[gid]

    def others(self) -> tuple[str, ...]:
        return tuple(g for g in self.scores if g not in self.candidates)


_LAST: list = [None, None]  # (profile, scorer): every post of a run shares one profile


def scorer(ctx: RuleContext) -> GoalScorer | None:
    profile = ctx.profile
    if not profile.goals:
        return None
    if _LAST[0] is not profile:
        from engagelint.relevance.examples import with_archive_examples
        from engagelint.relevance.scorer import scorer_for

        try:
            goals = with_archive_examples(profile.goals, profile.archive)
            built = scorer_for(goals, profile.relevance.as_table())
        except BackendError as exc:  # optional package or model missing: a config error, not a crash
            raise ConfigError(f"[relevance]: {exc}") from None
        _LAST[:] = [profile, built]
    return _LAST[1]


def post_scores(ctx: RuleContext, min_words: int) -> PostScores | None:
    """The post's goal scores, or None when there is nothing to judge (no goals, too short, undetermined language)."""
    if ctx.lang not in JUDGED_LANGS or len(words(ctx.text)) < min_words:  # words() is cached
        return None
    sc = scorer(ctx)
    if sc is None:
        return None
    key = ("relevance", id(sc))
    cached = ctx.cache.get(key)
    if cached is None:
        cached = ctx.cache[key] = sc.judge(ctx.text, ctx.lang)
    scores, strengths = cached
    if not scores:
        return None
    known = {g.lower(): g for g in scores}
    declared = tuple(dict.fromkeys(known[g.lower()] for g in ctx.post.goals if g.lower() in known))
    return PostScores(scores, declared or tuple(scores), bool(declared), strengths)


def threshold_option_check(value) -> str | None:
    return None if 0 <= value <= 1 else "expected a number between 0 and 1"
