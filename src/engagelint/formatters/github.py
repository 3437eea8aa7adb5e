"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

``::warning file=drafts/a.md,line=4,col=1,endLine=4,endColumn=4,title=EL101 textspeak::message``

GitHub rejects (silently, in the runner's debug log) annotations whose ``col``/``endColumn``
span several lines or run backwards, so columns are only sent for single-line findings.

GitHub also shows at most 10 error, 10 warning and 10 notice annotations per step, and 50 per job
(actions/toolkit, docs/problem-matchers.md, "Limitations":
https://github.com/actions/toolkit/blob/main/docs/problem-matchers.md#limitations); the rest are
dropped without a word. So errors come first, then warnings, then notices; findings past the limit
are printed as plain log lines after a note saying how many were not shown, and every finding is
in the job summary (``step_summary``, written by the CLI to ``$GITHUB_STEP_SUMMARY``).
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


# Annotations GitHub shows per kind and step (see the module docstring for the source).
PER_STEP = 10
_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_KIND_NAMES = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def plain_line(v: Violation) -> str:
    """A log line for a finding past the limit: one line, starting with "- ", so that no file name or
    message can begin a line with "::" and be run as a workflow command."""
    text = f"{v.path}:{v.line}:{v.column}: {v.code} [{v.severity}] {v.message} ({v.name})"
    return "- " + " ".join(text.splitlines())


def split_shown(
    violations: list[Violation], per_step: int = PER_STEP
) -> tuple[list[Violation], list[Violation]]:
    """(annotated, not shown as annotations): errors, then warnings, then notices, ``per_step`` of each.

    When anything is cut, one notice slot is kept for the note that says so."""
    by_kind = {severity: [v for v in violations if v.severity == severity] for severity in _ORDER}
    overflow = any(len(same) > per_step for same in by_kind.values())
    shown: list[Violation] = []
    hidden: list[Violation] = []
    for severity, same in by_kind.items():
        limit = per_step - 1 if overflow and severity == Severity.INFO else per_step
        shown += same[:limit]
        hidden += same[limit:]
    return shown, hidden


def hidden_note(hidden: list[Violation], violations: list[Violation]) -> str:
    parts = []
    for severity in _ORDER:
        n_hidden = sum(1 for v in hidden if v.severity == severity)
        if n_hidden:
            total = sum(1 for v in violations if v.severity == severity)
            kind = _KIND_NAMES[severity]
            parts.append(f"{n_hidden} of {total} {kind}{'s' if total != 1 else ''}")
    text = (
        f"{' and '.join(parts)} not shown as annotations (GitHub shows at most {PER_STEP} of each kind per "
        "step); every finding is in the job summary and listed in this step's log."
    )
    return f"::notice title={escape_property('engagelint: findings not shown')}::{escape_data(text)}"


class GithubFormatter(Formatter):
    name = "github"

    def finish(self, summary: Summary) -> str:
        from engagelint.formatters.text import summary_line

        shown, hidden = split_shown(self.violations)
        lines = [annotation(v) for v in shown]
        if hidden:
            lines.append(hidden_note(hidden, self.violations))
            lines += [plain_line(v) for v in hidden]
        # A plain line for the log; annotations carry the findings themselves.
        lines.append(summary_line(summary))
        return "\n".join(lines) + "\n"

    def step_summary(self, summary: Summary, blob_url: str | None = None) -> str:
        """Markdown for ``$GITHUB_STEP_SUMMARY``: every finding, grouped by file; with ``blob_url``
        (``https://github.com/OWNER/REPO/blob/SHA/``) each line number links to the file."""
        from engagelint.formatters.github_summary import job_summary
        from engagelint.formatters.locations import repo_root

        return job_summary(self.violations, summary, blob_url, repo_root(self.options.root))
