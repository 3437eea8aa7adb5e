"""A small progress bar for long runs, on stderr, only for people watching a terminal.

It draws nothing when stderr is not a TTY (CI logs, pipes, editors) or when the output format is
machine-readable, so it can never corrupt JSON/SARIF/JUnit output or annotations.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

MACHINE_FORMATS = frozenset({"json", "sarif", "junit", "github", "rdjson", "gitlab"})


class Progress:
    """``start(total)``, ``advance(n)`` per file, ``close()`` at the end (erases the bar)."""

    def __init__(
        self,
        fmt: str = "text",
        stream: TextIO | None = None,
        enabled: bool | None = None,
        min_total: int = 20,
        interval: float = 0.1,
        width: int = 30,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            enabled = fmt not in MACHINE_FORMATS and _isatty(self.stream) and os.environ.get("TERM") != "dumb"
        self.enabled = enabled
        self.min_total = min_total  # short runs finish before a bar would help
        self.interval = interval
        self.width = width
        self.total = 0
        self.done = 0
        self._drawn = False
        self._last = 0.0
        self._started = 0.0

    def start(self, total: int) -> None:
        self.total = max(total, 0)
        self.done = 0
        self._started = time.monotonic()
        if self.total < self.min_total:
            self.enabled = False

    def advance(self, n: int = 1) -> None:
        self.done = min(self.done + n, self.total) if self.total else self.done + n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < self.interval and self.done < self.total:
            return
        self._last = now
        self.stream.write("\r" + self.render())
        self.stream.flush()
        self._drawn = True

    def render(self) -> str:
        fraction = self.done / self.total if self.total else 1.0
        filled = int(fraction * self.width)
        bar = "█" * filled + "░" * (self.width - filled)
        return f"linting {bar} {self.done}/{self.total} files{self._eta()}"

    def _eta(self) -> str:
        """Time left at the pace so far (shown once a few files give a pace to go by)."""
        if not self.total or self.done < 5 or self.done >= self.total:
            return ""
        elapsed = time.monotonic() - self._started
        left = elapsed / self.done * (self.total - self.done)
        minutes, seconds = divmod(int(left + 0.5), 60)
        return f", about {minutes}:{seconds:02d} left"

    def close(self) -> None:
        if self._drawn:
            # Erase the bar so the report starts on a clean line.
            self.stream.write("\r" + " " * len(self.render()) + "\r")
            self.stream.flush()
            self._drawn = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
