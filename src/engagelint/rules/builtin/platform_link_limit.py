"""EL302 platform-link-limit: more links than one of the post's platforms allows (Threads: 5)."""

from __future__ import annotations

from collections.abc import Iterable

from engagelint.models import Finding, Severity
from engagelint.rules.base import Example, Rule, RuleContext, RuleInfo
from engagelint.rules.builtin.platform_common import (
    DEFAULT_PLATFORM_OPTION,
    hidden_link_urls,
    limits_option,
    prose_links,
    specs_for,
)

_EN_LINKS = (
    "Our week in links: shop.example.com/new example.com/blog example.com/events "
    "example.com/jobs example.com/podcast example.com/newsletter"
)
_FR_LINKS = (
    "Notre semaine en liens : boutique.example.fr/nouveau example.fr/blog example.fr/agenda "
    "example.fr/emplois example.fr/podcast example.fr/lettre"
)


class PlatformLinkLimit(Rule):
    info = RuleInfo(
        code="EL302",
        name="platform-link-limit",
        category="platform",
        severity=Severity.ERROR,
        summary="More links than one of the post's platforms allows (Threads: 5 per post).",
        rationale=(
            "Some networks cap the links in a post (Threads allows 5) and refuse or strip the rest, so the post "
            "fails at publication time. One clear link also gets more clicks than a list of them."
        ),
        options={
            "limits": limits_option("maximum link counts", "{ threads = 3 }"),
            "default_platform": DEFAULT_PLATFORM_OPTION,
        },
        examples=(
            Example(
                bad=_EN_LINKS,
                good="New on the blog: how we cut our delivery times in half. example.com/blog",
                lang="en",
                platform="threads",
            ),
            Example(
                bad=_FR_LINKS,
                good="Nouveau sur le blog : comment nous avons divisé nos délais de livraison par deux. example.fr/blog",
                lang="fr",
                platform="threads",
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        specs = list(specs_for(ctx, "max_links"))
        if not specs:
            return
        spans = prose_links(ctx)
        total = len(spans) + len(hidden_link_urls(ctx))
        for spec in specs:
            limit = spec.max_links
            if total <= limit:
                continue
            if len(spans) > limit:
                # From the first link over the limit to the last link written in the prose.
                start, end = spans[limit][0], spans[-1][1]
            else:  # the extra links are Markdown links, whose URLs are not in the prose
                start, end = 0, len(ctx.text)
            yield Finding(start, end, f"{total} links; {spec.name} allows at most {limit} per post")


RULES = (PlatformLinkLimit,)
