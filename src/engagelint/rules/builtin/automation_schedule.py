"""When a post is scheduled: inside a freeze window (EL403), in the past (EL404), outside posting
hours (EL405). Times are compared in the brand's time zone (``timezone`` in the config); a naive
schedule or freeze bound is read as local time there.

Schedules come from front matter, so findings point at the post's first line. In a thread only the
first post is reported: the schedule belongs to the whole file.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from engagelint.models import Finding, Severity
from engagelint.profile import FreezeWindow
from engagelint.rules.base import Example, Option, Rule, RuleContext, RuleInfo
from engagelint.rules.builtin.automation_common import (
    describe,
    first_line,
    is_first_of_thread,
    localise,
    now,
    post_schedule,
)
from engagelint.sources.metadata import parse_datetime

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _local_schedule(ctx: RuleContext) -> datetime | None:
    if not is_first_of_thread(ctx.post):
        return None
    when = post_schedule(ctx.post)
    return None if when is None else localise(when, ctx.profile.timezone)


def _option_windows(value: Any) -> list[FreezeWindow]:
    """Extra windows from the rule's own ``windows`` option: [{from, to, reason}]."""
    out = []
    for item in value or ():
        if not isinstance(item, dict):
            continue
        start, end = parse_datetime(item.get("from")), parse_datetime(item.get("to"))
        if start is None or end is None:
            continue
        if (
            end.hour == 0
            and end.minute == 0
            and "T" not in str(item.get("to"))
            and " " not in str(item.get("to"))
        ):
            end = end.replace(hour=23, minute=59, second=59)  # a date means the whole day
        out.append(FreezeWindow(start, end, str(item.get("reason") or "freeze window")))
    return out


PUBLISHED_STATUSES = frozenset({"published", "posted", "publié", "publie", "publiée", "done", "sent"})


def _already_published(post) -> bool:
    """A draft whose front matter says it is already out is not held by a freeze."""
    meta = {str(k).lower(): v for k, v in (post.meta or {}).items()}
    return str(meta.get("status", "")).strip().lower() in PUBLISHED_STATUSES


class FreezeWindowRule(Rule):
    info = RuleInfo(
        code="EL403",
        name="freeze-window",
        category="automation",
        severity=Severity.ERROR,
        summary="A post scheduled inside a configured freeze window (a crisis, a quiet period, an embargo).",
        rationale=(
            "When a crisis or a tragedy changes the mood, scheduled posts keep firing cheerful content as if "
            "nobody were there, and everyone can see it. Declare a freeze window in the config "
            "(freeze = [{from, to, reason}]) and every draft scheduled inside it is stopped with the reason; a draft with no "
            "schedule is judged at the run's clock (`--now`), since it goes out when it is published."
        ),
        options={
            "windows": Option(
                [], "extra freeze windows for this rule: [{from, to, reason}]", (list,), items=(dict,)
            ),
        },
        examples=(
            Example(
                bad="---\nschedule: 2030-03-02T10:00\n---\nFlash sale this weekend only: 30% off every pair of sneakers!",
                good="---\nschedule: 2030-03-06T10:00\n---\nFlash sale this weekend only: 30% off every pair of sneakers!",
                lang="en",
                options={
                    "windows": [
                        {"from": "2030-03-01", "to": "2030-03-03", "reason": "incident at the Lyon plant"}
                    ]
                },
            ),
            Example(
                bad="---\nschedule: 2030-01-11T09:00\n---\nNos soldes d'hiver commencent demain, profitez-en !",
                good="---\nschedule: 2030-01-15T09:00\n---\nNos soldes d'hiver commencent demain, profitez-en !",
                lang="fr",
                options={"windows": [{"from": "2030-01-10", "to": "2030-01-12", "reason": "deuil national"}]},
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        if not is_first_of_thread(ctx.post):
            return
        when = _local_schedule(ctx)
        # A draft with no schedule goes out when it is published: judge it at the run's clock
        # (``--now`` lets a team check a campaign as of the day it will run).
        unscheduled = when is None
        if unscheduled:
            if _already_published(ctx.post):
                return
            when = now(ctx)
        tz = ctx.profile.timezone
        for window in (*ctx.profile.freeze, *_option_windows(ctx.options.get("windows"))):
            if localise(window.start, tz) <= when <= localise(window.end, tz):
                s, e = first_line(ctx.text)
                lead = (
                    f"not scheduled, so it goes out when published; today ({describe(when)} {tz}) is"
                    if unscheduled
                    else f"scheduled for {describe(when)} ({tz}),"
                )
                yield Finding(
                    s,
                    e,
                    f"{lead} inside the freeze window "
                    f"{describe(localise(window.start, tz))} to {describe(localise(window.end, tz))}: "
                    f"\u201c{window.reason}\u201d; hold or reschedule this post",
                )
                return


class ScheduledInPast(Rule):
    info = RuleInfo(
        code="EL404",
        name="scheduled-in-past",
        category="automation",
        severity=Severity.WARNING,
        summary="A draft whose schedule is already in the past.",
        rationale=(
            "A past date means the plan slipped: the tool will either publish it at once, out of context, "
            "or never. Somebody should decide on a new date rather than let the queue decide."
        ),
        options={
            "grace_minutes": Option(
                0, "how far in the past a schedule may be before it is reported", maximum=10 * 366 * 24 * 60
            )
        },
        examples=(
            Example(
                bad="---\nschedule: 2001-03-01T09:00\n---\nOur spring collection lands tomorrow.",
                good="---\nschedule: 2999-03-01T09:00\n---\nOur spring collection lands tomorrow.",
                lang="en",
            ),
            Example(
                bad="---\ndate: 2001-03-01 09:00\n---\nNotre collection de printemps arrive demain.",
                good="---\ndate: 2999-03-01 09:00\n---\nNotre collection de printemps arrive demain.",
                lang="fr",
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        when = _local_schedule(ctx)
        if when is None:
            return
        reference = now(ctx)
        if not ctx.post.schedule_has_time:  # a bare date names the whole day, not its midnight
            when = when.replace(hour=23, minute=59, second=59)
        grace = timedelta(minutes=int(ctx.options.get("grace_minutes", 0) or 0))
        if when < reference - grace:
            s, e = first_line(ctx.text)
            yield Finding(
                s,
                e,
                # No "now" in the message: the same draft must give the same message run after run.
                f"scheduled for {describe(when)} ({ctx.profile.timezone}), which is already past: "
                "pick a new date",
            )


def _in_hours(minute_of_day: int, start_hour: int, end_hour: int) -> bool:
    start, end = start_hour * 60, end_hour * 60
    if start == end:
        return True
    if start < end:
        return start <= minute_of_day <= end
    return minute_of_day >= start or minute_of_day <= end  # overnight window, e.g. 22 to 6


class OutsidePostingHours(Rule):
    info = RuleInfo(
        code="EL405",
        name="outside-posting-hours",
        category="automation",
        severity=Severity.WARNING,
        summary="A post scheduled outside the configured posting hours or days.",
        rationale=(
            "A post that goes out at 3 a.m. local time reaches nobody, and replies to it wait hours for a "
            "human. Schedule when the team is there to answer: a conversation needs both sides present."
        ),
        options={
            "hours": Option(
                None,
                "[start_hour, end_hour] overriding the config's posting_hours",
                (list, tuple),
                items=(int,),
                maximum=24,
            ),
            "days": Option(
                [], "days allowed for posting, e.g. [mon, tue, wed, thu, fri] (empty: every day)", (list,)
            ),
        },
        examples=(
            Example(
                bad="---\nschedule: 2030-11-05T03:15\n---\nNew on the blog: five ways to cut your energy bill this winter.",
                good="---\nschedule: 2030-11-05T10:15\n---\nNew on the blog: five ways to cut your energy bill this winter.",
                lang="en",
                options={"hours": [9, 18]},
            ),
            Example(
                bad="---\nschedule: 2030-11-05T23:30\n---\nNouveau sur le blog : cinq façons de réduire votre facture d'énergie.",
                good="---\nschedule: 2030-11-05T14:00\n---\nNouveau sur le blog : cinq façons de réduire votre facture d'énergie.",
                lang="fr",
                options={"hours": [9, 18]},
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        when = _local_schedule(ctx)
        if when is None:
            return
        hours = ctx.options.get("hours") or ctx.profile.posting_hours
        days = [str(d).strip().lower()[:3] for d in ctx.options.get("days") or ()]
        tz = ctx.profile.timezone
        s, e = first_line(ctx.text)
        if days and WEEKDAYS[when.weekday()] not in days:
            yield Finding(
                s,
                e,
                f"scheduled on a {when.strftime('%A')} ({describe(when)} {tz}); posting days are {', '.join(days)}: move it to one of them",
            )
            return
        if hours and len(hours) == 2 and ctx.post.schedule_has_time:  # a bare date has no hour
            start_hour, end_hour = int(hours[0]), int(hours[1])
            if not _in_hours(when.hour * 60 + when.minute, start_hour, end_hour):
                yield Finding(
                    s,
                    e,
                    f"scheduled at {when.strftime('%H:%M')} {tz} ({describe(when)}), outside posting hours "
                    f"{start_hour:02d}:00\u2013{end_hour:02d}:00: move it into those hours",
                )


RULES = (FreezeWindowRule, ScheduledInPast, OutsidePostingHours)
