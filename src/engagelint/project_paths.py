"""Keep every file engagelint reads or writes inside the project.

The project folder is the folder of the configuration file, else the current folder. A pull
request controls everything in it, symlinks and config values included, so:

- a draft, rule pack, archive source or index whose *real* path (symlinks resolved) leaves the
  project, or enters a version-control folder (``.git``), is refused;
- a path named in the configuration must stay inside the project unless the caller allows it
  (``--allow-outside-root``);
- files engagelint writes are opened without following a symlink (``O_NOFOLLOW``).

Files shipped inside engagelint itself (its example archive) count as inside.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path

VCS_DIRS = frozenset({".git", ".hg", ".svn"})
ALLOW_FLAG = "--allow-outside-root"
_SHIPPED = Path(__file__).resolve().parent  # engagelint's own package data is trusted


class OutsidePath(ValueError):
    """A configured path that leaves the project; the message names the key and the path."""


def display(path: str | os.PathLike) -> str:
    """A path safe to print on one line: undecodable bytes as U+FFFD, control characters escaped."""
    safe = os.fspath(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return safe.translate({i: f"\\x{i:02x}" for i in (*range(32), 127)})


def is_within(path: str | os.PathLike, base: str | os.PathLike) -> bool:
    """Whether ``path`` is ``base`` or below it (both compared as given: resolve them first)."""
    p, b = os.fspath(path), os.fspath(base)
    return p == b or p.startswith(b.rstrip(os.sep) + os.sep)


def _vcs_part(real: str, base: str) -> bool:
    rel = os.path.relpath(real, base) if is_within(real, base) else real
    return any(part in VCS_DIRS for part in Path(rel).parts)


def refusal(path: str | os.PathLike, base: str | os.PathLike, shipped_ok: bool = True) -> str | None:
    """Why engagelint must not use ``path`` (its real path leaves ``base`` or enters ``.git``);
    None when it may. ``base`` is the project folder, or a folder the user named outside it.
    Files shipped inside engagelint may be read (``shipped_ok``), never written."""
    real = os.path.realpath(path)
    base_real = os.path.realpath(base)
    linked = real != os.path.abspath(path)
    if not (is_within(real, base_real) or (shipped_ok and is_within(real, str(_SHIPPED)))):
        return "symlink points outside the project" if linked else "outside the project"
    if _vcs_part(real, base_real) or _vcs_part(os.path.abspath(path), base_real):
        return "symlink points into .git" if linked else "inside .git"
    return None


def base_for(named: str | os.PathLike, root: str | os.PathLike) -> Path:
    """The folder a named path's files must stay in: the project folder when the path is written
    inside it, else the folder the user named (a file's own folder)."""
    absolute = Path(os.path.abspath(named))
    root_abs = Path(os.path.abspath(root))
    if is_within(absolute, root_abs) or is_within(absolute, os.path.realpath(root_abs)):
        return root_abs
    return absolute if absolute.is_dir() else absolute.parent


def config_path(
    key: str, value: str, root: Path, allow_outside: bool = False, for_writing: bool = False
) -> Path:
    """A path from the configuration, relative to the project folder; raises OutsidePath when it
    leaves the project (lexically or through a symlink) and ``allow_outside`` is false. Files
    shipped inside engagelint may be read, never written (``for_writing``)."""
    p = Path(os.path.expanduser(value) if allow_outside else value)
    full = p if p.is_absolute() else Path(root) / p
    if allow_outside:
        return full
    lexical = os.path.normpath(os.path.abspath(full))
    root_abs = os.path.abspath(root)
    why = None
    shipped = not for_writing and is_within(os.path.realpath(full), str(_SHIPPED))
    if not (is_within(lexical, root_abs) or shipped):
        why = "is outside the project folder"
    elif not shipped:
        reason = refusal(full, root, shipped_ok=not for_writing)
        if reason is not None:
            why = "points outside the project folder" if "outside" in reason else "is inside .git"
    if why:
        raise OutsidePath(
            f"{key}: {display(value)!r} {why} ({display(root_abs)}); config paths must stay "
            f"inside it (pass {ALLOW_FLAG} to allow)"
        )
    return full


def open_nofollow(path: str | os.PathLike, flags: int, mode: int = 0o644) -> int:
    """``os.open`` that refuses a symlink as the last component (raises OSError ELOOP)."""
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0), mode)


def write_text_nofollow(path: str | os.PathLike, text: str | Iterable[str]) -> None:
    """Write a report the user named (``-o``), given whole or in pieces: a symlink there (perhaps
    committed by a pull request) is refused, not followed. Raises OSError."""
    if os.path.islink(path):
        raise OSError(errno.ELOOP, "is a symlink; engagelint does not write through one", os.fspath(path))
    fd = open_nofollow(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        if isinstance(text, str):
            fh.write(text)
        else:
            fh.writelines(text)
