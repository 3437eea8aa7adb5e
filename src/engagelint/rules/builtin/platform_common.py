"""Shared by the platform-fit rules (EL301-EL303): options, which platforms a post targets, link spans."""

from __future__ import annotations

from collections.abc import Iterator

from engagelint.models import PLATFORMS
from engagelint.platforms.limits import PlatformSpec, check_limits, platform_spec, post_platforms
from engagelint.rules.base import Option, RuleContext

RULES = ()  # helpers only

DEFAULT_PLATFORM_OPTION = Option(
    "",
    'platform to check posts that name none (e.g. "x"); empty: such posts are not checked',
    (str,),
    choices=("", *PLATFORMS),
)


def limits_option(what: str, example: str) -> Option:
    return Option(
        {},
        f"your own {what} per platform, replacing engagelint's (data/platforms.toml), e.g. {example}",
        (dict,),
        validate=check_limits,
    )


def specs_for(ctx: RuleContext, field: str) -> Iterator[PlatformSpec]:
    """The post's platforms that have a ``field`` limit, with the rule's ``limits`` option applied."""
    overrides = ctx.options.get("limits") or {}
    default = ctx.options.get("default_platform") or ""
    for platform in post_platforms(ctx.platforms, default):
        spec = platform_spec(platform, field, overrides)
        if spec is not None and getattr(spec, field) is not None:
            yield spec


def prose_links(ctx: RuleContext) -> list[tuple[int, int]]:
    """Spans of the URLs written in the prose, found as twitter-text finds them (``example.com`` too):
    the same links every other rule sees (``ctx.entities.urls``)."""
    return [(u.start, u.end) for u in ctx.entities.urls]


def hidden_link_urls(ctx: RuleContext) -> list[str]:
    """URLs of Markdown links: not in the prose, but published with the post."""
    return [link.url for link in ctx.post.links]
