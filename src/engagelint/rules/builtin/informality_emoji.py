"""EL109 emoji-wall: long runs of emoji in a row ("🔥🔥🔥🔥🔥")."""

from __future__ import annotations

from collections.abc import Iterable

from engagelint.models import Finding, Severity
from engagelint.rules.base import Example, Option, Rule, RuleContext, RuleInfo


class EmojiWall(Rule):
    info = RuleInfo(
        code="EL109",
        name="emoji-wall",
        category="informality",
        severity=Severity.WARNING,
        summary="More than three emoji in a row.",
        rationale=(
            "An emoji or two sets the tone; a wall of them reads as spam, is recited one by one by screen "
            'readers ("fire, fire, fire, fire, fire"), and looks unprofessional in a brand voice. Emoji '
            "separated only by spaces count as one run. Language-neutral."
        ),
        options={"max_run": Option(3, "most emoji allowed in a row")},
        examples=(
            Example(bad="Launch day 🚀🚀🚀🚀🚀", good="Launch day 🚀", lang="en"),
            Example(bad="C'est le grand jour 🎉 🎉 🎉 🎉 🎉", good="C'est le grand jour 🎉🎉", lang="fr"),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        limit = int(ctx.options.get("max_run", 3))
        text = ctx.text
        run: list = []
        for span in ctx.entities.emoji:
            if run and text[run[-1].end : span.start].strip() != "":
                yield from _report(run, limit)
                run = []
            run.append(span)
        yield from _report(run, limit)


def _report(run: list, limit: int) -> Iterable[Finding]:
    if len(run) > limit:
        yield Finding(
            run[0].start, run[-1].end, f"{len(run)} emoji in a row (at most {limit}); keep one or two"
        )


RULES = (EmojiWall,)
