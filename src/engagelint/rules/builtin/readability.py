"""EL207 hard-to-read: a post whose Flesch (EN) / Kandel-Moles (FR) reading ease is too low."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from engagelint.models import Finding, Severity
from engagelint.rules.base import Example, Option, Rule, RuleContext, RuleInfo

# Defaults tuned so professional brand replies rarely fire: on IBM customer-care agent turns,
# 30 flags 6 of 1,139 replies (0.53 per 100 posts; tests/test_readability.py checks < 1).
DEFAULT_MIN_SCORE = {"en": 30.0, "fr": 30.0}
# Readers of long-form, professional channels tolerate denser prose.
DEFAULT_PLATFORM_MIN_SCORE = {"linkedin": {"en": 20.0, "fr": 20.0}}
if TYPE_CHECKING:  # pragma: no cover
    from engagelint.nlp.readability import Readability

FORMULA_NAMES = {"flesch": "Flesch", "kandel-moles": "Kandel-Moles"}


def _threshold(
    lang: str, platforms: Iterable[str], base: Mapping[str, Any], per_platform: Mapping[str, Any]
) -> tuple[float | None, str]:
    """The strictest (highest) threshold among the post's platforms, and the platform it comes from."""
    candidates: list[tuple[float, str]] = []
    for platform in tuple(platforms) or ("",):
        override = per_platform.get(platform) if platform else None
        value = override.get(lang) if isinstance(override, Mapping) else None
        if value is None:
            value = base.get(lang)
        if value is not None:
            candidates.append((float(value), platform))
    return max(candidates) if candidates else (None, "")


class HardToRead(Rule):
    info = RuleInfo(
        code="EL207",
        name="hard-to-read",
        category="noise",
        severity=Severity.INFO,
        summary="The post's reading ease (Flesch / Kandel-Moles) is below the platform's threshold.",
        rationale=(
            "Feeds are skimmed in a second or two: long sentences of long words lose readers before "
            "the point lands. Reading-ease formulas (Flesch in English, Kandel-Moles in French) are "
            "crude, so the threshold is low and only clearly dense posts are flagged; split long "
            "sentences and prefer everyday words."
        ),
        options={
            "min_score": Option(dict(DEFAULT_MIN_SCORE), "lowest acceptable reading ease, per language"),
            "platform_min_score": Option(
                {p: dict(v) for p, v in DEFAULT_PLATFORM_MIN_SCORE.items()},
                "per-platform overrides, e.g. {linkedin = {en = 20, fr = 20}}; the strictest of a post's platforms wins",
            ),
            "min_words": Option(12, "do not judge posts with fewer words"),
        },
        examples=(
            Example(
                lang="en",
                bad=(
                    "Notwithstanding considerable organisational restructuring, our customer "
                    "experience transformation initiative continues delivering unprecedented "
                    "operational efficiencies across international subsidiaries."
                ),
                good=(
                    "We changed a lot this year. One thing stayed the same: we want every visit to "
                    "feel easy. Tell us how we did!"
                ),
            ),
            Example(
                lang="fr",
                bad=(
                    "Conformément aux dispositions réglementaires susmentionnées, l'indemnisation "
                    "complémentaire sera automatiquement versée subordonnément à la vérification "
                    "administrative préalable des justificatifs correspondants."
                ),
                good=(
                    "Votre colis est en route. Il arrive demain matin. Une question ? Écrivez-nous "
                    "ici, on vous répond vite."
                ),
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        if ctx.lang not in ("en", "fr"):
            return
        opts = ctx.options
        if len(ctx.entities.words) < int(opts["min_words"]):
            return  # cheap pre-filter before any textstat work
        # A user's partial setting (e.g. only {en = 25}) refines the defaults instead of erasing them.
        base = {**DEFAULT_MIN_SCORE, **(opts["min_score"] or {})}
        per_platform = {p: dict(v) for p, v in DEFAULT_PLATFORM_MIN_SCORE.items()}
        for p, v in (opts["platform_min_score"] or {}).items():
            per_platform[p] = {**per_platform.get(p, {}), **(v if isinstance(v, Mapping) else {})}
        threshold, platform = _threshold(ctx.lang, ctx.platforms, base, per_platform)
        if threshold is None:
            return
        result = _cached_readability(ctx)
        if result is None or result.words < int(opts["min_words"]) or result.score >= threshold:
            return
        text = ctx.text
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        where = f" on {platform}" if platform else ""
        per_sentence = result.words / max(result.sentences, 1)
        yield Finding(
            start,
            end,
            f"hard to read: {FORMULA_NAMES[result.formula]} reading ease {result.score:.0f} is below {threshold:.0f}{where} "
            f"({per_sentence:.0f} words per sentence); split long sentences and prefer shorter words",
        )


def _cached_readability(ctx: RuleContext) -> Readability | None:
    """Readability of the post, computed once per post and language and shared through ctx.cache."""
    key = f"readability:{ctx.lang}"
    if key not in ctx.cache:
        from engagelint.nlp.readability import readability

        ctx.cache[key] = readability(ctx.text, ctx.lang)
    return ctx.cache[key]


RULES = (HardToRead,)
