"""Violations to and from plain JSON data (for the cache and baselines). Never pickle:
a cache can live next to an untrusted content repo, and JSON cannot carry code."""

from __future__ import annotations

from typing import Any

from engagelint.models import Edit, Fix, Location, Severity, Violation


def violation_to_json(v: Violation) -> list[Any]:
    fix = None
    if v.fix is not None:
        fix = [v.fix.message, [[e.start, e.end, e.content, _loc(e.location)] for e in v.fix.edits]]
    return [v.path, v.line, v.column, v.end_line, v.end_column, v.code, v.name, v.category, int(v.severity),
            v.message, fix, v.text]  # fmt: skip


def violation_from_json(data: list[Any]) -> Violation:
    path, line, col, eline, ecol, code, name, category, severity, message, fix, text = data
    fx = None
    if fix is not None:
        fx = Fix(fix[0], tuple(Edit(s, e, c, Location(*loc)) for s, e, c, loc in fix[1]))
    return Violation(
        path=path, line=line, column=col, end_line=eline, end_column=ecol, code=code, name=name,
        category=category, severity=Severity(severity), message=message, fix=fx, text=text,
    )  # fmt: skip


def _loc(loc: Location) -> list[Any]:
    return [loc.path, loc.line, loc.column, loc.end_line, loc.end_column]
