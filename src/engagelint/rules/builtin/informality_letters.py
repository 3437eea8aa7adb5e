"""EL103 letter-textspeak: one- and two-letter chat spellings ("u", "r u", "c trop bien", "g faim").

These are too short for a plain word list: "U.S.", "u-turn", "C'est", "vitamine C" or "5 g" must stay
quiet. So a form is matched only in lower case, as a whole word between spaces or sentence
punctuation, not after a number, and (for some) only before given words ("r u", not the R language).
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from engagelint.models import Finding, Severity
from engagelint.rules.base import Example, Option, Rule, RuleContext, RuleInfo
from engagelint.rules.builtin.informality_lexicon import lexicon

_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*")
# What may touch a chat letter on either side: spaces and sentence punctuation, not '.', '-', "'", '/'.
_LEFT_OK = set(' \t\n\u00a0\u202f("«“,;:!?')
_RIGHT_OK = set(' \t\n\u00a0\u202f)"»”,;:!?')


class LetterTextspeak(Rule):
    info = RuleInfo(
        code="EL103",
        name="letter-textspeak",
        category="informality",
        severity=Severity.WARNING,
        summary='Single letters standing for words, such as "u" (you), "r u", "c" (c\'est) or "g" (j\'ai).',
        rationale=(
            'Writing "u" for "you" or "c" for "c\'est" saves one or two characters and costs the post its '
            "credibility: it reads like a text message sent in a hurry. Only lower-case letters standing alone "
            'between words are flagged, so "U.S.", "u-turn", "C\'est", "vitamine C" or "5 g" stay quiet.'
        ),
        options={"exclude": Option([], "chat letters this rule must never flag", (list,))},
        examples=(
            Example(
                bad="Thank u for your order!",
                good="Thank you for your order! Ships from the U.S. today.",
                lang="en",
            ),
            Example(bad="r u ready for the launch?", good="Are you ready for the launch?", lang="en"),
            Example(
                bad="Notre nouveau menu, c trop bon !",
                good="Notre nouveau menu, c'est délicieux ! Riche en vitamine C.",
                lang="fr",
            ),
        ),
        fixable=True,
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        table = lexicon()["letters"].get(ctx.lang)
        if not table:
            return
        text = ctx.entities.plain_text
        excluded = {str(w).lower() for w in ctx.options.get("exclude", ())} | ctx.profile.protected_words
        words = list(_WORD.finditer(text))
        for i, m in enumerate(words):
            form = m.group()
            entry = table.get(form)
            if entry is None or form in excluded:
                continue
            s, e = m.span()
            if not _isolated(text, s, e):
                continue
            prev_word = words[i - 1].group() if i else ""
            next_word = regex.split(r"['’]", words[i + 1].group().lower())[0] if i + 1 < len(words) else ""
            if prev_word.isdigit() and text[words[i - 1].end() : s].strip() == "":
                continue  # "5 g", "3 t": units after a number
            if prev_word.lower() in entry.get("not_after", ()):
                continue
            if next_word in entry.get("not_before", ()):
                continue
            wanted = entry.get("next")
            if wanted and next_word not in wanted:
                continue
            fix = entry.get("fix")
            if fix:
                if s == 0 or text[:s].rstrip()[-1:] in (".", "!", "?"):
                    fix = fix[:1].upper() + fix[1:]
                message = f"'{form}' is textspeak; write '{fix}'"
            else:
                message = f"'{form}' is textspeak; write the word in full"
            yield Finding(
                s, e, message, replacement=fix, fix_message=f"Replace '{form}' with '{fix}'" if fix else None
            )


def _isolated(text: str, s: int, e: int) -> bool:
    left = text[s - 1] if s > 0 else " "
    right = text[e] if e < len(text) else " "
    if right == "." and (e + 1 >= len(text) or text[e + 1].isspace()):
        right = " "  # "thank u." at the end of a sentence; not "u.s."
    return left in _LEFT_OK and right in _RIGHT_OK


RULES = (LetterTextspeak,)
