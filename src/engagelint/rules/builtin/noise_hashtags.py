"""EL201 hashtag-stuffing (more hashtags than good taste allows per platform) and EL202 duplicate-hashtag.

EL201 is the editorial limit, far below the platforms' hard caps (EL303): a few precise hashtags get
found; a wall of them reads as spam and some platforms (LinkedIn, X) show fewer posts that do it.
"""

from __future__ import annotations

from collections.abc import Iterable

from engagelint.models import Finding, Severity
from engagelint.platforms.limits import canonical, check_limits
from engagelint.platforms.table import editorial_hashtag_limits
from engagelint.rules.base import Example, Option, Rule, RuleContext, RuleInfo
from engagelint.rules.builtin.noise_common import in_tag_block

# Editorial limits (hashtags in data/platforms.toml), well under the hard caps.
DEFAULT_LIMITS = editorial_hashtag_limits()


def _hard_caps() -> dict[str, int]:
    from engagelint.platforms.limits import builtin_platforms

    return {k: s.max_hashtags for k, s in builtin_platforms().items() if s.max_hashtags}


class HashtagStuffing(Rule):
    info = RuleInfo(
        code="EL201",
        name="hashtag-stuffing",
        category="noise",
        severity=Severity.WARNING,
        summary="More hashtags than an editor would keep for the post's platform (X 3, LinkedIn 5, Instagram 5, Threads 1).",
        rationale=(
            "Quality over quantity: two or three precise hashtags help the right people find a post; a wall of "
            "them reads as spam, buries the message and makes the brand look desperate for reach. These are "
            "taste-based limits, well under the platforms' hard caps (EL303); tune them per platform."
        ),
        options={
            "limits": Option(
                dict(DEFAULT_LIMITS),
                "most hashtags per platform, e.g. { x = 2, instagram = 10 }",
                (dict,),
                validate=check_limits,
            ),  # fmt: skip
            "default": Option(5, "most hashtags when the post names no platform"),
        },
        examples=(
            Example(
                bad="Our spring sale starts today. #sale #spring #deals #shopping #fashion",
                good="Our spring sale starts today. #SpringSale",
                lang="en",
                platform="x",
            ),
            Example(
                bad="Les soldes commencent aujourd'hui. #soldes #printemps #mode #shopping #bonplan",
                good="Les soldes commencent aujourd'hui. #SoldesDePrintemps",
                lang="fr",
                platform="x",
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        tags = ctx.entities.hashtags
        limits = {**DEFAULT_LIMITS, **{canonical(k): v for k, v in (ctx.options.get("limits") or {}).items()}}
        # A platform whose hard cap is no higher than the advice here is EL303's to report (an error there).
        caps = _hard_caps()
        platforms = [
            p for p in ctx.platforms if not (caps.get(p) and caps[p] <= limits.get(p, ctx.options["default"]))
        ]
        if ctx.platforms and not platforms:
            return
        if platforms:
            # The strictest of the post's platforms: the same text goes everywhere.
            limit, where = min((limits.get(p, ctx.options["default"]), p) for p in platforms)
        else:
            limit, where = ctx.options["default"], None
        if len(tags) <= limit:
            return
        suffix = f" on {where}" if where else ""
        yield Finding(
            tags[limit].start,
            tags[-1].end,
            f"{len(tags)} hashtags (at most {limit}{suffix}); keep the few that name what the post is about",
        )


class DuplicateHashtag(Rule):
    info = RuleInfo(
        code="EL202",
        name="duplicate-hashtag",
        category="noise",
        severity=Severity.WARNING,
        summary="The same hashtag twice in one post (case-insensitive).",
        rationale=(
            "A repeated hashtag adds nothing to reach (platforms index it once) and reads as careless "
            "copy-and-paste. The fix removes a repeat from a tag list, or only its '#' when the tag is a word "
            "of a sentence, so the sentence still reads."
        ),
        fixable=True,
        examples=(
            Example(
                bad="Join us at #VivaTech in Paris next week! #AI #vivatech",
                good="Join us at #VivaTech in Paris next week! #AI",
                lang="en",
            ),
            Example(
                bad="Retrouvez-nous à #VivaTech à Paris la semaine prochaine ! #IA #vivatech",
                good="Retrouvez-nous à #VivaTech à Paris la semaine prochaine ! #IA",
                lang="fr",
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        text = ctx.text
        tags = ctx.entities.hashtags
        seen: dict[str, str] = {}
        for i, tag in enumerate(tags):
            key = tag.text[1:].casefold()
            if key not in seen:
                seen[key] = tag.text
                continue
            if in_tag_block(text, tags, i):
                # Part of a tag list: drop the tag and one neighbouring space.
                start, end = _with_one_space(text, tag.start, tag.end)
                yield Finding(
                    tag.start,
                    tag.end,
                    f"{tag.text} repeats {seen[key]}",
                    replacement="",
                    fix_message=f"Remove the repeated {tag.text}",
                    fix_start=start,
                    fix_end=end,
                )
            else:
                # A word of the sentence ("...with #Python on Monday"): keep the word, drop the '#'.
                yield Finding(
                    tag.start,
                    tag.end,
                    f"{tag.text} repeats {seen[key]}; keep the word and drop the '#'",
                    replacement=tag.text[1:],
                    fix_message=f"Write {tag.text[1:]} without '#'",
                )


def _with_one_space(text: str, start: int, end: int) -> tuple[int, int]:
    """The tag's span plus one adjacent space (before it if any, else after it), so removal leaves no gap."""
    if start > 0 and text[start - 1] in " \t":
        return start - 1, end
    if end < len(text) and text[end] in " \t":
        return start, end + 1
    return start, end


RULES = (HashtagStuffing, DuplicateHashtag)
