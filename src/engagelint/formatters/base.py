"""The formatter protocol: start -> handle(violation)* -> finish(summary) -> text.

Formatters receive only ``FormatOptions`` and primitive records, never the click context or
the whole config (flake8's Namespace mistake).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from engagelint.models import Violation


@dataclass(frozen=True)
class FormatOptions:
    color: bool = False
    root: str = "."
    show_fixes: bool = False
    # Rule metadata by code, for formats that embed it (SARIF, HTML): {code: RuleInfo}
    rules: Mapping[str, Any] = field(default_factory=dict)
    # Paths that were linted (JUnit reports one test case per file, passing ones too).
    paths: tuple[str, ...] = ()
    tool_version: str = ""
    # Text of drafts not on disk (stdin), by path, for formats that quote the offending line.
    sources: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Summary:
    files: int
    posts: int
    violations: int
    by_severity: Mapping[str, int]
    fixable: int = 0
    fixed: int = 0
    errors: tuple[str, ...] = ()
    baseline_suppressed: int = 0
    baseline_stale: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "posts": self.posts,
            "violations": self.violations,
            "by_severity": dict(self.by_severity),
            "fixable": self.fixable,
            "fixed": self.fixed,
            "errors": list(self.errors),
            "baseline": {"suppressed": self.baseline_suppressed, "stale": self.baseline_stale},
        }


class Formatter:
    name = "base"

    def __init__(self, options: FormatOptions) -> None:
        self.options = options
        self.violations: list[Violation] = []

    def start(self) -> None:
        return None

    def handle(self, violation: Violation) -> None:
        self.violations.append(violation)

    def finish(self, summary: Summary) -> str:
        raise NotImplementedError
