"""Shared helpers for the automation and strategy rules: data files, schedules in the brand's
time zone, the span a post-level finding points at, and locations for corpus rules.

This module defines no rules (the registry reads ``RULES`` and finds none here).
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from functools import cache, lru_cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from engagelint.models import Location, Post
from engagelint.rules.base import RuleContext

# libyaml's loader: the same data as safe_load, ~10x faster to parse (cold start).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

RULES: tuple = ()


@cache
def load_data(name: str) -> Any:
    """A YAML file from ``engagelint/data`` (shipped in the wheel)."""
    text = (resources.files("engagelint") / "data" / name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_LOADER)


@lru_cache(maxsize=64)
def zone(name: str) -> tzinfo:
    return ZoneInfo(name)


def localise(moment: datetime, tz_name: str) -> datetime:
    """``moment`` in the brand's time zone; a naive value is read as already being in it."""
    tz = zone(tz_name or "UTC")
    if moment.tzinfo is None:
        return moment.replace(tzinfo=tz)
    return moment.astimezone(tz)


def now(ctx: RuleContext) -> datetime:
    """The run's reference time (``profile.now`` pins it for reproducible runs and tests)."""
    from engagelint.clock import resolve_now

    moment = ctx.profile.now if ctx.profile.now is not None else resolve_now()
    return localise(moment, ctx.profile.timezone)


def post_schedule(post: Post) -> datetime | None:
    return post.schedule


def post_platforms(post: Post) -> tuple[str, ...]:
    return tuple(post.platforms)


def post_goals(post: Post) -> tuple[str, ...]:
    return tuple(post.goals)


def is_first_of_thread(post: Post) -> bool:
    """File-level facts (schedule, platforms, goals) are reported once per thread, on its first post."""
    return post.thread_index == 0


def first_line(text: str) -> tuple[int, int]:
    """The span of the post's first non-blank line, stripped: where a post-level finding points."""
    start = 0
    n = len(text)
    while start < n and text[start].isspace():
        start += 1
    end = text.find("\n", start)
    end = n if end == -1 else end
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def locate(ctx: RuleContext, start: int, end: int) -> Location:
    """Resolve a prose span now (corpus rules keep locations, not posts)."""
    try:
        return ctx.locate(start, end)
    except RuntimeError:  # contexts built without a locator (unit tests of the rule alone)
        line = ctx.post.line
        return Location(ctx.post.path, line, start + 1, line, end + 1)


def describe(moment: datetime) -> str:
    """A schedule as people write it: 2025-03-04 09:30."""
    return moment.strftime("%Y-%m-%d %H:%M")
