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


def long_drafts(posts: list[Post], count: int, seed: int = 1) -> Iterator[tuple[str, str]]:
    """``count`` long drafts made of real posts: half multi-post X threads (3-8 tweets separated by
    ``---``), half LinkedIn drafts of 2-5 kB (tweets as paragraphs). Yields (platform, body)."""
    rng = random.Random(seed)
    english = [p.text for p in posts if p.lang == "en"] or [p.text for p in posts]
    i = 0
    for n in range(count):
        if n % 2 == 0:
            k = rng.randint(3, 8)
            yield "x", "\n---\n".join(english[(i + j) % len(english)] for j in range(k))
            i += k
        else:
            target, parts = rng.randint(2000, 5000), []
            while sum(len(p) + 2 for p in parts) < target:
                parts.append(english[i % len(english)])
                i += 1
            yield "linkedin", "\n\n".join(parts)


def build_long_tree(posts: list[Post], count: int, dest: Path) -> Path:
    """A tree of ``count`` long drafts (see ``long_drafts``), rebuilt when stale."""
    drafts = list(long_drafts(posts, count))
    digest = hashlib.sha256("\0".join(b for _, b in drafts).encode("utf-8")).hexdigest()
    stamp = f"long {count} {digest}"
    if (dest / STAMP).is_file() and (dest / STAMP).read_text() == stamp:
        return dest
    if dest.exists():
        shutil.rmtree(dest)
    for index, (platform, body) in enumerate(drafts):
        path = dest / relative_path(index)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\nplatform: {platform}\n---\n{body}\n", encoding="utf-8")
    (dest / STAMP).write_text(stamp)
    return dest


def build_length_tree(posts: list[Post], length: int, total_chars: int, dest: Path) -> Path:
    """Files of about ``length`` characters of real English posts (LinkedIn drafts), ``total_chars``
    in all: the same volume at every length, so cost per character can be compared."""
    english = [p.text for p in posts if p.lang == "en"]
    if dest.exists():
        shutil.rmtree(dest)
    i, written, index = 0, 0, 0
    while written < total_chars:
        parts: list[str] = []
        while sum(len(p) + 2 for p in parts) < length:
            parts.append(english[i % len(english)])
            i += 1
        body = "\n\n".join(parts)[:length]
        path = dest / relative_path(index)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\nplatform: linkedin\nlang: en\n---\n{body}\n", encoding="utf-8")
        written += len(body)
        index += 1
    return dest


def two_kb_draft(posts: list[Post]) -> str:
    english = [p.text for p in posts if p.lang == "en"]
    parts: list[str] = []
    for text in english:
        if sum(len(p) + 2 for p in parts) >= 2000:
            break
        parts.append(text)
    return "---\nplatform: linkedin\nlang: en\n---\n" + "\n\n".join(parts)[:2000] + "\n"
