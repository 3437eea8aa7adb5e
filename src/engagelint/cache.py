"""A content-addressed result cache, safe to share between processes.

Two levels, both keyed by content, never by timestamps:
- per file: sha256(file bytes, path) under a run fingerprint (engagelint version, effective
  config and rule selection, rule packs, the hour: some rules compare schedules with "now")
  -> that file's post, thread and syntax violations;
- per run: the fingerprint plus every file key plus the archive index state -> the final
  result, corpus rules included. An unchanged re-run is answered from this entry alone.
When only some files changed, unchanged files reuse their per-file entry and corpus rules
(duplication, cadence…) are re-run over every post, so cross-file findings stay correct.

Entries are JSON with a checksum, written through a temporary file and an atomic rename; a
truncated or foreign entry is detected and ignored (then rewritten). The cache folder may be
restored from elsewhere (a CI cache), so everything read back is validated: an entry that is not
exactly what this version writes (a run entry for other files, a violation with a bad field) is a
miss with a warning, never a crash and never a result. Location: ``$ENGAGELINT_CACHE_DIR``,
else ``$XDG_CACHE_HOME/engagelint`` (``~/.cache/engagelint``), one folder per project root.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from datetime import UTC
from pathlib import Path
from typing import Any

from engagelint._version import __version__
from engagelint.models import Violation
from engagelint.project_paths import refusal
from engagelint.serialize import violation_from_json, violation_to_json

FORMAT = 2  # 2: run entries name their key and file count; everything read back is validated
MAX_RUN_ENTRIES = 8


def default_cache_root() -> Path:
    env = os.environ.get("ENGAGELINT_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "engagelint"


def _digest(*parts: Any) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p if isinstance(p, bytes) else str(p).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def fingerprint(config, active: dict, extra: tuple = ()) -> str:
    """What besides file contents decides the results."""
    config_bytes = b""
    if config.path is not None:
        try:
            config_bytes = Path(config.path).read_bytes()
        except OSError:
            pass
    rules = sorted((code, str(a.severity), json.dumps(a.options, sort_keys=True, default=str), a.rule.info.origin)
                   for code, a in active.items())  # fmt: skip
    packs = []
    for pack in config.extend:
        folder = Path(pack) if Path(pack).is_absolute() else config.root / pack
        if folder.is_dir():
            for f in sorted(folder.glob("*.y*ml")):
                # Only what the registry may load: never a file a symlink leads to outside.
                if config.allow_outside_root or refusal(f, config.root) is None:
                    packs.append((f.name, f.read_bytes()))
    for name in getattr(config, "presets", ()):
        from engagelint.config.presets import preset_text

        packs.append((f"preset:{name}", preset_text(name)))
    # Some rules compare schedules with the run's clock: a pinned clock keys exactly, the system
    # clock by the hour (an unchanged re-run within the hour is a hit).
    moment = config.profile.now
    if moment is None or not config.profile.now_pinned:
        from engagelint.clock import resolve_now

        clock_key = (moment or resolve_now()).astimezone(UTC).strftime("%Y-%m-%dT%H")
    else:
        clock_key = moment.isoformat()
    from engagelint import i18n

    # Messages are stored translated: the language they were written in is part of the key.
    messages = (getattr(config, "messages", "en"), i18n.resolve("auto"))
    return _digest(FORMAT, __version__, config_bytes, config.root, rules, packs, clock_key, extra, messages)


def content_key(path: str, data: bytes, size: int) -> str:
    """The key of a file's linted bytes (its size is part of it: an oversized file is not read)."""
    return _digest(path, data + str(size).encode())


class ResultCache:
    def __init__(self, root: Path, project: Path, fingerprint: str) -> None:
        self.dir = root / _digest(project.resolve())[:16]
        self.fingerprint = fingerprint
        self.warnings: list[str] = []
        self._files: dict[str, list] = {}
        self._new: dict[str, list] = {}
        self._loaded = False

    # -- storage ----------------------------------------------------------------------------
    def _read(self, path: Path) -> Any | None:
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        try:
            envelope = json.loads(raw)
            payload = envelope["payload"]
            if isinstance(envelope.get("format"), int) and envelope["format"] != FORMAT:
                return None  # written by another engagelint version: a plain miss, rewritten
            if envelope.get("format") != FORMAT or envelope.get("checksum") != _digest(payload):
                raise ValueError("checksum mismatch")
            return json.loads(payload)
        except (ValueError, KeyError, TypeError, RecursionError):
            self._corrupt(path)
            return None

    def _corrupt(self, path: Path) -> None:
        message = f"{path}: corrupt cache entry ignored (it will be rebuilt)"
        if message not in self.warnings:
            self.warnings.append(message)

    def _write(self, path: Path, data: Any) -> None:
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        envelope = json.dumps({"format": FORMAT, "checksum": _digest(payload), "payload": payload})
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(envelope)
            os.replace(tmp, path)  # atomic: concurrent writers never leave a torn entry
        except OSError as exc:
            self.warnings.append(f"{path}: cannot write the cache ({exc.strerror})")

    # -- per file ---------------------------------------------------------------------------
    def _files_path(self) -> Path:
        return self.dir / f"files-{self.fingerprint[:16]}.json"

    def get_file(self, key: str) -> tuple[list[Violation], list] | None:
        """(violations, used suppressions as [directive index, code]) of a file seen before."""
        if not self._loaded:
            files = self._read(self._files_path())
            if files is not None and not isinstance(files, dict):
                self._corrupt(self._files_path())
                files = None
            self._files = files or {}
            self._loaded = True
        entry = self._files.get(key)
        if entry is None:
            return None
        try:
            if not isinstance(entry, dict) or not isinstance(entry.get("v"), list):
                raise ValueError("not a file entry")
            used = entry.get("used", [])
            if not isinstance(used, list) or not all(
                isinstance(u, list)
                and len(u) == 2
                and isinstance(u[0], int)
                and u[0] >= 0
                and isinstance(u[1], str)
                for u in used
            ):
                raise ValueError("bad used suppressions")
            return [violation_from_json(v) for v in entry["v"]], used
        except ValueError:
            self._corrupt(self._files_path())
            del self._files[key]
            return None

    def put_file(self, key: str, violations: list[Violation], used: list | None = None) -> None:
        self._new[key] = {"v": [violation_to_json(v) for v in violations], "used": used or []}

    # -- per run ----------------------------------------------------------------------------
    def run_key(self, file_keys: list[str], extra: str = "") -> str:
        return _digest(self.fingerprint, extra, *file_keys)

    def get_run(self, key: str, paths: list[str] | None = None) -> dict | None:
        """The recorded result of the run ``key`` over ``paths``; None (a miss) for anything else."""
        path = self.dir / "runs" / f"{key}.json"
        data = self._read(path)
        if data is None:
            return None
        try:
            if not isinstance(data, dict) or data.get("key") != key:
                raise ValueError("entry for another run")
            posts, files = data.get("posts"), data.get("files")
            if not isinstance(posts, int) or isinstance(posts, bool) or posts < 0:
                raise ValueError("bad post count")
            if paths is not None and files != len(paths):
                raise ValueError("entry for other files")
            if not isinstance(data.get("violations"), list):
                raise ValueError("bad violations")
            violations = [violation_from_json(v) for v in data["violations"]]
            known = set(paths) if paths is not None else None
            if known is not None and any(v.path not in known for v in violations):
                raise ValueError("violation in a file that is not part of the run")
        except ValueError:
            self._corrupt(path)
            return None
        return {"violations": violations, "posts": posts}

    def put_run(self, key: str, violations: list[Violation], posts: int, files: int | None = None) -> None:
        runs = self.dir / "runs"
        self._write(
            runs / f"{key}.json",
            {
                "key": key,
                "files": files,
                "violations": [violation_to_json(v) for v in violations],
                "posts": posts,
            },
        )
        try:  # keep the newest few runs only
            entries = sorted(runs.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in entries[MAX_RUN_ENTRIES:]:
                old.unlink(missing_ok=True)
        except OSError:
            pass

    # -- stat index (size, mtime, inode -> content key), like git's index ----------------------
    def load_stats(self) -> dict[str, list]:
        """path -> [size, mtime_ns, inode, content key]; entries of any other shape are dropped."""
        data = self._read(self.dir / "stats.json")
        if not isinstance(data, dict):
            if data is not None:
                self._corrupt(self.dir / "stats.json")
            return {}
        good = {p: s for p, s in data.items() if _stat_entry(s)}
        if len(good) != len(data):
            self._corrupt(self.dir / "stats.json")
        return good

    def save_stats(self, stats: dict[str, list]) -> None:
        self._write(self.dir / "stats.json", stats)

    def save(self) -> None:
        if not self._new:
            return
        merged = dict(self._files) if self._loaded else (self._read(self._files_path()) or {})
        merged.update(self._new)
        self._write(self._files_path(), merged)
        self._new.clear()


def _stat_entry(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 4
        and all(isinstance(x, int) and not isinstance(x, bool) for x in value[:3])
        and isinstance(value[3], str)
        and len(value[3]) == 64
    )


def clear(root: Path | None = None) -> int:
    """Delete every cache entry; returns the number of files removed."""
    import shutil

    root = root or default_cache_root()
    if not root.is_dir():
        return 0
    count = sum(1 for p in root.rglob("*") if p.is_file())
    shutil.rmtree(root, ignore_errors=True)
    return count
