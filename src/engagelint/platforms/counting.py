"""Post length as each platform counts it.

Every counting method turns a text into *units*: ``(start, end, cost)`` spans that cover it in order.
The length is the sum of the costs, and the first unit that takes the running total over a limit
tells where the overflow starts, so rules can flag exactly the part that does not fit.

Methods (the ``counting`` key of data/platforms.toml):

- ``twitter-v2`` / ``twitter-v3``: X's weighted length (twitter-text config v2/v3: URLs count 23,
  code points in the light ranges count 1, everything else 2; v3 counts an emoji sequence as 2);
- ``mastodon``: grapheme clusters, every http(s) URL counts 23, ``@user@domain`` counts as ``@user``;
- ``graphemes``: user-perceived characters (Bluesky);
- ``chars``: Unicode code points;
- ``utf16``: UTF-16 code units (what JavaScript's ``length`` reports).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import regex

from engagelint.platforms.emoji import emoji_spans
from engagelint.platforms.urls import extract_urls

Unit = tuple[int, int, int]  # [start, end) in the text, cost


@dataclass(frozen=True)
class TwitterConfig:
    """A twitter-text weighting configuration (twitter-text ``config/v*.json``)."""

    version: int
    max_weighted_length: int
    scale: int
    default_weight: int
    transformed_url_length: int
    ranges: tuple[tuple[int, int, int], ...]  # (first code point, last code point, weight)
    emoji_parsing: bool = False

    def weight(self, code_point: int) -> int:
        for first, last, weight in self.ranges:
            if first <= code_point <= last:
                return weight
        return self.default_weight


_LIGHT_RANGES = ((0, 4351, 100), (8192, 8205, 100), (8208, 8223, 100), (8242, 8247, 100))
TWITTER_V1 = TwitterConfig(1, 140, 1, 1, 23, ())
TWITTER_V2 = TwitterConfig(2, 280, 100, 200, 23, _LIGHT_RANGES)
TWITTER_V3 = TwitterConfig(3, 280, 100, 200, 23, _LIGHT_RANGES, emoji_parsing=True)
TWITTER_CONFIGS = {"twitter-v1": TWITTER_V1, "twitter-v2": TWITTER_V2, "twitter-v3": TWITTER_V3}

# twitter-text rejects a tweet containing these (hasInvalidCharacters).
TWITTER_INVALID_CHARS = frozenset("\ufffe\ufeff\uffff")

MASTODON_URL_LENGTH = 23
_MENTION_DOMAIN_RE = regex.compile(
    r"(?<![\w@/])@[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*(@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)"
)
_GRAPHEME_RE = regex.compile(r"\X")


def _twitter_special(text: str, config: TwitterConfig) -> dict[int, tuple[int, int]]:
    """start -> (end, scaled cost) of the spans counted as a whole: URLs, then emoji."""
    special: dict[int, tuple[int, int]] = {}
    for url in extract_urls(text):
        special[url.start] = (url.end, config.transformed_url_length * config.scale)
    if config.emoji_parsing:
        for start, end in emoji_spans(text):
            special.setdefault(start, (end, config.default_weight))
    return special


class _Weights(dict):
    """Character -> weight of one config, filled on first sight of each character."""

    def __init__(self, config: TwitterConfig) -> None:
        super().__init__()
        self.config = config

    def __missing__(self, char: str) -> int:
        weight = self[char] = self.config.weight(ord(char))
        return weight


_WEIGHTS: dict[TwitterConfig, _Weights] = {}


def _twitter_total(text: str, config: TwitterConfig) -> int:
    """The scaled total of ``twitter_units`` without a unit per character (most posts fit)."""
    weights = _WEIGHTS.get(config)
    if weights is None:
        weights = _WEIGHTS[config] = _Weights(config)
    special = _twitter_special(text, config)
    total, i = 0, 0
    for start in sorted(special):
        if start < i:  # inside a span already counted, as twitter_units skips it
            continue
        end, cost = special[start]
        total += sum(map(weights.__getitem__, text[i:start])) + cost
        i = end
    return total + sum(map(weights.__getitem__, text[i:]))


def twitter_units(text: str, config: TwitterConfig = TWITTER_V3) -> Iterator[Unit]:
    """Weighted units of ``text`` (expected NFC-normalized, as X counts the normalized text); costs are scaled."""
    special = _twitter_special(text, config)
    i, n = 0, len(text)
    while i < n:
        hit = special.get(i)
        if hit is not None:
            end, cost = hit
            yield (i, end, cost)
            i = end
        else:
            yield (i, i + 1, config.weight(ord(text[i])))
            i += 1


def mastodon_units(text: str) -> Iterator[Unit]:
    """Mastodon's StatusLengthValidator: graphemes, with URLs as 23 and remote mentions as the local part."""
    special: dict[int, tuple[int, int]] = {}
    for url in extract_urls(text, without_protocol=False):
        special[url.start] = (url.end, MASTODON_URL_LENGTH)
    for m in _MENTION_DOMAIN_RE.finditer(text):
        if m.start() not in special and not any(s <= m.start() < e for s, (e, _) in special.items()):
            # "@user@server" counts as "@user" (ASCII only, so one grapheme per character).
            special[m.start()] = (m.end(), m.start(1) - m.start())
    i, n = 0, len(text)
    while i < n:
        hit = special.get(i)
        if hit is not None:
            yield (i, hit[0], hit[1])
            i = hit[0]
            continue
        m = _GRAPHEME_RE.match(text, i)
        end = m.end() if m else i + 1
        # A grapheme never spans the start of a URL or mention in practice; split there if it would.
        for s in special:
            if i < s < end:
                end = s
        yield (i, end, 1)
        i = end


def grapheme_units(text: str) -> Iterator[Unit]:
    return ((m.start(), m.end(), 1) for m in _GRAPHEME_RE.finditer(text))


def char_units(text: str) -> Iterator[Unit]:
    return ((i, i + 1, 1) for i in range(len(text)))


def utf16_units(text: str) -> Iterator[Unit]:
    return ((i, i + 1, 2 if ord(c) > 0xFFFF else 1) for i, c in enumerate(text))


@dataclass(frozen=True)
class Measure:
    """A text measured against a limit, in the platform's own unit."""

    length: int
    limit: int
    overflow_start: int | None  # text index where the part beyond the limit starts (None: fits, or unknown)

    @property
    def over(self) -> bool:
        return self.length > self.limit


def _units_for(method: str) -> tuple[Callable[[str], Iterable[Unit]], int, bool]:
    """(units function, scale, counts the NFC-normalized text)."""
    if method in TWITTER_CONFIGS:
        config = TWITTER_CONFIGS[method]
        return (lambda text: twitter_units(text, config)), config.scale, True
    simple = {
        "mastodon": mastodon_units,
        "graphemes": grapheme_units,
        "chars": char_units,
        "utf16": utf16_units,
    }
    if method not in simple:
        raise ValueError(
            f"unknown counting method {method!r} (expected one of {', '.join(COUNTING_METHODS)})"
        )
    return simple[method], 1, False


COUNTING_METHODS = (*TWITTER_CONFIGS, "mastodon", "graphemes", "chars", "utf16")


def measure(text: str, method: str, limit: int, *, extra: int = 0) -> Measure:
    """Length of ``text`` by ``method``, plus ``extra`` (content counted but not in the text, e.g. link URLs).

    ``overflow_start`` points into ``text``; it is None when the text fits, or when normalization
    changed the text so that positions no longer match.
    """
    units_of, scale, normalize = _units_for(method)
    counted = unicodedata.normalize("NFC", text) if normalize else text
    budget = (limit - extra) * scale
    overflow: int | None = None
    # X's count in one pass over the text; the units are walked only to place an overflow.
    total = _twitter_total(counted, TWITTER_CONFIGS[method]) if method in TWITTER_CONFIGS else None
    if total is None or total > budget:
        total = 0
        for start, _end, cost in units_of(counted):
            total += cost
            if overflow is None and total > budget:
                overflow = start
    length = _round_scaled(total, scale) + extra
    if counted != text:
        overflow = None
    if length <= limit:
        overflow = None
    return Measure(length, limit, overflow)


def _round_scaled(total: int, scale: int) -> int:
    # Scaled weights are whole multiples of the scale in every published config; round up otherwise.
    return -(-total // scale)


def count(text: str, method: str) -> int:
    """The length of ``text`` as ``method`` counts it."""
    return measure(text, method, limit=0).length


@dataclass(frozen=True)
class TweetParse:
    """twitter-text's ``parseTweet`` result; ranges are inclusive UTF-16 indices into the original text."""

    weighted_length: int
    valid: bool
    permillage: int
    display_range_start: int
    display_range_end: int
    valid_range_start: int
    valid_range_end: int


def _utf16_len(text: str) -> int:
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def parse_tweet(text: str, config: TwitterConfig = TWITTER_V3) -> TweetParse:
    """A port of twitter-text's ``parseTweet``, for conformance with the upstream test-suite."""
    normalized = unicodedata.normalize("NFC", text)
    limit = config.max_weighted_length * config.scale
    weighted = 0
    valid = True
    valid_display_index = 0
    utf16_pos = 0  # UTF-16 index of the start of the current unit
    for start, end, cost in twitter_units(normalized, config):
        chunk = normalized[start:end]
        weighted += cost
        last_index = utf16_pos + _utf16_len(chunk) - 1  # twitter-text's charIndex after the unit
        utf16_pos += _utf16_len(chunk)
        # twitter-text checks the single UTF-16 unit at charIndex: the last code unit of the chunk.
        if valid and chunk[-1] in TWITTER_INVALID_CHARS:
            valid = False
        if valid and weighted <= limit:
            valid_display_index = last_index
    length = weighted // config.scale
    valid = valid and 0 < length <= config.max_weighted_length
    original_len = _utf16_len(text)
    valid_display_index += original_len - _utf16_len(normalized)
    return TweetParse(
        weighted_length=length,
        valid=valid,
        permillage=(length * 1000) // config.max_weighted_length,
        display_range_start=0,
        display_range_end=max(original_len - 1, 0),
        valid_range_start=0,
        valid_range_end=valid_display_index,
    )
