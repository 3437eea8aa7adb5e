"""Benchmark inputs: draft trees (one post per Markdown file) and a single CSV export.

Posts come from ../shared/data/perf-corpus (real tweets and brand-agent replies; see its
NOTICE.md). They are de-duplicated, shuffled with a fixed seed and written under bench/.trees/,
which is gitignored: the data must never be committed, so trees are generated at benchmark time.

A tree of N files takes the first N posts of the shuffled corpus, so the 1k tree is a prefix of
the 10k tree and sizes differ only in volume. Building is skipped when a stamp file shows the
tree was already built from the same posts.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
DATA = BENCH.parent.parent / "shared" / "data" / "perf-corpus"
TREES = BENCH / ".trees"
FILES_PER_FOLDER = 100
STAMP = ".bench-stamp"


@dataclass(frozen=True)
class Post:
    text: str
    platform: str | None = None
    lang: str | None = None


def _lines(path: Path) -> Iterator[str]:
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line:
            yield line


def _ibm_agent_turns(path: Path) -> Iterator[str]:
    """Brand-agent replies: the `agent` turns of each dialogue plus the agentURL utterance."""
    for dialogue in json.loads(path.read_text(encoding="utf-8")):
        for turn in dialogue.get("dialogContent", []):
            if "agent" in turn and turn.get("message", "").strip():
                yield turn["message"].strip()
        utterance = (dialogue.get("agentURL") or {}).get("url_utterance", "").strip()
        if utterance:
            yield utterance


def read_corpus(data: Path = DATA) -> list[Post]:
    """Every post of the perf corpus, in a stable order (shuffle with `dedupe_shuffle`)."""
    posts: list[Post] = []
    for f in sorted((data / "tweeteval").rglob("*_text.txt")):
        posts.extend(Post(t, "x", "en") for t in _lines(f))
    for f in sorted((data / "xlm-t-french").glob("*_text.txt")):
        posts.extend(Post(t, "x", "fr") for t in _lines(f))
    for f in sorted((data / "ibm-twitter-customer-care").glob("*.json")):
        # Mostly English, but not labelled: leave the language to engagelint's detector.
        posts.extend(Post(t, "x") for t in _ibm_agent_turns(f))
    return posts


def dedupe_shuffle(posts: Iterable[Post], seed: int = 0) -> list[Post]:
    """Drop repeated texts (first one wins), then shuffle deterministically."""
    seen: set[str] = set()
    unique: list[Post] = []
    for post in posts:
        if post.text not in seen:
            seen.add(post.text)
            unique.append(post)
    random.Random(seed).shuffle(unique)
    return unique


def render_markdown(post: Post) -> str:
    front = ["---"]
    if post.platform:
        front.append(f"platform: {post.platform}")
    if post.lang:
        front.append(f"lang: {post.lang}")
    front.append("---")
    return "\n".join(front) + "\n" + post.text + "\n"


def relative_path(index: int) -> Path:
    """Two folder levels of FILES_PER_FOLDER files each: a/00/b/00/post-000000.md."""
    folder = index // FILES_PER_FOLDER
    return Path(f"a{folder // 100:03d}", f"b{folder % 100:02d}", f"post-{index:06d}.md")


def _fingerprint(posts: list[Post]) -> str:
    digest = hashlib.sha256()
    for post in posts:
        digest.update(render_markdown(post).encode("utf-8"))
    return digest.hexdigest()


def build_tree(posts: list[Post], size: int, dest: Path) -> Path:
    """Write the first `size` posts as one Markdown file each under dest (rebuilt if stale)."""
    if len(posts) < size:
        raise ValueError(f"corpus has {len(posts)} unique posts, need {size}")
    chosen = posts[:size]
    stamp = f"{size} {_fingerprint(chosen)}"
    if (dest / STAMP).is_file() and (dest / STAMP).read_text() == stamp:
        return dest
    if dest.exists():
        shutil.rmtree(dest)
    for index, post in enumerate(chosen):
        path = dest / relative_path(index)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_markdown(post), encoding="utf-8")
    (dest / STAMP).write_text(stamp)
    return dest


def render_csv(posts: list[Post], start: datetime = datetime(2026, 1, 5, 8, 0)) -> str:
    """A scheduler export (Date, Network, Text), one post every 15 minutes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Date", "Network", "Text"])
    for index, post in enumerate(posts):
        when = start + timedelta(minutes=15 * index)
        writer.writerow([when.strftime("%Y-%m-%d %H:%M"), post.platform or "x", post.text])
    return out.getvalue()


def build_csv(posts: list[Post], size: int, dest: Path) -> Path:
    if len(posts) < size:
        raise ValueError(f"corpus has {len(posts)} unique posts, need {size}")
    text = render_csv(posts[:size])
    if not (dest.is_file() and dest.read_text(encoding="utf-8") == text):
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")
    return dest


def list_files(tree: Path) -> list[Path]:
    """The draft files of a tree, sorted (the stamp file excluded)."""
    return sorted(p for p in tree.rglob("*.md") if p.is_file())
