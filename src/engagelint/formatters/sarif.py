"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Rules carry their metadata (summary, rationale as help, docs link, default level); results
carry exact regions and, when a finding has a fix, a ``fixes`` entry with the replacement.
Our columns count code points, so the run declares ``columnKind: unicodeCodePoints``
(SARIF's default is UTF-16 code units, which would shift every column after an emoji).

For code scanning: artifact URIs are relative to the repository root and name the ``%SRCROOT%``
base (``originalUriBaseIds``), and every result has ``partialFingerprints`` built like the
baseline's (rule + flagged text + path, no line number), so an alert survives lines moving.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import quote

from engagelint.docs import RULE_DOCS_URL, rule_docs_url  # noqa: F401 (re-exported for the LSP)
from engagelint.formatters.base import Formatter, Summary
from engagelint.formatters.escape import escape_text, json_safe
from engagelint.formatters.locations import fingerprints, repo_relative, repo_root
from engagelint.models import Severity, Violation

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/engagelint/engagelint"

SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "engagelint/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A relative URI for relative paths (what code scanning expects), a file URI otherwise."""
    posix = path.replace(os.sep, "/")
    if os.path.isabs(path):
        return "file://" + quote(posix if posix.startswith("/") else "/" + posix)
    return quote(posix[2:] if posix.startswith("./") else posix)


def artifact_location(path: str, root: Any | None) -> dict[str, str]:
    """Relative to ``root`` under ``%SRCROOT%`` when the file is inside it; a file URI otherwise."""
    if root is None:
        return {"uri": artifact_uri(path)}
    rel = repo_relative(path, root)
    if rel.startswith("/"):
        return {"uri": artifact_uri(rel)}
    return {"uri": artifact_uri(rel), "uriBaseId": SRCROOT}


def rule_descriptor(code: str, info: Any | None, fallback: Violation | None = None) -> dict[str, Any]:
    if info is None:  # a finding whose rule metadata the caller did not pass
        name = fallback.name if fallback else code.lower()
        level = LEVELS[fallback.severity] if fallback else "warning"
        return {
            "id": code,
            "name": name,
            "shortDescription": {"text": name},
            "helpUri": rule_docs_url(code),
            "defaultConfiguration": {"level": level},
        }
    rationale = " ".join(info.rationale.split())
    return {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": rationale or info.summary},
        "help": {
            "text": f"{info.summary}\n\n{rationale}",
            "markdown": f"**{info.summary}**\n\n{rationale}\n\n[Rule documentation]({rule_docs_url(info.code)})",
        },
        "helpUri": rule_docs_url(info.code),
        "defaultConfiguration": {"level": LEVELS[info.severity]},
        "properties": {"category": info.category, "tags": [info.category]},
    }


def region(line: int, column: int, end_line: int, end_column: int) -> dict[str, int]:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": max(end_column, 1)}


def result(v: Violation, rule_index: int, root: Any | None = None, fingerprint: str = "") -> dict[str, Any]:
    location = {"artifactLocation": artifact_location(v.path, root)}
    data: dict[str, Any] = {
        "ruleId": v.code,
        "ruleIndex": rule_index,
        "level": LEVELS[v.severity],
        "message": {"text": v.message},
        "locations": [
            {"physicalLocation": {**location, "region": region(v.line, v.column, v.end_line, v.end_column)}}
        ],
        "properties": {"category": v.category, "name": v.name},
    }
    if fingerprint:
        data["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint}
    if v.fix is not None and v.fix.edits:
        replacements = [
            {
                "deletedRegion": region(
                    e.location.line, e.location.column, e.location.end_line, e.location.end_column
                ),
                "insertedContent": {"text": e.content},
            }
            for e in v.fix.edits
        ]
        data["fixes"] = [
            {
                "description": {"text": v.fix.message},
                "artifactChanges": [
                    {"artifactLocation": dict(location["artifactLocation"]), "replacements": replacements}
                ],
            }
        ]
    return data


class SarifFormatter(Formatter):
    name = "sarif"

    def finish(self, summary: Summary) -> str:
        return json_safe(json.dumps(self.document(summary), ensure_ascii=False, indent=2)) + "\n"

    def document(self, summary: Summary) -> dict[str, Any]:
        known = dict(self.options.rules)
        codes = sorted(set(known) | {v.code for v in self.violations})
        first = {}
        for v in self.violations:
            first.setdefault(v.code, v)
        rules = [rule_descriptor(code, known.get(code), first.get(code)) for code in codes]
        index = {code: i for i, code in enumerate(codes)}
        driver: dict[str, Any] = {"name": "engagelint", "informationUri": INFORMATION_URI, "rules": rules}
        if self.options.tool_version:
            driver["version"] = self.options.tool_version
            driver["semanticVersion"] = self.options.tool_version
        notifications = [{"level": "error", "message": {"text": escape_text(err)}} for err in summary.errors]
        root = repo_root(self.options.root)
        prints = fingerprints(self.violations, root)
        run: dict[str, Any] = {
            "tool": {"driver": driver},
            "columnKind": "unicodeCodePoints",
            "invocations": [
                {"executionSuccessful": not summary.errors, "toolExecutionNotifications": notifications}
            ],
            "originalUriBaseIds": {SRCROOT: {"uri": root.as_uri().rstrip("/") + "/"}},
            "results": [
                result(v, index[v.code], root, fp) for v, fp in zip(self.violations, prints, strict=True)
            ],
            "properties": {"summary": summary.to_dict()},
        }
        return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
