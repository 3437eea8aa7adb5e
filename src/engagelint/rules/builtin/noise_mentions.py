"""EL204 mention-spam: tagging more accounts than the message needs."""

from __future__ import annotations

from collections.abc import Iterable

from engagelint.models import Finding, Severity
from engagelint.nlp.entities import Span
from engagelint.rules.base import Example, Option, Rule, RuleContext, RuleInfo


def reply_chain_length(text: str, mentions: list[Span]) -> int:
    """How many mentions open the post back to back ("@a @b thanks!"): a reply's addressees, not tags."""
    n = 0
    pos = 0
    for m in mentions:
        if text[pos : m.start].strip():
            break
        n += 1
        pos = m.end
    return n


_REPLY_KEYS = ("reply_to", "in_reply_to", "replying_to", "reply", "en_reponse_a", "réponse_à")


def declared_reply(ctx: RuleContext) -> bool:
    """The draft says it is a reply (front matter ``reply_to``/``in_reply_to``, ``type: reply``) or it is a
    later post of a thread."""
    meta = {str(k).lower(): v for k, v in (ctx.post.meta or {}).items()}
    if any(meta.get(k) for k in _REPLY_KEYS):
        return True
    kind = str(meta.get("type") or meta.get("kind") or "").lower()
    return kind in ("reply", "réponse", "reponse") or ctx.post.thread_index > 0


class MentionSpam(Rule):
    info = RuleInfo(
        code="EL204",
        name="mention-spam",
        category="noise",
        severity=Severity.WARNING,
        summary="More @mentions than the message needs (a reply's leading @addressees are not counted).",
        rationale=(
            "Tagging a crowd of accounts to borrow their reach annoys the people tagged, reads as spam to "
            "everyone else, and platforms limit or hide posts that mass-mention. Mention the few accounts the "
            "post is really about. The @handles that open a reply are its addressees and are not counted, but "
            "only when the draft is a reply (front matter `reply_to`, `in_reply_to` or `type: reply`, or a "
            "later post of a thread): a post that opens by tagging a crowd of accounts is spam too."
        ),
        options={"max": Option(5, "most @mentions in the body of a post")},
        examples=(
            Example(
                bad="Big thanks to @ana @ben @chloe @dev_team @eva @fred @gina for a great launch!",
                good="Big thanks to @ana and the @dev_team for a great launch!",
                lang="en",
            ),
            Example(
                bad="@ana @ben @chloe @dev_team @eva @fred our new app is out!",
                good="Our new app is out, built with @dev_team!",
                lang="en",
            ),
            Example(
                bad="@ana @ben @chloe @equipe_dev @eva @fred notre appli est en ligne !",
                good="Merci pour vos retours, notre appli est en ligne !",
                lang="fr",
            ),
            Example(
                bad="Merci à @ana @ben @chloe @equipe_dev @eva @fred @gina pour ce lancement !",
                good="Merci à @ana et à l'@equipe_dev pour ce lancement !",
                lang="fr",
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        mentions = ctx.entities.mentions
        body = mentions[reply_chain_length(ctx.text, mentions) :] if declared_reply(ctx) else mentions
        limit = ctx.options["max"]
        if len(body) <= limit:
            return
        yield Finding(
            body[limit].start,
            body[-1].end,
            f"{len(body)} @mentions (at most {limit}); tag only the accounts the post is about",
        )


RULES = (MentionSpam,)
