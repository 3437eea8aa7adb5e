"""EL304 markdown-markup: Markdown in a post for a network that publishes it literally."""

from __future__ import annotations

from collections.abc import Iterable

from engagelint.models import Finding, Severity
from engagelint.platforms.table import builtin_platforms, literal_platforms
from engagelint.rules.base import Example, Option, Rule, RuleContext, RuleInfo

# None of these renders Markdown from pasted or scheduled text: readers see the stars and hashes.
LITERAL_PLATFORMS = literal_platforms()
WHAT = {
    "bold": ("'**…**' is published as typed: {platform} shows the stars", "Remove the ** markers"),
    "heading": ("'#' headings are published as typed: {platform} shows the hashes", "Remove the # marker"),
    "link": (
        "'[text](url)' is published as typed: {platform} shows brackets and parentheses",
        "Write the text then the URL",
    ),
}


class MarkdownMarkup(Rule):
    info = RuleInfo(
        code="EL304",
        name="markdown-markup",
        category="platform",
        severity=Severity.WARNING,
        summary="Markdown (**bold**, # headings, [text](url)) in a post for a network that shows it literally.",
        rationale=(
            "X, LinkedIn, Instagram, Facebook, Threads, Bluesky and Mastodon do not render Markdown from "
            "pasted or scheduled text: readers see **stars**, ## hashes and [brackets](…). Write plain text "
            "(Unicode bold exists but screen readers spell it out letter by letter)."
        ),
        options={
            "kinds": Option(
                ["bold", "heading", "link"], "which markup to report: bold, heading, link", (list,)
            ),
        },
        examples=(
            Example(
                bad="Big news!\n\n## What is new\n\nOur **new refill kit** is out: [see it here](https://example.com/kit)",
                good="Big news: our new refill kit is out, see it here https://example.com/kit",
                lang="en",
                platform="linkedin",
            ),
            Example(
                bad="Notre **nouveau kit** de recharge est disponible dès aujourd'hui dans toutes nos boutiques.",
                good="Notre nouveau kit de recharge est disponible dès aujourd'hui dans toutes nos boutiques.",
                lang="fr",
                platform="x",
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        literal = [p for p in ctx.post.platforms if p in LITERAL_PLATFORMS]
        if not literal or not ctx.post.markup:
            return
        kinds = set(ctx.options.get("kinds") or ())
        platform = ", ".join(_NAMES.get(p, p) for p in literal)
        by_kind: dict[str, list[tuple[int, int, str, str]]] = {}
        for item in ctx.post.markup:
            if item[2] in kinds and item[2] in WHAT:
                by_kind.setdefault(item[2], []).append(item)
        # One finding per kind of markup and post, at its first use; the fix cleans every use.
        for kind, items in by_kind.items():
            message, fix = WHAT[kind]
            start, end, _, plain = items[0]
            more = f" ({len(items)} in this post)" if len(items) > 1 else ""
            yield Finding(
                0,
                0,
                message.format(platform=platform) + more + "; write plain text",
                replacement=plain,
                fix_message=fix + (" everywhere in this post" if more else ""),
                source_start=start,
                source_end=end,
                extra_edits=tuple((s, e, p) for s, e, _, p in items[1:]),
            )


_NAMES = {key: spec.name for key, spec in builtin_platforms().items()}

RULES = (MarkdownMarkup,)
