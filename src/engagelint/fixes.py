"""Apply fixes safely: non-overlapping edits only, written through a temporary file and an
atomic rename that keeps permissions, line endings and the byte-order mark."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass

from engagelint.models import Edit, Violation
from engagelint.sources.decode import DecodeError, decode, encode


@dataclass
class FixOutcome:
    path: str
    applied: int
    new_text: str
    old_text: str


def plan_edits(violations: list[Violation]) -> list[Edit]:
    """Edits to apply together: sorted, the first of any overlapping pair wins (the rest wait
    for the next run), exact duplicates applied once."""
    edits = sorted(
        {e for v in violations if v.fix is not None for e in v.fix.edits},
        key=lambda e: (e.start, e.end, e.content),
    )
    chosen: list[Edit] = []
    last_end = -1
    for e in edits:
        if e.start < last_end or (chosen and e.start == chosen[-1].start and e.start == e.end):
            continue
        chosen.append(e)
        last_end = max(last_end, e.end)
    return chosen


def apply_edits(text: str, edits: list[Edit]) -> str:
    out = []
    pos = 0
    for e in edits:
        out.append(text[pos : e.start])
        out.append(e.content)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def fix_file(path: str, violations: list[Violation], write: bool = True) -> FixOutcome | None:
    edits = plan_edits(violations)
    if not edits:
        return None
    with open(path, "rb") as fh:
        data = fh.read()
    try:
        decoded = decode(data)
    except DecodeError:
        return None
    if edits[-1].end > len(decoded.text):
        return None  # the file changed since it was linted
    new_text = apply_edits(decoded.text, edits)
    if new_text == decoded.text:
        return None
    if write:
        atomic_write(path, encode(new_text, decoded.encoding))
    return FixOutcome(path, len(edits), new_text, decoded.text)


def atomic_write(path: str, data: bytes) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    st = os.stat(path)
    fd, tmp = tempfile.mkstemp(prefix=".engagelint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, st.st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def unified_diff(outcome: FixOutcome) -> str:
    import difflib

    return "".join(
        difflib.unified_diff(
            outcome.old_text.splitlines(keepends=True),
            outcome.new_text.splitlines(keepends=True),
            fromfile=f"a/{outcome.path}",
            tofile=f"b/{outcome.path}",
        )
    )
