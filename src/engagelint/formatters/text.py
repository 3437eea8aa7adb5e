"""Human output: ``path:line:col: CODE [severity] message (name)`` and a summary line."""

from __future__ import annotations

from collections import Counter

from engagelint.formatters.base import Formatter, Summary

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


class TextFormatter(Formatter):
    name = "text"

    def _c(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.options.color else text

    def finish(self, summary: Summary) -> str:
        lines = []
        for v in self.violations:
            sev = str(v.severity)
            where = self._c(_BOLD, f"{v.path}:{v.line}:{v.column}:")
            fix = " [*]" if v.fix is not None else ""
            lines.append(
                f"{where} {self._c(_COLORS[sev], v.code)} [{sev}] {v.message} {self._c(_DIM, f'({v.name})')}{fix}"
            )
        lines.append(summary_line(summary))
        return "\n".join(lines) + "\n"


def summary_line(summary: Summary) -> str:
    files = f"{summary.files} file{'s' if summary.files != 1 else ''}"
    posts = f"{summary.posts} post{'s' if summary.posts != 1 else ''}"
    if not summary.violations:
        text = f"All clear: no problems in {files} ({posts})."
    else:
        parts = [f"{summary.by_severity.get(k, 0)} {k}{'s' if summary.by_severity.get(k, 0) != 1 else ''}"
                 for k in ("error", "warning", "info") if summary.by_severity.get(k, 0)]  # fmt: skip
        n = summary.violations
        text = f"Found {n} problem{'s' if n != 1 else ''} ({', '.join(parts)}) in {files} ({posts})."
        if summary.fixable:
            text += f" {summary.fixable} fixable with --fix."
    if summary.fixed:
        text += f" Fixed {summary.fixed}."
    if summary.baseline_suppressed or summary.baseline_stale:
        text += f" Baseline: {summary.baseline_suppressed} known, {summary.baseline_stale} stale."
    return text


def statistics(violations) -> str:
    counts = Counter((v.code, v.name) for v in violations)
    width = max((len(str(n)) for n in counts.values()), default=1)
    rows = [
        f"{n:>{width}}  {code}  {name}"
        for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return "\n".join(rows) + ("\n" if rows else "")
