"""The published pre-commit hook, run by real pre-commit on a real git content repository.

pre-commit builds the hook's own virtualenv from this repository (``pip install .``), exactly as a
content team's machine would. That costs ~20 s once per test session (measured with the local
wheel cache), so the test is marked slow. The working tree may hold uncommitted files, so it is
copied to a temporary git repository and committed there; pre-commit then installs that commit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]

ROOT = Path(__file__).resolve().parents[1]
BAD = "---\nplatform: x\n---\nthx u guys!!!! pls share\n"
CLEAN = "---\nplatform: x\n---\nThank you all for coming to the launch.\n"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "engagelint tests",
    "GIT_AUTHOR_EMAIL": "tests@example.org",
    "GIT_COMMITTER_NAME": "engagelint tests",
    "GIT_COMMITTER_EMAIL": "tests@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def sh(cwd: Path, *args: str, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **GIT_ENV, **(env or {})}
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=full_env, timeout=900)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def pre_commit(cwd: Path, *args: str, home: Path) -> subprocess.CompletedProcess:
    exe = shutil.which("pre-commit")
    cmd = [exe] if exe else [os.sys.executable, "-m", "pre_commit"]
    return sh(cwd, *cmd, *args, check=False, env={"PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"})


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """A committed copy of this working tree (the lead's tree may have uncommitted files)."""
    copy = tmp_path_factory.mktemp("engagelint-hook") / "engagelint"
    ignore = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info", ".pytest_cache", ".ruff_cache",
                                    ".hypothesis", ".engagelint", "dist", "build")  # fmt: skip
    shutil.copytree(ROOT, copy, ignore=ignore)
    sh(copy, "git", "init", "-q")
    sh(copy, "git", "add", "-A")
    sh(copy, "git", "commit", "-q", "-m", "snapshot for the pre-commit test")
    return copy, sh(copy, "git", "rev-parse", "HEAD").stdout.strip()


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    """One pre-commit store for the pinned-rev tests: the hook's environment is installed once."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def content_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "content"
    (repo / "drafts").mkdir(parents=True)
    sh(repo, "git", "init", "-q")
    return repo


def commit_draft(repo: Path, text: str) -> None:
    (repo / "drafts" / "launch.md").write_text(text)
    # A non-draft file: the hook's `files` pattern must keep it out of engagelint.
    (repo / "notes.py").write_text("thx = 'u'  # not a draft\n")
    sh(repo, "git", "add", "-A")


def test_try_repo_fails_on_a_bad_draft(hook_repo, content_repo: Path, tmp_path: Path):
    """``pre-commit try-repo`` installs into a throw-away store on every call, so it runs once here;
    the pass/fail pair below uses a pinned rev, whose environment pre-commit installs once and reuses."""
    source, _ = hook_repo
    commit_draft(content_repo, BAD)
    bad = pre_commit(
        content_repo, "try-repo", str(source), "engagelint", "--all-files", home=tmp_path / "home"
    )
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "engagelint (social-media drafts)" in bad.stdout and "Failed" in bad.stdout
    assert "drafts/launch.md:4:1: EL101" in bad.stdout  # the draft's findings, file:line:col
    assert "notes.py" not in bad.stdout


def pin_hook(repo: Path, hook_repo: tuple[Path, str]) -> None:
    """What docs/integrations.md tells a content team to add to .pre-commit-config.yaml."""
    source, rev = hook_repo
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source}\n    rev: {rev}\n    hooks:\n      - id: engagelint\n"
    )


def test_documented_config_snippet_with_a_pinned_rev(hook_repo, content_repo: Path, pre_commit_home: Path):
    pin_hook(content_repo, hook_repo)
    home = pre_commit_home
    commit_draft(content_repo, BAD)
    bad = pre_commit(content_repo, "run", "--all-files", home=home)
    assert bad.returncode == 1 and "drafts/launch.md:4:1: EL101" in bad.stdout, bad.stdout + bad.stderr
    commit_draft(content_repo, CLEAN)
    clean = pre_commit(content_repo, "run", "--all-files", home=home)  # reuses the installed environment
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "engagelint (social-media drafts)" in clean.stdout and "Passed" in clean.stdout


def test_a_hook_run_leaves_nothing_in_git_status(hook_repo, content_repo: Path, pre_commit_home: Path):
    """The archive index, its lock and temporary files live in ``.engagelint/archive``, which
    engagelint marks ignored (a ``.gitignore`` holding ``*``): a content team's ``git status`` stays clean."""
    pin_hook(content_repo, hook_repo)
    (content_repo / "engagelint.toml").write_text('[archive]\nsource = "published/posts.jsonl"\n')
    (content_repo / "published").mkdir()
    (content_repo / "published" / "posts.jsonl").write_text(
        '{"id": "1", "date": "2026-09-12", "platform": "x", "text": "Thank you all for coming to the launch."}\n'
    )
    commit_draft(content_repo, CLEAN)
    sh(content_repo, "git", "commit", "-q", "-m", "drafts")
    before = sh(content_repo, "git", "status", "--porcelain").stdout
    assert before == ""

    run = pre_commit(content_repo, "run", "--all-files", home=pre_commit_home)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "EL703" in run.stdout  # the draft repeats an archived post: the archive was built and used
    assert (content_repo / ".engagelint" / "archive" / "index.bin").is_file()
    assert (content_repo / ".engagelint" / "archive" / "lock").is_file()
    assert sh(content_repo, "git", "status", "--porcelain", "--untracked-files=all").stdout == ""


def test_a_draft_named_like_an_option_is_linted_not_obeyed(
    hook_repo, content_repo: Path, pre_commit_home: Path
):
    """A draft named ``-oREADME.md`` at the repository root: pre-commit passes its name as is. Read as
    options by ``engagelint`` it meant ``-o README.md`` and the report overwrote README.md."""
    pin_hook(content_repo, hook_repo)
    readme = "# Content repo\n\nOur drafts for the spring campaign live here, one file per post.\n"
    (content_repo / "README.md").write_text(readme)
    (content_repo / "-oREADME.md").write_text(BAD)
    sh(content_repo, "git", "add", "-A")
    res = pre_commit(content_repo, "run", "--all-files", home=pre_commit_home)
    assert (content_repo / "README.md").read_text() == readme
    assert res.returncode == 1, res.stdout + res.stderr
    assert "-oREADME.md:4:1: EL101 [warning] 'thx' is textspeak" in res.stdout, res.stdout + res.stderr
