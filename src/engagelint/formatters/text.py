"""Human output: ``path:line:col: CODE [severity] message (name)`` and a summary line."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from engagelint.formatters.base import Formatter, Summary

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


class TextFormatter(Formatter):
    name = "text"

    def _c(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.options.color else text

    def finish(self, summary: Summary) -> str:
        return "".join(self.chunks(summary))

    def chunks(self, summary: Summary) -> Iterator[str]:
        """One line per violation, then the summary line: written as they are made."""
        for v in self.violations:
            sev = str(v.severity)
            where = self._c(_BOLD, f"{v.path}:{v.line}:{v.column}:")
            fix = " [*]" if v.fix is not None else ""
            yield f"{where} {self._c(_COLORS[sev], v.code)} [{sev}] {v.message} {self._c(_DIM, f'({v.name})')}{fix}\n"
        yield summary_line(summary) + "\n"


def summary_line(summary: Summary) -> str:
    from engagelint.i18n import _, ngettext

    files = ngettext("%(n)d file", "%(n)d files", summary.files) % {"n": summary.files}
    posts = ngettext("%(n)d post", "%(n)d posts", summary.posts) % {"n": summary.posts}
    if not summary.violations:
        text = _("All clear: no problems in %(files)s (%(posts)s).") % {"files": files, "posts": posts}
    else:
        names = {
            "error": lambda n: ngettext("%(n)d error", "%(n)d errors", n),
            "warning": lambda n: ngettext("%(n)d warning", "%(n)d warnings", n),
            "info": lambda n: ngettext("%(n)d info", "%(n)d infos", n),
        }
        parts = [names[k](summary.by_severity.get(k, 0)) % {"n": summary.by_severity.get(k, 0)}
                 for k in ("error", "warning", "info") if summary.by_severity.get(k, 0)]  # fmt: skip
        n = summary.violations
        text = ngettext(
            "Found %(n)d problem (%(parts)s) in %(files)s (%(posts)s).",
            "Found %(n)d problems (%(parts)s) in %(files)s (%(posts)s).",
            n,
        ) % {"n": n, "parts": ", ".join(parts), "files": files, "posts": posts}
        if summary.fixable:
            n = summary.fixable
            text += " " + ngettext("%(n)d fixable with --fix.", "%(n)d fixable with --fix.", n) % {"n": n}
    if summary.fixed:
        text += " " + _("Fixed %(n)d.") % {"n": summary.fixed}
    if summary.baseline_suppressed or summary.baseline_stale:
        text += " " + _("Baseline: %(known)d known, %(stale)d stale.") % {
            "known": summary.baseline_suppressed,
            "stale": summary.baseline_stale,
        }
    return text


def statistics(violations) -> str:
    counts = Counter((v.code, v.name) for v in violations)
    width = max((len(str(n)) for n in counts.values()), default=1)
    rows = [
        f"{n:>{width}}  {code}  {name}"
        for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return "\n".join(rows) + ("\n" if rows else "")
