"""Position bookkeeping: prose index -> source index -> (line, column).

Offsets are produced once, when a source is parsed, and carried to the end: no position is
ever re-found by searching the text (the bug class that haunts Vale and proselint).
"""

from __future__ import annotations

import bisect
from array import array


class OffsetMap:
    """Maps each prose character to the index of the source character it came from.

    Synthetic prose characters (a space standing in for a line break between blocks) map to
    the source character they replace, so every prose index has a source index.
    """

    __slots__ = ("_src",)

    def __init__(self, sources: array | list[int] | None = None) -> None:
        self._src = sources if isinstance(sources, array) else array("l", sources or ())

    def __len__(self) -> int:
        return len(self._src)

    def source_index(self, prose_index: int) -> int:
        return self._src[prose_index]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Source [start, end) covering prose [start, end); an empty span stays empty."""
        n = len(self._src)
        if n == 0:
            return 0, 0
        start = min(max(start, 0), n - 1)
        if end <= start:
            s = self._src[start]
            return s, s
        end = min(end, n)
        s, e = self._src[start], self._src[end - 1] + 1
        if e <= s:  # prose out of source order (a break placed before the text): cover every char
            covered = self._src[start:end]
            return min(covered), max(covered) + 1
        return s, e

    def is_contiguous(self, start: int, end: int) -> bool:
        """True when prose [start, end) is a verbatim copy of one stretch of the source."""
        if end <= start:
            return True
        first = self._src[start]
        return self._src[end - 1] - first == end - 1 - start


class ProseBuilder:
    """Accumulates prose text together with its offset map."""

    __slots__ = ("_parts", "_src", "_length")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._src = array("l")
        self._length = 0

    def copy(self, text: str, source_start: int) -> None:
        """Append ``text`` that appears verbatim at ``source_start`` in the source."""
        if not text:
            return
        self._parts.append(text)
        self._src.extend(range(source_start, source_start + len(text)))
        self._length += len(text)

    def add(self, text: str, source_indices: list[int]) -> None:
        """Append ``text`` whose characters come from scattered source indices."""
        self._parts.append(text)
        self._src.extend(source_indices)
        self._length += len(text)

    def synthetic(self, text: str, source_index: int) -> None:
        """Append characters that stand for ``source_index`` (e.g. a break between blocks)."""
        self._parts.append(text)
        self._src.extend([source_index] * len(text))
        self._length += len(text)

    def __len__(self) -> int:
        return self._length

    def last_char(self) -> str:
        return self._parts[-1][-1] if self._parts else ""

    def build(self) -> tuple[str, OffsetMap]:
        return "".join(self._parts), OffsetMap(self._src)


class LineIndex:
    """Turns source indices into 1-based (line, column); columns count code points."""

    __slots__ = ("_starts", "_length")

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts = starts
        self._length = len(text)

    def position(self, index: int) -> tuple[int, int]:
        index = min(max(index, 0), self._length)
        line = bisect.bisect_right(self._starts, index) - 1
        return line + 1, index - self._starts[line] + 1

    def line_start(self, line: int) -> int:
        """Source index of the first character of 1-based ``line``."""
        return self._starts[line - 1]

    @property
    def line_count(self) -> int:
        return len(self._starts)


def trimmed(prose: str, offsets: OffsetMap) -> tuple[str, OffsetMap]:
    """Strip leading/trailing whitespace from prose, keeping the offset map aligned."""
    start = len(prose) - len(prose.lstrip())
    end = len(prose.rstrip())
    if start == 0 and end == len(prose):
        return prose, offsets
    if end <= start:
        return "", OffsetMap()
    return prose[start:end], OffsetMap(offsets._src[start:end])


class ShiftedLineIndex(LineIndex):
    """The line index of a piece of a larger text that begins at the start of line ``first_line``:
    positions come out as positions in the whole text (a streamed CSV batch reports real lines)."""

    __slots__ = ("_shift",)

    def __init__(self, text: str, first_line: int) -> None:
        super().__init__(text)
        self._shift = first_line - 1

    def position(self, index: int) -> tuple[int, int]:
        line, column = super().position(index)
        return line + self._shift, column

    def line_start(self, line: int) -> int:
        return super().line_start(line - self._shift)
