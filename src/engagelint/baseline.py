"""Baselines: adopt engagelint on an existing content repository without fixing everything first.

``--write-baseline FILE`` records today's findings; ``--baseline FILE`` then reports only new ones.
A finding is identified by a fingerprint that survives edits elsewhere in the file and line moves:
rule code + the flagged text (case- and space-folded) + the file path (relative to the baseline
file's folder, so the run's working directory does not matter). Line numbers are deliberately not
part of it. Matching is count-aware: a file with two identical findings needs two entries, so a
third copy of the same mistake is still reported.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from engagelint.models import Violation

BASELINE_VERSION = 1

Key = tuple[str, str, str]  # (path, code, normalised text)


def normalise_text(text: str) -> str:
    return " ".join(text.casefold().split())


def _relative(path: str, base: Path) -> str:
    absolute = Path(os.path.abspath(path))
    try:
        return Path(os.path.relpath(absolute, base)).as_posix()
    except ValueError:  # another drive on Windows
        return absolute.as_posix()


def fingerprint(v: Violation, base: Path) -> Key:
    # Findings without flagged text (file-level problems) fall back to their message.
    return (_relative(v.path, base), v.code, normalise_text(v.text or v.message))


@dataclass
class Baseline:
    base: Path
    entries: Counter = field(default_factory=Counter)

    def __len__(self) -> int:
        return sum(self.entries.values())


def write_baseline(violations: Iterable[Violation], file: str | os.PathLike) -> int:
    """Write the baseline JSON; returns the number of findings recorded."""
    path = Path(file)
    base = path.resolve().parent
    counts: Counter = Counter()
    messages: dict[Key, str] = {}
    for v in violations:
        key = fingerprint(v, base)
        counts[key] += 1
        messages.setdefault(key, v.message)
    entries = [
        {"path": p, "code": code, "text": text, "count": n, "message": messages[(p, code, text)]}
        for (p, code, text), n in sorted(counts.items())
    ]
    doc = {"version": BASELINE_VERSION, "tool": "engagelint", "entries": entries}
    path.parent.mkdir(parents=True, exist_ok=True)
    # A fresh temporary file (O_EXCL), renamed over the baseline: a symlink committed at either
    # name is replaced, never written through.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return sum(counts.values())


def load_baseline(file: str | os.PathLike) -> Baseline:
    """Read a baseline; raises ``OSError`` if unreadable, ``ValueError`` if it is not a baseline."""
    path = Path(file)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(doc, dict) or "entries" not in doc:
        raise ValueError("not an engagelint baseline (no 'entries')")
    if doc.get("version") != BASELINE_VERSION:
        raise ValueError(f"unsupported baseline version {doc.get('version')!r} (expected {BASELINE_VERSION})")
    baseline = Baseline(path.resolve().parent)
    for i, entry in enumerate(doc["entries"]):
        try:
            key = (str(entry["path"]), str(entry["code"]), normalise_text(str(entry["text"])))
            count = int(entry.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise ValueError(f"entry {i} is malformed (needs path, code, text, count)") from None
        if count > 0:
            baseline.entries[key] += count
    return baseline


def apply_baseline(violations: Iterable[Violation], baseline: Baseline) -> tuple[list[Violation], int, int]:
    """Drop findings recorded in the baseline: ``(new_violations, suppressed_count, stale_count)``.

    ``stale_count`` is how many baseline entries matched nothing (fixed since): a hint to
    re-write the baseline so fixed problems cannot silently come back.
    """
    remaining = Counter(baseline.entries)
    new: list[Violation] = []
    suppressed = 0
    for v in violations:
        key = fingerprint(v, baseline.base)
        if remaining[key] > 0:
            remaining[key] -= 1
            suppressed += 1
        else:
            new.append(v)
    stale = sum(n for n in remaining.values() if n > 0)
    return new, suppressed, stale
