"""The archive index on disk: one file, written atomically, guarded by a lock file.

Writers (``archive build``, ``archive add``, a lint run rebuilding a stale index) hold an
exclusive ``flock`` on ``<index>/lock`` while they read, change and write; the new file is
written to a temporary file in the same folder, flushed, and moved over the old one with
``os.replace``, so readers (who take no lock) see either the old index or the new one, never a
partial file.

The folder is engagelint's own state (``.engagelint/archive`` by default, inside the content
repository): on creation it gets a ``.gitignore`` holding ``*`` (as ruff does for ``.ruff_cache``),
so neither the index, the lock nor the temporary files ever show in ``git status``.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from engagelint.duplication.index import ArchiveIndex

INDEX_FILE = "index.bin"
LOCK_FILE = "lock"
ADDED_FILE = "added.json"  # files given to `archive add`, kept beside the index to survive its rebuilds
GITIGNORE = "# Written by engagelint: the archive index is rebuilt from [archive] source when needed.\n*\n"


class FileStore:
    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.path = self.directory / INDEX_FILE

    def exists(self) -> bool:
        return self.path.is_file()

    def read(self) -> ArchiveIndex:
        """Raises FileNotFoundError, or IndexProblem when the file cannot be used."""
        return ArchiveIndex.from_bytes(self.path.read_bytes())

    def write(self, index: ArchiveIndex) -> int:
        """Write atomically; returns the file size in bytes."""
        data = index.to_bytes()
        self._write_atomic(self.path, data)
        return len(data)

    def added(self) -> list[str]:
        try:
            value = json.loads((self.directory / ADDED_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        return [str(v) for v in value] if isinstance(value, list) else []

    def write_added(self, files: list[str]) -> None:
        self._write_atomic(
            self.directory / ADDED_FILE, json.dumps(sorted(set(files)), indent=0).encode("utf-8")
        )

    def _ensure_directory(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        ignore = self.directory / ".gitignore"
        if not ignore.exists():
            with contextlib.suppress(OSError):  # a read-only checkout still gets its index
                ignore.write_text(GITIGNORE, encoding="utf-8")

    def _write_atomic(self, path: Path, data: bytes) -> None:
        self._ensure_directory()
        fd, tmp = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=self.directory)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o644)  # mkstemp creates 0600; the index is shared by the team
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        self._ensure_directory()
        with open(self.directory / LOCK_FILE, "a+b") as fh:
            try:
                import fcntl
            except ImportError:  # pragma: no cover - Windows: atomic replace still protects readers
                yield
                return
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
