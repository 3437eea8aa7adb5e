"""EL111 tutoiement-in-formal-register and EL112 vouvoiement-in-casual-register (French).

``register_for(platforms)`` in the brand profile gives the target register of a post: the most formal of
its platforms' targets. "tu" forms are flagged when that target is ``formal``. The reverse ("vous" when
the target is ``casual``) is a preview rule, off by default: "vous" is also the plural ("merci à vous
tous"), so it cannot be told apart from vouvoiement reliably.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

import regex

from engagelint.models import Finding, Severity
from engagelint.rules.base import Example, Rule, RuleContext, RuleInfo
from engagelint.rules.builtin.informality_lexicon import lexicon

_NOT_WORD_BEFORE = r"(?<![\p{L}\p{N}_'’])"
_NOT_WORD_AFTER = r"(?![\p{L}\p{N}_'’])"


@lru_cache(maxsize=1)
def _patterns() -> tuple[regex.Pattern, regex.Pattern, frozenset[str], regex.Pattern]:
    reg = lexicon()["register"]
    words = "|".join(regex.escape(w) for w in reg["tu_words"])
    phrases = "|".join(regex.escape(p) for p in reg["tu_phrases"])
    pronouns = "|".join(regex.escape(p) for p in reg["imperative_pronouns"])
    tu = regex.compile(
        # "tu", "te", "toi", "ta", "tes" (also after a hyphen: "peux-tu", "lève-toi")
        rf"(?<![\p{{L}}\p{{N}}_'’])(?:{words}){_NOT_WORD_AFTER}"
        # elided "t'": "t'as", "je t'envoie", "t’inquiète" (not "-t-il")
        rf"|(?<![\p{{L}}\p{{N}}_\-])t['’]\s?(?=[aeiouyhàâéèêëîïôûAEIOUYHÉÈÊÀ])"
        rf"|{_NOT_WORD_BEFORE}(?:{phrases}){_NOT_WORD_AFTER}"
        # 2nd-person singular imperative + pronoun: "rejoins-nous", "dis-moi" (endings checked below)
        rf"|(?<![\p{{L}}\-])(?P<verb>\p{{L}}{{2,}})-(?:{pronouns}){_NOT_WORD_AFTER}"
        # possessive "ton" (the noun "ton" is checked below)
        rf"|(?P<ton>{_NOT_WORD_BEFORE}ton{_NOT_WORD_AFTER})",
        regex.IGNORECASE,
    )
    vous = regex.compile(
        rf"{_NOT_WORD_BEFORE}(?:{'|'.join(regex.escape(w) for w in reg['vous_words'])}){_NOT_WORD_AFTER}",
        regex.IGNORECASE,
    )
    noun_after = frozenset(reg["ton_noun_after"])
    not_tu_verb = regex.compile(
        rf"(?:{'|'.join(regex.escape(e) for e in reg['imperative_not_tu_endings'])})$|^(?:le|la|les|en|y|lui|leur|chez|entre)$",
        regex.IGNORECASE,
    )
    return tu, vous, noun_after, not_tu_verb


_PREV_WORD = regex.compile(r"([\p{L}]+)[\s\u00a0]*$")
_NEXT = regex.compile(r"^[\s\u00a0]*(\p{L})")


def tu_forms(text: str) -> list[tuple[int, int]]:
    """Spans of French second-person singular ("tu") forms in ``text``."""
    tu, _, noun_after, not_tu_verb = _patterns()
    out: list[tuple[int, int]] = []
    for m in tu.finditer(text):
        if m.group("verb") is not None and not_tu_verb.search(m.group("verb")):
            continue
        if m.group("ton") is not None:
            prev = _PREV_WORD.search(text[max(0, m.start() - 30) : m.start()])
            if prev and prev.group(1).lower() in noun_after:
                continue  # "le ton", "changer de ton": the noun
            if not _NEXT.match(text[m.end() : m.end() + 5]):
                continue  # "ton" before punctuation or at the end is the noun
        out.append(m.span())
    return out


def vous_forms(text: str) -> list[tuple[int, int]]:
    """Spans of "vous", "votre", "vos": vouvoiement or plural, which text alone cannot tell apart."""
    return [m.span() for m in _patterns()[1].finditer(text)]


def _summary(text: str, spans: list[tuple[int, int]]) -> str:
    shown = list(dict.fromkeys(text[s:e].strip().lower() for s, e in spans))
    quoted = ", ".join(f"'{w}'" for w in shown[:3])
    return quoted + (f" and {len(shown) - 3} more" if len(shown) > 3 else "")


def _unprotected(ctx: RuleContext, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    protected = ctx.profile.protected_words
    return [(s, e) for s, e in spans if ctx.text[s:e].strip().lower() not in protected]


class TutoiementInFormalRegister(Rule):
    info = RuleInfo(
        code="EL111",
        name="tutoiement-in-formal-register",
        category="informality",
        severity=Severity.WARNING,
        summary='French "tu" forms (tu, te, toi, ton, ta, tes, "rejoins-nous") where the register is formal.',
        rationale=(
            "Addressing readers as \"tu\" is a deliberate brand choice; on a channel configured as formal "
            "(`register = \"formal\"`, globally or per platform) it reads as over-familiar, even rude, to many "
            "French readers. Err on the side of formality: use \"vous\". The same post can be fine on a casual "
            "channel and flagged on a formal one. One finding per post, on the first \"tu\" form; the noun "
            "\"ton\" (\"le ton de la marque\") is not counted."
        ),
        examples=(
            Example(
                bad="Rejoins-nous samedi et profite de ton cadeau !",
                good="Rejoignez-nous samedi et profitez de votre cadeau ! Le ton reste convivial.",
                lang="fr",
                meta={"register": "formal"},
            ),
            Example(
                bad="Merci pour ton message, on te répond vite.",
                good="Merci pour votre message, nous vous répondons rapidement.",
                lang="fr",
                meta={"register": "formal"},
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        if ctx.lang != "fr" or ctx.profile.register_for(ctx.platforms) != "formal":
            return
        spans = _unprotected(ctx, tu_forms(ctx.entities.plain_text))
        if spans:
            s, e = spans[0]
            yield Finding(
                s,
                e,
                f"addresses the reader as 'tu' ({_summary(ctx.text, spans)}) but the register here is formal; "
                "use 'vous'",
            )


class VouvoiementInCasualRegister(Rule):
    info = RuleInfo(
        code="EL112",
        name="vouvoiement-in-casual-register",
        category="informality",
        severity=Severity.INFO,
        summary='French "vous" forms where the configured register is casual (preview: "vous" is also plural).',
        rationale=(
            "A brand that chose to say \"tu\" on a casual channel sounds stiff and inconsistent when a post "
            "switches to \"vous\". But \"vous\" is also the plural (\"merci à vous tous\"), which text alone cannot "
            "tell apart, so this rule is a preview: enable it with `extend_select = [\"EL112\"]`."
        ),
        status="preview",
        examples=(
            Example(
                bad="Découvrez votre nouvel espace client.",
                good="Découvre ton nouvel espace client.",
                lang="fr",
                meta={"register": "casual"},
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        if ctx.lang != "fr" or ctx.profile.register_for(ctx.platforms) != "casual":
            return
        spans = _unprotected(ctx, vous_forms(ctx.entities.plain_text))
        if spans:
            s, e = spans[0]
            yield Finding(
                s,
                e,
                f"addresses the reader as 'vous' ({_summary(ctx.text, spans)}) but the register here is casual; "
                "use 'tu' if 'vous' is not a plural",
            )


RULES = (TutoiementInFormalRegister, VouvoiementInCasualRegister)
