"""Lines changed relative to a git ref, for ``--diff REF`` / ``--changed-since REF``.

Uses the real ``git`` (``git diff --unified=0``): the same answer a reviewer sees in the pull
request, including staged and unstaged edits in the working tree.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}


class GitDiffError(RuntimeError):
    """git is missing, ``cwd`` is not in a git work tree, or the ref does not exist."""


def changed_lines(
    ref: str, paths: list[str] | tuple[str, ...], cwd: str | os.PathLike
) -> dict[str, set[int]] | None:
    """Which lines of ``paths`` changed since ``ref`` (a branch, tag, commit or ``HEAD~3``).

    Contract:

    - ``paths`` are the linted files, relative to ``cwd`` or absolute, exactly as they appear in
      ``Violation.path``. The result maps ``os.path.normpath(path)`` to the set of 1-based line
      numbers that are new or modified in the working tree compared with ``ref``
      (``git diff --unified=0 REF``: committed, staged and unstaged changes).
    - A file that does not exist in ``ref`` (new, untracked or ignored) counts as entirely changed:
      every line is in its set. A file that is unchanged maps to an empty set. Pure deletions
      add no lines. A file outside the git work tree counts as entirely changed.
    - Keep a violation when ``violation.line in result.get(os.path.normpath(violation.path), set())``.
    - Returns ``None`` only when ``paths`` is empty (nothing to filter).
    - Raises ``GitDiffError`` when git is not installed, ``cwd`` is not inside a git work tree,
      or ``ref`` does not name a commit.
    """
    if not paths:
        return None
    cwd = Path(cwd)
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip()).resolve()
    commit = _git(
        ["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd, what=f"unknown git ref {ref!r}"
    ).strip()

    in_ref = set(_git(["ls-tree", "-r", "-z", "--name-only", commit], top).split("\0"))
    diff = _git(
        [
            "-c",
            "core.quotePath=false",
            "diff",
            "--unified=0",
            "--no-color",
            "--no-ext-diff",
            "--no-renames",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            commit,
            "--",
        ],  # fmt: skip
        top,
    )
    touched = parse_unified_diff(diff)

    result: dict[str, set[int]] = {}
    for path in paths:
        key = os.path.normpath(path)
        absolute = (cwd / path).resolve()
        try:
            rel = absolute.relative_to(top).as_posix()
        except ValueError:
            result[key] = _all_lines(absolute)
            continue
        if rel in touched:
            result[key] = touched[rel]
        elif rel not in in_ref:
            result[key] = _all_lines(absolute)
        else:
            result[key] = set()
    return result


def parse_unified_diff(diff: str) -> dict[str, set[int]]:
    """Added/modified new-side line numbers per file from ``git diff --unified=0`` output."""
    changed: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            target = _unquote(line[4:])
            if target == "/dev/null":
                current = None
            else:
                current = changed.setdefault(target[2:] if target.startswith("b/") else target, set())
            continue
        if current is None or not line.startswith("@@"):
            continue
        match = _HUNK.match(line)
        if match:
            start = int(match.group(1))
            count = int(match.group(2)) if match.group(2) is not None else 1
            current.update(range(start, start + count))
    return changed


def _unquote(name: str) -> str:
    """Undo git's C-style quoting of unusual file names ("b/caf\\303\\251.md")."""
    if not (len(name) >= 2 and name[0] == '"' and name[-1] == '"'):
        return name
    body, out, i = name[1:-1], bytearray(), 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in "01234567":
                out.append(int(body[i + 1 : i + 4], 8))
                i += 4
                continue
            out.append(_ESCAPES.get(nxt, ord(nxt)))
            i += 2
            continue
        out.extend(ch.encode("utf-8"))
        i += 1
    return out.decode("utf-8", errors="surrogateescape")


def _all_lines(path: Path) -> set[int]:
    try:
        data = path.read_bytes()
    except OSError:
        return set()
    return set(range(1, data.count(b"\n") + 2))


def _git(args: list[str], cwd: Path, what: str | None = None) -> str:
    env = {**os.environ, "GIT_LITERAL_PATHSPECS": "1", "LC_ALL": "C"}
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, env=env, check=False)
    except FileNotFoundError:
        raise GitDiffError("git is not installed (needed for --diff/--changed-since)") from None
    except NotADirectoryError:
        raise GitDiffError(f"{cwd}: not a folder") from None
    if proc.returncode != 0:
        message = what or proc.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed"
        if "not a git repository" in message:
            message = f"{cwd}: not inside a git repository"
        raise GitDiffError(message)
    return proc.stdout.decode("utf-8", "surrogateescape")
