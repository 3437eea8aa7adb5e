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


def violation_from_json(data: Any) -> Violation:
    """The violation ``data`` stands for; ValueError when it is not exactly what
    ``violation_to_json`` writes (a cache file may be damaged or forged)."""
    if not isinstance(data, list) or len(data) != 12:
        raise ValueError("not a violation record")
    path, line, col, eline, ecol, code, name, category, severity, message, fix, text = data
    _expect(all(isinstance(x, str) for x in (path, code, name, category, message, text)), "text fields")
    _expect(all(_position(x) for x in (line, col, eline, ecol)), "positions")
    _expect(_offset(severity) and severity in {int(s) for s in Severity}, "severity")
    fx = None
    if fix is not None:
        _expect(isinstance(fix, list) and len(fix) == 2 and isinstance(fix[0], str), "fix")
        _expect(isinstance(fix[1], list) and fix[1], "fix edits")
        edits = []
        for edit in fix[1]:
            _expect(isinstance(edit, list) and len(edit) == 4, "fix edit")
            s, e, c, loc = edit
            _expect(_offset(s) and _offset(e) and s <= e and isinstance(c, str), "fix edit span")
            _expect(isinstance(loc, list) and len(loc) == 5 and loc[0] == path, "fix edit location")
            _expect(all(_position(x) for x in loc[1:]), "fix edit location")
            edits.append(Edit(s, e, c, Location(*loc)))
        fx = Fix(fix[0], tuple(edits))
    return Violation(
        path=path, line=line, column=col, end_line=eline, end_column=ecol, code=code, name=name,
        category=category, severity=Severity(severity), message=message, fix=fx, text=text,
    )  # fmt: skip


def _expect(ok: bool, what: str) -> None:
    if not ok:
        raise ValueError(f"bad {what} in a violation record")


def _position(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool) and 1 <= x < 2**31


def _offset(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool) and 0 <= x < 2**31


def _loc(loc: Location) -> list[Any]:
    return [loc.path, loc.line, loc.column, loc.end_line, loc.end_column]
