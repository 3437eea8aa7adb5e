"""Which files to lint: explicit files always; folders walked recursively in sorted order,
keeping draft suffixes, honouring ``exclude`` globs and ``.gitignore`` files.

A file whose real path leaves the project folder (or the folder named, when it lies outside the
project) or enters ``.git`` is refused with a warning and never read: a pull request can commit
``drafts/leak.txt -> ../.git/config``."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from engagelint.project_paths import base_for, display, refusal

DRAFT_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".txt", ".text", ".csv", ".tsv", ".tweet", ".toot")
SKIP_DIRS = {".git", ".hg", ".svn", ".engagelint", ".venv", "venv", "node_modules", "__pycache__", ".tox"}


@dataclass
class Discovery:
    files: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def refuse(self, raw: str, why: str) -> None:
        self.warnings.append(f"{display(raw)}: {why}; not read")


def _spec(patterns: list[str]):
    import pathspec

    # GitIgnoreSpec follows git's own precedence rules (and is not deprecated, unlike "gitwildmatch").
    return pathspec.GitIgnoreSpec.from_lines(patterns)


def discover(
    paths: list[str], root: Path, exclude: tuple[str, ...] = (), gitignore: bool = True
) -> Discovery:
    result = Discovery()
    root = root.resolve()
    excluded = _spec(list(exclude)) if exclude else None
    seen: set[str] = set()
    for raw in paths:
        p = Path(raw)
        if not p.exists() and not p.is_symlink():
            result.errors.append(f"{raw}: no such file or directory")
            continue
        base = base_for(p, root)
        why = refusal(p, base)
        if why is not None:
            result.refuse(raw, why)
            continue
        if p.is_file():
            if raw not in seen:
                seen.add(raw)
                result.files.append(raw)
            continue
        if not p.is_dir():
            result.errors.append(f"{raw}: not a regular file or folder")
            continue
        # Sorted by path components, so a folder's files and subfolders interleave as in `ls -R`.
        for f in sorted(_walk(p, root, excluded, gitignore, result.errors), key=lambda f: Path(f).parts):
            # os.walk follows no symlinked folder, so only a symlinked file can lead elsewhere.
            why = refusal(f, base) if os.path.islink(f) else None
            if why is not None:
                result.refuse(f, why)
                continue
            if f not in seen:
                seen.add(f)
                result.files.append(f)
    return result


def _abs(path: Path) -> Path:
    # Not Path.resolve(): it raises on symlink loops, which must be reported, not crash the walk.
    return Path(os.path.abspath(path))


def _rel(path: Path, root: Path) -> str | None:
    try:
        return _abs(path).relative_to(root).as_posix()
    except ValueError:
        return None


def _walk(top: Path, root: Path, excluded, gitignore: bool, errors: list[str]) -> Iterator[str]:
    ignores: list[tuple[Path, object]] = []
    if gitignore:
        # .gitignore files between the root and the walked folder apply too.
        top_abs = _abs(top)
        for parent in reversed([top_abs, *top_abs.parents]):
            if parent == root or root in parent.parents:
                gi = parent / ".gitignore"
                if gi.is_file() and not gi.is_symlink() and parent != top_abs:
                    ignores.append((parent, _read_ignore(gi)))

    def onerror(exc: OSError) -> None:
        errors.append(f"{exc.filename}: cannot read folder ({exc.strerror})")

    # A folder named on the command line is linted even when an ancestor's .gitignore or the
    # exclude globs cover it (as ruff does for explicit paths); rules inside it still apply.
    if _ignored(top, True, root, excluded, ignores):
        excluded, ignores = None, []
    # Each folder sees the .gitignore files of its ancestors and its own, not its siblings'.
    by_dir: dict[str, list] = {}
    for dirpath, dirnames, filenames in os.walk(top, onerror=onerror):
        d = Path(dirpath)
        local = list(by_dir.get(os.path.dirname(dirpath), ignores))
        # Like git, a symlinked .gitignore is not followed (it could lead out of the project).
        if gitignore and (d / ".gitignore").is_file() and not (d / ".gitignore").is_symlink():
            local.append((_abs(d), _read_ignore(d / ".gitignore")))
        by_dir[dirpath] = local
        keep = []
        for name in sorted(dirnames):
            if name in SKIP_DIRS or name.startswith("."):
                continue
            if _ignored(d / name, True, root, excluded, local):
                continue
            keep.append(name)
        dirnames[:] = keep
        for name in sorted(filenames):
            if not name.lower().endswith(DRAFT_SUFFIXES) or name.startswith("."):
                continue
            f = d / name
            if _ignored(f, False, root, excluded, local):
                continue
            yield str(f)


def _read_ignore(path: Path):
    try:
        return _spec(path.read_text(encoding="utf-8", errors="replace").splitlines())
    except OSError:
        return _spec([])


def _ignored(path: Path, is_dir: bool, root: Path, excluded, ignores) -> bool:
    rel = _rel(path, root)
    if excluded is not None and rel is not None:
        if excluded.match_file(rel + ("/" if is_dir else "")):
            return True
    for base, spec in ignores:
        try:
            sub = _abs(path).relative_to(base).as_posix()
        except ValueError:
            continue
        if spec.match_file(sub + ("/" if is_dir else "")):
            return True
    return False
