"""Apply fixes safely: non-overlapping edits only, written through a temporary file and an
atomic rename that keeps permissions, line endings, the encoding and the byte-order mark.

A file is written only when it still holds exactly the bytes that were linted (``expected``, the
content key of those bytes): fixes planned on other bytes would land in the wrong places. While a
file is checked and replaced it is locked (``flock`` on the file itself, so no lock file is left in
the repository), which serialises two ``--fix`` runs at once; the second one then sees new bytes
and skips the file. Files that cannot be replaced without damage are skipped with a reason:
read-only files, files with several hard links (an atomic rename would split them), symlinks
leaving the project. A symlink inside the project is kept and its target fixed.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import time
from dataclasses import dataclass

from engagelint.models import Edit, Violation
from engagelint.sources.decode import DecodeError, decode, encode

LOCK_TIMEOUT_S = 30.0


@dataclass
class FixOutcome:
    path: str
    applied: int
    new_text: str
    old_text: str
    skipped: str | None = None  # why the file was left unchanged (one line), else None


class _Skip(Exception):
    """This file is left as it is, for the reason given."""


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


def content_key(path: str, data: bytes) -> str:
    """What identifies the linted bytes of ``path`` (the result cache's file key)."""
    from engagelint.cache import content_key as key

    return key(path, data, len(data))


def fix_file(
    path: str,
    violations: list[Violation],
    write: bool = True,
    *,
    expected: str | None = None,
    root: str | None = None,
) -> FixOutcome | None:
    """Apply the fixes of ``violations`` to ``path``. None when there is nothing to change.

    ``expected`` is the content key of the bytes the violations were found in; when the file no
    longer holds them the outcome is skipped. ``root`` is the project: a symlink whose target is
    outside it is never written through. OS errors are outcomes (skipped), never exceptions.
    """
    edits = plan_edits(violations)
    if not edits:
        return None
    try:
        target = _target(path, root)
        with _locked(target) as (fd, st):
            data = _read_fd(fd)
            if expected is not None and content_key(path, data) != expected:
                raise _Skip("changed since it was linted; not fixed (run engagelint again)")
            try:
                decoded = decode(data)
            except DecodeError:
                return None
            if edits[-1].end > len(decoded.text):
                raise _Skip("changed since it was linted; not fixed (run engagelint again)")
            new_text = apply_edits(decoded.text, edits)
            if new_text == decoded.text:
                return None
            outcome = FixOutcome(path, len(edits), new_text, decoded.text)
            if not write:
                return outcome
            if not st.st_mode & 0o222 or not os.access(target, os.W_OK):
                raise _Skip("read-only file; not fixed")
            if st.st_nlink > 1:
                raise _Skip(f"has {st.st_nlink} hard links; not fixed (rewriting it would split them)")
            try:
                _replace(target, encode(new_text, decoded.encoding), st, data)
            except OSError as exc:
                reason = exc.strerror or str(exc)
                raise _Skip(f"cannot write the fix ({reason}); the file is unchanged") from None
            return outcome
    except _Skip as skip:
        return FixOutcome(path, 0, "", "", str(skip))
    except OSError as exc:
        return FixOutcome(path, 0, "", "", f"cannot read the file ({exc.strerror or exc}); not fixed")


def _target(path: str, root: str | None) -> str:
    """The file to write: ``path`` itself, or the target of a symlink inside the project."""
    if not os.path.islink(path):
        return path
    real = os.path.realpath(path)
    if root is None:
        raise _Skip("is a symlink; not fixed")
    base = os.path.realpath(root)
    if os.path.commonpath([base, real]) != base:
        raise _Skip("is a symlink to a file outside the project; not fixed")
    return real


class _locked:
    """Open ``target`` and hold an exclusive ``flock`` on the file that is at that name now.

    Another run may replace the file (rename) while we wait: then the lock we got is on the old
    inode, so we open the name again."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.fd = -1

    def __enter__(self) -> tuple[int, os.stat_result]:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: the content check still guards the write
            fcntl = None
        deadline = time.monotonic() + LOCK_TIMEOUT_S
        while True:
            # O_NONBLOCK: a FIFO put in the draft's place must not hang the run.
            flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
            fd = os.open(self.target, flags)
            try:
                while fcntl is not None:
                    try:
                        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except OSError as exc:
                        if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                            raise
                        if time.monotonic() > deadline:
                            raise _Skip("locked by another engagelint run; not fixed") from None
                        time.sleep(0.01)
                st = os.fstat(fd)
                if not stat.S_ISREG(st.st_mode):
                    raise _Skip("not a regular file; not fixed")
                now = os.stat(self.target, follow_symlinks=False)
                if (now.st_dev, now.st_ino) == (st.st_dev, st.st_ino):
                    self.fd = fd
                    return fd, st
            except BaseException:
                os.close(fd)
                raise
            os.close(fd)  # replaced while we waited: lock the new file
            if time.monotonic() > deadline:
                raise _Skip("keeps being replaced by another program; not fixed")

    def __exit__(self, *exc) -> None:
        if self.fd >= 0:
            os.close(self.fd)  # releases the lock


def _read_fd(fd: int) -> bytes:
    chunks = []
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _replace(target: str, data: bytes, st: os.stat_result, linted: bytes) -> None:
    """Write ``data`` next to ``target`` and rename it over, if ``target`` still holds ``linted``
    (an editor that does not lock may have saved meanwhile)."""
    folder = os.path.dirname(os.path.abspath(target))
    fd, tmp = tempfile.mkstemp(prefix=".engagelint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, st.st_mode & 0o7777)
        try:
            os.chown(tmp, st.st_uid, st.st_gid)
        except OSError:
            pass  # not ours to give away: the rewritten file belongs to us, like any editor's save
        with open(target, "rb") as fh:
            if fh.read() != linted:
                raise _Skip("changed since it was linted; not fixed (run engagelint again)")
        os.replace(tmp, target)
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
