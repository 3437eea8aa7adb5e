"""The linters engagelint is compared with, installed locally from the package registries.

- proselint (PyPI) goes into bench/.venv-peers, so it never touches engagelint's own venv.
- write-good and textlint + textlint-rule-write-good (npm) go into bench/node_modules, pinned by
  bench/package.json and bench/package-lock.json.

Paths are passed in batches through xargs: textlint opens every file it is given at once (EMFILE
on 100k files) and command lines have a size limit. Each batch runs through a tiny shell wrapper
that maps the tool's "found problems" exit codes to 0, because xargs stops at the first batch
that exits 255 (write-good --parse does when the last file has findings).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PEERS_VENV = BENCH / ".venv-peers"
NODE_BIN = BENCH / "node_modules" / ".bin"
BATCH = 2000  # paths per tool invocation


@dataclass
class Peer:
    name: str
    argv: list[str]  # the command, paths appended
    ok_codes: tuple[int, ...]  # exit codes that mean "ran; maybe found problems"
    version: str = ""

    def batched_command(self, file_list: Path) -> list[str]:
        """sh + xargs over a NUL-separated list of paths; exit 0 when every batch ran fine."""
        accept = "|".join(str(c) for c in self.ok_codes)
        wrapper = f'"$@"; rc=$?; case $rc in {accept}) exit 0;; *) exit $rc;; esac'
        return ["xargs", "-0", "-n", str(BATCH), "-a", str(file_list), "sh", "-c", wrapper, "sh", *self.argv]


def _run(cmd: list[str], cwd: Path = BENCH, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def install_proselint(log) -> Peer | str:
    """A Peer, or the reason it cannot be used."""
    exe = PEERS_VENV / "bin" / "proselint"
    if not exe.exists():
        log("installing proselint from PyPI into bench/.venv-peers ...")
        try:
            venv.create(PEERS_VENV, with_pip=True)
            proc = _run([str(PEERS_VENV / "bin" / "pip"), "install", "--quiet", "proselint"])
        except (OSError, subprocess.SubprocessError) as exc:
            return f"pip install proselint failed: {exc}"
        if proc.returncode or not exe.exists():
            return f"pip install proselint failed: {proc.stderr.strip()[-300:]}"
    show = _run([str(PEERS_VENV / "bin" / "pip"), "show", "proselint"])
    version = next(
        (ln.split(":", 1)[1].strip() for ln in show.stdout.splitlines() if ln.startswith("Version:")), "?"
    )
    # proselint >= 0.16 has a `check` subcommand; older releases take the paths directly.
    argv = [str(exe), "check"] if _version_tuple(version) >= (0, 16) else [str(exe)]
    return Peer("proselint", argv, (0, 1), version)


def install_npm_peers(log) -> dict[str, Peer | str]:
    """write-good and textlint (with textlint-rule-write-good), or the reason each is missing."""
    npm = shutil.which("npm")
    names = ("write-good", "textlint")
    if not npm:
        return {n: "npm is not installed (install Node.js >= 18 to compare with it)" for n in names}
    if not ((NODE_BIN / "write-good").exists() and (NODE_BIN / "textlint").exists()):
        lock = (BENCH / "package-lock.json").exists()
        log(
            f"installing write-good, textlint, textlint-rule-write-good from npm ({'npm ci' if lock else 'npm install'}) ..."
        )
        cmd = [npm, "ci"] if lock else [npm, "install", "write-good", "textlint", "textlint-rule-write-good"]
        try:
            proc = _run([*cmd, "--no-audit", "--no-fund"])
        except (OSError, subprocess.SubprocessError) as exc:
            return {n: f"npm install failed: {exc}" for n in names}
        if proc.returncode:
            return {n: f"npm install failed: {proc.stderr.strip()[-300:]}" for n in names}
    result: dict[str, Peer | str] = {}
    wg = NODE_BIN / "write-good"
    if wg.exists():
        # --parse: one "file:line:col:message" line per finding, like the other tools.
        result["write-good"] = Peer("write-good", [str(wg), "--parse"], (0, 255), _npm_version("write-good"))
    else:
        result["write-good"] = "write-good missing from bench/node_modules after npm install"
    tl = NODE_BIN / "textlint"
    if tl.exists() and (BENCH / "node_modules" / "textlint-rule-write-good").exists():
        argv = [str(tl), "--rules-base-directory", str(BENCH / "node_modules"), "--rule", "write-good"]
        result["textlint"] = Peer("textlint", argv, (0, 1), _npm_version("textlint"))
    else:
        result["textlint"] = "textlint or textlint-rule-write-good missing from bench/node_modules"
    return result


def _version_tuple(version: str) -> tuple[int, ...]:
    parts = []
    for part in version.split("."):
        digits = "".join(ch for ch in part if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def _npm_version(package: str) -> str:
    import json

    try:
        meta = json.loads((BENCH / "node_modules" / package / "package.json").read_text())
    except (OSError, ValueError):
        return "?"
    return meta.get("version", "?")


def install_all(log=lambda msg: print(msg, file=sys.stderr)) -> dict[str, Peer | str]:
    return {"proselint": install_proselint(log), **install_npm_peers(log)}
