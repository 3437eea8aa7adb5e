"""English/French language detection for short social posts, in pure Python.

Two kinds of evidence, both shipped as small data files (no model, nothing downloaded):

- function words (``data/lang_function_words.txt``, hand-written): "the", "you", "est", "nous"...
  plus French elisions (l', d', qu'...) and English contractions (n't, 're, 'll...);
- character trigrams (``data/lang_ngrams.json``, built by ``scripts/build_lang_profiles.py`` from
  MIT-licensed word lists): log P(trigram|fr) - log P(trigram|en), for content words.

URLs, @mentions, bare "http" placeholders, numbers and emoji are ignored; hashtags count as
words (camelCase split). A post with too few letters, or whose evidence is weak or clearly
split between the languages, is "und" (undetermined) so only language-neutral rules run.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources

UND = "und"
OTHER = 2  # marks a function word of another language

# Tuned on SIB-200 dev and the tweet validation splits (see eval/eval_language.py).
FUNCTION_WORD_WEIGHT = 3.0  # per function word; content words are bounded by WORD_CAP
WORD_CAP = 3.0  # one content word can't outvote a sentence (names, loanwords)
ALL_CAPS_FACTOR = 0.5  # "LA", "EST", "AI", "UN": acronyms more often than words
MIN_LETTERS = 4
DECISION_MARGIN = 2.0  # |score| below this (in log-odds units) is undetermined
MIXED_SHARE = 0.34  # both languages have function words and the minority has this share: mixed,
MIXED_MARGIN = 8.0  # unless the overall evidence is this clear (a French post quoting "Best-of")

_NOISE_RE = re.compile(r"(?:https?://|www\.)\S+|\bhttps?\b|(?<!\w)@\w+(?:@[\w.-]+)?|&\w+;")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|#[^\W_]\w*")
_CAMEL_RE = re.compile(r"[A-ZÀ-Ý]?[a-zà-ÿœæ]+|[A-ZÀ-Ý]+(?![a-zà-ÿ])")
_FR_ELISION_RE = re.compile(r"^(l|d|j|c|n|s|m|t|qu|jusqu|lorsqu|puisqu|quoiqu)'(.+)$")
_EN_CONTRACTION_RE = re.compile(r"^(.+?)(n't|'s|'re|'ve|'ll|'m|'d)$")


def _data_text(name: str) -> str:
    return (resources.files("engagelint") / "data" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _function_words() -> dict[str, float]:
    """word -> signed weight (negative: English, positive: French, 0.0: another language)."""
    text = _data_text("lang_function_words.txt")
    weights: dict[str, float] = {}
    sign = 0.0
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            sign = {"[en]": -1.0, "[fr]": 1.0, "[other]": 0.0}[line]
            continue
        for word in line.split():
            weights[word] = sign * FUNCTION_WORD_WEIGHT
    return weights


@lru_cache(maxsize=1)
def _trigrams() -> dict[str, float]:
    text = _data_text("lang_ngrams.json")
    return json.loads(text)["trigrams"]


def _content_score(word: str, trigrams: dict[str, float]) -> float:
    padded = f"^{word}$"
    n = len(padded) - 2
    total = 0.0
    for i in range(n):
        total += trigrams.get(padded[i : i + 3], 0.0)
    # Normalise by sqrt(length) so long words don't dominate, then cap.
    score = total / math.sqrt(n)
    return max(-WORD_CAP, min(WORD_CAP, score))


# word (lower-cased) -> (score, function-word class: -1 en, 1 fr, OTHER, 0 none); cleared when full.
_word_cache: dict[str, tuple[float, int]] = {}
_WORD_CACHE_MAX = 200_000


def _word_score(word: str) -> tuple[float, int]:
    """(signed score, +1/-1 if a function word in French/English else 0)."""
    cached = _word_cache.get(word)
    if cached is not None:
        return cached
    functions = _function_words()
    weight = functions.get(word)
    if weight is not None:
        result = (weight, 1 if weight > 0 else -1 if weight < 0 else OTHER)
    else:
        elision = _FR_ELISION_RE.match(word)
        contraction = _EN_CONTRACTION_RE.match(word) if elision is None else None
        if elision is not None:
            rest = elision.group(2)
            result = (FUNCTION_WORD_WEIGHT + _word_score(rest)[0], 1)
        elif contraction is not None:
            result = (-FUNCTION_WORD_WEIGHT + _word_score(contraction.group(1))[0], -1)
        elif len(word) < 2:
            result = (0.0, 0)
        else:
            result = (_content_score(word, _trigrams()), 0)
    if len(_word_cache) >= _WORD_CACHE_MAX:
        _word_cache.clear()
    _word_cache[word] = result
    return result


def _words(text: str) -> list[str]:
    """Words of the post, hashtags split on camelCase, mentions/URLs dropped."""
    out: list[str] = []
    for token in _WORD_RE.findall(_NOISE_RE.sub(" ", text)):
        if token[0] == "#":
            out.extend(dict.fromkeys(_CAMEL_RE.findall(token[1:])))  # "#FaLaLaLa": one "la"
        else:
            out.append(token)
    return out


def score(text: str) -> tuple[float, int, int, int, int]:
    """(French-minus-English log-odds, letters, English, French and other-language function words)."""
    total = 0.0
    letters = 0
    en_fw = fr_fw = other_fw = 0
    for token in _words(text):
        letters += len(token)
        lower = token.lower().replace("’", "'")
        value, function = _word_score(lower)
        if len(token) > 1 and token.isupper():
            value *= ALL_CAPS_FACTOR
        elif function == OTHER:
            other_fw += token.islower()  # "Los Angeles", "El Paso": names, not Spanish
        elif function > 0:
            fr_fw += 1
        elif function < 0:
            en_fw += 1
        total += value
    return total, letters, en_fw, fr_fw, other_fw


def detect(text: str) -> tuple[str, float]:
    """("en" | "fr" | "und", confidence) for one post.

    For "en"/"fr" the confidence is a logistic squash of the evidence margin (above 0.73, since
    weaker evidence is "und"); for "und" it is 0.0.
    """
    total, letters, en_fw, fr_fw, other_fw = score(text)
    if letters < MIN_LETTERS:
        return UND, 0.0
    if other_fw and other_fw >= max(1, en_fw + fr_fw):
        return UND, 0.0  # German, Spanish, Italian, ...
    minority = min(en_fw, fr_fw)
    if minority >= 2 and minority >= MIXED_SHARE * (en_fw + fr_fw) and abs(total) < MIXED_MARGIN:
        return UND, 0.0  # mixed English and French
    if abs(total) < DECISION_MARGIN:
        return UND, 0.0
    return ("fr" if total > 0 else "en"), 1.0 / (1.0 + math.exp(-abs(total) / 2.0))


def detect_language(text: str) -> str:
    """The post's language code (``en``, ``fr``) or ``und`` when the text does not decide it."""
    return detect(text)[0]
