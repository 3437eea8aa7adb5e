"""The GitHub job summary: every finding as a Markdown table per file, with links to the rule docs.

Annotations stop at 10 per kind and step; the summary (``$GITHUB_STEP_SUMMARY``) has no such limit
but GitHub refuses a step summary over 1 MiB ("$GITHUB_STEP_SUMMARY upload aborted, supports content
up to a size of 1024k"), so rows stop before that with a line saying how many were left out.
"""

from __future__ import annotations

import html

from engagelint.docs import rule_docs_url
from engagelint.formatters.base import Summary
from engagelint.models import Severity, Violation

MAX_BYTES = 1000 * 1000  # under GitHub's 1024 KiB per step, leaving room for other steps' text
_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]|"})
_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, no markup, no HTML."""
    flat = " ".join(str(text).split())
    return html.escape(flat, quote=False).translate(_MARKDOWN_SPECIAL)


def _rule_link(v: Violation) -> str:
    return f"[{cell(v.code)}]({rule_docs_url(v.code)}) {cell(v.name)}"


def _line_cell(v: Violation, file_url: str | None) -> str:
    """``4:1``, linked to that line of the file on GitHub when the commit's blob URL is known."""
    where = f"{v.line}:{v.column}"
    return f"[{where}]({file_url}#L{v.line})" if file_url else where


def job_summary(violations: list[Violation], summary: Summary, blob_url: str | None = None, root=None) -> str:
    """``blob_url`` (``https://github.com/OWNER/REPO/blob/SHA/``) and the repository ``root`` link each
    line number to the file as it is in the commit under review."""
    from urllib.parse import quote

    from engagelint.formatters.locations import repo_relative
    from engagelint.formatters.text import summary_line

    out = ["## engagelint", "", cell(summary_line(summary)), ""]
    by_path: dict[str, list[Violation]] = {}
    for v in violations:
        by_path.setdefault(v.path, []).append(v)
    size = sum(len(line.encode()) + 1 for line in out)
    listed = 0
    for path, found in by_path.items():
        block = [
            f"### {cell(path)} ({len(found)})",
            "",
            "| Line | Severity | Rule | Problem |",
            "|---:|---|---|---|",
        ]
        rel = repo_relative(path, root) if blob_url and root is not None else ""
        file_url = blob_url + quote(rel) if rel and not rel.startswith("/") else None
        rows = [
            f"| {_line_cell(v, file_url)} | {_SEVERITY[v.severity]} | {_rule_link(v)} | {cell(v.message)} |"
            for v in found
        ]
        added = 0
        for line in block:
            size += len(line.encode()) + 1
        for row in rows:
            size += len(row.encode()) + 1
            if size > MAX_BYTES:
                break
            block.append(row)
            added += 1
        if added == 0:
            break
        out += [*block, ""]
        listed += added
        if added < len(rows):
            break
    if listed < len(violations):
        out += [f"{len(violations) - listed} more findings are not listed here (GitHub keeps at most 1 MiB of "
                "summary per step); run engagelint locally or use `--format sarif` to see them all.", ""]  # fmt: skip
    return "\n".join(out) + "\n"
