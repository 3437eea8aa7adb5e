"""EL301 platform-length: a post longer than one of its platforms accepts, counted as that platform counts."""

from __future__ import annotations

import re
from collections.abc import Iterable

from engagelint.models import Finding, Severity
from engagelint.platforms.counting import count, measure
from engagelint.platforms.limits import PlatformSpec
from engagelint.rules.base import Example, Option, Rule, RuleContext, RuleInfo
from engagelint.rules.builtin.platform_common import (
    DEFAULT_PLATFORM_OPTION,
    hidden_link_urls,
    limits_option,
    specs_for,
)

# How each counting method is explained in messages, so the number can be checked by hand.
UNIT_NOTES = {
    "twitter-v3": "X counting: links 23, emoji and CJK 2",
    "twitter-v2": "X counting: links 23, emoji and CJK 2",
    "mastodon": "links count 23",
    "graphemes": "characters as users see them",
    "chars": "characters",
    "utf16": "UTF-16 units",
}
LINKED_URL_COST = {"twitter-v3": 23, "twitter-v2": 23, "mastodon": 23}

_EN_TOO_LONG = (
    "Big news for our community: starting next Monday, every order placed on our website ships free, "
    "anywhere in the country, with no minimum basket. We have been working on this for months with our "
    "logistics partners, and we are thrilled to finally share it with you all. Tell us what you will order first!"
)
_FR_TOO_LONG = (
    "Grande nouvelle pour notre communauté : dès lundi prochain, toutes les commandes passées sur notre site "
    "sont livrées gratuitement, partout en France, sans minimum d'achat. Nous y travaillons depuis des mois "
    "avec nos partenaires logistiques et nous sommes ravis de pouvoir enfin vous l'annoncer. Dites-nous ce que "
    "vous allez commander en premier !"
)


class PlatformLength(Rule):
    info = RuleInfo(
        code="EL301",
        name="platform-length",
        category="platform",
        severity=Severity.ERROR,
        summary="A post longer than one of its platforms accepts, counted the way that platform counts.",
        rationale=(
            "Each network counts differently: X counts every link as 23 and emoji or Japanese characters as 2, "
            "Mastodon counts links as 23, Bluesky counts what readers see as characters. A post over the limit "
            "is refused by the scheduler or cut mid-sentence at publication time; trim it before it goes in the queue."
        ),
        options={
            "limits": limits_option("maximum lengths", "{ x = 25000, mastodon = 5000 }"),
            "default_platform": DEFAULT_PLATFORM_OPTION,
            "count_link_urls": Option(
                True,
                "count the URLs of Markdown links ([text](url)), which are published with the post "
                "(except where the platform links the text itself: Bluesky)",
            ),
        },
        examples=(
            Example(
                bad=_EN_TOO_LONG,
                good="Big news: from Monday, every order ships free, with no minimum basket. What will you order first?",
                lang="en",
                platform="x",
            ),
            Example(
                bad=_FR_TOO_LONG,
                good="Grande nouvelle : dès lundi, livraison gratuite partout en France, sans minimum d'achat !",
                lang="fr",
                platform="bluesky",
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        text = ctx.text
        for spec in specs_for(ctx, "max_length"):
            found = self._check_body(ctx, spec)
            if found is not None:
                yield found
        # YouTube-style title limits (the title lives in metadata, so the whole post is flagged).
        title = ctx.post.meta.get("title")
        if isinstance(title, str):
            for spec in specs_for(ctx, "max_title_length"):
                length = len(title)
                if length > spec.max_title_length:
                    yield Finding(
                        0,
                        len(text),
                        f"title is {length} characters; {spec.name} allows {spec.max_title_length}",
                    )

    def _check_body(self, ctx: RuleContext, spec: PlatformSpec) -> Finding | None:
        text = ctx.text
        extra = 0
        if ctx.options.get("count_link_urls", True) and not spec.rich_links:
            per_url = LINKED_URL_COST.get(spec.counting)
            # Each linked URL is published after a space.
            extra = sum((per_url if per_url is not None else len(url)) + 1 for url in hidden_link_urls(ctx))
        if ctx.post.literal_extra:
            # Markdown markers are published as typed (no network renders them): they count.
            extra += count(ctx.post.literal_extra, spec.counting)
        # On X, the @handles that open a reply are not counted (since 2017).
        skip = _REPLY_PREFIX.match(text).end() if spec.counting.startswith("twitter") else 0
        result = measure(text[skip:], spec.counting, spec.max_length, extra=extra)
        if not result.over:
            return None
        start = skip + result.overflow_start if result.overflow_start is not None else 0
        note = UNIT_NOTES.get(spec.counting, spec.counting)
        return Finding(
            start,
            len(text),
            f"too long for {spec.name}: {result.length}/{spec.max_length} ({note}); "
            f"cut at least {result.length - spec.max_length}",
        )


_REPLY_PREFIX = re.compile(r"(?:@[A-Za-z0-9_]{1,15}\s+)*")

RULES = (PlatformLength,)
