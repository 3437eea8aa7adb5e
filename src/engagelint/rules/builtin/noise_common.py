"""Helpers shared by the noise rules (EL2xx): data files and sentence spans of a post."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

import regex
import yaml

# A "sentence" for noise rules: a line, cut after . ! ? … (headlines and hooks rarely span lines).
_SENTENCE_RE = regex.compile(r"[^\n.!?…]+(?:[.!?…]+|$)", regex.MULTILINE)


@cache
def load_data(name: str) -> Any:
    """``engagelint/data/<name>`` parsed as YAML (read once)."""
    text = (resources.files("engagelint") / "data" / name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


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
