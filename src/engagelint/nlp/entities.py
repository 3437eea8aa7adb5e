"""Social-media entities found in prose: URLs, hashtags, mentions, cashtags, emoji, words.

Regex-based and spaCy-free on purpose: spaCy's default tokenizer splits ``#tag`` and ``@user``,
and most noise/platform rules only need these spans. Every span is a prose [start, end).
URLs are found by the twitter-text port (``platforms.urls``), the same extractor X's length counting
uses, so a bare ``verdure.shop`` is a link for every rule, not only for the character count.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import regex

from engagelint.platforms.urls import extract_urls

# @user and Mastodon's @user@instance.tld; not e-mail addresses (no word character before @).
MENTION_RE = regex.compile(r"(?<![\w@/])@([A-Za-z0-9_]{1,30}(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?)")
HASHTAG_RE = regex.compile(r"(?<![\w&#/])[#＃]([\p{L}\p{M}\p{N}_]*[\p{L}\p{M}_][\p{L}\p{M}\p{N}_]*)")
CASHTAG_RE = regex.compile(r"(?<![\w$])\$([A-Za-z]{1,6}(?:[._][A-Za-z]{1,2})?)(?![\w])")
EMOJI_RE = regex.compile(
    r"(?:\p{Regional_Indicator}{2})"
    r"|(?:[#*0-9]\uFE0F?\u20E3)"
    r"|(?:\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F|\uFE0E)?(?:\u200D\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F)?)*)"
)
WORD_RE = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’\-][\p{L}\p{M}\p{N}]+)*")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


class Entities:
    """Lazily computed entity spans of one prose string."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def urls(self) -> list[Span]:
        return url_spans(self.text)

    def _outside_urls(self, spans: list[Span]) -> list[Span]:
        urls = self.urls
        if not urls:
            return spans
        return [s for s in spans if not any(u.start <= s.start < u.end for u in urls)]

    @cached_property
    def hashtags(self) -> list[Span]:
        return self._outside_urls(
            [Span(m.start(), m.end(), m.group()) for m in HASHTAG_RE.finditer(self.text)]
        )

    @cached_property
    def mentions(self) -> list[Span]:
        return self._outside_urls(
            [Span(m.start(), m.end(), m.group()) for m in MENTION_RE.finditer(self.text)]
        )

    @cached_property
    def cashtags(self) -> list[Span]:
        return self._outside_urls(
            [Span(m.start(), m.end(), m.group()) for m in CASHTAG_RE.finditer(self.text)]
        )

    @cached_property
    def emoji(self) -> list[Span]:
        return [Span(m.start(), m.end(), m.group()) for m in EMOJI_RE.finditer(self.text)]

    @cached_property
    def special(self) -> list[Span]:
        """URLs, hashtags, mentions and cashtags, sorted: the non-prose parts of a post."""
        return sorted(self.urls + self.hashtags + self.mentions + self.cashtags, key=lambda s: s.start)

    @cached_property
    def words(self) -> list[Span]:
        """Plain words outside URLs, hashtags, mentions and cashtags."""
        special = self.special
        out: list[Span] = []
        j = 0
        for m in WORD_RE.finditer(self.text):
            s, e = m.start(), m.end()
            while j < len(special) and special[j].end <= s:
                j += 1
            if j < len(special) and special[j].start < e:
                continue
            out.append(Span(s, e, m.group()))
        return out

    @cached_property
    def plain_text(self) -> str:
        """The prose with URLs, hashtags, mentions and cashtags blanked out (same length)."""
        chars = list(self.text)
        for s in self.special:
            for i in range(s.start, s.end):
                chars[i] = " "
        return "".join(chars)


def url_spans(text: str) -> list[Span]:
    """Links as twitter-text finds them: with a scheme, ``www.``, or a bare domain (``verdure.shop/sale``)."""
    return [Span(u.start, u.end, text[u.start : u.end]) for u in extract_urls(text)]


def scan(text: str) -> Entities:
    return Entities(text)
