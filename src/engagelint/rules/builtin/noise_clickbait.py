"""EL206 clickbait: curiosity-gap hooks ("you won't believe…", "ce qu'il a fait ensuite…") and listicle bait.

Three signals, from most to least explicit:
1. bait phrases (EN and FR, ``data/noise_clickbait.yml``): fire on their own;
2. listicle bait: "10 reasons… #7 will shock you", "17 things only coffee lovers will understand" (a number,
   a list noun, then a hook aimed at the reader; "5 ways to cut your cloud bill" alone is not bait);
3. English only: a Title Case, headline-shaped line that the clickbait model scores over its threshold.
   The model learned BuzzFeed-style headlines; conversational sentences ("These tips may help you")
   are never judged by it, which keeps it quiet on ordinary brand replies.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import regex

from engagelint.models import Finding, Severity
from engagelint.rules.base import Example, Option, Rule, RuleContext, RuleInfo
from engagelint.rules.builtin.noise_clickbait_model import TOKEN_RE, load_model
from engagelint.rules.builtin.noise_common import for_lang, load_data, sentences

_LISTING = regex.compile(r"\s[-|–—]\s.*\s[-|–—]\s|\s\|\s")

# "How we cut onboarding time in half", "How to cut your cloud bill by 30%": a how-to or case-study
# headline tells the reader what they get, which is the opposite of a curiosity gap.
_HOW_TO = regex.compile(
    r"^\W*(?:how|comment)\s+(?:we|i|our|my|to|nous|j['’]ai|notre|mon)\b", regex.IGNORECASE
)
# A concrete figure with its unit states the result instead of teasing it.
_FIGURE = regex.compile(
    r"\d+(?:[.,]\d+)?\s*(?:%|x\b|×|€|\$|£|k\b|(?:hours?|minutes?|days?|weeks?|months?|years?|ms|seconds?|times)\b)"
    r"|\bin half\b|\btwice\b|\b(?:halved|doubled|tripled)\b",
    regex.IGNORECASE,
)
_FUNCTION = frozenset(
    "the a an is are was were be been of to in on and or for with it its they their them that".split()
)
_MODEL_CUE = regex.compile(r"^[\p{L}']+$")

# Small words that stay lower-case in Title Case headlines.
_MINOR = frozenset("a an and as at but by for from in into of on or per the to vs via with".split())


@lru_cache(maxsize=4)
def _phrases(lang: str) -> regex.Pattern | None:
    items = for_lang(load_data("noise_clickbait.yml")["phrases"], lang)
    if not items:
        return None
    return regex.compile("|".join(f"(?:{p})" for p in items), regex.IGNORECASE)


@lru_cache(maxsize=4)
def _listicle(lang: str) -> regex.Pattern | None:
    pattern = (load_data("noise_clickbait.yml").get("listicle") or {}).get(lang)
    return regex.compile(pattern, regex.IGNORECASE) if pattern else None


def is_headline_shaped(sentence: str, min_words: int = 4, max_words: int = 25) -> bool:
    """Title Case, short, not shouted: the shape of a headline rather than of a conversational sentence."""
    words = [m.group() for m in TOKEN_RE.finditer(sentence) if m.group()[:1].isalpha()]
    if not (min_words <= len(words) <= max_words) or not (sentence[:1].isupper() or sentence[:1].isdigit()):
        return False
    if _LISTING.search(sentence):  # "Title - Artist - Album", "Product | Shop": names, not headlines
        return False
    content = [w for w in words[1:] if w.lower() not in _MINOR]
    if len(content) < 3:
        return False
    capitalised = sum(w[:1].isupper() for w in content)
    shouted = sum(w.isupper() and len(w) > 1 for w in content)
    return capitalised / len(content) >= 0.8 and shouted / len(content) < 0.5


class Clickbait(Rule):
    info = RuleInfo(
        code="EL206",
        name="clickbait",
        category="noise",
        severity=Severity.WARNING,
        summary="Curiosity-gap or shock hooks and listicle bait instead of saying what the post offers.",
        rationale=(
            '"You won\'t believe what happened next" trades trust for a click: readers who feel tricked '
            "unfollow, and platforms (Facebook, LinkedIn, X) demote posts they classify as clickbait. Say "
            "what the reader gets; a specific, honest hook earns more qualified clicks. English Title Case "
            "headlines are also judged by a small model trained on the Chakraborty et al. (2016) headlines."
        ),
        options={
            # 0.8: picked on the validation split (P 0.997, R 0.885 there), above the model's own 0.5,
            # because Title Case lines in social posts are often names and titles rather than headlines.
            "threshold": Option(
                0.8,
                "model probability over which a Title Case headline is clickbait",
                (float, int),
                maximum=1,
            ),
            "model": Option(True, "use the English model on Title Case headline lines", (bool,)),
        },
        examples=(
            Example(
                bad="You won't believe what happened next at our Lyon store!",
                good="Our Lyon store now opens at 8am on Saturdays.",
                lang="en",
            ),
            Example(
                bad="10 Things Every New Parent Secretly Wants To Hear",
                good="Our parental leave policy now gives both parents 16 weeks.",
                lang="en",
            ),
            Example(
                bad="This Is What Happens When You Stop Drinking Coffee",
                good="How We Cut Onboarding Time In Half",
                lang="en",
            ),
            Example(
                bad="Ce qu'il a fait ensuite va vous étonner 😱",
                good="Notre boutique de Lyon ouvre désormais à 8 h le samedi.",
                lang="fr",
            ),
            Example(
                bad="Vous ne devinerez jamais quel produit arrive en rayon demain !",
                good="Notre nouveau yaourt au citron arrive en rayon demain.",
                lang="fr",
            ),
            Example(
                bad="Ce que personne ne vous dit sur la facturation électronique",
                good="Comment nous avons réduit de moitié le temps d'intégration",
                lang="fr",
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        if ctx.lang not in ("en", "fr"):
            return
        text = ctx.entities.plain_text
        phrases = _phrases(ctx.lang)
        listicle = _listicle(ctx.lang)
        model = load_model() if ctx.lang == "en" and ctx.options.get("model", True) else None
        threshold = ctx.options.get("threshold", 0.8)
        for s, e in sentences(text):
            sentence = text[s:e]
            hooks = self._hooks(phrases, sentence, ctx.profile.protected_words)
            if hooks:
                # One finding per sentence, from the first hook to the last ("You won't believe what happened next").
                start, end = s + hooks[0][0], s + hooks[-1][1]
                quoted = "', '".join(sentence[a:b] for a, b in hooks)
                yield Finding(start, end, f"'{quoted}': clickbait hook; say what the reader gets instead")
            elif listicle is not None and listicle.search(sentence):
                yield Finding(
                    s, e, "listicle bait: the hook teases the list instead of stating what it offers"
                )
            elif model is not None and is_headline_shaped(sentence) and not states_benefit(sentence):
                if model.probability(sentence) >= threshold:
                    yield Finding(s, e, _model_message(model, sentence))

    @staticmethod
    def _hooks(
        phrases: regex.Pattern | None, sentence: str, protected: frozenset[str]
    ) -> list[tuple[int, int]]:
        if phrases is None:
            return []
        return [m.span() for m in phrases.finditer(sentence) if m.group().lower() not in protected]


def states_benefit(sentence: str) -> bool:
    """A how-to or case-study headline, or one that gives its result as a figure: it tells, not teases."""
    return bool(_HOW_TO.match(sentence) or _FIGURE.search(sentence))


def _model_message(model, sentence: str) -> str:
    """Name the headline's words that read as bait (as written), never the model's features or score."""
    cues = [f for f in model.top_features(sentence, n=8) if _MODEL_CUE.match(f) and f not in _FUNCTION]
    shown = []
    for cue in cues:
        m = regex.search(rf"(?<![\p{{L}}']){regex.escape(cue)}(?![\p{{L}}'])", sentence, regex.IGNORECASE)
        if m and m.group() not in shown:
            shown.append(m.group())
    words = ", ".join(f"'{w}'" for w in shown[:3])
    lead = (
        f"headline built like clickbait ({words} tease instead of telling)"
        if words
        else "headline built like clickbait"
    )
    return f"{lead}; state the news or what the reader gets, e.g. the result, the figure or the date"


RULES = (Clickbait,)
