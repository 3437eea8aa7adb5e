"""Normal forms of a post for duplicate detection.

Two texts are *exact* duplicates when their normal forms match: case, spacing, emoji variation
selectors, link spelling (scheme, ``www.``, tracking parameters, trailing slash) and the order of
hashtags and mentions do not make a post different. Near-duplicate detection works on *tokens*
(words, tags without their ``#``, normalised links), from which shingles are built.
"""

from __future__ import annotations

import hashlib
import unicodedata
from functools import lru_cache
from importlib import resources
from urllib.parse import parse_qsl, urlencode, urlsplit

from engagelint.nlp.entities import HASHTAG_RE, MENTION_RE, WORD_RE, url_spans

# Bump when the normal form changes: persisted archive indexes built with another version are rebuilt.
NORMALISER_VERSION = 2

_VARIATION_SELECTORS = dict.fromkeys(range(0xFE00, 0xFE10)) | {0xFEFF: None, 0x200B: None}
_SLOT = "\u0000"


@lru_cache(maxsize=1)
def _tracking_params() -> tuple[frozenset[str], tuple[str, ...]]:
    text = (resources.files("engagelint.duplication") / "tracking_params.txt").read_text(encoding="utf-8")
    names = [ln.strip().lower() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    exact = frozenset(n for n in names if not n.endswith("*"))
    prefixes = tuple(n[:-1] for n in names if n.endswith("*"))
    return exact, prefixes


def _is_tracking(name: str) -> bool:
    exact, prefixes = _tracking_params()
    name = name.lower()
    return name in exact or name.startswith(prefixes)


def normalise_url(url: str) -> str:
    """``https://www.Example.com/a/?utm_source=x&id=3#top`` -> ``example.com/a?id=3``."""
    raw = url if "://" in url else "http://" + url
    try:
        parts = urlsplit(raw)
    except ValueError:
        return url.casefold()
    host = (parts.hostname or "").casefold()
    if host.startswith("www."):
        host = host[4:]
    path = parts.path.rstrip("/")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    out = host + path
    if query:
        out += "?" + urlencode(sorted(query))
    return out


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text.translate(_VARIATION_SELECTORS)).casefold()


def exact_form(text: str) -> str:
    """The text as compared for exact duplicates.

    Links are replaced by their normal form; each hashtag or mention becomes a slot and the
    tags are appended sorted, so ``#a #b`` equals ``#b #a`` while the sentence around them
    must still match word for word.
    """
    text = _clean(text)
    pieces: list[str] = []
    tags: list[str] = []
    pos = 0
    for u in url_spans(text):
        pieces.append(_tag_slots(text[pos : u.start], tags))
        pieces.append(" " + normalise_url(u.text) + " ")
        pos = u.end
    pieces.append(_tag_slots(text[pos:], tags))
    body = " ".join("".join(pieces).split())
    return body + (" | " + " ".join(sorted(tags)) if tags else "")


def _tag_slots(chunk: str, tags: list[str]) -> str:
    def slot(m) -> str:
        tags.append(m.group())
        return _SLOT

    chunk = HASHTAG_RE.sub(slot, chunk)
    return MENTION_RE.sub(slot, chunk)


def fingerprint(text: str) -> str:
    """A short, stable digest of the exact form (what indexes store)."""
    return hashlib.blake2b(exact_form(text).encode("utf-8"), digest_size=12).hexdigest()


def tokens(text: str) -> list[str]:
    """Words, tags (without ``#``; ``@user`` kept) and normalised links, in reading order."""
    text = _clean(text)
    out: list[str] = []
    pos = 0
    for u in url_spans(text):
        _words(text[pos : u.start], out)
        out.append(normalise_url(u.text))
        pos = u.end
    _words(text[pos:], out)
    return out


def _words(chunk: str, out: list[str]) -> None:
    mentions = {m.start(): m.group() for m in MENTION_RE.finditer(chunk)}
    for m in WORD_RE.finditer(chunk):
        start = m.start()
        if start > 0 and chunk[start - 1] == "@" and (start - 1) in mentions:
            out.append(mentions[start - 1])
        else:
            out.append(m.group())
