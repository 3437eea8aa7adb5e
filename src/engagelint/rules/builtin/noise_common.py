"""Helpers shared by the noise rules (EL2xx): data files and sentence spans of a post."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

import regex
import yaml

# libyaml's loader: the same data as safe_load, ~10x faster to parse (cold start).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# A "sentence" for noise rules: a line, cut after . ! ? … (headlines and hooks rarely span lines).
_SENTENCE_RE = regex.compile(r"[^\n.!?…]+(?:[.!?…]+|$)", regex.MULTILINE)


@cache
def load_data(name: str) -> Any:
    """``engagelint/data/<name>`` parsed as YAML (read once)."""
    text = (resources.files("engagelint") / "data" / name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_LOADER)


def for_lang(table: Any, lang: str) -> list:
    """Entries of a ``{en: [...], fr: [...], all: [...]}`` table that apply to ``lang``."""
    if isinstance(table, list):
        return list(table)
    out = list((table or {}).get("all") or [])
    if lang in ("en", "fr"):
        out += list((table or {}).get(lang) or [])
    return out


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Stripped [start, end) spans of the sentences of ``text`` (same indices as ``text``)."""
    for m in _SENTENCE_RE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            yield s, e


def in_tag_block(text: str, tags: list, i: int) -> bool:
    """Whether hashtag ``tags[i]`` sits in a run of hashtags (or ends the post) rather than inside a sentence.

    "#Python meetup with #Python experts": the second tag is a word of the sentence. "Great talk #AI #ai":
    it belongs to a tag list. Neighbours are read across whitespace only.
    """
    tag = tags[i]
    before = text[: tag.start].rstrip(" \t")
    after = text[tag.end :].lstrip(" \t")
    prev_is_tag = i > 0 and tags[i - 1].end == len(before)
    next_is_tag = i + 1 < len(tags) and tags[i + 1].start == len(text) - len(after)
    at_end = not after or after[0] == "\n"
    at_start = not before or before[-1] == "\n"
    return prev_is_tag or next_is_tag or at_end or (at_start and next_is_tag)


def inline_hashtags(text: str, tags: list) -> list:
    """Hashtags used as words of a sentence (not part of a tag list)."""
    return [t for i, t in enumerate(tags) if not in_tag_block(text, tags, i)]
