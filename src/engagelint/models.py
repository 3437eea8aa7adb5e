"""Plain data types shared by every layer: severities, categories, posts, findings, violations.

Everything here is a frozen dataclass of primitives (picklable, sortable, JSON-stable), so
violations can cross process boundaries (``--jobs``) and be cached on disk.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from engagelint.offsets import OffsetMap
from engagelint.platforms.table import platform_names

CATEGORIES: tuple[str, ...] = (
    "relevance",
    "informality",
    "noise",
    "duplication",
    "platform",
    "automation",
    "strategy",
    "syntax",
)

# The platform keys of data/platforms.toml (the one home of platform facts).
PLATFORMS: tuple[str, ...] = platform_names()


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (expected error, warning or info)") from None


@dataclass(frozen=True, slots=True)
class Location:
    """A 1-based, end-exclusive span in the original file; columns count code points."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace source characters [start, end) of the decoded file text with ``content``."""

    start: int
    end: int
    content: str
    location: Location


@dataclass(frozen=True, slots=True)
class Fix:
    message: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule reports: a span in the post's prose (start/end are prose indices).

    ``replacement`` (optional) is the prose that should replace the span; the engine turns it
    into a source edit when the span maps onto one contiguous stretch of the file.
    ``location`` lets cross-file rules hand back a span they already resolved.
    ``fix_start``/``fix_end`` widen the span the fix replaces when it differs from the flagged
    text (e.g. removing a repeated hashtag together with the space before it).
    """

    start: int
    end: int
    message: str
    replacement: str | None = None
    fix_message: str | None = None
    location: Location | None = None
    fix_start: int | None = None
    fix_end: int | None = None
    # Source indices for findings about text that is not prose (Markdown markers); the fix
    # (``replacement``) then replaces exactly this source span.
    source_start: int | None = None
    source_end: int | None = None
    # More (source start, end, replacement) edits applied by the same fix (one finding, many places)
    extra_edits: tuple[tuple[int, int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Violation:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    category: str
    severity: Severity
    message: str
    fix: Fix | None = None
    # The flagged source text; used for baselines and fingerprints, not part of the sort key.
    text: str = field(default="", compare=False)

    @classmethod
    def at(
        cls,
        location: Location,
        rule: Any,
        severity: Severity,
        message: str,
        fix: Fix | None = None,
        text: str = "",
    ) -> Violation:
        """The one way to make a violation: ``rule`` is the rule's info (its code, name and category)."""
        return cls(
            path=location.path,
            line=location.line,
            column=location.column,
            end_line=location.end_line,
            end_column=location.end_column,
            code=rule.code,
            name=rule.name,
            category=rule.category,
            severity=severity,
            message=message,
            fix=fix,
            text=text,
        )

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.end_line, self.end_column, self.message)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "severity": str(self.severity),
            "message": self.message,
        }
        if self.fix is not None:
            data["fix"] = {
                "message": self.fix.message,
                "edits": [
                    {
                        "line": e.location.line,
                        "column": e.location.column,
                        "end_line": e.location.end_line,
                        "end_column": e.location.end_column,
                        "content": e.content,
                    }
                    for e in self.fix.edits
                ],
            }
        return data


@dataclass(frozen=True, slots=True)
class Link:
    """A Markdown link whose URL is not part of the prose (its text is)."""

    url: str
    source_start: int
    source_end: int


@dataclass(slots=True)
class Post:
    """One social post: the unit every rule checks.

    ``prose`` is what a reader sees (Markdown markup, code, comments and URLs of Markdown links
    removed); ``offsets`` maps each prose index back to the decoded file text.
    """

    path: str
    index: int
    prose: str
    offsets: OffsetMap
    meta: Mapping[str, Any] = field(default_factory=dict)
    platforms: tuple[str, ...] = ()
    lang: str | None = None
    goals: tuple[str, ...] = ()
    schedule: datetime | None = None
    campaign: str | None = None
    kind: str = "text"
    thread_index: int = 0
    thread_size: int = 1
    thread_key: str = ""
    links: tuple[Link, ...] = ()
    line: int = 1
    disabled: frozenset[str] = frozenset()
    # How the document model understood it (see ``engagelint inspect``).
    role: str = "single"  # single, thread, alternative, reply, version
    label: str = ""  # the heading or label line that introduced the post
    status: str | None = None  # idea, draft, ready, scheduled, final, published
    schedule_has_time: bool = True  # False: the schedule is a bare date (a day, not 00:00)
    dated: datetime | None = None  # a date that is not a schedule (written, published)
    origins: Mapping[str, str] = field(default_factory=dict)  # field -> where its value came from
    lineage: str = ""  # posts sharing a lineage are one post at several stages or versions
    # Markdown markup the platform would publish literally: (source start, end, kind, plain text)
    markup: tuple[tuple[int, int, str, str], ...] = ()
    literal_extra: str = ""  # markup characters kept in the published text (counted for length)

    @property
    def is_thread(self) -> bool:
        return self.thread_size > 1
