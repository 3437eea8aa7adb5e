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
truncated or foreign entry is detected and ignored (then rewritten). Location: ``$ENGAGELINT_CACHE_DIR``,
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

FORMAT = 1
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
            if envelope.get("format") != FORMAT or envelope.get("checksum") != _digest(payload):
                raise ValueError("checksum mismatch")
            return json.loads(payload)
        except (ValueError, KeyError, TypeError):
            self.warnings.append(f"{path}: corrupt cache entry ignored (it will be rebuilt)")
            return None

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
            self._files = self._read(self._files_path()) or {}
            self._loaded = True
        entry = self._files.get(key)
        if entry is None:
            return None
        return [violation_from_json(v) for v in entry["v"]], entry.get("used", [])

    def put_file(self, key: str, violations: list[Violation], used: list | None = None) -> None:
        self._new[key] = {"v": [violation_to_json(v) for v in violations], "used": used or []}

    # -- per run ----------------------------------------------------------------------------
    def run_key(self, file_keys: list[str], extra: str = "") -> str:
        return _digest(self.fingerprint, extra, *file_keys)

    def get_run(self, key: str) -> dict | None:
        data = self._read(self.dir / "runs" / f"{key}.json")
        if data is None:
            return None
        data["violations"] = [violation_from_json(v) for v in data["violations"]]
        return data

    def put_run(self, key: str, violations: list[Violation], posts: int) -> None:
        runs = self.dir / "runs"
        self._write(
            runs / f"{key}.json", {"violations": [violation_to_json(v) for v in violations], "posts": posts}
        )
        try:  # keep the newest few runs only
            entries = sorted(runs.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in entries[MAX_RUN_ENTRIES:]:
                old.unlink(missing_ok=True)
        except OSError:
            pass

    # -- stat index (size, mtime, inode -> content key), like git's index ----------------------
    def load_stats(self) -> dict[str, list]:
        return self._read(self.dir / "stats.json") or {}

    def save_stats(self, stats: dict[str, list]) -> None:
        self._write(self.dir / "stats.json", stats)

    def save(self) -> None:
        if not self._new:
            return
        merged = dict(self._files) if self._loaded else (self._read(self._files_path()) or {})
        merged.update(self._new)
        self._write(self._files_path(), merged)
        self._new.clear()


def clear(root: Path | None = None) -> int:
    """Delete every cache entry; returns the number of files removed."""
    import shutil

    root = root or default_cache_root()
    if not root.is_dir():
        return 0
    count = sum(1 for p in root.rglob("*") if p.is_file())
    shutil.rmtree(root, ignore_errors=True)
    return count
