"""EL406: more posts per platform per day than the configured cadence, across every draft of the run.

A corpus rule: ``observe`` keeps (platform, local day) -> [(time, location)], never the posts. The
posts over the limit (the latest ones of that day) are reported, each with the day's count.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from engagelint.models import PLATFORMS, Finding, Location, Severity
from engagelint.platforms.limits import canonical, check_limits
from engagelint.platforms.table import cadence_defaults
from engagelint.rules.base import Example, Option, Rule, RuleContext, RuleInfo
from engagelint.rules.builtin.automation_common import (
    first_line,
    is_first_of_thread,
    localise,
    locate,
    post_platforms,
    post_schedule,
)

# Generous defaults (posts_per_day in data/platforms.toml): fire on flooding, not on a busy launch day.
DEFAULT_LIMITS: dict[str, int] = cadence_defaults()


def limits(value: Any) -> Mapping[str, int]:
    """The option as a per-platform table: an int applies to every platform; a table overrides defaults."""
    if isinstance(value, bool):
        return DEFAULT_LIMITS
    if isinstance(value, int):
        return {name: value for name in PLATFORMS}
    table = dict(DEFAULT_LIMITS)
    if isinstance(value, Mapping):
        for name, limit in value.items():
            if isinstance(limit, int) and not isinstance(limit, bool):
                table[canonical(name)] = limit
    return table


def _check_max_per_day(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return None if value >= 0 else "must be a whole number >= 0"
    return check_limits(value)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class Cadence(Rule):
    info = RuleInfo(
        code="EL406",
        name="cadence",
        category="automation",
        severity=Severity.WARNING,
        scope="corpus",
        summary="More posts scheduled on one platform in one day than the configured cadence allows.",
        rationale=(
            "A queue that fires post after post on the same day is volume for its own sake: followers mute "
            "it, platforms throttle it, and nobody is there to answer. Quality over quantity: say less, "
            "and be present when you do."
        ),
        options={
            "max_per_day": Option(
                dict(DEFAULT_LIMITS),
                "posts allowed per platform per day: a number for every platform, or a table such as {linkedin = 1}",
                (dict, int),
                validate=_check_max_per_day,
            ),
        },
        examples=(
            Example(
                bad="---\nplatform: linkedin\nschedule: 2030-05-12T09:00\n---\nThree lessons from our pilot with the city of Nantes.",
                good="---\nplatform: linkedin\n---\nThree lessons from our pilot with the city of Nantes.",
                lang="en",
                options={"max_per_day": 0},
            ),
            Example(
                bad="---\nplatform: linkedin\nschedule: 2030-05-12T09:00\n---\nTrois leçons de notre projet pilote avec la ville de Nantes.",
                good="---\nplatform: linkedin\n---\nTrois leçons de notre projet pilote avec la ville de Nantes.",
                lang="fr",
                options={"max_per_day": 0},
            ),
        ),
    )

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        # Each entry keeps the limit of its own file's options: a front-matter override changes
        # that file's findings only, never another file's.
        self._slots: dict[tuple[str, date], list[tuple[datetime, Location, int | None, str]]] = defaultdict(
            list
        )

    def observe(self, ctx: RuleContext) -> None:
        # A thread is one publication: count its first post only.
        if not is_first_of_thread(ctx.post):
            return
        when = post_schedule(ctx.post)
        platforms = post_platforms(ctx.post)
        if when is None or not platforms:
            return
        day_limits = limits(ctx.options.get("max_per_day"))
        tz = ctx.profile.timezone
        local = localise(when, tz)
        where = locate(ctx, *first_line(ctx.text))
        for platform in platforms:
            self._slots[(platform, local.date())].append((local, where, day_limits.get(platform), tz))

    def finish(self) -> Iterable[Finding]:
        for (platform, day), entries in sorted(self._slots.items()):
            entries.sort(key=lambda e: (e[0], e[1].path, e[1].line))
            for n, (when, where, limit, tz) in enumerate(entries, start=1):
                if limit is None or n <= limit:
                    continue
                yield Finding(
                    0,
                    0,
                    f"{_ordinal(n)} of {len(entries)} posts scheduled on {platform} for {day.isoformat()} "
                    f"(at most {limit} a day; this one at {when.strftime('%H:%M')} {tz}): "
                    "spread them out or drop the weakest",
                    location=where,
                )
        self.reset()


RULES = (Cadence,)
