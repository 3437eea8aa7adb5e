"""The terminal output: each problem, then its line with the span underlined, then the fix.

    drafts/post.md:4:30: EL107 [warning] "!!!": one exclamation mark is enough (repeated-punctuation)
      |
    4 | Our recycling guide is online!!! Three steps to sort packaging at home.
      |                              ^^^
      = fix: Replace with '!'

``concise`` (one line per problem) is the same without the excerpt.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from engagelint.formatters.text import _BOLD, _COLORS, _DIM, TextFormatter, summary_line

_BLUE = "\033[34m"
MAX_EXCERPT = 200  # characters of a very long line shown around the span


def cell_width(ch: str) -> int:
    """Terminal columns a character takes (wide East Asian characters and emoji take two)."""
    if unicodedata.combining(ch) or ch in "\u200d\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def printable(text: str) -> str:
    """Control characters shown as escapes, so a draft cannot move the cursor or recolour the terminal."""
    return "".join(
        ch if ch == "\t" or unicodedata.category(ch) not in ("Cc", "Cf") or ch in "\u200d" else repr(ch)[1:-1]
        for ch in text
    )


@lru_cache(maxsize=64)
def _read_lines(path: str) -> tuple[str, ...]:
    from engagelint.sources.decode import decode

    try:
        with open(path, "rb") as fh:
            return tuple(decode(fh.read()).text.splitlines())
    except Exception:  # gone, unreadable or not text: the one-line form is still printed
        return ()


class FullFormatter(TextFormatter):
    name = "full"

    def lines_of(self, path: str) -> tuple[str, ...]:
        text = self.options.sources.get(path)
        return tuple(text.splitlines()) if text is not None else _read_lines(path)

    def finish(self, summary) -> str:
        return "".join(self.chunks(summary))

    def chunks(self, summary):
        """Each violation with its excerpt, then the summary line: written as they are made."""
        for v in self.violations:
            out = [self.headline(v), *self.excerpt(v)]
            if v.fix is not None:
                out.append(f"{self._gutter(v, '=')} {self._c(_BOLD, 'fix')}: {printable(v.fix.message)}")
            yield "\n".join(out) + "\n\n"
        yield summary_line(summary) + "\n"

    def headline(self, v) -> str:
        sev = str(v.severity)
        where = self._c(_BOLD, f"{printable(v.path)}:{v.line}:{v.column}:")
        fix = " [*]" if v.fix is not None else ""
        return f"{where} {self._c(_COLORS[sev], v.code)} [{sev}] {printable(v.message)} {self._c(_DIM, f'({v.name})')}{fix}"

    def _gutter(self, v, mark: str = "|", number: str = "") -> str:
        width = len(str(v.end_line))
        return self._c(_BLUE, f"{number:>{width}} {mark}")

    def excerpt(self, v) -> list[str]:
        lines = self.lines_of(v.path)
        if not (1 <= v.line <= len(lines)):
            return []
        line = lines[v.line - 1]
        start = max(v.column - 1, 0)
        end = v.end_column - 1 if v.end_line == v.line else len(line)
        end = max(min(end, len(line)), start + 1 if start < len(line) else start)
        # Very long lines (CSV cells, pasted essays): a window around the span.
        left = max(0, start - MAX_EXCERPT // 2) if len(line) > MAX_EXCERPT else 0
        right = min(len(line), max(end, left + MAX_EXCERPT))
        shown = line[left:right]
        pre, span = shown[: start - left], shown[start - left : end - left]
        prefix = "…" if left else ""
        suffix = "…" if right < len(line) else ""
        pre_text = prefix + printable(pre.replace("\t", " "))
        span_text = printable(span.replace("\t", " "))
        rest = printable(shown[end - left :].replace("\t", " ")) + suffix
        pad = sum(cell_width(c) for c in pre_text)
        marks = max(1, sum(cell_width(c) for c in span_text))
        sev = str(v.severity)
        caret = "^" * marks + ("…" if v.end_line > v.line else "")
        return [
            self._gutter(v),
            f"{self._gutter(v, '|', str(v.line))} {pre_text}{self._c(_COLORS[sev] + _BOLD, span_text)}{rest}",
            f"{self._gutter(v)} {' ' * pad}{self._c(_COLORS[sev], caret)}",
        ]
