"""An audit's findings as the part files the workers wrote, merged in order when read.

Each part is one partition's findings, sorted (``Violation.sort_key``) and written by the worker
that made them; iterating merges the parts (``heapq.merge``), so reading a million findings holds
one per part in memory, never all of them. The directory is removed with the object (``close``,
or when it is garbage collected).
"""

from __future__ import annotations

import heapq
import shutil
import weakref
from collections.abc import Iterator

from engagelint.engines.local import read_sorted
from engagelint.models import Violation


class Findings:
    """Sorted findings, iterable as many times as needed; ``len`` is known without reading them."""

    def __init__(self, directory: str | None = None, parts: list[tuple[str, int]] = ()) -> None:
        self.parts = [(path, n) for path, n in parts if n]
        self._count = sum(n for _path, n in self.parts)
        self._cleanup = weakref.finalize(self, shutil.rmtree, directory, True) if directory else None

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Violation]:
        return heapq.merge(*(read_sorted(path) for path, _n in self.parts), key=Violation.sort_key)

    def close(self) -> None:
        if self._cleanup is not None:
            self._cleanup()
