"""``--diff REF``/``--changed-since REF`` against a real git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from engagelint.cli import cli
from engagelint.gitdiff import GitDiffError, changed_lines, parse_unified_diff

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull}  # fmt: skip
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=env
    ).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text("one\ntwo\nthree\nfour\n")
    (tmp_path / "drafts" / "été.md").write_text("un\ndeux\n")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    return tmp_path


def test_modified_added_new_and_unchanged_files(repo: Path):
    (repo / "drafts" / "a.md").write_text(
        "zero\none\nTWO\nthree\n"
    )  # insert line 1, change line 3, drop "four"
    (repo / "drafts" / "new.md").write_text("fresh\ndraft\n")  # untracked
    (repo / "drafts" / "été.md").write_text("un\ndeux\ntrois\n")  # non-ASCII name, git quotes it
    (repo / "drafts" / "same.md").write_text("x\n")
    git(repo, "add", "drafts/same.md")
    git(repo, "commit", "-q", "-m", "same")
    paths = ["drafts/a.md", "drafts/new.md", "drafts/été.md", "drafts/same.md"]
    got = changed_lines("HEAD~1", paths, repo)
    assert got["drafts/a.md"] == {1, 3}
    assert got["drafts/new.md"] == {1, 2, 3}  # every line (and the end of file)
    assert got["drafts/été.md"] == {3}
    assert got["drafts/same.md"] == {1}  # added since HEAD~1: its one line is new
    assert changed_lines("HEAD", ["drafts/same.md"], repo) == {"drafts/same.md": set()}


def test_staged_changes_and_paths_from_a_subfolder(repo: Path):
    (repo / "drafts" / "a.md").write_text("one\ntwo\nthree\nfour\nfive\n")
    git(repo, "add", "drafts/a.md")
    got = changed_lines("HEAD", ["a.md", str(repo / "drafts" / "été.md")], repo / "drafts")
    assert got == {"a.md": {5}, os.path.normpath(str(repo / "drafts" / "été.md")): set()}


def test_errors_are_clear(repo: Path, tmp_path_factory):
    with pytest.raises(GitDiffError, match="unknown git ref 'nope'"):
        changed_lines("nope", ["drafts/a.md"], repo)
    outside = tmp_path_factory.mktemp("plain")
    with pytest.raises(GitDiffError, match="not inside a git repository"):
        changed_lines("HEAD", ["x.md"], outside)
    assert changed_lines("HEAD", [], repo) is None


def test_parse_unified_diff_handles_deletions_and_quoted_names():
    diff = (
        "diff --git a/x.md b/x.md\n--- a/x.md\n+++ b/x.md\n@@ -2 +1,0 @@\n-gone\n@@ -5,0 +6,2 @@\n+a\n+b\n"
        'diff --git "a/caf\\303\\251.md" "b/caf\\303\\251.md"\n--- "a/caf\\303\\251.md"\n'
        '+++ "b/caf\\303\\251.md"\n@@ -1 +1 @@\n-x\n+y\n'
        "diff --git a/old.md b/old.md\n--- a/old.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n"
    )
    assert parse_unified_diff(diff) == {"x.md": {6, 7}, "café.md": {1}}


PACK_RULE = """\
code: ACME101
name: acme-textspeak
category: informality
summary: Chat abbreviations.
rationale: Textspeak reads as careless.
extends: substitution
swap: {pls: please}
message: "'{match}' is textspeak"
examples:
  - {lang: en, bad: "pls share", good: "Please share."}
"""


def test_cli_reports_only_changed_lines(repo: Path):
    (repo / "packs" / "acme").mkdir(parents=True)
    (repo / "packs" / "acme" / "t.yml").write_text(PACK_RULE)
    (repo / "engagelint.toml").write_text('extend = ["packs/acme"]\n')
    (repo / "drafts" / "a.md").write_text("pls share the old post\n\nsecond paragraph\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "old finding")
    (repo / "drafts" / "a.md").write_text("pls share the old post\n\nsecond paragraph, pls read\n")

    old = os.getcwd()
    os.chdir(repo)
    try:
        full = CliRunner().invoke(cli, ["drafts/a.md", "--select", "ACME101"])
        only_new = CliRunner().invoke(cli, ["drafts/a.md", "--select", "ACME101", "--diff-ref", "HEAD"])
        bad_ref = CliRunner().invoke(cli, ["drafts/a.md", "--changed-since", "no-such-branch"])
    finally:
        os.chdir(old)
    assert full.output.count("ACME101") == 2
    assert only_new.exit_code == 1
    assert only_new.output.splitlines()[0].startswith("drafts/a.md:3:19: ACME101")
    assert only_new.output.count("ACME101") == 1
    assert bad_ref.exit_code == 2 and "unknown git ref 'no-such-branch'" in bad_ref.output
