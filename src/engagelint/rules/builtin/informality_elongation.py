"""EL108 elongated-word: letters stretched for effect ("soooo", "yesss", "trooop", "merciii")."""

from __future__ import annotations

from collections.abc import Iterable

import regex

from engagelint.models import Finding, Severity
from engagelint.rules.base import Example, Option, Rule, RuleContext, RuleInfo
from engagelint.rules.builtin.informality_lexicon import lexicon

_STRETCH = regex.compile(r"(\p{L})\1{2,}", regex.IGNORECASE)
# "YYYY-MM-DD", "JJ/MM/AAAA", "hh:mm:ss": date and time formats spelled with repeated letters.
_FORMAT_PART = regex.compile(r"^(?i:([ymdhsja])\1*)$")
_ROMAN = regex.compile(r"^M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")


class ElongatedWord(Rule):
    info = RuleInfo(
        code="EL108",
        name="elongated-word",
        category="informality",
        severity=Severity.WARNING,
        summary='Words with a letter repeated for effect, such as "soooo", "yesss" or "trooop".',
        rationale=(
            "Stretched words imitate speech in a chat; in a brand post they look careless, defeat spell "
            "checkers and search, and read oddly aloud. English and French words never repeat a letter three "
            'times, so "cool", "bee" or "allée" are fine; words of a single repeated letter ("zzz"), '
            'Roman numerals, clothing sizes ("XXXL") and date formats ("YYYY-MM-DD") are ignored.'
        ),
        options={"exclude": Option([], "words this rule must never flag", (list,))},
        examples=(
            Example(
                bad="We are soooo excited to meet you",
                good="We are so excited to meet you (and the bees, too). Dates use YYYY-MM-DD.",
                lang="en",
            ),
            Example(
                bad="Merciiii à tous, c'était trooop bien",
                good="Merci à tous, c'était formidable. Rendez-vous dans l'allée B, date au format AAAA-MM-JJ.",
                lang="fr",
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        skip = {str(w).lower() for w in lexicon()["elongation_exceptions"]}
        skip |= {str(w).lower() for w in ctx.options.get("exclude", ())}
        skip |= ctx.profile.protected_words
        for w in ctx.entities.words:
            word = w.text
            m = _STRETCH.search(word)
            if m is None or word.lower() in skip:
                continue
            parts = regex.split(r"[-'’]", word)
            if len(parts) > 1 and all(_FORMAT_PART.match(p) for p in parts):
                continue  # "YYYY-MM-DD": a date format, written as it is
            letters = {c.lower() for c in word if c.isalpha()}
            if len(letters) < 2 or any(c.isdigit() for c in word):
                continue  # "zzz", "AAA", "3xxx"
            if word.isupper() and (_ROMAN.match(word) or regex.fullmatch(r"X{2,}[SLX]?L?", word)):
                continue  # "VIII", "XXXL"
            yield Finding(w.start, w.end, f"'{word}' is stretched for effect; write the word once")


RULES = (ElongatedWord,)
