"""EL111 informal-address and EL112 formal-address: how a post addresses its reader, against the register.

``register_for(platforms)`` in the brand profile gives the target register of a post: the most formal of
its platforms' targets. EL111 flags French "tu" forms and English "hey guys"-style address when that
target is ``formal``. EL112 is the reverse (French "vous", English "Dear valued customer" when the target
is ``casual``); it is a preview rule, off by default, because "vous" is also the plural ("merci à vous
tous") and cannot be told apart from vouvoiement reliably.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

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


# "Ton" opening a line and followed by an adjective or by "et" within three words names the tone of a post.
_TONE_LABEL = regex.compile(
    r"Ton(?:\s+(?:et|ou)\b|\s+\p{L}+(?:el|elle|if|ive|al|ale|ique|eux|euse|ant|ante|é|ée|ier|ière)\b"
    r"|(?:\s+\p{L}+){1,2}\s+et\b)"
)


def _line_start(text: str, start: int) -> bool:
    """At the start of a line, after a label ("Angle : Ton ...") or a checkbox ("[x] Ton ...")."""
    before = text[:start].rstrip(" \t\u00a0-•*>")
    return not before or before[-1] in "\n:]"


_PREV_WORD = regex.compile(r"([\p{L}]+)[\s\u00a0]*$")
_NEXT = regex.compile(r"^[\s\u00a0]*(\p{L})")


@lru_cache(maxsize=1)
def _imperative() -> regex.Pattern:
    reg = lexicon()["register"]
    verbs = "|".join(regex.escape(v) for v in sorted(reg["tu_imperatives"], key=len, reverse=True))
    followers = "|".join(regex.escape(f) for f in reg["imperative_followers"])
    # At the start of the text or of a sentence, then one of the followers as a whole word.
    return regex.compile(
        rf"(?:^|(?<=[.!?…:;]\s*)|(?<=^[\s\-•*>\\\"«“]+))(?:{verbs})(?=[\s\u00a0]+(?:{followers})(?![\p{{L}}]))",
        regex.IGNORECASE | regex.MULTILINE,
    )


# Quotations: « ... », “ ... ”, "..." (on one line). Tu-forms there belong to someone quoted, not to the brand.
_QUOTED = regex.compile(r"«[^»\n]{1,300}»|“[^”\n]{1,300}”|\"[^\"\n]{1,300}\"")
# Reported speech: "il m'a dit : tu ...", "elle demande : ...", up to the end of the sentence.
_REPORTED = regex.compile(
    r"\b(?:dit|dis|disait|a\s+dit|m['’]a\s+dit|demande|demandait|a\s+demandé|répond|répondu|a\s+répondu|"
    r"écrit|a\s+écrit|raconte|explique|lance|s['’]exclame|confie|murmure|crie)\s*:\s*[^.!?\n]*",
    regex.IGNORECASE,
)


def _quiet_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED.finditer(text)] + [m.span() for m in _REPORTED.finditer(text)]


def _is_name(text: str, start: int, end: int) -> bool:
    """ "Ta Prohm", "Te Papa", "Toi Derricotte": a capitalised form followed by a capitalised word."""
    if not text[start : start + 1].isupper():
        return False
    after = regex.match(r"[\s\u00a0]+(\p{Lu}\p{Ll})", text[end : end + 4])
    return after is not None


def tu_forms(text: str) -> list[tuple[int, int]]:
    """Spans of French second-person singular ("tu") forms addressed to the reader in ``text``.

    Quotations, reported speech ("il m'a dit : tu ...") and names ("Ta Prohm") are left out.
    """
    quiet = _quiet_spans(text)
    return [
        (s, e)
        for s, e in _tu_candidates(text)
        if not any(a <= s < b for a, b in quiet) and not _is_name(text, s, e)
    ]


def _tu_candidates(text: str) -> list[tuple[int, int]]:
    tu, _, noun_after, not_tu_verb = _patterns()
    out: list[tuple[int, int]] = [m.span() for m in _imperative().finditer(text)]
    for m in tu.finditer(text):
        if m.group("verb") is not None and not_tu_verb.search(m.group("verb")):
            continue
        if m.group("ton") is not None:
            prev = _PREV_WORD.search(text[max(0, m.start() - 30) : m.start()])
            if prev and prev.group(1).lower() in noun_after:
                continue  # "le ton", "changer de ton": the noun
            if not _NEXT.match(text[m.end() : m.end() + 5]):
                continue  # "ton" before punctuation or at the end is the noun
            if _TONE_LABEL.match(text[m.start() : m.start() + 60]) and _line_start(text, m.start()):
                continue  # "Ton conversationnel", "Ton et style", "Ton expert et fier": a note about tone
        if text[m.start()].isupper() and _mid_sentence(text, m.start()):
            continue  # "Te Plantes Pas de Saison": a title in Title Case, not a pronoun
        out.append(m.span())
    return sorted(set(out))


def _mid_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\u00a0\"'«“-")
    return bool(before) and (before[-1].isalnum() or before[-1] in ",;")


def vous_forms(text: str) -> list[tuple[int, int]]:
    """Spans of "vous", "votre", "vos": vouvoiement or plural, which text alone cannot tell apart."""
    return [m.span() for m in _patterns()[1].finditer(text)]


@lru_cache(maxsize=2)
def _phrases(key: str) -> regex.Pattern:
    alternation = "|".join(regex.escape(p).replace(r"\ ", r"\s+") for p in lexicon()["register"][key])
    return regex.compile(rf"{_NOT_WORD_BEFORE}(?:{alternation}){_NOT_WORD_AFTER}", regex.IGNORECASE)


def address_spans(text: str, lang: str, formal: bool) -> list[tuple[int, int]]:
    """Informal (``formal=False``) or formal ways of addressing the reader in ``text``."""
    if lang == "fr":
        return vous_forms(text) if formal else tu_forms(text)
    if lang == "en":
        key = "en_formal_address" if formal else "en_informal_address"
        return [m.span() for m in _phrases(key).finditer(text)]
    return []


def _summary(text: str, spans: list[tuple[int, int]]) -> str:
    shown = list(dict.fromkeys(text[s:e].strip().lower() for s, e in spans))
    quoted = ", ".join(f"'{w}'" for w in shown[:3])
    return quoted + (f" and {len(shown) - 3} more" if len(shown) > 3 else "")


def _unprotected(ctx: RuleContext, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    protected = ctx.profile.protected_words
    return [(s, e) for s, e in spans if ctx.text[s:e].strip().lower() not in protected]


class InformalAddress(Rule):
    info = RuleInfo(
        code="EL111",
        name="informal-address",
        category="informality",
        severity=Severity.WARNING,
        summary=(
            'Addressing the reader as "tu" in French unless the register is casual ("ton", "rejoins-nous", '
            '"Découvre notre..."); English "hey guys" where the register is formal.'
        ),
        rationale=(
            'Addressing readers as "tu" is a deliberate brand choice; on a channel configured as formal '
            '(`register = "formal"`, globally or in `register_by_platform`) it reads as over-familiar, even '
            'rude, to many French readers: err on the side of formality and use "vous". In English, "hey '
            'guys" or "you guys" has the same effect. The same post can be fine on a casual channel and flagged '
            'on a formal one. A French brand says "vous" by default, so French "tu" forms are reported at the '
            'default (neutral) register too; set `register = "casual"` (globally or per platform) when the brand '
            'chose "tu". English "hey guys" is only reported when the register is formal. One finding per post, '
            'on the first form; the noun "ton" ("le ton de la marque"), "je tiens", quotations, reported speech '
            '("il m\'a dit : tu...") and names ("Ta Prohm") are not counted. Morphology from fr_core_news_sm is '
            'not used: its tags for second-person forms are unreliable on social posts ("Tu" read as a '
            "determiner, imperatives as third person)."
        ),
        examples=(
            Example(
                bad="Rejoins-nous samedi et profite de ton cadeau !",
                good="Rejoignez-nous samedi et profitez de votre cadeau ! Le ton reste convivial.",
                lang="fr",
                config={"register": "formal"},
            ),
            Example(
                bad="Découvre notre nouvelle carte et réserve ta table.",
                good="Découvrez notre nouvelle carte. Un client nous a écrit : « Tu m'as régalé ! »",
                lang="fr",
            ),
            Example(
                bad="Merci pour ton message, on te répond vite.",
                good="Merci pour votre message, nous vous répondons rapidement.",
                lang="fr",
                platform="linkedin",
                config={"register_by_platform": {"linkedin": "formal"}},
            ),
            Example(
                bad="Hey guys, our quarterly report is out.",
                good="Our quarterly report is out.",
                lang="en",
                config={"register": "formal"},
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        register = ctx.profile.register_for(ctx.platforms)
        # A French brand says "vous" unless it chose "tu" (register = "casual"); English "hey guys" is
        # only reported where the register is formal.
        if register == "casual" or (register != "formal" and ctx.lang != "fr"):
            return
        spans = _unprotected(ctx, address_spans(ctx.entities.plain_text, ctx.lang, formal=False))
        if spans:
            s, e = spans[0]
            fix = "use 'vous'" if ctx.lang == "fr" else "address readers neutrally"
            who = "'tu'" if ctx.lang == "fr" else "informally"
            yield Finding(
                s,
                e,
                f"addresses the reader as {who} ({_summary(ctx.text, spans)}) but the register here is {register}; {fix}",
            )


class FormalAddress(Rule):
    info = RuleInfo(
        code="EL112",
        name="formal-address",
        category="informality",
        severity=Severity.INFO,
        summary='Stiff address where the register is casual: French "vous", English "Dear valued customer" (preview).',
        rationale=(
            'A brand that chose to say "tu" on a casual channel sounds stiff and inconsistent when a post '
            'switches to "vous"; "Dear valued customer" reads like a form letter anywhere social. But "vous" '
            'is also the plural ("merci à vous tous"), which text alone cannot tell apart, so this rule is a '
            'preview, off by default: enable it with `extend_select = ["EL112"]`. Only runs when the register '
            "is casual."
        ),
        status="preview",
        examples=(
            Example(
                bad="Découvrez votre nouvel espace client.",
                good="Découvre ton nouvel espace client.",
                lang="fr",
                config={"register": "casual"},
            ),
            Example(
                bad="Dear valued customer, our new app is live.",
                good="Our new app is live, go take a look!",
                lang="en",
                config={"register": "casual"},
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        if ctx.profile.register_for(ctx.platforms) != "casual":
            return
        spans = _unprotected(ctx, address_spans(ctx.entities.plain_text, ctx.lang, formal=True))
        if spans:
            s, e = spans[0]
            advice = (
                "use 'tu' if 'vous' is not a plural"
                if ctx.lang == "fr"
                else "address readers as you would talk"
            )
            yield Finding(
                s,
                e,
                f"addresses the reader formally ({_summary(ctx.text, spans)}) but the register here is casual; {advice}",
            )


RULES = (InformalAddress, FormalAddress)
