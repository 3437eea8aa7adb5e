"""EL502: a draft with no goal when the config requires one; EL503: a goal the config does not define.

"Start with the end in mind": every post should say what it is for (``goals:`` in front matter),
using the goal ids declared in the config (``[[goals]] id = ...``).
"""

from __future__ import annotations

from collections.abc import Iterable

from engagelint.models import Finding, Severity
from engagelint.rules.base import Example, Option, Rule, RuleContext, RuleInfo
from engagelint.rules.builtin.automation_common import first_line, is_first_of_thread, post_goals


class MissingGoal(Rule):
    info = RuleInfo(
        code="EL502",
        name="missing-goal",
        category="strategy",
        severity=Severity.WARNING,
        summary="A draft has no goal while the config requires one (require_goal = true).",
        rationale=(
            "Start with the end in mind: a post that cannot name what it is for (awareness, hiring, support, "
            "a campaign) is usually there to fill the calendar. Naming the goal also lets engagelint check "
            "the post against it."
        ),
        options={
            "required": Option(
                None, "require a goal for this rule (default: the config's require_goal)", (bool,)
            ),
            "campaign_counts": Option(False, "accept a draft that names a campaign instead of a goal"),
        },
        examples=(
            Example(
                bad="---\nplatform: linkedin\n---\nWe are hiring two data engineers in Bordeaux.",
                good="---\nplatform: linkedin\ngoals: [hiring]\n---\nWe are hiring two data engineers in Bordeaux.",
                lang="en",
                options={"required": True},
            ),
            Example(
                bad="---\nplatform: linkedin\n---\nNous recrutons deux ingénieurs données à Bordeaux.",
                good="---\nplatform: linkedin\nobjectif: recrutement\n---\nNous recrutons deux ingénieurs données à Bordeaux.",
                lang="fr",
                options={"required": True},
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        required = ctx.options.get("required")
        if required is None:
            required = ctx.profile.require_goal
        if not required or not is_first_of_thread(ctx.post) or post_goals(ctx.post):
            return
        if ctx.options.get("campaign_counts") and ctx.post.campaign:
            return
        known = ", ".join(g.id for g in ctx.profile.goals)
        hint = f" (one of: {known})" if known else ""
        s, e = first_line(ctx.text)
        yield Finding(
            s, e, f"this draft has no goal: say what it is for with 'goals:' in its front matter{hint}"
        )


class UnknownGoal(Rule):
    info = RuleInfo(
        code="EL503",
        name="unknown-goal",
        category="strategy",
        severity=Severity.WARNING,
        summary="A draft names a goal that is not one of the goals defined in the config.",
        rationale=(
            "Goals only steer the work if everyone uses the same few: a typo or an ad-hoc goal ('buzz') "
            "silently escapes every goal-based check and every report by goal."
        ),
        options={
            "goals": Option([], "goal ids for this rule (default: the ids of the config's goals)", (list,))
        },
        examples=(
            Example(
                bad="---\ngoals: [buzz]\n---\nMeet the team behind our new repair service.",
                good="---\ngoals: [awareness]\n---\nMeet the team behind our new repair service.",
                lang="en",
                options={"goals": ["awareness", "hiring"]},
            ),
            Example(
                bad="---\nobjectifs: [notoriete]\n---\nDécouvrez l'équipe de notre nouveau service de réparation.",
                good="---\nobjectifs: [awareness]\n---\nDécouvrez l'équipe de notre nouveau service de réparation.",
                lang="fr",
                options={"goals": ["awareness", "hiring"]},
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        if not is_first_of_thread(ctx.post):
            return
        known = [str(g) for g in ctx.options.get("goals") or ()] or [g.id for g in ctx.profile.goals]
        if not known:
            return
        lowered = {k.lower() for k in known}
        unknown = [g for g in post_goals(ctx.post) if g.strip().lower() not in lowered]
        if unknown:
            s, e = first_line(ctx.text)
            quoted = ", ".join(f"'{g}'" for g in unknown)
            yield Finding(
                s,
                e,
                f"goal {quoted} is not defined in the config (known goals: {', '.join(known)})",
            )


RULES = (MissingGoal, UnknownGoal)
