"""A pull request controls the whole checkout: symlinks, config paths, committed index files, rule
packs. Nothing in it may make engagelint read or write outside the project (issue 13)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def is_within(path: str, base: str) -> bool:
    return path == base or path.startswith(base.rstrip("/") + "/")


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


# -- paths in the configuration -----------------------------------------------------------------
PUBLISHED = "We are hiring two bike mechanics for our new workshop in Lille, apply today"


def _archive_repo(repo: Path, archive_table: str) -> None:
    (repo / "engagelint.toml").write_text(f'lang = "en"\n[archive]\n{archive_table}\n', encoding="utf-8")
    (repo / "drafts" / "ok.md").write_text(f"---\nplatform: linkedin\n---\n{PUBLISHED}\n", encoding="utf-8")


def test_archive_index_outside_the_checkout_is_refused_and_nothing_is_written(repo, tmp_path):
    (repo / "published.jsonl").write_text(f'{{"id": "p1", "text": "{PUBLISHED}"}}\n', encoding="utf-8")
    _archive_repo(repo, 'source = "published.jsonl"\nindex = "../../elsewhere"')
    run_ = run(["--no-cache", "drafts"], repo)
    assert run_.returncode == 2
    errors = run_.stderr.splitlines()
    assert len(errors) == 1 and "archive.index: '../../elsewhere' is outside the project folder" in errors[0]
    assert "--allow-outside-root" in errors[0]
    assert not (tmp_path.parent / "elsewhere").exists() and not (tmp_path / "elsewhere").exists()


def test_archive_source_outside_the_checkout_is_never_read(repo, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "post.md").write_text(PUBLISHED + "\n", encoding="utf-8")
    _archive_repo(repo, f'source = "{outside}"')
    run_ = run(["--no-cache", "drafts"], repo)
    assert run_.returncode == 2 and "EL703" not in run_.stdout
    assert f"archive.source: '{outside}' is outside the project folder" in run_.stderr
    # A user who means it says so on the command line.
    allowed = run(["--no-cache", "--allow-outside-root", "drafts"], repo)
    assert "EL703" in allowed.stdout, allowed.stderr


def test_config_paths_through_symlinks_or_to_the_disk_are_refused(repo, tmp_path):
    from engagelint.duplication.settings import ArchiveConfigError, archive_settings

    with pytest.raises(ArchiveConfigError, match="archive.source: '/usr' is outside the project folder"):
        archive_settings({"source": "/usr"}, repo)
    os.symlink(tmp_path, repo / "up")
    with pytest.raises(ArchiveConfigError, match="archive.index: 'up/idx' points outside the project folder"):
        archive_settings({"index": "up/idx"}, repo)
    with pytest.raises(ArchiveConfigError, match="archive.source: '.git/config' is inside .git"):
        archive_settings({"source": ".git/config"}, repo)
    assert archive_settings({"source": "/usr"}, repo, allow_outside=True).sources == (Path("/usr"),)
    # engagelint's own shipped data may be read (the example archive), never written to.
    import engagelint

    shipped = str(Path(engagelint.__file__).resolve().parent / "data")
    with pytest.raises(ArchiveConfigError, match="archive.index: .* is outside the project folder"):
        archive_settings({"index": shipped}, repo)


def test_committed_lock_symlink_never_creates_a_file_where_it_points(repo, tmp_path):
    (repo / "published.jsonl").write_text(f'{{"id": "p1", "text": "{PUBLISHED}"}}\n', encoding="utf-8")
    _archive_repo(repo, 'source = "published.jsonl"')
    (repo / ".engagelint" / "archive").mkdir(parents=True)
    victim = tmp_path / "victim"
    os.symlink(victim, repo / ".engagelint" / "archive" / "lock")
    run_ = run(["--no-cache", "drafts"], repo)
    assert not victim.exists() and not os.path.lexists(repo / ".engagelint" / "archive" / "index.bin")
    assert run_.returncode in (0, 1), run_.stderr
    lock = repo / ".engagelint" / "archive" / "lock"
    assert [line for line in run_.stderr.splitlines() if "lock" in line] == [
        f"engagelint: warning: archive skipped: {lock}: is a symlink; engagelint never opens its files through one"
    ]
    build = run(["archive", "build"], repo)
    assert build.returncode == 2 and not victim.exists()
    assert "lock: is a symlink" in build.stderr


def test_committed_added_list_cannot_pull_outside_files_into_the_index(repo, tmp_path):
    from engagelint.duplication.archive import build
    from engagelint.duplication.settings import archive_settings
    from engagelint.duplication.store import FileStore

    secret = tmp_path / "secret.md"
    secret.write_text("Salary grid 2027: confidential figures for the board only.\n", encoding="utf-8")
    (repo / "published.jsonl").write_text(f'{{"id": "p1", "text": "{PUBLISHED}"}}\n', encoding="utf-8")
    index_dir = repo / ".engagelint" / "archive"
    index_dir.mkdir(parents=True)
    (index_dir / "added.json").write_text(json.dumps([str(secret), "/etc/passwd"]), encoding="utf-8")
    settings = archive_settings({"source": "published.jsonl"}, repo)
    build(settings)
    assert FileStore(settings.index).read().ids == ["p1"]


# -- committed binary files: declared sizes are checked before anything is inflated -------------
def _npz_bomb(members: dict[str, tuple[tuple[int, ...], str]], zeros: int, level: int = 9) -> bytes:
    """An .npz whose members are npy headers for ``shape``/``dtype`` followed by ``zeros`` zero
    bytes, deflated (a few hundred KB that inflate to ``zeros`` bytes each)."""
    import io
    import zipfile

    import numpy as np

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        for name, (shape, dtype) in members.items():
            with zf.open(name + ".npy", "w", force_zip64=True) as fh:
                header = {"descr": np.dtype(dtype).str, "fortran_order": False, "shape": shape}
                np.lib.format.write_array_header_1_0(fh, header)
                chunk = bytes(1 << 20)
                for _ in range(zeros >> 20):
                    fh.write(chunk)
    return buf.getvalue()


def _peak_mib(fn) -> float:
    import tracemalloc

    tracemalloc.start()
    try:
        fn()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak / 1048576


def test_committed_index_deflate_bomb_is_refused_before_inflating_and_rebuilt(repo):
    import hashlib
    import struct

    from engagelint.duplication.index import MAGIC, ArchiveIndex, IndexCorrupt

    payload = _npz_bomb({"strings": ((64 << 20,), "u1")}, 64 << 20)
    head = b'{"params": {}}'
    body = struct.pack(">Q", len(head)) + head + payload
    bomb = MAGIC + struct.pack(">I", 1) + hashlib.sha256(body).digest() + body
    assert len(bomb) < 1 << 20  # under 1 MB on disk, 64 MiB inflated

    def load():
        with pytest.raises(IndexCorrupt, match="refused: declares 64 MiB of arrays, over the .* KiB limit"):
            ArchiveIndex.from_bytes(bomb)

    assert _peak_mib(load) < 8
    # In a run, the committed bomb is reported in one line and rebuilt from the source.
    (repo / "published.jsonl").write_text(f'{{"id": "p1", "text": "{PUBLISHED}"}}\n', encoding="utf-8")
    _archive_repo(repo, 'source = "published.jsonl"')
    (repo / ".engagelint" / "archive").mkdir(parents=True)
    (repo / ".engagelint" / "archive" / "index.bin").write_bytes(bomb)
    run_ = run(["--no-cache", "drafts"], repo)
    assert "EL703" in run_.stdout
    notes = [line for line in run_.stderr.splitlines() if "index.bin" in line]
    assert len(notes) == 1 and "refused: declares 64 MiB of arrays" in notes[0] and "rebuilding" in notes[0]


def test_relevance_model_deflate_bomb_is_refused_with_one_line(repo):
    bomb = _npz_bomb({"vectors": ((160 << 20,), "i1")}, 160 << 20, level=1)
    (repo / "x.npz").write_bytes(bomb)
    (repo / "engagelint.toml").write_text(
        'lang = "en"\n[relevance]\nbackend = "static"\nmodel = "x.npz"\n[[goals]]\nid = "recruiting"\ndescription = "hire mechanics"\n',
        encoding="utf-8",
    )
    from engagelint.relevance.static import StaticBackend

    def load():
        with pytest.raises(Exception, match="declares 160 MiB of arrays, over the 128 MiB limit"):
            StaticBackend(repo / "x.npz")

    assert _peak_mib(load) < 8
    run_ = run(["--no-cache", "drafts"], repo)
    assert run_.returncode == 2
    assert run_.stderr.splitlines() == [
        f"engagelint: error: [relevance]: relevance vectors {repo / 'x.npz'}: cannot load: "
        "declares 160 MiB of arrays, over the 128 MiB limit"
    ]


# -- rule packs ---------------------------------------------------------------------------------
RULE = """\
code: ACME101
name: acme-banned
category: informality
extends: existence
summary: Banned word.
rationale: Our style guide bans it.
message: {message}
tokens: {tokens}
examples: [{{lang: en, bad: "a synergy", good: "a plan"}}]
"""


def _pack(repo: Path, body: str, name: str = "rule.yml") -> Path:
    pack = repo / "packs" / "acme"
    pack.mkdir(parents=True, exist_ok=True)
    (pack / name).write_text(body, encoding="utf-8")
    (repo / "engagelint.toml").write_text('lang = "en"\nextend = ["packs/acme"]\n', encoding="utf-8")
    return pack


def _errors(run_) -> list[str]:
    return [line for line in run_.stderr.splitlines() if line.startswith("engagelint: error:")]


BOMB_DEPTH = 9  # 9**9 = 387 million strings once expanded (10 GiB before the fix)


def test_yaml_alias_bomb_in_a_pack_is_refused_in_one_line(repo):
    levels = ["  - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, BOMB_DEPTH):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        levels.append(f"  - &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    body = RULE.format(message='"avoid {match}"', tokens="\n" + "\n".join(levels))
    pack = _pack(repo, body)
    assert len(body) < 1500
    run_ = run(["--no-cache", "drafts"], repo, timeout=120)
    assert run_.returncode == 2
    errors = _errors(run_)
    assert len(errors) == 1 and f"{pack / 'rule.yml'}:" in errors[0]
    assert "YAML anchors and aliases (& and *) are not allowed in rule packs" in errors[0]


@pytest.mark.parametrize(
    "field", ["{match:>2000000000}", "{match:x<99}", "{match!r}", "{match.__class__}", "{0[0]}"]
)
def test_message_fields_with_width_or_attributes_are_refused(repo, field):
    pack = _pack(repo, RULE.format(message=f'"avoid {field}"', tokens="[synergy]"))
    (repo / "drafts" / "ok.md").write_text("Our synergy plan is ready.\n", encoding="utf-8")
    run_ = run(["--no-cache", "drafts"], repo)
    assert run_.returncode == 2 and "ACME101" not in run_.stdout
    assert _errors(run_) == [
        f"engagelint: error: {repo / 'engagelint.toml'}: {pack / 'rule.yml'}: 'message': field {field!r} is not "
        "allowed; write {match}, {count} or {value:.0%} (no width, padding, attribute or index)"
    ]


def test_a_plain_pack_still_works_and_precision_fields_are_allowed(repo):
    _pack(repo, RULE.format(message='"avoid {match} ({count:.0f})"', tokens="[synergy]"))
    (repo / "drafts" / "ok.md").write_text("Our synergy plan is ready.\n", encoding="utf-8")
    run_ = run(["--no-cache", "drafts"], repo)
    assert "ACME101" in run_.stdout and run_.returncode == 1, run_.stderr


def test_oversized_pack_file_and_lists_are_refused(repo):
    pack = _pack(repo, RULE.format(message='"avoid {match}"', tokens="[" + ", ".join(["w"] * 20_001) + "]"))
    run_ = run(["--no-cache", "drafts"], repo)
    assert run_.returncode == 2
    assert _errors(run_)[0].endswith(f"{pack / 'rule.yml'}: 'tokens' has more than 20000 entries")
    (pack / "rule.yml").write_text(
        RULE.format(message='"x"', tokens="[a]") + "#" * (1 << 20), encoding="utf-8"
    )
    run_ = run(["--no-cache", "drafts"], repo)
    assert run_.returncode == 2 and _errors(run_)[0].endswith(
        "rule.yml: rule file is over 1024 KiB; not loaded"
    )


def test_rule_pack_outside_the_project_is_not_read_nor_echoed(repo, tmp_path):
    outside = tmp_path / "outside-pack"
    outside.mkdir()
    (outside / "rule.yml").write_text("extends: existence\nc2VjcmV0: token\n", encoding="utf-8")
    (repo / "engagelint.toml").write_text('extend = ["../outside-pack"]\n', encoding="utf-8")
    run_ = run(["--no-cache", "drafts"], repo)
    assert run_.returncode == 2 and "c2VjcmV0" not in run_.stderr + run_.stdout
    assert "extend: '../outside-pack' is outside the project folder" in run_.stderr
    # A pack inside the project whose rule file is a symlink to the outside one is refused too.
    (repo / "packs" / "acme").mkdir(parents=True)
    os.symlink(outside / "rule.yml", repo / "packs" / "acme" / "rule.yml")
    (repo / "engagelint.toml").write_text('extend = ["packs/acme"]\n', encoding="utf-8")
    run_ = run(["--no-cache", "drafts"], repo)
    assert run_.returncode == 2 and "c2VjcmV0" not in run_.stderr + run_.stdout
    assert "packs/acme/rule.yml: symlink points outside the project; rule file not read" in run_.stderr


# -- what engagelint never does, observed with Python audit hooks ------------------------------
AUDIT = """\
import json, os, sys, atexit
events = []
def hook(event, args):
    if event == "open" and not isinstance(args[0], int) and args[0] is not None:
        events.append(["open", os.path.abspath(os.fsdecode(args[0])), args[1], args[2]])
    elif event.startswith("socket."):
        events.append([event, repr(args)[:200], None, None])
sys.addaudithook(hook)
def dump():
    with open(os.environ["EL_AUDIT_LOG"], "w") as f:
        json.dump(events, f)
atexit.register(dump)
from engagelint.cli import main
sys.argv = ["engagelint", *sys.argv[1:]]
main()
"""


def audited(args, cwd: Path, env=None) -> tuple[subprocess.CompletedProcess, list]:
    """Run the CLI in one process (``-j 1``: workers would escape the hook) as the installed
    ``engagelint`` script runs it (``-P``: the current folder is not on the import path), and
    return every file it opened and every socket call it made."""
    log = Path(cwd).parent / "audit.json"
    full_env = {
        **os.environ,
        "ENGAGELINT_CACHE_DIR": str(Path(cwd).parent / "cache"),
        "EL_AUDIT_LOG": str(log),
    }
    full_env.pop("ENGAGELINT_REDIS_URL", None)
    run_ = subprocess.run(
        [sys.executable, "-P", "-c", AUDIT, *args], cwd=cwd, capture_output=True, text=True,
        encoding="utf-8", env={**full_env, **(env or {})}, timeout=300,
    )  # fmt: skip
    return run_, [e for e in json.loads(log.read_text(encoding="utf-8")) if e[1] != str(log)]


def _installation() -> list[str]:
    import engagelint

    package = Path(engagelint.__file__).resolve().parent
    # Besides Python and engagelint's own files: time zones, and what a sentence encoder's runtime
    # reads about the machine (never anything a draft could name: drafts there are refused).
    system = ["/usr/share/zoneinfo", "/proc/self/maps", "/proc/cpuinfo", "/sys/devices/system/cpu"]
    return [str(package.parents[1]), sys.prefix, sys.base_prefix, *system]


def _writes(event) -> bool:
    mode, flags = event[2], event[3] or 0
    return (mode is not None and any(c in mode for c in "wax+")) or bool(flags & (os.O_WRONLY | os.O_RDWR))


@pytest.fixture
def hostile(repo, tmp_path):
    """A checkout using every feature, plus symlinks out of it and Python files that must never run."""
    (repo / "published.jsonl").write_text(f'{{"id": "p1", "text": "{PUBLISHED}"}}\n', encoding="utf-8")
    pack = _pack(repo, RULE.format(message='"avoid {match}"', tokens="[synergy]"))
    os.symlink("/etc/passwd", pack / "notes.yzml")  # not a rule file; the cache key must not read it either
    (repo / "engagelint.toml").write_text(
        'lang = "en"\nextend = ["packs/acme"]\n[archive]\nsource = "published.jsonl"\n'
        '[[goals]]\nid = "recruiting"\ndescription = "hire bike mechanics"\n',
        encoding="utf-8",
    )
    (repo / "drafts" / "ok.md").write_text(f"---\nplatform: linkedin\n---\n{PUBLISHED}\n", encoding="utf-8")
    os.symlink("../.git/config", repo / "drafts" / "leak.txt")
    os.symlink("/etc/passwd", repo / "drafts" / "p.txt")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "x.md").write_text("Outside the checkout.\n", encoding="utf-8")
    os.symlink(tmp_path / "outside", repo / "drafts" / "linked")
    marker = tmp_path / "code-ran"
    for name in ("sitecustomize.py", "usercustomize.py", "numpy.py", "yaml.py", "spacy.py", "click.py"):
        (repo / name).write_text(f"open({str(marker)!r}, 'w').write({name!r})\n", encoding="utf-8")
    return repo


def test_a_hostile_checkout_makes_engagelint_open_nothing_outside_the_project(hostile, tmp_path):
    cache = str(tmp_path / "cache")
    allowed_reads = [str(hostile), cache, *_installation()]
    commands = (
        ["-j", "1", "drafts"],
        ["-j", "1", "--no-cache", "drafts/p.txt", "drafts/leak.txt", "drafts/ok.md", ".git/config"],
        ["report", "drafts", "-o", "report.html"],
        ["goals", "drafts"],
        ["archive", "build"],
    )
    for args in commands:
        run_, events = audited(args, hostile)
        assert run_.returncode in (0, 1), (args, run_.stderr)
        opened = [e for e in events if e[0] == "open"]
        assert opened, "the audit hook saw no file at all"
        for e in opened:
            real = os.path.realpath(e[1])
            # (/proc/self/maps resolves to /proc/<pid>/maps: the path as opened is compared too)
            assert any(is_within(real, base) or e[1] == base for base in allowed_reads), (args, e)
            assert (
                ".git" not in Path(real).relative_to(hostile).parts if is_within(real, str(hostile)) else True
            ), e
            assert not (is_within(real, str(hostile)) and real.endswith((".py", ".pyc"))), (args, e)
            if _writes(e):
                assert is_within(real, str(hostile)) or is_within(real, cache), (args, e)
    assert not (tmp_path / "code-ran").exists()


def _network(event) -> bool:
    """A socket call that reaches the network. Creating a socket object, or binding one to the
    loopback address, does not: importing spaCy imports urllib3, which probes IPv6 that way."""
    name, args = event[0], str(event[1])
    if not name.startswith("socket."):
        return False
    if name == "socket.__new__":
        return False
    if name == "socket.bind":
        return not any(host in args for host in ("'::1'", "'127.0.0.1'", "'localhost'"))
    return True


def test_no_network_unless_the_environment_names_a_redis(hostile):
    for args in (["-j", "1", "drafts"], ["report", "drafts", "-o", "r.html"], ["goals", "drafts"]):
        run_, events = audited(args, hostile)
        assert run_.returncode in (0, 1), run_.stderr
        assert [e for e in events if _network(e)] == []
    # The same run with a Redis named by the environment does connect (nothing listens here).
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    run_, events = audited(
        ["-j", "1", "--no-cache", "drafts"], hostile, {"ENGAGELINT_REDIS_URL": f"redis://127.0.0.1:{port}/0"}
    )
    assert any(e[0] == "socket.connect" and str(port) in e[1] for e in events)
    assert f"archive skipped: cannot reach Redis at redis://127.0.0.1:{port}/0" in run_.stderr


def test_python_tags_in_a_rule_pack_are_never_constructed(repo, tmp_path):
    marker = tmp_path / "tag-ran"
    _pack(repo, RULE.format(message='"x"', tokens=f'!!python/object/apply:os.system ["touch {marker}"]'))
    run_ = run(["--no-cache", "drafts"], repo)
    assert run_.returncode == 2 and not marker.exists()
    assert len(_errors(run_)) == 1 and "invalid YAML" in _errors(run_)[0]


def test_symlinks_committed_where_engagelint_reads_or_writes_are_not_followed(repo, tmp_path):
    secret = tmp_path / "secret.toml"
    secret.write_text('lang = "en"\nselect = ["EL999"]\n', encoding="utf-8")
    (repo / "engagelint.toml").unlink()
    os.symlink(secret, repo / "engagelint.toml")
    run_ = run(["--no-cache", "drafts"], repo)
    assert run_.returncode == 2
    assert run_.stderr.splitlines() == [
        f"engagelint: error: {repo / 'engagelint.toml'}: symlink points outside the project; configuration not read"
    ]
    (repo / "engagelint.toml").unlink()
    (repo / "engagelint.toml").write_text('lang = "en"\n', encoding="utf-8")
    # A .gitignore symlink is not followed (as git does), so it cannot read a file elsewhere.
    (tmp_path / "patterns").write_text("ok.md\n", encoding="utf-8")
    os.symlink(tmp_path / "patterns", repo / "drafts" / ".gitignore")
    assert "1 file" in run(["--no-cache", "drafts"], repo).stdout
    # Reports named with -o and the baseline are never written through a committed symlink.
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    for name, args in (
        ("out.txt", ["-o", "out.txt", "drafts"]),
        ("r.html", ["report", "-o", "r.html", "drafts"]),
    ):
        os.symlink(victim, repo / name)
        run_ = run(["--no-cache", *args] if args[0] != "report" else args, repo)
        assert run_.returncode == 2 and victim.read_text(encoding="utf-8") == "precious\n"
        assert (
            f"{name}: cannot write the report (is a symlink; engagelint does not write through one)"
            in run_.stderr
        )
    os.symlink(victim, repo / "baseline.json.tmp")
    os.symlink(victim, repo / "baseline.json")
    run_ = run(["--no-cache", "--write-baseline", "baseline.json", "drafts"], repo)
    assert victim.read_text(encoding="utf-8") == "precious\n" and not (repo / "baseline.json").is_symlink()


def test_relevance_model_and_index_symlink_outside_are_refused(repo, tmp_path):
    from engagelint.config import ConfigError, config_from_toml
    from engagelint.duplication.store import FileStore, UnsafeStore

    with pytest.raises(ConfigError, match=r"relevance.model: '../x.npz' is outside the project folder"):
        config_from_toml('[relevance]\nmodel = "../x.npz"\n', root=repo)
    with pytest.raises(ConfigError, match=r"relevance.model: '/opt/pipeline' is outside the project folder"):
        config_from_toml('[relevance]\nbackend = "spacy"\nmodel = "/opt/pipeline"\n', root=repo)
    # A spaCy package name is not a path.
    assert config_from_toml('[relevance]\nbackend = "spacy"\nmodel = "fr_core_news_md"\n', root=repo)
    index_dir = repo / ".engagelint" / "archive"
    index_dir.mkdir(parents=True)
    os.symlink("/etc/passwd", index_dir / "index.bin")
    with pytest.raises(UnsafeStore, match="index.bin: is a symlink"):
        FileStore(index_dir, repo).read()


def test_archive_add_refuses_a_symlink_leading_outside(repo):
    (repo / "published.jsonl").write_text(f'{{"id": "p1", "text": "{PUBLISHED}"}}\n', encoding="utf-8")
    _archive_repo(repo, 'source = "published.jsonl"')
    os.symlink("/etc/passwd", repo / "drafts" / "p.txt")
    run_ = run(["archive", "add", "drafts/p.txt"], repo)
    assert run_.returncode == 2
    assert run_.stderr.splitlines() == [
        "engagelint: error: drafts/p.txt: symlink points outside the project; not read"
    ]
