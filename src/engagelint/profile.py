"""The brand profile: brand-wide facts the config builds and every rule may read (never the raw config).

It sits below both ``config`` and ``rules`` so that reading the config never imports the rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any


@dataclass(frozen=True)
class Goal:
    id: str
    description: str
    keywords: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    lang: str | None = None


@dataclass(frozen=True)
class FreezeWindow:
    start: datetime
    end: datetime
    reason: str


@dataclass(frozen=True)
class RelevanceSettings:
    """The validated ``[relevance]`` table: the backend and its model (a path resolved in the project)."""

    backend: str = "auto"
    model: str = ""

    def as_table(self) -> dict[str, str]:
        return {"backend": self.backend, "model": self.model}


@dataclass(frozen=True)
class BrandProfile:
    """Brand-wide facts every rule may read (never the raw config)."""

    platforms: tuple[str, ...] = ()
    goals: tuple[Goal, ...] = ()
    brand_terms: tuple[str, ...] = ()
    allowed_words: tuple[str, ...] = ()
    register: str = "neutral"
    platform_register: Mapping[str, str] = field(default_factory=dict)
    freeze: tuple[FreezeWindow, ...] = ()
    posting_hours: tuple[int, int] | None = None
    timezone: str = "UTC"
    require_goal: bool = False
    now: datetime | None = None
    # True when ``now`` was pinned (--now, ENGAGELINT_NOW, the API): the cache then keys on it exactly.
    now_pinned: bool = False
    # Validated service settings, kept after validation (no raw tables): the ``[archive]`` table as an
    # engagelint.duplication.settings.ArchiveSettings (None when neither the table nor a Redis URL is
    # set; typed Any so this module stays below duplication), ``[relevance]``, and the run cache switch.
    archive: Any = None
    relevance: RelevanceSettings = field(default_factory=RelevanceSettings)
    cache: bool = True

    def register_for(self, platforms: Iterable[str]) -> str:
        """The register target for a post: the most formal of its platforms' targets."""
        order = {"casual": 0, "neutral": 1, "formal": 2}
        targets = [self.platform_register.get(p, self.register) for p in platforms] or [self.register]
        return max(targets, key=lambda r: order.get(r, 1))

    @cached_property
    def protected_words(self) -> frozenset[str]:
        """Lower-cased brand terms and allowed words: never flagged by wording rules."""
        return frozenset(w.lower() for w in (*self.brand_terms, *self.allowed_words))
