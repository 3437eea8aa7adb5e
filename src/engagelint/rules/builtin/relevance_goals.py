"""EL601 off-goal, EL602 goal-mismatch, EL603 thread-drift: does a post serve the goals the team declared?

Goals come from the config (``[[goals]] id, description, keywords, examples``); a draft names the
goals it serves in its front matter (``goals: [launch]``) or, naming none, may serve any of them.
Scores in [0, 1] come from ``engagelint.relevance`` (``engagelint goals PATH`` prints them, to tune
thresholds on a team's own archive). English goals score French posts and the reverse.
"""

from __future__ import annotations

from collections.abc import Iterable

from engagelint.i18n import N_
from engagelint.models import Finding, Severity
from engagelint.rules.base import Example, Option, Rule, RuleContext, RuleInfo
from engagelint.rules.builtin.automation_common import first_line
from engagelint.rules.builtin.relevance_common import (
    DEFAULT_THRESHOLD,
    post_scores,
    scorer,
    threshold_option_check,
)

GOALS = {
    "goals": [
        {
            "id": "recruiting",
            "description": "Hire bicycle mechanics and workshop staff for our Lyon workshop.",
            "keywords": ["hiring", "job", "apply"],
        },
        {
            "id": "launch",
            "description": "Launch of our new electric cargo bike, the Orage, available for pre-order.",
            "keywords": ["e-bike", "cargo bike", "pre-order"],
        },
    ]
}


def _threshold(description: str) -> Option:
    return Option(DEFAULT_THRESHOLD, description, (int, float), validate=threshold_option_check)


MIN_WORDS = Option(5, "do not judge posts with fewer words (greetings, 'More below')")


class OffGoal(Rule):
    info = RuleInfo(
        code="EL601",
        name="off-goal",
        category="relevance",
        severity=Severity.WARNING,
        summary="The post reads as unrelated to the goals it serves (or to every goal, when it names none).",
        rationale=(
            "Start with the end in mind: a post that serves none of the goals the team wrote down spends the "
            "audience's attention on nothing the brand wants. Either the post should go, or the goal list is "
            "missing something worth writing down."
        ),
        options={
            "threshold": _threshold(N_("a post whose best goal scores under this is off-goal (0-1)")),
            "min_words": MIN_WORDS,
        },
        examples=(
            Example(
                bad="Happy Monday everyone! What did you have for breakfast this morning?",
                good="We're hiring two bike mechanics for our Lyon workshop. Apply by email.",
                lang="en",
                config=GOALS,
            ),
            Example(
                bad="Bon lundi à tous ! Qu'avez-vous mangé au petit-déjeuner ce matin ?",
                good="Nous recrutons deux mécaniciens vélo pour notre atelier lyonnais. Postulez par mail.",
                lang="fr",
                config=GOALS,
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        if ctx.post.thread_index:  # later thread posts: EL603
            return
        ps = post_scores(ctx, ctx.options["min_words"])
        if ps is None:
            return
        threshold = ctx.options["threshold"]
        gid, score = ps.best(ps.candidates)
        if score >= threshold:
            return
        closest, cscore = ps.best()
        if ps.declared and closest not in ps.candidates and cscore >= threshold:
            return  # it serves another goal than the one it names: EL602 says so
        # The goal to write towards, with its own words and how the post compares with the goal's example
        # posts: no score (a number means nothing to a writer).
        target = gid if ps.declared else closest
        hints = [f"keywords: {words}"] if (words := _keywords(ctx, target)) else []
        if weaker := scorer(ctx).weaker_than(target, ps.scores[target]).removeprefix(", "):
            hints.append(weaker)
        keywords = f" ({'; '.join(hints)})" if hints else ""
        if not ps.declared:
            message = (f"reads as unrelated to every goal; the closest is `{closest}`{keywords}: say what the post "
                       "brings to it, or leave it out")  # fmt: skip
        elif len(ps.candidates) == 1:
            message = (f"reads as unrelated to its goal `{gid}`{keywords}: say what the post does for it, or "
                       "change its goals")  # fmt: skip
        else:
            named = ", ".join(f"`{g}`" for g in ps.candidates)
            message = (f"reads as unrelated to its goals {named}; the closest is `{gid}`{keywords}: say what the "
                       "post does for it, or change its goals")  # fmt: skip
        s, e = first_line(ctx.text)
        yield Finding(s, e, message)


def _keywords(ctx: RuleContext, gid: str) -> str:
    """A few of the goal's own keywords: words the writer can build the post around (scores mean nothing
    to a writer; the goal's words do)."""
    goal = next((g for g in scorer(ctx).goals if g.id == gid), None)
    return ", ".join(goal.keywords[:3]) if goal is not None else ""


class GoalMismatch(Rule):
    info = RuleInfo(
        code="EL602",
        name="goal-mismatch",
        category="relevance",
        severity=Severity.WARNING,
        summary="The post declares one goal but reads much closer to another declared goal.",
        rationale=(
            "A post filed under the wrong goal skews every report by goal and is usually written for a different "
            "audience than the one the goal targets: either fix the front matter or rewrite the post."
        ),
        options={
            "margin": Option(
                1.0,
                "how much stronger another goal's match must be: 1.0 = twice as strong (0-10)",
                (int, float),
                validate=lambda v: None if 0 <= v <= 10 else "expected a number between 0 and 10",
            ),
            "threshold": _threshold(N_("the other goal must score at least this")),
            "min_words": MIN_WORDS,
        },
        examples=(
            Example(
                bad="---\ngoals: [recruiting]\n---\nThe Orage cargo e-bike is here: big front box, strong battery, pre-order it today.",
                good="---\ngoals: [launch]\n---\nThe Orage cargo e-bike is here: big front box, strong battery, pre-order it today.",
                lang="en",
                config=GOALS,
            ),
            Example(
                bad="---\ngoals: [recruiting]\n---\nLe vélo cargo électrique Orage est là : grande caisse, batterie solide, précommandez-le dès aujourd'hui.",
                good="---\ngoals: [launch]\n---\nLe vélo cargo électrique Orage est là : grande caisse, batterie solide, précommandez-le dès aujourd'hui.",
                lang="fr",
                config=GOALS,
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        if ctx.post.thread_index:
            return
        ps = post_scores(ctx, ctx.options["min_words"])
        if ps is None or not ps.declared or not ps.others():
            return
        gid, _ = ps.best(ps.candidates)
        other = max(ps.others(), key=lambda g: ps.strengths[g])
        # Scores flatten near 1 once a post is on topic; strengths (how far above an ordinary post) do not.
        mine, theirs = ps.strengths[gid], ps.strengths[other]
        if ps.scores[other] < ctx.options["threshold"] or theirs <= max(mine, 0) * (
            1 + ctx.options["margin"]
        ):
            return
        s, e = first_line(ctx.text)
        yield Finding(s, e, f"declares goal `{gid}` but reads much closer to goal `{other}`: change its goals, "
                            "or rewrite it for the goal it declares")  # fmt: skip


class ThreadDrift(Rule):
    info = RuleInfo(
        code="EL603",
        name="thread-drift",
        category="relevance",
        severity=Severity.INFO,
        summary="A thread starts on-goal, then one of its later posts drifts away from every goal it serves.",
        rationale=(
            "Readers follow a thread because its first post promised something; a later post on another topic "
            "loses them and dilutes the message. Move it to a post of its own."
        ),
        options={
            "threshold": _threshold(N_("a later post scoring under this for the thread's goals has drifted")),
            "min_words": MIN_WORDS,
        },
        scope="thread",
        examples=(
            Example(
                bad="We're hiring two bike mechanics for our Lyon workshop, permanent contracts.\n\n---\n\nApply with your CV by email before the end of the month.\n\n---\n\nBy the way, what did everyone think of the football final last night?",
                good="We're hiring two bike mechanics for our Lyon workshop, permanent contracts.\n\n---\n\nApply with your CV by email before the end of the month.\n\n---\n\nThe job comes with training, a staff bike and a competitive salary.",
                lang="en",
                config=GOALS,
            ),
            Example(
                bad="Nous recrutons deux mécaniciens vélo en CDI pour notre atelier lyonnais.\n\n---\n\nEnvoyez votre CV par mail avant la fin du mois.\n\n---\n\nAu fait, vous avez pensé quoi de la finale de foot d'hier soir ?",
                good="Nous recrutons deux mécaniciens vélo en CDI pour notre atelier lyonnais.\n\n---\n\nEnvoyez votre CV par mail avant la fin du mois.\n\n---\n\nLe poste inclut une formation, un vélo de fonction et un salaire attractif.",
                lang="fr",
                config=GOALS,
            ),
        ),
    )

    def check_thread(self, ctxs: list[RuleContext]) -> Iterable[tuple[RuleContext, Finding]]:
        if len(ctxs) < 2:
            return
        threshold, min_words = ctxs[0].options["threshold"], ctxs[0].options["min_words"]
        first = post_scores(ctxs[0], min_words)
        if first is None:
            return
        gid, start = first.best(first.candidates)
        if start < threshold:  # the whole thread is off-goal: EL601 says so on its first post
            return
        for ctx in ctxs[1:]:
            ps = post_scores(ctx, min_words)
            if ps is None:
                continue
            best, score = ps.best(first.candidates)
            if score < threshold:
                s, e = first_line(ctx.text)
                if best == gid:
                    message = (f"thread drifts off its goal here: the first post serves `{gid}`, this one no "
                               "longer does; bring it back to that goal or move it to a post of its own")  # fmt: skip
                else:
                    message = (f"thread drifts off its goal here: the first post serves `{gid}`, this one "
                               f"none of the thread's goals (closest: `{best}`); bring it back to `{gid}` or "
                               "move it to a post of its own")  # fmt: skip
                yield ctx, Finding(s, e, message)


RULES = (OffGoal, GoalMismatch, ThreadDrift)
