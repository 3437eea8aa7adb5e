"""YAML front matter: split it off, parse it safely, remember where the body starts.

Aliases are refused outright: front matter has no use for them, and refusing them removes the
"billion laughs" expansion bomb before it can be built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from engagelint.sources.problems import SourceProblem

_OPEN = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
MAX_FRONT_MATTER = 64 * 1024

try:  # the C loader is ~10x faster; both are safe loaders
    _SafeLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _SafeLoader = yaml.SafeLoader


class _BaseLoader(_SafeLoader):
    """The safe loader, except that a date YAML cannot build (``2026-02-30``) stays the text as
    written: the metadata reader then reports it on its key instead of the whole file failing."""


def _timestamp(loader, node):
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


_BaseLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


@dataclass
class FrontMatter:
    data: dict[str, Any] = field(default_factory=dict)
    body_start: int = 0  # source index where the body begins
    start_line: int = 1  # first line of the YAML text (1-based), 0 when absent
    raw: str = ""
    problems: list[SourceProblem] = field(default_factory=list)
    present: bool = False


def split_front_matter(text: str) -> FrontMatter:
    m = _OPEN.match(text)
    if not m:
        return FrontMatter()
    close = _CLOSE.search(text, m.end())
    if close is None:
        return FrontMatter(
            problems=[
                SourceProblem(
                    "EL001",
                    "front matter opened with '---' on line 1 is never closed (add a line '---' after it)",
                    0,
                    3,
                )
            ],
            present=False,
        )
    raw = text[m.end() : close.start()]
    nl = text.find("\n", close.start())
    body_start = len(text) if nl == -1 else nl + 1
    fm = FrontMatter(body_start=body_start, start_line=2, raw=raw, present=True)
    if len(raw) > MAX_FRONT_MATTER:
        fm.problems.append(SourceProblem("EL001", "front matter is larger than 64 KiB", 0, 3))
        return fm
    try:
        if "*" in raw and _has_alias(raw):
            raise yaml.YAMLError("YAML aliases (*name) are not allowed in front matter")
        data = yaml.load(raw, Loader=_BaseLoader) if raw.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line_no = (mark.line if mark is not None else 0) + 2
        start = _line_offset(text, line_no)
        detail = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        fm.problems.append(
            SourceProblem("EL001", f"front matter is not valid YAML: {detail} (line {line_no})", start, start)
        )
        return fm
    except (ValueError, OverflowError, RecursionError, TypeError) as exc:  # a value YAML cannot build
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        fm.problems.append(SourceProblem("EL001", f"front matter cannot be read: {detail}", 0, 3))
        return fm
    if data is None:
        data = {}
    if not isinstance(data, dict):
        fm.problems.append(
            SourceProblem(
                "EL001",
                f"front matter must be a mapping of keys to values, not a {type(data).__name__}",
                m.end(),
                m.end(),
            )
        )
        return fm
    fm.data = {str(k): v for k, v in data.items()}
    return fm


def _has_alias(raw: str) -> bool:
    for event in yaml.parse(raw, Loader=_BaseLoader):
        if isinstance(event, yaml.AliasEvent):
            return True
    return False


def _line_offset(text: str, line_no: int) -> int:
    pos = 0
    for _ in range(line_no - 1):
        nxt = text.find("\n", pos)
        if nxt == -1:
            return pos
        pos = nxt + 1
    return pos


def key_span(text: str, fm: FrontMatter, key: str) -> tuple[int, int]:
    """Source span of ``key`` in the front matter (for findings about a metadata value)."""
    if not fm.present:
        return 0, 0
    start = text.find("\n", 0) + 1
    m = re.compile(rf"^[ \t]*{re.escape(key)}[ \t]*:", re.MULTILINE).search(text, start, fm.body_start)
    if m is None:
        return 0, 0
    s = m.start() + (len(m.group()) - len(m.group().lstrip()))
    return s, s + len(key)
