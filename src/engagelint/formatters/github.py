"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

``::warning file=drafts/a.md,line=4,col=1,endLine=4,endColumn=4,title=EL101 textspeak::message``

GitHub rejects (silently, in the runner's debug log) annotations whose ``col``/``endColumn``
span several lines or run backwards, so columns are only sent for single-line findings.
"""

from __future__ import annotations

from engagelint.formatters.base import Formatter, Summary
from engagelint.models import Severity, Violation

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    """Escape a command's message (GitHub's ``escapeData``)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a property value (GitHub's ``escapeProperty``): also ``:`` and ``,``."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(v: Violation) -> str:
    props = [("file", v.path), ("line", str(v.line))]
    if v.end_line == v.line:
        props.append(("col", str(v.column)))
        props += [("endLine", str(v.end_line)), ("endColumn", str(max(v.end_column, v.column)))]
    elif v.end_line > v.line:
        props.append(("endLine", str(v.end_line)))
    props.append(("title", f"{v.code} {v.name}"))
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{_COMMAND[v.severity]} {rendered}::{escape_data(v.message)}"


class GithubFormatter(Formatter):
    name = "github"

    def finish(self, summary: Summary) -> str:
        from engagelint.formatters.text import summary_line

        lines = [annotation(v) for v in self.violations]
        # A plain line for the log; annotations carry the findings themselves.
        lines.append(summary_line(summary))
        return "\n".join(lines) + "\n"
