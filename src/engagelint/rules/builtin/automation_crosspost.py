"""EL407: the same text sent unchanged to networks of different kinds.

Two cases, one rule: a draft whose ``platform`` lists several networks (a LinkedIn post pasted into
X and Instagram), and drafts in different files with the same text for different networks. Networks
of one family (x, mastodon, bluesky, threads) may share a text; see
the ``family`` of each platform in ``engagelint/data/platforms.toml``.

A corpus rule: ``observe`` keeps a hash of the normalised text and a location, never the post.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from engagelint.models import Finding, Location, Severity
from engagelint.platforms.table import families
from engagelint.rules.base import Example, Option, Rule, RuleContext, RuleInfo
from engagelint.rules.builtin.automation_common import (
    first_line,
    is_first_of_thread,
    locate,
    post_platforms,
)


@lru_cache(maxsize=1)
def _families() -> dict[str, str]:
    return families()


def family(platform: str) -> str:
    return _families().get(platform, platform)


def fingerprint(text: str) -> str:
    """Case and spacing do not make a text different."""
    return hashlib.blake2b(" ".join(text.casefold().split()).encode("utf-8"), digest_size=16).hexdigest()


class CrossPostedUnchanged(Rule):
    info = RuleInfo(
        code="EL407",
        name="cross-posted-unchanged",
        category="automation",
        severity=Severity.INFO,
        scope="corpus",
        summary="The same text scheduled unchanged to different kinds of network (e.g. X, LinkedIn and Instagram).",
        rationale=(
            "Each network has its own length, tone, and audience. Blasting one text everywhere is what "
            "automation tools do and what people notice: it reads like nobody is there. Adapt the text "
            "to each platform, or pick the one where it belongs."
        ),
        options={
            "min_words": Option(6, "ignore texts shorter than this (short greetings are often shared as is)"),
            "same_family_ok": Option(
                True, "allow one text on networks of the same family (x, mastodon, bluesky, threads)"
            ),
        },
        examples=(
            Example(
                bad="---\nplatform: [x, linkedin, instagram]\n---\nWe just opened our second workshop in Lille. Come and see how we repair bikes!",
                good="---\nplatform: linkedin\n---\nWe just opened our second workshop in Lille. Come and see how we repair bikes!",
                lang="en",
            ),
            Example(
                bad="---\nplatform: [x, linkedin, facebook]\n---\nNous ouvrons notre deuxième atelier à Lille. Venez voir comment nous réparons les vélos !",
                good="---\nplatform: [x, mastodon]\n---\nNous ouvrons notre deuxième atelier à Lille. Venez voir comment nous réparons les vélos !",
                lang="fr",
            ),
        ),
    )

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        # Each entry keeps its own file's `same_family_ok` (a front-matter override is local).
        self._groups: dict[str, list[tuple[tuple[str, ...], Location, bool]]] = defaultdict(list)

    def prepare(self, ctx: RuleContext) -> None:
        # (word count, normalised text): the per-post part, computed where the post was linted
        if "crosspost" not in ctx.cache:
            ctx.cache["crosspost"] = (len(ctx.entities.words), fingerprint(ctx.text))

    def observe(self, ctx: RuleContext) -> None:
        platforms = post_platforms(ctx.post)
        # a thread is matched by its first post: one finding per thread, not one per part
        if not is_first_of_thread(ctx.post) or not platforms:
            return
        self.prepare(ctx)
        words, key = ctx.cache["crosspost"]
        if words < int(ctx.options.get("min_words", 6)):
            return
        same_family_ok = bool(ctx.options.get("same_family_ok", True))
        self._groups[key].append((tuple(platforms), locate(ctx, *first_line(ctx.text)), same_family_ok))

    @staticmethod
    def _kinds(platforms: Iterable[str], same_family_ok: bool) -> set[str]:
        return {family(p) for p in platforms} if same_family_ok else set(platforms)

    def finish(self) -> Iterable[Finding]:
        for entries in self._groups.values():
            entries.sort(key=lambda e: (e[1].path, e[1].line, e[1].column))
            first_platforms, first_where, first_ok = entries[0]
            if len(self._kinds(first_platforms, first_ok)) > 1:
                yield Finding(
                    0,
                    0,
                    f"the same text goes unchanged to {len(first_platforms)} networks "
                    f"({', '.join(first_platforms)}): adapt it to each platform",
                    location=first_where,
                )
            seen = set(first_platforms)
            for platforms, where, ok in entries[1:]:
                new = self._kinds(platforms, ok) - self._kinds(seen, ok)
                if new:
                    yield Finding(
                        0,
                        0,
                        f"same text as {first_where.path}:{first_where.line} ({', '.join(first_platforms)}), "
                        f"unchanged for {', '.join(platforms)}: adapt it to this platform",
                        location=where,
                    )
                seen |= set(platforms)
        self.reset()


RULES = (CrossPostedUnchanged,)
