"""``engagelint goals --suggest``: keywords and an off-goal threshold proposed from a sample of the
team's own posts (its archive or drafts), so goals are written in the words the team really uses.

A post belongs to a goal when it declares it (front matter), else when that goal is its closest
one and scores at least the threshold. A goal's suggested keywords are the words that many of its
posts use and few other posts do (the team's other posts and the shipped ordinary posts), minus
the words the goal already has. The suggested threshold keeps 9 in 10 of the posts that declare a
goal above it, so EL601 would not flag the team's own on-goal posts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from engagelint.profile import Goal
from engagelint.relevance.background import shipped_background
from engagelint.relevance.text import words

MAX_KEYWORDS = 5
MIN_POSTS = 2  # a word must appear in this many of the goal's posts


@dataclass(frozen=True)
class GoalSuggestion:
    goal: str
    posts: int  # posts that belong to the goal
    declared: int  # of which declare it
    keywords: tuple[str, ...]  # suggested additions, best first


@dataclass(frozen=True)
class Suggestions:
    goals: tuple[GoalSuggestion, ...]
    threshold: float | None  # None: no post declares a goal
    judged: int  # posts scored


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.fr.stop_words import STOP_WORDS as FR

    return frozenset(EN | FR)


def _vocab(text: str, stop: frozenset[str]) -> set[str]:
    return {w for w in words(text) if len(w) >= 3 and w not in stop and w.isalpha()}


def suggest(goals: Sequence[Goal], rows: Sequence[Mapping], threshold: float) -> Suggestions:
    """``rows``: the posts of ``report.score_paths`` (they carry their text under ``text``)."""
    stop = _stop_words()
    judged = [r for r in rows if r["scores"]]
    ids = [g.id for g in goals]
    by_lower = {g.lower(): g for g in ids}
    members: dict[str, list[set[str]]] = {g: [] for g in ids}
    declared_count: Counter[str] = Counter()
    declared_best: list[float] = []
    everything: list[set[str]] = []
    for r in judged:
        vocab = _vocab(r["text"], stop)
        everything.append(vocab)
        declared = [by_lower[d.lower()] for d in r["declared_goals"] if d.lower() in by_lower]
        if declared:
            declared_best.append(max(r["scores"][g] for g in declared))
            for g in declared:
                members[g].append(vocab)
                declared_count[g] += 1
        elif r["closest"] and r["scores"][r["closest"]] >= threshold:
            members[r["closest"]].append(vocab)
    background = [_vocab(t, stop) for _, t in shipped_background()]
    out = []
    for goal in goals:
        mine = members[goal.id]
        have = {w for part in (goal.id.replace("_", " ").replace("-", " "), goal.description, *goal.keywords)
                for w in words(part)}  # fmt: skip
        others = [v for v in everything if all(v is not m for m in mine)] + background
        df_mine = Counter(w for v in mine for w in v)
        df_other = Counter(w for v in others for w in v)
        ranked = sorted(
            (
                (df_mine[w] / len(mine) - df_other[w] / max(len(others), 1), w)
                for w in df_mine
                if df_mine[w] >= MIN_POSTS and w not in have
            ),
            reverse=True,
        )
        keywords = tuple(w for gain, w in ranked if gain > 0.2)[:MAX_KEYWORDS]
        out.append(GoalSuggestion(goal.id, len(mine), declared_count[goal.id], keywords))
    suggested = None
    if declared_best:
        suggested = float(np.floor(min(np.quantile(declared_best, 0.1), threshold) * 20) / 20)  # 0.05 steps
    return Suggestions(tuple(out), suggested, len(judged))


def render_toml(s: Suggestions, goals: Sequence[Goal], current: float) -> str:
    """The suggestions as config to paste: keywords per goal, then the threshold."""
    lines = [f"# engagelint goals --suggest: {s.judged} post(s) scored"]
    for goal, g in zip(goals, s.goals, strict=True):
        lines.append("")
        lines.append("[[goals]]")
        lines.append(f'id = "{goal.id}"   # {g.posts} post(s) belong to it, {g.declared} declare it')
        if g.keywords:
            merged = ", ".join(f'"{k}"' for k in (*goal.keywords, *g.keywords))
            lines.append(f"keywords = [{merged}]   # added: {', '.join(g.keywords)}")
        else:
            reason = (
                "too few posts belong to it" if g.posts < MIN_POSTS else "its posts share no distinctive word"
            )
            lines.append(f"# no keyword to add: {reason}")
    lines.append("")
    if s.threshold is None:
        lines.append("# no post declares a goal: add `goals: [...]` to some posts to get a threshold")
    else:
        lines.append("[rules.off-goal]")
        lines.append(
            f"threshold = {s.threshold:.2f}   # 9 in 10 posts that declare a goal score above (now {current:.2f})"
        )
    return "\n".join(lines)
