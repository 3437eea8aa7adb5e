"""Shared by the duplication rules: per-post features (computed once per post, shared through the
context cache), the span a finding points at, and whether two posts reach the same audience.

This module defines no rules (the registry reads ``RULES`` and finds none here).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from engagelint.models import Location
from engagelint.rules.base import RuleContext
from engagelint.rules.builtin.automation_common import first_line, locate, post_platforms

if TYPE_CHECKING:  # numpy-backed; imported only when a duplication rule runs (fast `engagelint rules`)
    from engagelint.duplication.features import Features

RULES: tuple = ()


class DuplicationBudgetWarning(UserWarning):
    """A duplicate search hit its per-run budget; the message says what was left unchecked."""


@dataclass(frozen=True, slots=True)
class Seen:
    """What a corpus rule keeps of one post: never the post itself."""

    features: Features
    where: Location
    platforms: tuple[str, ...]
    # one post at several stages or versions (drafts/ and final/, retry copies, alternatives)
    lineage: str = ""
    role: str = "single"


def post_features(ctx: RuleContext) -> Features:
    feats = ctx.cache.get("duplication.features")
    if feats is None:
        from engagelint.duplication.features import features

        feats = ctx.cache["duplication.features"] = features(ctx.text)
    return feats


def seen(ctx: RuleContext) -> Seen:
    return Seen(
        post_features(ctx),
        locate(ctx, *first_line(ctx.text)),
        tuple(post_platforms(ctx.post)),
        ctx.post.lineage,
        ctx.post.role,
    )


def same_post(a: Seen, b: Seen) -> bool:
    """Two stages or versions of one post are not duplicates of each other: alternatives and
    versions in one file, and files whose names differ only by stage marks (``retry-3_``, ``-final``)."""
    if a.where.path == b.where.path:
        return a.role in ("alternative", "version") or b.role in ("alternative", "version")
    return bool(a.lineage) and a.lineage == b.lineage


def same_audience(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Repetition matters to the same audience: posts for disjoint sets of networks are cross-posts
    (the automation rules' business), not duplicates. Unknown platforms count as shared."""
    return not a or not b or bool(set(a) & set(b))


def where(loc: Location) -> str:
    return f"{loc.path}:{loc.line}"
