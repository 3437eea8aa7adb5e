"""The archive index on disk: one file, written atomically, guarded by a lock file.

Writers (``archive build``, ``archive add``, a lint run rebuilding a stale index) hold an
exclusive ``flock`` on ``<index>/lock`` while they read, change and write; the new file is
written to a temporary file in the same folder, flushed, and moved over the old one with
``os.replace``, so readers (who take no lock) see either the old index or the new one, never a
partial file.

The folder is engagelint's own state (``.engagelint/archive`` by default, inside the content
repository): on creation it gets a ``.gitignore`` holding ``*`` (as ruff does for ``.ruff_cache``),
so neither the index, the lock nor the temporary files ever show in ``git status``.

Everything in the folder may come from a pull request, so no file is opened through a symlink
(``O_NOFOLLOW``: a committed ``lock -> /somewhere`` must not make runs create files there), the
folder must stay inside the project, and sizes are checked before anything is loaded.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from engagelint.duplication.files import ADDED_FILE, INDEX_FILE
from engagelint.duplication.index import ArchiveIndex, IndexProblem
from engagelint.project_paths import display, open_nofollow, refusal

LOCK_FILE = "lock"
GITIGNORE = "# Written by engagelint: the archive index is rebuilt from [archive] source when needed.\n*\n"
MAX_INDEX_BYTES = 1 << 30  # ~10 million archived posts; a bigger file is refused, not loaded
MAX_ADDED_BYTES = 1 << 20


class UnsafeStore(OSError):
    """The index folder or one of its files leads elsewhere (a symlink); nothing was opened."""


class FileStore:
    def __init__(self, directory: Path, root: Path | None = None) -> None:
        self.directory = Path(directory)
        self.path = self.directory / INDEX_FILE
        self.root = root  # the project folder the index must stay in (None: anywhere)

    def exists(self) -> bool:
        return self.path.is_file()

    def _check(self, path: Path) -> None:
        if self.root is not None:
            why = refusal(self.directory, self.root, shipped_ok=False)
            if why is not None:
                raise UnsafeStore(f"{display(self.directory)}: {why}; archive index not used")
        if path.is_symlink():
            raise UnsafeStore(f"{display(path)}: is a symlink; engagelint never opens its files through one")

    def _read_bytes(self, path: Path, limit: int) -> bytes:
        self._check(path)
        fd = open_nofollow(path, os.O_RDONLY)
        with os.fdopen(fd, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > limit:
                raise IndexProblem(f"is {size / 1048576:.0f} MiB, over the {limit / 1048576:.0f} MiB limit")
            data = fh.read(limit + 1)
        if len(data) > limit:
            raise IndexProblem(f"is over the {limit / 1048576:.0f} MiB limit")
        return data

    def read(self) -> ArchiveIndex:
        """Raises FileNotFoundError, UnsafeStore, or IndexProblem when the file cannot be used."""
        return ArchiveIndex.from_bytes(self._read_bytes(self.path, MAX_INDEX_BYTES))

    def write(self, index: ArchiveIndex) -> int:
        """Write atomically; returns the file size in bytes."""
        data = index.to_bytes()
        self._write_atomic(self.path, data)
        return len(data)

    def added(self) -> list[str]:
        try:
            value = json.loads(self._read_bytes(self.directory / ADDED_FILE, MAX_ADDED_BYTES))
        except (OSError, ValueError, IndexProblem):
            return []
        return [str(v) for v in value] if isinstance(value, list) else []

    def write_added(self, files: list[str]) -> None:
        self._write_atomic(
            self.directory / ADDED_FILE, json.dumps(sorted(set(files)), indent=0).encode("utf-8")
        )

    def _ensure_directory(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        ignore = self.directory / ".gitignore"
        # O_EXCL: never through a (even dangling) symlink, never over an existing file.
        with contextlib.suppress(OSError):  # exists already, or a read-only checkout
            fd = open_nofollow(ignore, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(GITIGNORE)

    def _write_atomic(self, path: Path, data: bytes) -> None:
        self._check(path)  # before creating anything; os.replace replaces a symlink, never its target
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
        lock = self.directory / LOCK_FILE
        self._check(lock)
        self._ensure_directory()
        with os.fdopen(open_nofollow(lock, os.O_RDWR | os.O_CREAT), "r+b") as fh:
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
