"""Inline suppressions: ``<!-- engagelint-disable CODE -->`` … ``<!-- engagelint-enable CODE -->``,
``<!-- engagelint-disable-next-line CODE -- reason -->`` and front matter ``engagelint: {disable: [...]}``.

Codes may be rule codes or names; no code means every rule. A directive that suppresses nothing
is reported as EL004 (like ruff's RUF100), so stale suppressions do not pile up.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

_DIRECTIVE = re.compile(
    r"<!--\s*engagelint-(disable-next-line|disable-line|disable|enable)\b(.*?)-->", re.DOTALL | re.IGNORECASE
)


@dataclass
class Directive:
    kind: str  # "disable", "enable", "disable-next-line", "disable-line", "file"
    codes: tuple[str, ...]  # canonical codes; () = all rules
    line: int
    start: int  # source span of the comment (for EL004)
    end: int
    reason: str = ""
    first_line: int = 0
    last_line: int = 0
    used: set[str] = field(default_factory=set)


class Suppressions:
    def __init__(self, directives: list[Directive]) -> None:
        self.directives = directives

    def suppresses(self, code: str, line: int) -> bool:
        hit = False
        for d in self.directives:
            if d.kind == "enable":
                continue
            if d.first_line <= line <= d.last_line and (not d.codes or code in d.codes):
                d.used.add(code)
                hit = True
        return hit

    def unused(self) -> Iterable[tuple[Directive, str]]:
        """(directive, what is unused) for every directive or code that suppressed nothing."""
        for d in self.directives:
            if d.kind == "enable":
                continue
            if not d.codes:
                if not d.used:
                    yield d, "all rules"
            else:
                for code in d.codes:
                    if code not in d.used:
                        yield d, code


def parse_suppressions(
    text: str,
    position: Callable[[int], tuple[int, int]],
    resolve: Callable[[str], str | None],
    file_disables: Iterable[str] = (),
    file_disable_span: tuple[int, int] = (0, 0),
    unknown: list[tuple[str, int, int]] | None = None,
) -> Suppressions:
    """Parse the directives of a file. ``resolve`` maps a code or name to a code (None if unknown);
    unknown codes are appended to ``unknown`` as (code, start, end)."""
    last_line = position(len(text))[0]
    directives: list[Directive] = []

    def codes_of(spec: str, start: int, end: int) -> tuple[str, ...]:
        out = []
        for raw in re.split(r"[\s,]+", spec.strip()):
            if not raw:
                continue
            code = resolve(raw)
            if code is None:
                if unknown is not None:
                    unknown.append((raw, start, end))
            else:
                out.append(code)
        return tuple(out)

    if file_disables:
        s, e = file_disable_span
        codes = codes_of(" ".join(file_disables), s, e)
        if codes:
            directives.append(Directive("file", codes, 1, s, e, first_line=1, last_line=last_line))
    if "engagelint-" not in text:
        return Suppressions(directives)
    open_ranges: list[Directive] = []
    for m in _DIRECTIVE.finditer(text):
        kind = m.group(1).lower()
        body, _, reason = m.group(2).partition("--")
        line = position(m.start())[0]
        codes = codes_of(body, m.start(), m.end())
        if body.strip() and not codes:
            continue  # only unknown codes: reported as such, and must not turn into "all rules"
        d = Directive(kind, codes, line, m.start(), m.end(), reason.strip())
        if kind == "disable-next-line":
            d.first_line = d.last_line = position(m.end())[0] + 1
        elif kind == "disable-line":
            d.first_line = d.last_line = line
        elif kind == "disable":
            d.first_line, d.last_line = line, last_line
            open_ranges.append(d)
        elif kind == "enable":
            for o in open_ranges:
                if o.last_line == last_line and (not d.codes or set(o.codes) & set(d.codes) or not o.codes):
                    o.last_line = line
            open_ranges = [o for o in open_ranges if o.last_line == last_line]
        directives.append(d)
    return Suppressions(directives)
