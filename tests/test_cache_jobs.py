"""The result cache and --jobs: same answers as a plain run, cross-file rules included."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from engagelint.api import lint_paths
from engagelint.cache import clear

ROOT = Path(__file__).resolve().parents[1]
SAME = "Our refill stations are now open in forty partner stores across the country this week."


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("ENGAGELINT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def dicts(result):
    return [v.to_dict() for v in result.violations]


def make_repo(tmp_path: Path, copies: int = 6) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "examples", repo)
    drafts = repo / "drafts"
    for i in range(copies):
        shutil.copytree(drafts / "en", drafts / f"copy{i}")
    return repo


def test_jobs_2_gives_exactly_the_output_of_jobs_1(tmp_path: Path):
    repo = make_repo(tmp_path, copies=12)  # > 64 files: workers really start
    one = lint_paths([str(repo)], jobs=1)
    two = lint_paths([str(repo)], jobs=2)
    assert one.files == two.files > 64
    assert dicts(one) == dicts(two) and one.posts == two.posts


def test_cache_hit_and_partial_invalidation_keep_cross_file_rules_right(tmp_path: Path):
    repo = tmp_path / "r"
    repo.mkdir()
    (repo / "engagelint.toml").write_text("platforms = ['x', 'linkedin']\n")
    (repo / "a.md").write_text(f"---\nplatform: x\n---\n{SAME}\n")
    (repo / "b.md").write_text(f"---\nplatform: linkedin\n---\n{SAME}\n")
    (repo / "c.md").write_text("---\nplatform: x\n---\nOMG u guys!!!\n")
    plain = lint_paths([str(repo)])
    first = lint_paths([str(repo)], cache=True)
    second = lint_paths([str(repo)], cache=True)
    assert dicts(plain) == dicts(first) == dicts(second)
    assert "EL407" in {v.code for v in second.violations}  # corpus rule: same text on two networks

    (repo / "b.md").write_text(
        "---\nplatform: linkedin\n---\nA completely different message for our LinkedIn followers today.\n"
    )
    third = lint_paths([str(repo)], cache=True)
    assert dicts(third) == dicts(lint_paths([str(repo)]))
    assert "EL407" not in {v.code for v in third.violations}

    (repo / "b.md").write_text(f"---\nplatform: linkedin\n---\n{SAME}\n")
    assert dicts(lint_paths([str(repo)], cache=True)) == dicts(plain)


def test_corrupt_cache_is_detected_and_rebuilt(tmp_path: Path, cache_dir: Path):
    repo = make_repo(tmp_path, copies=0)
    good = lint_paths([str(repo)], cache=True)
    for f in cache_dir.rglob("*.json"):
        f.write_bytes(f.read_bytes()[: len(f.read_bytes()) // 2])  # truncate every entry
    again = lint_paths([str(repo)], cache=True)
    assert dicts(again) == dicts(good)
    assert any("corrupt cache entry" in w for w in again.warnings)
    assert clear(cache_dir) > 0 and not cache_dir.exists()


@pytest.mark.slow
def test_concurrent_writers_never_corrupt_the_cache(tmp_path: Path, cache_dir: Path):
    repo = make_repo(tmp_path, copies=2)
    cmd = [sys.executable, "-m", "engagelint", str(repo), "--format", "json", "-j", "1"]
    env = {**__import__("os").environ, "ENGAGELINT_CACHE_DIR": str(cache_dir)}
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(4)]
    outs = [p.communicate() for p in procs]
    assert len({o[0] for o in outs}) == 1  # every writer printed the same report
    final = subprocess.run(cmd, capture_output=True, env=env)
    assert final.stdout == outs[0][0] and b"corrupt" not in final.stderr


def test_same_size_rewrite_within_the_same_second_is_seen(tmp_path: Path):
    repo = tmp_path / "r"
    repo.mkdir()
    draft = repo / "a.md"
    bad, good = "---\nplatform: [x\n---\nHello there!\n", "---\nplatform: [x]\n---\nHello there\n"
    assert len(bad) == len(good)
    draft.write_text(bad)
    assert [v.code for v in lint_paths([str(repo)], cache=True, select=["syntax"]).violations] == ["EL001"]
    draft.write_text(good)  # same size, very likely the same mtime tick
    assert lint_paths([str(repo)], cache=True, select=["syntax"]).violations == []
