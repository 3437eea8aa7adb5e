"""The result cache may be restored from anywhere (a CI cache shared with forks): whatever is read
back is validated; a forged or damaged entry is a miss with a warning, never a crash or a result."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DRAFT = "---\nplatform: x\nlang: en\n---\nOMG u guys, our new store is open!!!\n"


def _el(root: Path, cache: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "ENGAGELINT_CACHE_DIR": str(cache)}
    return subprocess.run(
        [sys.executable, "-m", "engagelint", "--no-color", "."],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )


def _forge(entry: Path, payload_data=None, raw_payload: str | None = None) -> None:
    """Overwrite ``entry`` as the cache writes one (same format; the checksum is no secret)."""
    fmt = json.loads(entry.read_text())["format"]
    payload = raw_payload if raw_payload is not None else json.dumps(payload_data)
    checksum = hashlib.sha256(payload.encode() + b"\0").hexdigest()
    entry.write_text(json.dumps({"format": fmt, "checksum": checksum, "payload": payload}))


@pytest.fixture
def project(tmp_path: Path):
    root = tmp_path / "repo"
    root.mkdir()
    (root / "a.md").write_text(DRAFT)
    (root / "b.md").write_text(DRAFT.replace("store", "shop"))
    cache = tmp_path / "cache"
    first = _el(root, cache)
    assert first.returncode == 1 and "Found" in first.stdout
    return root, cache, first.stdout


def _only(cache: Path, pattern: str) -> list[Path]:
    found = sorted(cache.rglob(pattern))
    assert found, f"no {pattern} in the cache"
    return found


FORGED_RUNS = [
    {"violations": [], "posts": 3},
    {"violations": [], "posts": -1, "files": 2},
    {"violations": [["a.md", 1, 1, 1, 1, "EL101", "x", "noise", 9, "m", None, ""]], "posts": 2, "files": 2},
    {"violations": "none", "posts": 2, "files": 2},
    [1, 2, 3],
]


@pytest.mark.parametrize("forged", FORGED_RUNS, ids=range(len(FORGED_RUNS)))
def test_a_forged_run_entry_is_not_a_result(project, forged):
    root, cache, first = project
    for run in _only(cache, "runs/*.json"):
        _forge(run, forged)
    again = _el(root, cache)
    assert again.returncode == 1 and again.stdout == first  # the real findings, not "All clear"
    assert "corrupt cache entry ignored" in again.stderr
    assert "Traceback" not in again.stderr


FORGED_FILES = [
    {"v": [["a.md"]], "used": []},
    {"v": "zzz"},
    {"v": [], "used": [["x", 1]]},
    {"v": [["a.md", 0, 1, 1, 1, "EL101", "x", "noise", 2, "m", None, ""]]},
    {
        "v": [
            [
                "a.md",
                1,
                1,
                1,
                1,
                "EL101",
                "x",
                "noise",
                2,
                "m",
                ["fix", [[5, 2, "x", ["a.md", 1, 1, 1, 1]]]],
                "",
            ]
        ]
    },
    "garbage",
]


@pytest.mark.parametrize("forged", FORGED_FILES, ids=range(len(FORGED_FILES)))
def test_damaged_file_entries_and_stats_are_misses(project, forged):
    root, cache, first = project
    for run in _only(cache, "runs/*.json"):
        run.unlink()
    for files in _only(cache, "files-*.json"):
        keys = json.loads(json.loads(files.read_text())["payload"])
        _forge(files, {k: forged for k in keys})
    for stats in cache.rglob("stats.json"):
        _forge(stats, {"a.md": ["x", 1, 2, "k"], "b.md": [1, 2, 3, "0" * 64]})
    again = _el(root, cache)
    assert "Traceback" not in again.stderr
    assert again.returncode == 1 and again.stdout == first
    assert "corrupt cache entry ignored" in again.stderr


@pytest.mark.parametrize("payload", ["[" * 100_000, '{"a": ' * 50_000], ids=["deep-list", "deep-dict"])
def test_deeply_nested_cache_json_is_a_miss(project, payload):
    root, cache, first = project
    for entry in [*_only(cache, "runs/*.json"), *_only(cache, "files-*.json")]:
        _forge(entry, raw_payload=payload)
    again = _el(root, cache)
    assert "Traceback" not in again.stderr
    assert again.returncode == 1 and again.stdout == first


def test_entries_of_another_cache_format_are_silent_misses(project):
    """After an upgrade the old entries are simply not used: no warning about corruption."""
    root, cache, first = project
    for entry in cache.rglob("*.json"):
        if "tables" in entry.relative_to(cache).parts:  # derived word tables, not result entries
            continue
        envelope = json.loads(entry.read_text())
        envelope["format"] = envelope["format"] - 1
        entry.write_text(json.dumps(envelope))
    again = _el(root, cache)
    assert again.returncode == 1 and again.stdout == first
    assert again.stderr == ""
