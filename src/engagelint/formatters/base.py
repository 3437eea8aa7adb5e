"""The formatter protocol: start -> handle(violation)* -> finish(summary) -> text.

Formatters receive only ``FormatOptions`` and primitive records, never the click context or
the whole config (flake8's Namespace mistake). Every violation a formatter receives has its path,
message and names passed through ``escape_text`` (paths and draft text are untrusted), unless the
format escapes everything itself (JSON: ``escapes = False``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from engagelint.formatters.escape import escape_text
from engagelint.models import Fix, Violation


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


def escaped(v: Violation) -> Violation:
    """The violation with every text a writer prints made safe (see ``escape_text``).
    Fix edits keep their content: it is what gets written into the draft, not printed."""
    fix = v.fix
    if fix is not None and escape_text(fix.message) != fix.message:
        fix = Fix(escape_text(fix.message), fix.edits)
    return replace(
        v,
        path=escape_text(v.path),
        code=escape_text(v.code),
        name=escape_text(v.name),
        category=escape_text(v.category),
        message=escape_text(v.message),
        fix=fix,
    )


class Formatter:
    name = "base"
    # False for formats whose serialiser escapes every character itself (JSON keeps the exact text).
    escapes = True

    def __init__(self, options: FormatOptions) -> None:
        self.options = options
        self.violations: list[Violation] = []

    def start(self) -> None:
        return None

    def handle(self, violation: Violation) -> None:
        self.violations.append(escaped(violation) if self.escapes else violation)

    def finish(self, summary: Summary) -> str:
        raise NotImplementedError

    def chunks(self, summary: Summary) -> Iterator[str]:
        """The report in pieces, written as they come (formats that can stream override it)."""
        yield self.finish(summary)
