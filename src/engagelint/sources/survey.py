"""What the drafts under a folder use: their platforms, and the folders whose name gives one
(for ``engagelint init``). Reads at most a few thousand files; never fails on a bad one."""

from __future__ import annotations

from collections import Counter
from pathlib import Path, PurePath

from engagelint.sources.decode import DecodeError, decode
from engagelint.sources.discover import discover
from engagelint.sources.document import SourceSettings, parse_source
from engagelint.sources.paths import relative_path

MAX_FILES = 5000


def survey(root: Path) -> tuple[tuple[str, ...], dict[str, str]]:
    """(platforms by how many posts use them, {folder: platform} for folders that name one)."""
    settings = SourceSettings(root=str(root))
    found = discover([str(root)], root)
    counts: Counter[str] = Counter()
    folders: dict[str, str] = {}
    for path in found.files[:MAX_FILES]:
        try:
            text = decode(Path(path).read_bytes()).text
        except (OSError, DecodeError):
            continue
        parsed = parse_source(path, text, settings)
        for post in parsed.posts:
            counts.update(post.platforms)
            origin = post.origins.get("platforms", "")
            if origin.startswith("folder name (") and post.platforms:
                name = origin[len("folder name (") : -2]
                rel = PurePath(relative_path(path, str(root))).parent
                for parent in (rel, *rel.parents):
                    if parent.name == name:
                        folders[parent.as_posix()] = post.platforms[0]
                        break
    return tuple(p for p, _ in counts.most_common()), folders
