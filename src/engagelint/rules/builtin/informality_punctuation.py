"""EL107 repeated-punctuation: "!!!", "???", "?!?!" and "....", with a fix that keeps one mark."""

from __future__ import annotations

from collections.abc import Iterable

import regex

from engagelint.models import Finding, Severity
from engagelint.rules.base import Example, Option, Rule, RuleContext, RuleInfo

# A run of ! and ? (fullwidth too), allowing the (narrow) spaces French puts before them: "! ! !".
_MARKS = regex.compile(r"[!?！？](?:[ \u00a0\u202f]?[!?！？])+")
_DOTS = regex.compile(r"(?<![.])\.{4,}(?![.])|…{2,}")


class RepeatedPunctuation(Rule):
    info = RuleInfo(
        code="EL107",
        name="repeated-punctuation",
        category="informality",
        severity=Severity.WARNING,
        summary='Repeated exclamation or question marks ("!!!", "??", "?!?!") and runs of four or more dots.',
        rationale=(
            "One exclamation mark carries the emotion; three read as shouting, over-excitement or spam, and "
            'weaken every other claim in the post. "?!" alone is accepted (surprise), and so is a three-dot '
            'ellipsis; four dots or more are collapsed to "...". The fix keeps a single mark.'
        ),
        options={"allow_interrobang": Option(True, 'accept a single "?!" or "!?"')},
        examples=(
            Example(
                bad="Our new store is open!!!",
                good="Our new store is open!",
                lang="en",
                message="'!!!' repeats punctuation; one '!' is enough",
                fixed="Our new store is open!",
            ),
            Example(bad="Who's ready?!?!", good="Who's ready?! The doors open at nine...", lang="en"),
            Example(bad="Le magasin est ouvert ! ! !", good="Le magasin est ouvert !", lang="fr"),
            Example(
                bad="Vous êtes prêts ???",
                good="Vous êtes prêts ?",
                lang="fr",
                message="'???' repeats punctuation",
                fixed="Vous êtes prêts ?",
            ),
        ),
        fixable=True,
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        text = ctx.entities.plain_text  # URLs blanked: "?utm=..!!" in a link is not prose
        allow_pair = bool(ctx.options.get("allow_interrobang", True))
        for m in _MARKS.finditer(text):
            marks = [c for c in m.group() if not c.isspace()]
            if allow_pair and len(marks) == 2 and marks[0] != marks[1]:
                continue
            keep = "?" if any(c in "?？" for c in marks) else "!"
            yield Finding(
                m.start(),
                m.end(),
                f"'{m.group()}' repeats punctuation; one '{keep}' is enough",
                replacement=keep,
                fix_message=f"Replace '{m.group()}' with '{keep}'",
            )
        for m in _DOTS.finditer(text):
            keep = "…" if m.group()[0] == "…" else "..."
            yield Finding(
                m.start(),
                m.end(),
                f"'{m.group()}' is a run of {len(m.group())} dots; an ellipsis is '{keep}'",
                replacement=keep,
                fix_message=f"Replace '{m.group()}' with '{keep}'",
            )


RULES = (RepeatedPunctuation,)
