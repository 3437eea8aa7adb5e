"""``--format gitlab``: a GitLab Code Quality report (``artifacts: reports: codequality``).

An array of issues with the fields GitLab reads (docs/ci/testing/code_quality.md, "Implement a
custom tool"): ``description``, ``check_name``, ``fingerprint``, ``severity`` and ``location.path``
+ ``location.lines.begin``. GitLab shows one merge request entry per fingerprint and compares them
between the source and target branch, so fingerprints must not change when lines move (see
``locations.fingerprints``). Paths are relative to the repository root.
"""

from __future__ import annotations

import json
from typing import Any

from engagelint.formatters.base import Formatter, Summary
from engagelint.formatters.locations import fingerprints, repo_relative, repo_root
from engagelint.models import Severity, Violation

# GitLab's five levels; blocker and critical are left for findings worse than our "error".
SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def issue(v: Violation, root, fingerprint: str) -> dict[str, Any]:
    return {
        "type": "issue",
        "description": f"{v.code} {v.message}",
        "check_name": f"{v.code} {v.name}",
        "fingerprint": fingerprint,
        "severity": SEVERITIES[v.severity],
        "categories": ["Style"],
        "location": {
            "path": repo_relative(v.path, root),
            "lines": {"begin": v.line, "end": max(v.end_line, v.line)},
        },
    }


class GitlabFormatter(Formatter):
    name = "gitlab"

    def finish(self, summary: Summary) -> str:
        root = repo_root(self.options.root)
        prints = fingerprints(self.violations, root)
        issues = [issue(v, root, fp) for v, fp in zip(self.violations, prints, strict=True)]
        return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
