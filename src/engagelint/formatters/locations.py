"""Where a finding is, as CI services want it: repository-relative paths, stable fingerprints, UTF-8 columns.

Shared by the SARIF, rdjson and GitLab formats. Fingerprints reuse the baseline's identity of a
finding (rule code + flagged text + path, never the line number), so a finding keeps its fingerprint
when lines are inserted above it; the n-th identical finding in a file gets its own.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from engagelint.baseline import fingerprint as baseline_key
from engagelint.models import Violation


def repo_root(start: str | os.PathLike) -> Path:
    """The git work tree holding ``start`` (a ``.git`` folder or file), else ``start`` itself."""
    here = Path(os.path.abspath(start))
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def repo_relative(path: str, root: Path) -> str:
    """``path`` relative to ``root`` with forward slashes (absolute when it lies outside)."""
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute, root)
    except ValueError:  # another drive on Windows
        return Path(absolute).as_posix()
    return Path(absolute).as_posix() if rel.startswith("..") else Path(rel).as_posix()


def fingerprints(violations: Iterable[Violation], root: Path) -> list[str]:
    """One stable hex digest per finding, in order; identical findings of a file are numbered."""
    seen: Counter = Counter()
    out = []
    for v in violations:
        key = baseline_key(v, root)
        seen[key] += 1
        raw = "\0".join((*key, str(seen[key])))
        out.append(hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:32])
    return out


@lru_cache(maxsize=256)
def _lines(path: str) -> tuple[str, ...] | None:
    try:
        return tuple(Path(path).read_text(encoding="utf-8", errors="replace").splitlines())
    except OSError:
        return None


def forget_files() -> None:
    """Drop the cached file lines (a long-lived process may report on edited files)."""
    _lines.cache_clear()


def utf8_column(path: str, line: int, column: int) -> int:
    """A code-point column (1-based) as a UTF-8 byte column; unchanged when the file is unreadable."""
    lines = _lines(path)
    if lines is None or not 0 < line <= len(lines):
        return column
    prefix = lines[line - 1][: max(column - 1, 0)]
    return len(prefix.encode("utf-8", "surrogatepass")) + 1 + max(column - 1 - len(prefix), 0)
