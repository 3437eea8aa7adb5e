"""engagelint: a linter for social-media drafts.

The library API (``lint_text``, ``lint_paths``, ``lint_records``) never prints and never exits; heavy modules
are imported on first use so that ``engagelint --version`` stays fast.
"""

from __future__ import annotations

from engagelint._version import __version__

__all__ = [
    "__version__", "lint_text", "lint_bytes", "lint_paths", "lint_records", "Record", "LintResult", "Violation",
]  # fmt: skip


def __getattr__(name: str):
    if name in ("lint_text", "lint_bytes", "lint_paths", "LintResult"):
        from engagelint import api

        return getattr(api, name)
    if name in ("lint_records", "Record"):
        from engagelint import records

        return getattr(records, name)
    if name == "Violation":
        from engagelint.models import Violation

        return Violation
    raise AttributeError(name)
