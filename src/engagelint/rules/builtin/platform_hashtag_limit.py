"""EL303 platform-hashtag-limit: more hashtags than a platform accepts (Instagram 30, YouTube 60).

This is the platform's hard cap. Taste-based "hashtag stuffing" (a much lower number) is a separate
noise rule; keep the two apart so teams can tune one without touching the other.
"""

from __future__ import annotations

from collections.abc import Iterable

from engagelint.models import Finding, Severity
from engagelint.rules.base import Example, Rule, RuleContext, RuleInfo
from engagelint.rules.builtin.platform_common import DEFAULT_PLATFORM_OPTION, limits_option, specs_for

_EN_TAGS = [
    "travel",
    "travelgram",
    "wanderlust",
    "instatravel",
    "travelphotography",
    "trip",
    "vacation",
    "holiday",
    "explore",
    "adventure",
    "nature",
    "photography",
    "photooftheday",
    "beautiful",
    "summer",
    "beach",
    "sunset",
    "mountains",
    "roadtrip",
    "backpacking",
    "europe",
    "france",
    "paris",
    "city",
    "citybreak",
    "weekend",
    "travelblogger",
    "traveltheworld",
    "instagood",
    "love",
    "picoftheday",
]  # 31: one over Instagram's cap
_FR_TAGS = [
    "voyage",
    "vacances",
    "france",
    "paris",
    "bretagne",
    "provence",
    "montagne",
    "plage",
    "mer",
    "soleil",
    "été",
    "nature",
    "randonnée",
    "photo",
    "photographie",
    "paysage",
    "coucherdesoleil",
    "weekend",
    "évasion",
    "découverte",
    "tourisme",
    "roadtrip",
    "aventure",
    "instavoyage",
    "voyageur",
    "blogvoyage",
    "cuisine",
    "gastronomie",
    "patrimoine",
    "village",
    "famille",
]  # 31


def _tags(words: list[str]) -> str:
    return " ".join("#" + w for w in words)


class PlatformHashtagLimit(Rule):
    info = RuleInfo(
        code="EL303",
        name="platform-hashtag-limit",
        category="platform",
        severity=Severity.ERROR,
        summary="More hashtags than one of the post's platforms accepts (Instagram: 5, Threads: 1, YouTube: 60).",
        rationale=(
            "Platforms enforce hard hashtag caps: Instagram accepts at most 5 hashtags per post or reel (since "
            "December 2025; it was 30), Threads links one topic tag per post, and YouTube ignores every hashtag "
            "of a video that has more than 60. Over the cap, the post fails or loses its tags, so the reach you "
            "wanted from them is gone. An account still on an older cap can raise it with `limits`."
        ),
        options={
            "limits": limits_option("maximum hashtag counts", "{ instagram = 30 }"),
            "default_platform": DEFAULT_PLATFORM_OPTION,
        },
        examples=(
            Example(
                bad="Golden hour over the old port. " + _tags(_EN_TAGS),
                good="Golden hour over the old port. " + _tags(_EN_TAGS[:5]),
                lang="en",
                platform="instagram",
            ),
            Example(
                bad="Lumière dorée sur le vieux port. " + _tags(_FR_TAGS),
                good="Lumière dorée sur le vieux port. " + _tags(_FR_TAGS[:5]),
                lang="fr",
                platform="instagram",
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        specs = list(specs_for(ctx, "max_hashtags"))
        if not specs:
            return
        tags = ctx.entities.hashtags
        for spec in specs:
            limit = spec.max_hashtags
            if len(tags) <= limit:
                continue
            # From the first hashtag over the cap to the last one.
            start = tags[limit].start
            yield Finding(
                start,
                tags[-1].end,
                f"{len(tags)} hashtags; {spec.name} allows at most {limit}",
            )


RULES = (PlatformHashtagLimit,)
