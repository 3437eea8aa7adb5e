"""Words of a post for relevance scoring: lower-case letters only, hashtags split into words.

URLs, @mentions, $cashtags and numbers carry no topic a goal description could name, so they
are dropped; ``#NowHiring`` becomes ``now hiring``; French elisions (``l'équipe``) are split.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from engagelint.profile import Goal

_SKIP = regex.compile(r"(?:https?://|www\.)\S+|@[\w.]+(?:@[\w.-]+)?|\$[A-Za-z]{1,6}\b")
_HASHTAG = regex.compile(r"[#＃]([\p{L}\p{N}_]+)")
# Splits CamelCase inside hashtags: NowHiring -> Now Hiring, AI4Good -> AI 4 Good.
_CAMEL = regex.compile(
    r"(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})"
)
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}\-]*")


def _split_tag(m: regex.Match) -> str:
    return " " + _CAMEL.sub(" ", m.group(1)).replace("_", " ") + " "


@lru_cache(maxsize=1024)  # several relevance rules look at the same post in a row
def words(text: str) -> tuple[str, ...]:
    """Lower-case words of ``text`` (``'`` and ``’`` end a word, so ``l'équipe`` gives ``l``, ``équipe``)."""
    if "http" in text or "www." in text or "@" in text or "$" in text:
        text = _SKIP.sub(" ", text)
    if "#" in text or "＃" in text:
        text = _HASHTAG.sub(_split_tag, text)
    out = []
    for m in _WORD.finditer(text.lower()):
        w = m.group().strip("-")
        if w:
            out.append(w)
    return tuple(out)


def goal_parts(goal: Goal) -> list[str]:
    """The texts that describe a goal: id and description, keywords, examples."""
    parts = [f"{goal.id.replace('_', ' ').replace('-', ' ')}. {goal.description}"]
    if goal.keywords:
        parts.append(", ".join(goal.keywords))
    return parts + list(goal.examples)
