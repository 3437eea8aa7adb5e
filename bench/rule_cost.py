"""Cost per post of the default rule set: lints N perf-corpus posts (one file each) in one process.

Quick check for issue 15 (shared tokens, lemmas and new rules), not the full benchmark (bench/run.py):
N posts (default 5,000: English tweeteval and French xlm-t tweets, de-duplicated, fixed seed) are written
to a temporary tree and linted with `engagelint check --no-cache -j 1`; the wall time of the whole run
(start-up included) and the time per post are printed.

Usage: ENGAGELINT_SHARED_DATA=/path/to/shared/data python bench/rule_cost.py [N] [--cli]
(default: in one process through the library API, the first 50 posts timed apart; --cli: one
`engagelint check` run over a temporary tree, start-up included)
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("ENGAGELINT_SHARED_DATA") or ROOT.parent / "shared" / "data")


def posts(n: int) -> list[tuple[str, str]]:
    en = (DATA / "perf-corpus" / "tweeteval" / "sentiment" / "test_text.txt").read_text(encoding="utf-8")
    fr = (DATA / "perf-corpus" / "xlm-t-french" / "train_text.txt").read_text(encoding="utf-8")
    pool = [("en", t) for t in dict.fromkeys(en.splitlines()) if t.strip()]
    pool += [("fr", t) for t in dict.fromkeys(fr.splitlines()) if t.strip()]
    random.Random(15).shuffle(pool)
    return pool[:n]


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 5000
    if "--cli" not in sys.argv:
        return in_process(n)
    cmd = [sys.executable, "-m", "engagelint"]
    tree = Path(tempfile.mkdtemp(prefix="el-cost-"))
    try:
        sample = posts(n)
        for i, (lang, text) in enumerate(sample):
            (tree / f"{i:05d}.md").write_text(
                f"---\nlang: {lang}\nplatform: x\n---\n{text}\n", encoding="utf-8"
            )
        start = time.perf_counter()
        run = subprocess.run([*cmd, "check", "--no-cache", "-j", "1", "--format", "json", str(tree)],
                             capture_output=True, text=True)  # fmt: skip
        wall = time.perf_counter() - start
        print(f"{len(sample)} posts in {wall:.1f} s ({wall / len(sample) * 1000:.2f} ms per post, start-up included); "
              f"exit {run.returncode}")  # fmt: skip
    finally:
        shutil.rmtree(tree, ignore_errors=True)
    return 0


def in_process(n: int) -> int:
    """Per-post cost in one process through the library API: first 50 posts (table loads) timed apart."""
    sys.path.insert(0, str(ROOT / "src"))
    from engagelint.api import lint_bytes
    from engagelint.config import config_from_toml

    cfg = config_from_toml("")
    docs = [f"---\nlang: {lang}\nplatform: x\n---\n{text}\n".encode() for lang, text in posts(n)]
    start = time.perf_counter()
    for d in docs[:50]:
        lint_bytes(d, path="post.md", config=cfg)
    warm = time.perf_counter() - start
    start = time.perf_counter()
    for d in docs[50:]:
        lint_bytes(d, path="post.md", config=cfg)
    per_post = (time.perf_counter() - start) / max(1, len(docs) - 50) * 1000
    print(f"{len(docs)} posts: first 50 in {warm:.2f} s (loads), then {per_post:.2f} ms per post")
    return 0


if __name__ == "__main__":
    sys.exit(main())
