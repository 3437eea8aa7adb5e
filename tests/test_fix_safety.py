"""Killing engagelint in the middle of --fix leaves every file either old or new, never torn."""

from __future__ import annotations

import codecs
import os
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

PACK = """code: FIX101
name: house-style
category: informality
extends: substitution
summary: Use the house spelling.
rationale: A consistent spelling of product names looks professional on every channel.
swap: {e-mail: email}
examples:
  - {lang: en, bad: "Check your e-mail", good: "Check your email"}
  - {lang: fr, bad: "Lisez votre e-mail", good: "Lisez votre email"}
"""


@pytest.mark.slow
@pytest.mark.parametrize("delay_files", [1, 40, 150])
def test_kill_during_fix_never_truncates(tmp_path: Path, delay_files: int):
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "FIX101.yml").write_text(PACK)
    (tmp_path / "engagelint.toml").write_text("extend = ['pack']\nselect = ['FIX101']\n")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    old, new = {}, {}
    for i in range(300):
        body = (
            f"---\nlang: en\n---\nPost {i}: send us an e-mail. " + "Padding text for size. " * (i % 40) + "\n"
        )
        path = drafts / f"{i:03d}.md"
        path.write_text(body)
        old[path] = body
        new[path] = body.replace("e-mail", "email")
    proc = subprocess.Popen(
        [sys.executable, "-m", "engagelint", "--fix", "--no-color", str(drafts)],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        changed = sum(1 for p in old if p.read_text() != old[p])
        if changed >= delay_files:
            break
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    states = {"old": 0, "new": 0}
    for path in old:
        content = path.read_text()
        assert content in (old[path], new[path]), f"{path.name} is neither the old nor the new version"
        states["old" if content == old[path] else "new"] += 1
    leftovers = [p.name for p in drafts.iterdir() if p.suffix == ".tmp"]
    print(
        f"killed after {states['new']} fixed files, {states['old']} untouched, {len(leftovers)} temp files left"
    )
    # A temp file may survive a SIGKILL between write and rename, but never replaces a draft.
    assert all(name.startswith(".engagelint-") for name in leftovers)


# -- hostile repositories: --fix never writes what it did not lint, never damages a file ----------

SWAP_PACK = PACK.replace("swap: {e-mail: email}", "swap: {e-mail: email, pls: please, thx: thanks, u: you}")
EL = [sys.executable, "-m", "engagelint"]


def _project(tmp_path: Path) -> Path:
    """A git project with a fixable house-style rule (FIX101) and the cache kept out of the repo."""
    root = tmp_path / "proj"
    (root / "pack").mkdir(parents=True)
    (root / "pack" / "FIX101.yml").write_text(SWAP_PACK)
    (root / "engagelint.toml").write_text("extend = ['pack']\nselect = ['FIX101']\n")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def _fix_cli(root: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "ENGAGELINT_CACHE_DIR": str(root.parent / "cache")}
    return subprocess.run(
        [*EL, "--fix", "--no-color", *args], cwd=root, capture_output=True, text=True, env=env, **kw
    )


DRAFT = "---\nlang: en\n---\nHey pls send us an e-mail, thx for the support of u all.\n"
FIXED = "---\nlang: en\n---\nHey please send us an email, thanks for the support of you all.\n"


def test_fix_refuses_edits_planned_on_other_bytes(tmp_path: Path):
    """A draft edited between the lint and the write is left as the user wrote it."""
    from engagelint.api import lint_paths
    from engagelint.config import load_config
    from engagelint.fixes import fix_file

    root = _project(tmp_path)
    draft = root / "d.md"
    draft.write_text(DRAFT)
    cfg = load_config(start=str(root))
    result = lint_paths([str(draft)], config=cfg)
    edits = [v for v in result.violations if v.fix]
    assert len(edits) == 4
    edited = "---\nlang: en\n---\nIMPORTANT: event moved to Friday. Hey pls send us an e-mail, thx.\n"
    draft.write_text(edited)  # the user saves while engagelint is still running
    outcome = fix_file(str(draft), edits, expected=result.digests[str(draft)])
    assert outcome is not None and outcome.applied == 0
    assert "changed since it was linted" in outcome.skipped
    assert draft.read_text() == edited


def test_fix_through_a_symlink_to_a_draft_of_the_project_keeps_the_link(tmp_path: Path):
    root = _project(tmp_path)
    (root / "drafts").mkdir()
    (root / "shared").mkdir()
    target = root / "shared" / "a.md"
    target.write_text(DRAFT)
    link = root / "drafts" / "link.md"
    link.symlink_to("../shared/a.md")
    # Both names reach the same bytes: the second fix must see that the first one changed them.
    proc = _fix_cli(root, "drafts", "shared")
    assert "Traceback" not in proc.stderr
    assert link.is_symlink() and os.readlink(link) == "../shared/a.md"
    assert target.read_text() == FIXED


def test_fix_never_writes_through_a_symlink_leaving_the_project(tmp_path: Path):
    root = _project(tmp_path)
    outside = tmp_path / "outside.md"
    outside.write_text(DRAFT)
    (root / "drafts").mkdir()
    (root / "drafts" / "leak.md").symlink_to(outside)
    (root / "drafts" / "ok.md").write_text(DRAFT)
    proc = _fix_cli(root, "drafts")
    assert "Traceback" not in proc.stderr
    assert (root / "drafts" / "leak.md").is_symlink()
    assert outside.read_text() == DRAFT
    assert (root / "drafts" / "ok.md").read_text() == FIXED


def test_fix_leaves_read_only_files_and_hard_links_alone_with_one_line_each(tmp_path: Path):
    root = _project(tmp_path)
    ro, linked, ok = root / "ro.md", root / "linked.md", root / "ok.md"
    for p in (ro, linked, ok):
        p.write_text(DRAFT)
    os.chmod(ro, 0o444)
    twin = tmp_path / "twin.md"  # the same file under another name, outside the project
    os.link(linked, twin)
    proc = _fix_cli(root, ".")
    assert "Traceback" not in proc.stderr
    assert ro.read_text() == DRAFT and stat.S_IMODE(ro.stat().st_mode) == 0o444
    assert linked.read_text() == DRAFT and os.path.samefile(linked, twin) and linked.stat().st_nlink == 2
    assert ok.read_text() == FIXED
    lines = proc.stderr.splitlines()
    assert [line for line in lines if "ro.md" in line] == [
        "engagelint: warning: ro.md: read-only file; not fixed"
    ]
    assert [line for line in lines if "linked.md" in line] == [
        "engagelint: warning: linked.md: has 2 hard links; not fixed (rewriting it would split them)"
    ]


@pytest.mark.parametrize(
    "encoding,bom",
    [("utf-16-be", codecs.BOM_UTF16_BE), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-8", codecs.BOM_UTF8)],
)
def test_fix_keeps_the_encoding_and_the_bom(tmp_path: Path, encoding: str, bom: bytes):
    root = _project(tmp_path)
    draft = root / "d.md"
    draft.write_bytes(bom + DRAFT.replace("\n", "\r\n").encode(encoding))
    proc = _fix_cli(root, "d.md")
    assert "Traceback" not in proc.stderr
    assert draft.read_bytes() == bom + FIXED.replace("\n", "\r\n").encode(encoding)


def test_write_error_is_one_line_and_the_other_files_are_fixed(tmp_path: Path):
    """A full disk (here: a file size limit, a real EFBIG from the kernel) spoils no draft."""
    import resource

    root = _project(tmp_path)
    big = root / "a-big.md"
    big_text = DRAFT + "Padding line for size.\n" * 400  # ~9 KB, over the limit below
    big.write_text(big_text)
    small = root / "b-small.md"
    small.write_text(DRAFT)

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    proc = _fix_cli(root, "--no-cache", ".", preexec_fn=limit)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 1)
    assert big.read_text() == big_text  # the original is intact
    assert small.read_text() == FIXED  # and the run went on
    assert [line for line in proc.stderr.splitlines() if "a-big.md" in line] == [
        "engagelint: warning: a-big.md: cannot write the fix (File too large); the file is unchanged"
    ]
    assert not [p.name for p in root.iterdir() if p.name.startswith(".engagelint-")]


@pytest.mark.slow
def test_two_concurrent_fix_runs_never_mangle_a_draft(tmp_path: Path):
    """Fix-on-save and a pre-commit hook running --fix at the same time on 400 drafts."""
    root = _project(tmp_path)
    drafts = root / "drafts"
    drafts.mkdir()
    for i in range(400):
        (drafts / f"{i:03d}.md").write_text(DRAFT.replace("Hey", f"Post {i}: hey"))
    env = {**os.environ, "ENGAGELINT_CACHE_DIR": str(tmp_path / "cache")}
    procs = [
        subprocess.Popen([*EL, "--fix", "--no-color", "-j", "1", "drafts"], cwd=root, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]  # fmt: skip
    outs = [p.communicate(timeout=600) for p in procs]
    for _out, err in outs:
        assert "Traceback" not in err
    for i in range(400):
        assert (drafts / f"{i:03d}.md").read_text() == FIXED.replace("Hey", f"Post {i}: hey"), i
    assert not [p.name for p in drafts.iterdir() if not p.name.endswith(".md")]  # no lock or temp file
    assert sorted(p.name for p in root.iterdir()) == [".git", "drafts", "engagelint.toml", "pack"]
    # Every file was fixed exactly once between the two runs: 4 fixes each.
    fixed = [int(m) for out, _ in outs for m in re.findall(r"Fixed (\d+)", out)]
    assert sum(fixed) == 1600, [o for o, _ in outs]
