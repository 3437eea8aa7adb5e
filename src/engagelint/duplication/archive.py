"""Build, extend and open the archive of published posts (file index or Redis).

Library code: no printing. Every function returns what happened as values; ``notes`` are
one-line messages for people (why an index was rebuilt, why the archive is skipped).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from engagelint.duplication.features import Features
from engagelint.duplication.index import ArchiveIndex, IndexProblem
from engagelint.duplication.records import ArchiveEntry, ArchiveMatch
from engagelint.duplication.settings import ArchiveSettings
from engagelint.duplication.sources import read_entries, read_file_entries, source_files
from engagelint.duplication.store import FileStore, UnsafeStore
from engagelint.project_paths import base_for, display, refusal


class Matcher(Protocol):
    def query_many(self, feats: Sequence[Features], threshold: float) -> list[list[ArchiveMatch]]: ...

    def __len__(self) -> int: ...


class ArchiveError(Exception):
    """The archive cannot be built or extended (no source configured, unreadable file, Redis down)."""


@dataclass
class ArchiveReport:
    where: str  # index file or Redis URL
    posts: int = 0  # posts in the archive afterwards
    added: int = 0  # posts added by this call
    notes: list[str] = field(default_factory=list)
    size: int = 0  # bytes on disk (file index)


# -- source fingerprints (a changed export makes the file index stale) --------------------------
def _stat(paths: Iterable[Path]) -> list[dict[str, Any]]:
    out = []
    for p in paths:
        try:
            st = p.stat()
            out.append({"path": str(p.resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns})
        except OSError:
            out.append({"path": str(p.resolve()), "size": -1, "mtime_ns": -1})
    return out


def _source_files(settings: ArchiveSettings) -> list[Path]:
    files: list[Path] = []
    for src in settings.sources:
        try:
            files.extend(source_files(src, settings.root))
        except ValueError as exc:
            raise ArchiveError(str(exc)) from None
    return files


def _entries(settings: ArchiveSettings, added: Sequence[str] = ()) -> list[ArchiveEntry]:
    entries: list[ArchiveEntry] = []
    try:
        for src in settings.sources:
            entries.extend(read_entries(src, settings.root))
        for f in added:
            # added.json is committed with the index: a file it lists outside the project is not read.
            if settings.root is not None and refusal(f, settings.root) is not None:
                continue
            if Path(f).is_file():
                entries.extend(read_file_entries(Path(f)))
    except ValueError as exc:  # ArchiveSourceError
        raise ArchiveError(str(exc)) from None
    return entries


def _fresh_index(settings: ArchiveSettings, added: Sequence[str] = ()) -> ArchiveIndex:
    if not settings.sources:
        raise ArchiveError(
            "no archive source configured (set [archive] source = path to an export or folder)"
        )
    index = ArchiveIndex()
    index.extend(_entries(settings, added))
    index.meta = {"sources": _stat(_source_files(settings)), "added": list(added)}
    return index


def _stale_reason(index: ArchiveIndex, settings: ArchiveSettings) -> str | None:
    if not settings.sources:
        return None  # an index without a configured source is used as it is
    try:
        now = _stat(_source_files(settings))
    except ArchiveError as exc:
        return str(exc)
    if now != index.meta.get("sources"):
        return "the archive source changed since the index was built"
    return None


# -- public API ---------------------------------------------------------------------------------
def build(settings: ArchiveSettings) -> ArchiveReport:
    """(Re)build the whole archive from the configured sources."""
    if settings.redis:
        return _redis_build(settings)
    store = FileStore(settings.index, settings.root)
    with _locked(store):
        index = _fresh_index(settings, store.added())
        size = store.write(index)
    return ArchiveReport(str(store.path), len(index), len(index), size=size)


def add(settings: ArchiveSettings, files: Sequence[Path]) -> ArchiveReport:
    """Append the posts of ``files`` (JSONL, CSV exports or drafts) not yet in the archive."""
    entries: list[ArchiveEntry] = []
    try:
        for f in files:
            # `archive add $(git diff --name-only)` may name a committed symlink.
            why = refusal(f, base_for(f, settings.root)) if settings.root is not None else None
            if why is not None:
                raise ArchiveError(f"{display(f)}: {why}; not read")
            entries.extend(read_file_entries(Path(f)))
    except ValueError as exc:
        raise ArchiveError(str(exc)) from None
    if settings.redis:
        from engagelint.duplication.redis_store import RedisUnavailable

        archive = _redis(settings)
        notes = []
        try:
            problem = archive.problem()
            if problem and len(archive):
                archive.clear()
                notes.append(
                    f"{problem}: cleared; run `engagelint archive build` to re-add the configured source"
                )
            added = archive.extend(entries)
        except RedisUnavailable as exc:
            raise ArchiveError(str(exc)) from None
        return ArchiveReport(settings.redis, len(archive), added, notes)
    store = FileStore(settings.index, settings.root)
    notes: list[str] = []
    with _locked(store):
        index, problem = _read(store)
        if index is None and (problem or settings.sources):
            notes.append(_rebuild_note(store, problem))
        if index is None:
            index = (
                _fresh_index(settings, store.added())
                if settings.sources
                else ArchiveIndex(meta={"sources": [], "added": []})
            )
        added = index.extend(entries)
        index.meta["added"] = sorted({*store.added(), *(str(Path(f).resolve()) for f in files)})
        size = store.write(index)
        store.write_added(index.meta["added"])
    return ArchiveReport(str(store.path), len(index), added, notes, size)


def open_archive(settings: ArchiveSettings) -> tuple[Matcher | None, list[str]]:
    """The archive to query during a lint run, rebuilding a missing, stale or damaged file index
    from the configured source. Returns (None, notes) when there is no usable archive."""
    if settings.redis:
        try:
            archive = _redis(settings)
        except ArchiveError as exc:
            return None, [f"archive skipped: {exc}"]
        problem = archive.problem()
        if problem is None:
            return archive, []
        if not settings.sources:
            return None, [f"archive skipped: {problem} (run `engagelint archive build`)"]
        try:
            report = _redis_build(settings)
        except ArchiveError as exc:
            return None, [f"archive skipped: {exc}"]
        return archive, [f"{problem}: rebuilt from the source ({report.posts} posts)"]
    store = FileStore(settings.index, settings.root)
    if not store.exists() and not settings.sources:
        return None, []
    index, problem = _read(store)
    stale = _stale_reason(index, settings) if index is not None else None
    if index is not None and stale is None:
        return index, []
    if not settings.sources:
        return None, [f"archive skipped: {store.path}: {problem}; set [archive] source to rebuild it"]
    try:
        return _rebuild(store, settings, problem)
    except OSError as exc:  # UnsafeStore (a symlinked lock), a read-only checkout
        return None, [f"archive skipped: {exc if isinstance(exc, UnsafeStore) else exc.strerror}"]


def _rebuild(store: FileStore, settings: ArchiveSettings, problem: str | None):
    with store.locked():
        # Another process may have rebuilt it while we waited for the lock.
        index, problem = _read(store)
        stale = _stale_reason(index, settings) if index is not None else None
        if index is not None and stale is None:
            return index, []
        added = store.added()
        try:
            fresh = _fresh_index(settings, added)
            store.write(fresh)
        except (ArchiveError, OSError) as exc:
            return None, [f"archive skipped: {exc}"]
    reason = stale or problem
    return fresh, [f"{_rebuild_note(store, reason)} ({len(fresh)} posts)"]


@contextlib.contextmanager
def _locked(store: FileStore) -> Iterator[None]:
    """``store.locked()`` with a refused or unwritable lock file as an ArchiveError."""
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(store.locked())
        except UnsafeStore as exc:
            raise ArchiveError(str(exc)) from None
        except OSError as exc:
            raise ArchiveError(f"{store.directory}: cannot lock the archive index ({exc.strerror})") from None
        yield


def _read(store: FileStore) -> tuple[ArchiveIndex | None, str | None]:
    try:
        return store.read(), None
    except FileNotFoundError:
        return None, None
    except UnsafeStore as exc:
        return None, str(exc).split(": ", 1)[-1]
    except IndexProblem as exc:
        return None, str(exc)
    except OSError as exc:
        return None, f"cannot read ({exc.strerror})"


def _rebuild_note(store: FileStore, reason: str | None) -> str:
    if reason is None:
        return f"archive index {store.path} not found: building it from the source"
    return f"archive index {store.path} {reason}: rebuilding it from the source"


def _redis(settings: ArchiveSettings):
    from engagelint.duplication.redis_store import RedisArchive, RedisUnavailable

    try:
        return RedisArchive(settings.redis or "", settings.redis_prefix)
    except RedisUnavailable as exc:
        raise ArchiveError(str(exc)) from None


def _redis_build(settings: ArchiveSettings) -> ArchiveReport:
    if not settings.sources:
        raise ArchiveError(
            "no archive source configured (set [archive] source = path to an export or folder)"
        )
    from engagelint.duplication.redis_store import RedisUnavailable

    entries = _entries(settings)
    archive = _redis(settings)
    try:
        archive.clear()
        added = archive.extend(entries)
    except RedisUnavailable as exc:
        raise ArchiveError(str(exc)) from None
    return ArchiveReport(settings.redis or "", len(archive), added)


def index_size(settings: ArchiveSettings) -> int:
    path = FileStore(settings.index, settings.root).path
    return os.path.getsize(path) if path.is_file() else 0
