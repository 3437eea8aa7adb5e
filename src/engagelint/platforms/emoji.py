"""Emoji sequences as one unit, for X's v3 counting (twitter-text uses the twemoji-parser expression).

Covered: flags, keycaps, tag sequences (subdivision flags), and pictographs with their variation
selector, skin tone and ZWJ-joined parts. Text-style characters below U+1100 (©, ®, digits) count
as emoji only with an explicit emoji variation selector (U+FE0F), so plain prose never changes weight.
"""

from __future__ import annotations

import regex

_PART = r"(?:\p{Extended_Pictographic}|\p{Emoji_Presentation})(?:\uFE0F|\uFE0E)?\p{Emoji_Modifier}?"
EMOJI_SEQUENCE_RE = regex.compile(
    r"\p{Regional_Indicator}{2}"
    r"|[#*0-9]\uFE0F?\u20E3"
    r"|\U0001F3F4[\U000E0020-\U000E007E]+\U000E007F"
    r"|[\u00A9\u00AE]\uFE0F"
    rf"|(?![\u00A9\u00AE]){_PART}(?:\u200D(?:{_PART}|\p{{Emoji}}\uFE0F?))*"
)


def emoji_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) code-point spans of the emoji sequences in ``text``."""
    return [m.span() for m in EMOJI_SEQUENCE_RE.finditer(text)]
