"""EL504: too large a share of self-promotional posts across the drafts of a run.

Each post (a thread counts once) is classified as promotional or not with the cue lists in
``engagelint/data/strategy_promotion.yml``. When promotional posts exceed ``max_ratio`` of the run,
the ones over the allowance (the latest scheduled, then by path) are reported on their first
promotional cue, so the finding points at a real post a person can rework.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import regex

from engagelint.models import Finding, Location, Severity
from engagelint.rules.base import Example, Option, Rule, RuleContext, RuleInfo
from engagelint.rules.builtin.automation_common import load_data, localise, locate, post_schedule

_NEVER = datetime.max


def _alternation(phrases: Iterable[str]) -> regex.Pattern | None:
    words = sorted({p.strip() for p in phrases if p and p.strip()}, key=len, reverse=True)
    if not words:
        return None
    body = "|".join(regex.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in words)
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}_\-])(?:{body})(?![\p{{L}}\p{{N}}_\-])", regex.IGNORECASE)


@lru_cache(maxsize=4)
def _cues(lang: str) -> tuple[regex.Pattern | None, regex.Pattern | None, tuple[regex.Pattern, ...]]:
    data = load_data("strategy_promotion.yml")
    langs = ("en", "fr") if lang not in ("en", "fr") else (lang,)
    strong = _alternation(w for lg in langs for w in data["strong"].get(lg, ()))
    weak = _alternation(w for lg in langs for w in data["weak"].get(lg, ()))
    patterns = tuple(regex.compile(p, regex.IGNORECASE) for p in data.get("patterns", ()))
    return strong, weak, patterns


def promotional_cue(text: str, lang: str) -> tuple[int, int] | None:
    """The span of the cue that makes ``text`` promotional, or None for a value/conversation post."""
    strong, weak, patterns = _cues(lang)
    hits: list[tuple[int, int]] = []
    if strong is not None:
        hits += [m.span() for m in strong.finditer(text)]
    for pattern in patterns:
        hits += [m.span() for m in pattern.finditer(text)]
    if hits:
        return min(hits)
    if weak is not None:
        found = {}
        for m in weak.finditer(text):
            found.setdefault(" ".join(m.group().casefold().split()), m.span())
        if len(found) >= 2:
            return min(found.values())
    return None


@dataclass
class _Unit:
    key: str
    promo: Location | None = None
    when: datetime = _NEVER
    max_ratio: float = 1 / 3
    min_posts: int = 6


class SelfPromotionRatio(Rule):
    info = RuleInfo(
        code="EL504",
        name="self-promotion-ratio",
        category="strategy",
        severity=Severity.WARNING,
        scope="corpus",
        summary="Too many of the run's drafts are self-promotional (buy, order, promo code) rather than useful.",
        rationale=(
            "Social networks are a conversation between peers, not another advertising channel. When most "
            "posts ask people to buy, sign up or use a code, followers tune out; keep promotion to a minority "
            "(a third by default) and give the rest to help, insight and conversation."
        ),
        options={
            "max_ratio": Option(1 / 3, "largest share of promotional posts in a run (0 to 1)", maximum=1),
            "min_posts": Option(6, "judge the ratio only when the run has at least this many posts"),
        },
        examples=(
            Example(
                bad="Spring sale: buy now and get 20% off every bike with promo code SPRING20!",
                good="How to check your bike's brakes in five minutes, with photos of each step.",
                lang="en",
                options={"max_ratio": 0.0, "min_posts": 1},
            ),
            Example(
                bad="Soldes de printemps : commandez maintenant avec le code promo PRINTEMPS20 !",
                good="Comment vérifier les freins de votre vélo en cinq minutes, étape par étape.",
                lang="fr",
                options={"max_ratio": 0.0, "min_posts": 1},
            ),
        ),
    )

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self._units: dict[str, _Unit] = {}

    def prepare(self, ctx: RuleContext) -> None:
        if "promotion.cue" not in ctx.cache:
            ctx.cache["promotion.cue"] = promotional_cue(ctx.text, ctx.lang)

    def observe(self, ctx: RuleContext) -> None:
        post = ctx.post
        key = post.thread_key if post.is_thread and post.thread_key else f"{post.path}#{post.index}"
        unit = self._units.setdefault(key, _Unit(key))
        # A draft is judged against its own file's limits: a front-matter override stays local.
        unit.max_ratio = float(ctx.options.get("max_ratio", 1 / 3))
        unit.min_posts = int(ctx.options.get("min_posts", 6))
        when = post_schedule(post)
        if when is not None:
            # a comparable, zone-aware time; posts without a schedule sort last
            unit.when = min(unit.when, localise(when, ctx.profile.timezone).replace(tzinfo=None))
        if unit.promo is None:
            self.prepare(ctx)
            cue = ctx.cache["promotion.cue"]
            if cue is not None:
                unit.promo = locate(ctx, *cue)

    def finish(self) -> Iterable[Finding]:
        units = list(self._units.values())
        promos = [((u.when, u.promo.path, u.promo.line), u.promo, u.max_ratio, u.min_posts) for u in units
                  if u.promo is not None]  # fmt: skip
        for location, message in over_the_limit(len(units), promos):
            yield Finding(0, 0, message, location=location)
        self.reset()


def over_the_limit(total: int, promos: Iterable[tuple]) -> Iterator[tuple[Location, str]]:
    """EL504's judgement of a whole run, shared by the rule and the audit's distributed count:
    ``total`` units, ``promos`` the promotional ones as ``(sort key, location, max_ratio, min_posts)``
    (each unit judged against its own file's options). Yields ``(location, message)`` of the units
    over the allowance: the latest scheduled, then by path."""
    promos = sorted(promos, key=lambda p: p[0])
    share = len(promos) / total if total else 0.0
    for rank, (_key, location, max_ratio, min_posts) in enumerate(promos, start=1):
        allowed = math.floor(max_ratio * total + 1e-9)
        if total < min_posts or rank <= allowed:
            continue
        yield (
            location,
            (
                f"{len(promos)} of {total} drafts in this run are promotional ({share:.0%}, at most "
                f"{max_ratio:.0%}); this is one of the {len(promos) - allowed} over the limit: "
                "turn it into a useful or conversational post, or move it to a later run"
            ),
        )


RULES = (SelfPromotionRatio,)
