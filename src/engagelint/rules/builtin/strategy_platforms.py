"""EL501: a draft for a platform the brand did not choose (``platforms`` in the config)."""

from __future__ import annotations

from collections.abc import Iterable

from engagelint.models import Finding, Severity
from engagelint.rules.base import Example, Option, Rule, RuleContext, RuleInfo
from engagelint.rules.builtin.automation_common import first_line, is_first_of_thread, post_platforms


class PlatformSprawl(Rule):
    info = RuleInfo(
        code="EL501",
        name="platform-sprawl",
        category="strategy",
        severity=Severity.WARNING,
        summary="A draft targets a platform that is not in the brand's configured platforms.",
        rationale=(
            "Don't be everywhere: every extra network is another audience to listen to, answer and feed. "
            "A draft for a network the team did not choose is either a mistake in the front matter or the "
            "first step of a sprawl nobody decided. Add the platform to the config on purpose, or drop it."
        ),
        options={
            "platforms": Option(
                [], "the brand's platforms for this rule (default: the config's platforms)", (list,)
            ),
        },
        examples=(
            Example(
                bad="---\nplatform: [linkedin, instagram]\n---\nOur annual report on water quality in Brittany is out.",
                good="---\nplatform: linkedin\n---\nOur annual report on water quality in Brittany is out.",
                lang="en",
                options={"platforms": ["linkedin", "x"]},
            ),
            Example(
                bad="---\nréseau: instagram\n---\nNotre rapport annuel sur la qualité de l'eau en Bretagne est en ligne.",
                good="---\nréseau: linkedin\n---\nNotre rapport annuel sur la qualité de l'eau en Bretagne est en ligne.",
                lang="fr",
                options={"platforms": ["linkedin", "x"]},
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        if not is_first_of_thread(ctx.post):
            return
        chosen = tuple(str(p).lower() for p in ctx.options.get("platforms") or ()) or ctx.profile.platforms
        if not chosen:
            return
        extra = [p for p in post_platforms(ctx.post) if p not in chosen]
        if extra:
            s, e = first_line(ctx.text)
            names = ", ".join(extra)
            yield Finding(
                s,
                e,
                f"this draft targets {names}, which {'is' if len(extra) == 1 else 'are'} not among the brand's "
                f"platforms ({', '.join(chosen)}): add it to the config on purpose or drop it",
            )


RULES = (PlatformSprawl,)
