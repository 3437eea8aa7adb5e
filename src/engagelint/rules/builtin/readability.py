"""EL207 hard-to-read: a post whose Flesch (EN) / Kandel-Moles (FR) reading ease is too low."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import regex

from engagelint.models import Finding, Severity
from engagelint.rules.base import Example, Option, Rule, RuleContext, RuleInfo
from engagelint.rules.builtin.noise_common import sentences

# Defaults tuned so professional brand replies rarely fire: on IBM customer-care agent turns,
# 30 flags 6 of 1,139 replies (0.53 per 100 posts; tests/test_readability.py checks < 1).
DEFAULT_MIN_SCORE = {"en": 30.0, "fr": 30.0}
# Readers of long-form, professional channels tolerate denser prose.
DEFAULT_PLATFORM_MIN_SCORE = {"linkedin": {"en": 20.0, "fr": 20.0}}
if TYPE_CHECKING:  # pragma: no cover
    from engagelint.nlp.readability import Readability

# Long-form channels where a reader actually reads paragraphs; elsewhere a reading-ease formula
# says little (a 40-word tweet with two names and a talk title scores "very hard").
DEFAULT_PLATFORMS = ("linkedin", "facebook", "youtube")
# Lines that are not prose: "Key : value" metadata, labels, link-only lines.
_LABEL_LINE = regex.compile(r"^\W*[\p{L}\p{N}][\p{L}\p{N} '’/&-]{0,30}\s?:(?!//)")
_URL_ONLY = regex.compile(r"^\s*(?:\S+://\S+|www\.\S+)\s*$")
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*")


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
        summary="Long-form prose (LinkedIn, Facebook, YouTube) whose sentences are too long to read in a feed (preview).",
        rationale=(
            "Feeds are skimmed in a second or two: long sentences of long words lose readers before "
            "the point lands. Reading-ease formulas (Flesch in English, Kandel-Moles in French) are "
            "crude, so the threshold is low and only clearly dense posts are flagged; split long "
            "sentences and prefer everyday words. Only prose of real length on long-form platforms is "
            "judged (metadata lines, labels and link-only lines are left out), and the finding points at "
            "the longest sentence. A preview rule, off by default: on real drafts most low scores come from "
            'names and talk titles, so enable it with `extend_select = ["EL207"]` where it helps.'
        ),
        status="preview",
        options={
            "min_score": Option(
                dict(DEFAULT_MIN_SCORE),
                "lowest acceptable reading ease, per language",
                minimum=-1000,
                maximum=1000,
            ),
            "platform_min_score": Option(
                {p: dict(v) for p, v in DEFAULT_PLATFORM_MIN_SCORE.items()},
                "per-platform overrides, e.g. {linkedin = {en = 20, fr = 20}}; the strictest of a post's platforms wins",
                values=(dict,),
                minimum=-1000,
                maximum=1000,
            ),
            "min_words": Option(30, "do not judge posts with fewer words of prose"),
            "platforms": Option(
                list(DEFAULT_PLATFORMS), "platforms whose posts are judged (long-form channels)", (list,)
            ),
        },
        examples=(
            Example(
                lang="en",
                platform="linkedin",
                bad=(
                    "Notwithstanding considerable organisational restructuring, our customer "
                    "experience transformation initiative continues delivering unprecedented "
                    "operational efficiencies across international subsidiaries, notwithstanding "
                    "macroeconomic volatility, regulatory fragmentation, supply-chain disruption and "
                    "the accelerating digitalisation of competitive distribution infrastructures "
                    "characterising contemporary multinational organisational environments."
                ),
                good=(
                    "We changed a lot this year. One thing stayed the same: we want every visit to "
                    "feel easy. Our stores open earlier, our app is faster, and our team has grown. "
                    "We read every message you sent us. Tell us how we did, and what we should fix "
                    "next. Thank you for a great year!"
                ),
            ),
            Example(
                lang="fr",
                platform="linkedin",
                bad=(
                    "Conformément aux dispositions réglementaires susmentionnées, l'indemnisation "
                    "complémentaire sera automatiquement versée subordonnément à la vérification "
                    "administrative préalable des justificatifs correspondants, nonobstant les "
                    "éventuelles modifications organisationnelles intervenues postérieurement à "
                    "l'établissement contractuel initial des conditions particulières applicables "
                    "aux bénéficiaires institutionnels concernés."
                ),
                good=(
                    "Votre colis est en route. Il arrive demain matin. Une question ? Écrivez-nous "
                    "ici, on vous répond vite. Cette année, nous avons ouvert trois magasins et "
                    "recruté vingt personnes. Merci pour votre confiance, et à très bientôt dans nos "
                    "boutiques de Lyon et de Nantes !"
                ),
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        if ctx.lang not in ("en", "fr"):
            return
        opts = ctx.options
        judged = {str(p).lower() for p in opts.get("platforms") or ()}
        platforms = tuple(p for p in ctx.platforms if p in judged)
        if not platforms:
            return  # short-form channels, or no platform known: a formula says little there
        if len(ctx.entities.words) < int(opts["min_words"]):
            return  # cheap pre-filter before any textstat work
        # A user's partial setting (e.g. only {en = 25}) refines the defaults instead of erasing them.
        base = {**DEFAULT_MIN_SCORE, **(opts["min_score"] or {})}
        per_platform = {p: dict(v) for p, v in DEFAULT_PLATFORM_MIN_SCORE.items()}
        for p, v in (opts["platform_min_score"] or {}).items():
            per_platform[p] = {**per_platform.get(p, {}), **(v if isinstance(v, Mapping) else {})}
        threshold, platform = _threshold(ctx.lang, platforms, base, per_platform)
        if threshold is None:
            return
        prose, spans = _prose_lines(ctx.entities.plain_text)
        result = _cached_readability(ctx, prose)
        if result is None or result.words < int(opts["min_words"]) or result.score >= threshold:
            return
        text = ctx.text
        longest = max(spans, key=lambda sp: len(_WORD.findall(text[sp[0] : sp[1]])), default=None)
        longest_words = len(_WORD.findall(text[longest[0] : longest[1]])) if longest else 0
        # The writer gets what to change (sentence length, long words), not the formula's score.
        per_sentence = round(result.words / max(result.sentences, 1))
        if longest is not None and longest_words >= 25:
            yield Finding(
                longest[0],
                longest[1],
                f"hard to read on {platform}: this sentence has {longest_words} words; split it in two or "
                "three and prefer everyday words",
            )
        else:
            start = len(text) - len(text.lstrip())
            yield Finding(
                start,
                len(text.rstrip()),
                f"hard to read on {platform}: too many long words (sentences of {per_sentence} words on average); "
                "prefer everyday words and shorter sentences",
            )


def _prose_lines(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The post's prose sentences (label and metadata lines, link-only and short lines left out)."""
    kept: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        start = offset
        offset += len(line) + 1
        if _LABEL_LINE.match(line) or _URL_ONLY.match(line) or len(_WORD.findall(line)) < 5:
            continue
        kept.extend((start + s, start + e) for s, e in sentences(line))
    return "\n".join(text[s:e] for s, e in kept), kept


def _cached_readability(ctx: RuleContext, prose: str) -> Readability | None:
    """Readability of the post's prose, computed once per post and language and shared through ctx.cache."""
    key = f"readability:{ctx.lang}"
    if key not in ctx.cache:
        from engagelint.nlp.readability import readability

        ctx.cache[key] = readability(prose, ctx.lang)
    return ctx.cache[key]


RULES = (HardToRead,)
