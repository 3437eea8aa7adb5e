"""``--format rdjson``: reviewdog's Diagnostic Format (a ``DiagnosticResult`` object).

``reviewdog -f=rdjson`` turns each diagnostic into a review comment, and each ``suggestion`` into a
suggested change the author can commit with one click. reviewdog counts columns in UTF-8 bytes
(reviewdog.proto, ``Position.column``), ours count code points, so columns are converted with the
file's text. Paths are relative to the repository root, as reviewdog matches them against the diff.
"""

from __future__ import annotations

import json
from typing import Any

from engagelint.docs import rule_docs_url
from engagelint.formatters.base import Formatter, Summary
from engagelint.formatters.locations import forget_files, repo_relative, repo_root, utf8_column
from engagelint.models import Severity, Violation

SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}
SOURCE = {"name": "engagelint", "url": "https://github.com/engagelint/engagelint"}


def _range(path: str, line: int, column: int, end_line: int, end_column: int) -> dict[str, Any]:
    return {
        "start": {"line": line, "column": utf8_column(path, line, column)},
        "end": {"line": end_line, "column": utf8_column(path, end_line, max(end_column, 1))},
    }


def diagnostic(v: Violation, root) -> dict[str, Any]:
    data: dict[str, Any] = {
        "message": v.message,
        "location": {
            "path": repo_relative(v.path, root),
            "range": _range(v.path, v.line, v.column, v.end_line, v.end_column),
        },
        "severity": SEVERITIES[v.severity],
        "source": SOURCE,
        "code": {"value": v.code, "url": rule_docs_url(v.code)},
        "original_output": f"{v.path}:{v.line}:{v.column}: {v.code} [{v.severity}] {v.message} ({v.name})",
    }
    if v.fix is not None and v.fix.edits:
        data["suggestions"] = [
            {
                "range": _range(
                    v.path, e.location.line, e.location.column, e.location.end_line, e.location.end_column
                ),
                "text": e.content,
            }
            for e in v.fix.edits
        ]
    return data


class RdjsonFormatter(Formatter):
    name = "rdjson"

    def start(self) -> None:
        forget_files()  # files may have changed since the last report in this process

    def finish(self, summary: Summary) -> str:
        root = repo_root(self.options.root)
        doc = {"source": SOURCE, "diagnostics": [diagnostic(v, root) for v in self.violations]}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
