"""EL211 too-short: a post with too few words to carry a message (links, tags, mentions, emoji not counted)."""

from __future__ import annotations

from collections.abc import Iterable

from engagelint.models import Finding, Severity
from engagelint.rules.base import Example, Option, Rule, RuleContext, RuleInfo
from engagelint.rules.builtin.noise_common import inline_hashtags
from engagelint.rules.builtin.noise_links import is_reply


class TooShort(Rule):
    info = RuleInfo(
        code="EL211",
        name="too-short",
        category="noise",
        severity=Severity.INFO,
        summary="Too few words to carry a message once links, hashtags, mentions and emoji are set aside.",
        rationale=(
            'Signal, not noise: a post that says nothing ("Happy Monday! 🎉 #mood") costs the audience\'s '
            "attention and trains them to scroll past the brand. Say one concrete thing. Replies, later posts of "
            "a thread and link posts (EL205 judges those) are not judged."
        ),
        options={"min_words": Option(3, "fewest words a stand-alone post should have")},
        examples=(
            Example(
                bad="Vibes 🔥🔥 #friday",
                good="Our Friday tasting: three new coffees from Huila, free at every store from 4pm.",
                lang="en",
            ),
            Example(
                bad="Ambiance 🔥🔥 #vendredi",
                good="Dégustation du vendredi : trois nouveaux cafés de Huila, offerts en boutique dès 16 h.",
                lang="fr",
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        ents = ctx.entities
        if ents.urls or is_reply(ctx) or not ctx.text.strip():
            return
        # Hashtags used as words ("#Hatchimals are great") carry the message too; a trailing tag list does not.
        words = len(ents.words) + len(inline_hashtags(ctx.text, ents.hashtags))
        if words >= ctx.options["min_words"]:
            return
        start = len(ctx.text) - len(ctx.text.lstrip())
        end = len(ctx.text.rstrip())
        yield Finding(start, end, f"{words} word(s): too short to carry a message; say one concrete thing")


RULES = (TooShort,)
