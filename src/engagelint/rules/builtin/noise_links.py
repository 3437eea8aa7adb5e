"""EL205 link-only (a link with nothing to say about it) and EL208 link-dump (many links, few words)."""

from __future__ import annotations

from collections.abc import Iterable

from engagelint.models import Finding, Severity
from engagelint.rules.base import Example, Option, Rule, RuleContext, RuleInfo
from engagelint.rules.builtin.noise_common import inline_hashtags
from engagelint.rules.builtin.noise_mentions import reply_chain_length


def is_reply(ctx: RuleContext) -> bool:
    """A reply (starts with @someone) or a later post of a thread: short link answers are fine there."""
    return reply_chain_length(ctx.text, ctx.entities.mentions) > 0 or ctx.post.thread_index > 0


class LinkOnly(Rule):
    info = RuleInfo(
        code="EL205",
        name="link-only",
        category="noise",
        severity=Severity.WARNING,
        summary="A post that is only links, hashtags, mentions or emoji, with no words saying why to click.",
        rationale=(
            "A bare link gives readers no reason to click and no idea what they will get; platforms also show "
            "it with less reach. One sentence of context (what it is, why it matters to the reader) is the "
            "signal that makes the link worth sharing. Replies and later thread posts are not judged."
        ),
        options={
            "min_words": Option(3, "fewer words than this, outside links/hashtags/mentions, is no context")
        },
        examples=(
            Example(
                bad="https://example.com/blog/spring-2025 #news",
                good="Our spring report is out: what 2,000 customers told us about delivery. https://example.com/blog/spring-2025",
                lang="en",
            ),
            Example(
                bad="👉 https://example.fr/blog/printemps-2025 #actu",
                good="Notre rapport de printemps est en ligne : ce que 2 000 clients nous ont dit. https://example.fr/blog/printemps-2025",
                lang="fr",
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        urls = ctx.entities.urls
        if not urls or is_reply(ctx):
            return
        words = len(ctx.entities.words) + len(inline_hashtags(ctx.text, ctx.entities.hashtags))
        if words >= ctx.options["min_words"]:
            return
        yield Finding(
            urls[0].start,
            urls[-1].end,
            f"a link with {words} word(s) of context; say what it is and why it matters to the reader",
        )


class LinkDump(Rule):
    info = RuleInfo(
        code="EL208",
        name="link-dump",
        category="noise",
        severity=Severity.WARNING,
        summary="Too many links for one post, or several links with too few words around them.",
        rationale=(
            "One post, one message, one call to action: a list of links splits attention, each link gets fewer "
            "clicks, and the post looks like automated link sharing. Pick the link that matters, or give each "
            "one a line of context (or a post of its own)."
        ),
        options={
            "max": Option(3, "most links in one post"),
            "min_words_per_link": Option(5, "words of context each link needs when a post has two or more"),
        },
        examples=(
            Example(
                bad="Read more: https://example.com/a https://example.com/b https://example.com/c https://example.com/d",
                good="Our guide to choosing a delivery slot, with the new evening options: https://example.com/a",
                lang="en",
            ),
            Example(
                bad="À lire : https://example.fr/a https://example.fr/b https://example.fr/c https://example.fr/d",
                good="Notre guide pour choisir un créneau de livraison, avec les nouveaux horaires du soir : https://example.fr/a",
                lang="fr",
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        urls = ctx.entities.urls
        if len(urls) < 2:
            return
        limit = ctx.options["max"]
        words = len(ctx.entities.words)
        if len(urls) > limit:
            yield Finding(
                urls[limit].start,
                urls[-1].end,
                f"{len(urls)} links in one post (at most {limit}); keep the one that matters most and drop the others",
            )
        elif words < ctx.options["min_words_per_link"] * len(urls) and not is_reply(ctx):
            yield Finding(
                urls[1].start,
                urls[-1].end,
                f"{len(urls)} links with only {words} words of context; give each link a reason or keep one",
            )


RULES = (LinkOnly, LinkDump)
