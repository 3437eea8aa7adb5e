"""Running the linter over many files: the result cache and ``--jobs`` worker processes.

Workers each build the config, registry and NLP pipeline once (process initializer) and lint
chunks of files; the main process feeds corpus rules with what the workers saw, in file order,
so the output is identical to ``--jobs 1``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from engagelint.config.schema import ConfigError
from engagelint.engine import FileReport, Linter, internal_error
from engagelint.models import Violation

RACY_NS = 2_000_000_000
PARALLEL_MIN_FILES = 64  # below this, starting workers costs more than it saves
CHUNK = 32
PARALLEL_MIN_CSV_BYTES = 256 * 1024  # a CSV export this large is worth workers on its own
IN_FLIGHT_PER_JOB = 4  # tasks submitted ahead per worker: enough to keep them busy, memory bounded

_worker_linter: Linter | None = None


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def lint_one(linter: Linter, path: str, data: bytes | None = None, size: int | None = None) -> FileReport:
    """Read (unless given), parse and lint one file; problems reading it become violations. The
    report carries the content key of the bytes it was linted from (for ``--fix`` and the cache)."""
    from engagelint.cache import content_key
    from engagelint.reading import file_problem, parse_bytes, read_file

    if data is None:
        try:
            data, size = read_file(path, linter.config.max_file_size)
        except OSError as exc:
            data, size = b"\0unreadable", -1  # keyed as runner._read keys an unreadable file
            report = FileReport(
                path, violations=file_problem(linter, path, "EL000", f"cannot read file ({exc.strerror})")
            )
            return FileReport(path, violations=report.violations, digest=content_key(path, data, size))
    digest = content_key(path, data, len(data) if size is None else size)
    try:
        parsed, problems = parse_bytes(data, path, linter.config, linter, size)
        del data  # the parsed text is all that is needed from here on
        if parsed is None:
            return FileReport(path, violations=problems, digest=digest)
        report = linter.lint_source(parsed)
    except ConfigError:
        raise
    except Exception as exc:  # rule failures are caught per rule; this is the reader or the engine
        return FileReport(
            path, violations=[linter.said(internal_error(path, "reading this file", exc))], digest=digest
        )
    report.violations = problems + report.violations
    report.digest = digest
    return report


def _init_worker(config, select, ignore, extend_select) -> None:
    import signal

    # Ctrl-C is the main process's to handle (one line, exit 130); workers are stopped by it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _worker_linter
    _worker_linter = Linter(config, select=select, ignore=ignore, extend_select=extend_select)


def _lint_task(linter: Linter, task: tuple) -> list[FileReport]:
    """One unit of work: ("files", paths), ("csv", batch, digest) or ("empty", path, digest)."""
    kind = task[0]
    if kind == "files":
        return [lint_one(linter, p) for p in task[1]]
    if kind == "empty":  # an export with a header and no rows
        return [FileReport(task[1], digest=task[2])]
    from engagelint.csv_stream import lint_batch

    batch, digest = task[1], task[2]
    try:
        report = lint_batch(linter, batch)
    except ConfigError:
        raise
    except Exception as exc:  # the reader or the engine: as lint_one reports it
        line = batch.first_line
        report = FileReport(
            batch.path, violations=[internal_error(batch.path, "reading this file", exc, line)]
        )
        report.partial = not batch.last
    report.digest = digest
    return [report]


def _lint_task_in_worker(task: tuple) -> list[FileReport]:
    assert _worker_linter is not None
    return _lint_task(_worker_linter, task)


def _csv_stream(linter: Linter, path: str):
    """(content key, batches) of a CSV export to stream, or None to lint it as one file."""
    from engagelint.cache import content_key
    from engagelint.csv_stream import plan
    from engagelint.reading import read_file
    from engagelint.sources.decode import DecodeError, decode

    try:
        data, size = read_file(path, linter.config.max_file_size)
    except OSError:
        return None
    if size > linter.config.max_file_size:
        return None
    try:
        text = decode(data).text
    except DecodeError:
        return None
    digest = content_key(path, data, size)
    del data
    batches = plan(path, text, linter)
    return None if batches is None else (digest, batches)


def _tasks(linter: Linter, paths: list[str]) -> Iterator[tuple]:
    """Files in chunks of CHUNK, and each CSV export as batches of rows, in ``paths`` order."""
    from engagelint.sources.document import kind_for_path

    plain: list[str] = []
    for p in paths:
        stream = _csv_stream(linter, p) if kind_for_path(p) == "csv" else None
        if stream is None:
            plain.append(p)
            if len(plain) == CHUNK:
                yield ("files", plain)
                plain = []
            continue
        if plain:
            yield ("files", plain)
            plain = []
        digest, batches = stream
        empty = True
        for batch in batches:
            empty = False
            yield ("csv", batch, digest if batch.last else None)
        if empty:
            yield ("empty", p, digest)
    if plain:
        yield ("files", plain)


def _has_large_csv(paths: list[str]) -> bool:
    from engagelint.sources.document import kind_for_path

    for p in paths:
        if kind_for_path(p) == "csv":
            try:
                if os.stat(p).st_size >= PARALLEL_MIN_CSV_BYTES:
                    return True
            except OSError:
                pass
    return False


def iter_reports(
    linter: Linter, paths: list[str], jobs: int, select, ignore, extend_select
) -> Iterable[FileReport]:
    """Reports in ``paths`` order, linted here or by ``jobs`` worker processes. A streamed CSV
    export gives one report per batch of rows, all but the last ``partial``."""
    if jobs <= 1 or (len(paths) < PARALLEL_MIN_FILES and not _has_large_csv(paths)):
        for task in _tasks(linter, paths):
            yield from _lint_task(linter, task)
        return
    import multiprocessing
    from collections import deque

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=ctx, initializer=_init_worker,
        initargs=(linter.config, select, ignore, extend_select),
    ) as pool:  # fmt: skip
        try:
            # A bounded number of tasks in flight: batches of a large export are read as they go.
            pending: deque = deque()
            for task in _tasks(linter, paths):
                pending.append(pool.submit(_lint_task_in_worker, task))
                if len(pending) >= IN_FLIGHT_PER_JOB * jobs:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BaseException:  # interrupted or failed: do not wait for the remaining chunks
            pool.shutdown(wait=False, cancel_futures=True)
            for proc in list(getattr(pool, "_processes", {}).values()):
                proc.terminate()
            raise


def archive_state(config) -> str:
    """Sizes and times of the archive index and source files: a changed archive invalidates the
    run cache. Only the configured, validated paths are looked at (never a walk of what a
    committed symlink points to)."""
    from engagelint.duplication.files import ADDED_FILE, INDEX_FILE
    from engagelint.duplication.settings import ArchiveConfigError, archive_settings
    from engagelint.duplication.sources import ArchiveSourceError, source_files

    settings = config.profile.archive
    parts = [repr(settings), repr(config.redis_url)]
    if settings is None:  # no [archive]: the default index may still exist
        try:
            settings = archive_settings(
                {}, config.root, allow_outside=config.allow_outside_root, redis_url=config.redis_url
            )
        except ArchiveConfigError:
            return "|".join(parts)
    files = [settings.index / INDEX_FILE, settings.index / ADDED_FILE]
    for src in settings.sources:
        try:
            files.extend(source_files(src, settings.root))
        except ArchiveSourceError:
            parts.append(f"{src}:unreadable")
    for f in files:
        try:
            st = os.lstat(f)
        except OSError:
            continue
        parts.append(f"{f}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def run(
    linter: Linter,
    paths: list[str],
    *,
    jobs: int = 1,
    cache=None,
    select=None,
    ignore=(),
    extend_select=(),
    on_file=None,
    digests: dict[str, str] | None = None,
) -> tuple[list[Violation], int, list[str]]:
    """Lint ``paths``: (violations, posts, warnings). ``digests`` receives each file's content key
    (``cache.content_key``) of the bytes its violations were found in, for ``--fix``."""
    warnings: list[str] = []
    digests = {} if digests is None else digests
    tick = on_file or (lambda path: None)
    if cache is None:
        violations: list[Violation] = []
        posts = 0
        for report in iter_reports(linter, paths, jobs, select, ignore, extend_select):
            posts += report.posts
            violations.extend(report.violations)
            if report.digest is not None:
                digests[report.path] = report.digest
            linter.absorb(report)
            if not report.partial:
                tick(report.path)
        violations.extend(linter.finish())
        return violations, posts, warnings

    # With a cache: key every file first; an unchanged run is answered at once.
    # Content keys, as git does it: a file whose size, mtime and inode are unchanged since the
    # last run keeps its recorded content hash; any other file is read and hashed. Only the keys
    # are kept (60 drafts of 9.5 MB held in memory cost 540 MiB): a miss reads each file again.
    from engagelint.cache import content_key

    keys: list[str] = []
    stats = cache.load_stats()
    new_stats: dict[str, list] = {}
    for p in paths:
        try:
            st = os.stat(p)
            stamp = [st.st_size, st.st_mtime_ns, st.st_ino]
        except OSError:
            stamp = None
        known = stats.get(p)
        if stamp is not None and known is not None and known[:3] == stamp:
            keys.append(known[3])
            new_stats[p] = known
            continue
        key = content_key(p, *_read(p, linter.config.max_file_size))
        keys.append(key)
        # A file modified in the last seconds may change again within the same mtime tick with
        # the same size ("racy git"): do not trust its stamp next time, hash it again.
        if stamp is not None and time.time_ns() - stamp[1] > RACY_NS:
            new_stats[p] = [*stamp, key]
    digests.update(zip(paths, keys, strict=True))
    run_key = cache.run_key(keys, archive_state(linter.config))
    hit = cache.get_run(run_key, paths)
    if hit is not None:
        if new_stats != stats:
            cache.save_stats(new_stats)
        return hit["violations"], hit["posts"], cache.warnings

    violations = []
    posts = 0
    needs_posts = bool(linter._corpus)
    todo: list[str] = []
    changed = False  # a file changed while the run read it: its results are not cached
    for p, key in zip(paths, keys, strict=True):
        cached = cache.get_file(key)
        if cached is None:
            todo.append(p)
            continue
        data, size = _read(p, linter.config.max_file_size)
        if content_key(p, data, size) != key:
            todo.append(p)  # changed since it was keyed: lint what is there now
            changed = True
            continue
        violations.extend(cached[0])
        tick(p)
        if needs_posts:  # corpus rules must still see this file's posts
            report = lint_one(_corpus_only(linter), p, data, size)
            if report.suppressions is not None:  # what post rules suppressed in the original run
                for index, code in cached[1]:
                    if index < len(report.suppressions.directives):
                        report.suppressions.directives[index].used.add(code)
            linter.absorb(report)
            posts += report.posts
        else:
            posts += _count_posts(linter, p, data, size)
        del data
    key_of = dict(zip(paths, keys, strict=True))
    parts: list[Violation] = []  # violations of the earlier batches of a streamed CSV export
    for report in iter_reports(linter, todo, jobs, select, ignore, extend_select):
        posts += report.posts
        violations.extend(report.violations)
        if report.partial:
            parts.extend(report.violations)
            linter.absorb(report)
            continue
        if parts:
            report.violations, parts = parts + report.violations, []
        used = []
        if report.suppressions is not None:
            used = [[i, c] for i, d in enumerate(report.suppressions.directives) for c in sorted(d.used)]
        if report.digest == key_of[report.path]:
            cache.put_file(key_of[report.path], report.violations, used)
        else:  # the bytes linted are not the bytes keyed: caching would file them under the wrong key
            changed = True
        linter.absorb(report)
        tick(report.path)
    violations.extend(linter.finish())
    violations.sort(key=Violation.sort_key)
    if not changed:
        cache.put_run(run_key, violations, posts, len(paths))
    cache.save()
    cache.save_stats({p: s for p, s in new_stats.items() if not changed or p not in todo})
    return violations, posts, cache.warnings


def _read(path: str, max_size: int) -> tuple[bytes, int]:
    from engagelint.reading import read_file

    try:
        return read_file(path, max_size)
    except OSError:
        return b"\0unreadable", -1


def _corpus_only(linter: Linter) -> Linter:
    """The same linter restricted to corpus rules (a cached file needs only those)."""
    restricted = getattr(linter, "_corpus_only_view", None)
    if restricted is None:
        restricted = object.__new__(Linter)
        restricted.__dict__.update(linter.__dict__)
        restricted.active = {c: a for c, a in linter.active.items() if a.rule.info.scope == "corpus"}
        restricted._per_file_cache = {}
        linter._corpus_only_view = restricted
    return restricted


def _count_posts(linter: Linter, path: str, data: bytes, size: int) -> int:
    from engagelint.reading import parse_bytes

    parsed, _ = parse_bytes(data, path, linter.config, linter, size)
    return len(parsed.posts) if parsed is not None else 0


def cache_for(config, linter: Linter, extra: tuple = ()):
    from engagelint.cache import ResultCache, default_cache_root, fingerprint

    if not config.profile.cache:
        return None
    return ResultCache(default_cache_root(), Path(config.root), fingerprint(config, linter.active, extra))
