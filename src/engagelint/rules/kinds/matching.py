"""Word/phrase and pattern matching shared by the YAML kinds.

Literal word lists compile to one alternation with Unicode word boundaries (literals cannot
backtrack catastrophically). User ``patterns`` are compiled with RE2, which runs in linear time,
so a rule pack from a content repo cannot hang the linter.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

try:
    import re2 as _re2
except ImportError:  # pragma: no cover - google-re2 is a dependency; keep a clear failure mode
    _re2 = None


class PatternError(ValueError):
    pass


class Matcher:
    """Finds (start, end) spans of words/phrases and RE2 patterns in a text."""

    def __init__(
        self, tokens: Iterable[str] = (), patterns: Iterable[str] = (), ignorecase: bool = True
    ) -> None:
        words = sorted({t.strip() for t in tokens if t and t.strip()}, key=len, reverse=True)
        self._literal = None
        if words:
            alternation = "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in words)
            flags = regex.IGNORECASE if ignorecase else 0
            self._literal = regex.compile(
                rf"(?<![\p{{L}}\p{{N}}_'’])(?:{alternation})(?![\p{{L}}\p{{N}}_])", flags
            )
        patterns = [p for p in patterns if p]
        # One RE2 scan per text for all of a rule's patterns, instead of one scan per pattern.
        self._patterns = (
            [compile_pattern("|".join(f"(?:{p})" for p in patterns), ignorecase)] if patterns else []
        )

    def finditer(self, text: str, literals: bool = True) -> Iterator[tuple[int, int]]:
        """Spans of the words and patterns; ``literals=False``: the caller knows no word occurs."""
        spans: list[tuple[int, int]] = []
        if literals and self._literal is not None:
            spans.extend((m.start(), m.end()) for m in self._literal.finditer(text))
        for pat in self._patterns:
            spans.extend(_re2_spans(pat, text))
        spans.sort()
        last_end = -1
        for s, e in spans:
            if s >= last_end and e > s:
                yield s, e
                last_end = e

    def __bool__(self) -> bool:
        return self._literal is not None or bool(self._patterns)


def compile_pattern(pattern: str, ignorecase: bool = True):
    if _re2 is None:
        raise PatternError("google-re2 is not installed")
    opts = _re2.Options()
    opts.case_sensitive = not ignorecase
    opts.max_mem = 32 << 20  # room for the DFA of a rule's combined patterns (EL209 needs ~16 MiB)
    try:
        return _re2.compile(pattern, opts)
    except Exception as exc:  # re2.error
        raise PatternError(f"invalid pattern {pattern!r}: {exc}") from None


def _re2_spans(pat, text: str) -> Iterator[tuple[int, int]]:
    for m in pat.finditer(text):
        if m.end() > m.start():
            yield m.start(), m.end()
