"""A pull request controls the whole checkout: symlinks, config paths, committed index files, rule
packs. Nothing in it may make engagelint read or write outside the project (issue 13)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SECRET = "AUTHORIZATION: basic c2VjcmV0LXRva2VuLWZyb20tY2k="
DRAFT = "Join our repair café on Saturday in Lille, bring your bike and a friend.\n"


def run(args, cwd, env=None, **kw):
    full_env = {**os.environ, "ENGAGELINT_CACHE_DIR": str(Path(cwd).parent / "cache"), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "engagelint", *args], cwd=cwd, capture_output=True, text=True,
        encoding="utf-8", env=full_env, **kw,
    )  # fmt: skip


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git checkout whose .git/config holds a CI token, with one honest draft."""
    root = tmp_path / "repo"
    (root / "drafts").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "config", "http.extraheader", SECRET], check=True)
    (root / "engagelint.toml").write_text('lang = "en"\n', encoding="utf-8")
    (root / "drafts" / "ok.md").write_text(DRAFT, encoding="utf-8")
    return root


# -- symlinked drafts ---------------------------------------------------------------------------
def test_symlink_to_git_config_is_refused_with_one_line_and_never_read(repo):
    os.symlink("../.git/config", repo / "drafts" / "leak.txt")
    run_ = run(["--no-cache", "--format", "json", "drafts"], repo)
    assert "c2VjcmV0" not in run_.stdout + run_.stderr
    assert "leak.txt" not in run_.stdout
    warnings = [line for line in run_.stderr.splitlines() if "leak.txt" in line]
    assert warnings == ["engagelint: warning: drafts/leak.txt: symlink points into .git; not read"]
    assert json.loads(run_.stdout)["summary"]["files"] == 1


def test_symlink_to_etc_passwd_is_refused_even_when_named_explicitly(repo):
    os.symlink("/etc/passwd", repo / "drafts" / "p.txt")
    # pre-commit passes every staged file by name, so an explicit path is checked as well.
    for args in (["drafts"], ["drafts/p.txt", "drafts/ok.md"]):
        run_ = run(["--no-cache", *args], repo)
        assert "root:" not in run_.stdout and "p.txt" not in run_.stdout
        assert "engagelint: warning: drafts/p.txt: symlink points outside the project; not read" in (
            run_.stderr.splitlines()
        )
        assert run_.returncode in (0, 1), run_.stderr


def test_git_folder_is_never_read_even_when_named(repo):
    run_ = run(["--no-cache", ".git/config"], repo)
    assert "c2VjcmV0" not in run_.stdout + run_.stderr
    assert "engagelint: warning: .git/config: inside .git; not read" in run_.stderr.splitlines()


def test_symlinked_folder_leading_outside_is_refused(repo, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "private.md").write_text("Private notes: the launch slips to March.\n", encoding="utf-8")
    os.symlink(outside, repo / "linked")
    run_ = run(["--no-cache", "linked"], repo)
    assert "private" not in run_.stdout.lower()
    assert "engagelint: warning: linked: symlink points outside the project; not read" in run_.stderr


def test_symlink_inside_the_project_is_still_linted(repo):
    (repo / "shared").mkdir()
    (repo / "shared" / "post.md").write_text("OMG u guys this is sooo gr8!!!\n", encoding="utf-8")
    os.symlink("../shared/post.md", repo / "drafts" / "post.md")
    run_ = run(["--no-cache", "drafts"], repo)
    assert "drafts/post.md" in run_.stdout and "warning: drafts/post.md" not in run_.stderr


def test_html_report_never_embeds_a_file_outside_the_project(repo):
    os.symlink("../.git/config", repo / "drafts" / "leak.txt")
    os.symlink("/etc/passwd", repo / "drafts" / "p.txt")
    run_ = run(["report", "drafts", "-o", "report.html"], repo)
    html = (repo / "report.html").read_text(encoding="utf-8")
    assert "c2VjcmV0" not in html and "root:x:" not in html and "leak.txt" not in html
    assert "engagelint: warning: drafts/leak.txt: symlink points into .git; not read" in run_.stderr
    assert "engagelint: warning: drafts/p.txt: symlink points outside the project; not read" in run_.stderr
