"""The one clock of a run: every time-dependent judgement (a schedule in the past, a freeze window,
``repost_after_days``, the report's date, the cache's hourly key) reads the moment resolved here.

A run reads the clock once, so all its findings judge the same instant. The moment comes from, in
order: an explicit value (``--now``, ``lint_paths(now=...)``), the ``ENGAGELINT_NOW`` environment
variable, then the system clock. Pinning it makes a run reproducible ("lint next week's campaign as
of its publishing day") and keeps tests and the README demo independent of today's date.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, date, datetime

ENV_VAR = "ENGAGELINT_NOW"


class ClockError(ValueError):
    """A ``--now`` / ``ENGAGELINT_NOW`` value that is not an ISO 8601 date or date-time."""


def parse_now(value: str | datetime | date, source: str = "--now") -> datetime:
    """An ISO 8601 date or date-time (``2026-12-24``, ``2026-12-24T10:00+01:00``, ``...Z``).

    A value without a time zone is kept naive: rules read it in the brand's time zone, like a
    naive schedule. A bare date means midnight of that day.
    """
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    text = str(value).strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise ClockError(
            f"{source}: {str(value)!r} is not an ISO 8601 date or date-time "
            "(e.g. 2026-12-24 or 2026-12-24T10:00+01:00)"
        ) from None


def system_now() -> datetime:
    """The wall clock, in UTC: the only place engagelint reads it."""
    return datetime.now(UTC)


def resolve_now(
    explicit: str | datetime | date | None = None, environ: Mapping[str, str] | None = None
) -> datetime:
    """The moment a run judges: ``explicit``, else ``ENGAGELINT_NOW``, else the system clock."""
    if explicit is not None and explicit != "":
        return parse_now(explicit)
    env = os.environ if environ is None else environ
    pinned = env.get(ENV_VAR, "").strip()
    if pinned:
        return parse_now(pinned, source=ENV_VAR)
    return system_now()
