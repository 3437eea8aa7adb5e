"""Problems found while reading a source (reported as ``syntax`` findings)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """A problem with the file itself, at source offsets [start, end) of the decoded text."""

    code: str
    message: str
    start: int = 0
    end: int = 0
