"""What a draft's path says: ``[[per_file]]`` defaults, the platform of a folder (``x/``,
``linkedin/``, ``tweets/``) or an extension (``.tweet``, ``.toot``), the status of a folder
(``published/``, ``drafts/``), and the post's lineage (one post at several stages)."""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath
from typing import Any

from engagelint.platforms.table import folder_table, title_table
from engagelint.sources.sections import fold

# One post per file, as twitter-together and toot-together write them.
TOOL_SUFFIXES = {".tweet": "x", ".toot": "mastodon"}
# Folder words and title words that name a platform (data/platforms.toml).
FOLDER_PLATFORMS = folder_table()
FOLDER_STATUS = {
    "published": "published", "publies": "published", "publiés": "published", "posted": "published",
    "sent": "published", "archive": "published", "archives": "published", "archived": "published",
    "drafts": "draft", "draft": "draft", "brouillons": "draft", "en-preparation": "draft", "wip": "draft",
    "scheduled": "scheduled", "queue": "scheduled", "programmes": "scheduled",
    "final": "final", "ready": "ready", "ideas": "idea", "idees": "idea", "idées": "idea",
}  # fmt: skip
TITLE_PLATFORMS = title_table()


@dataclass(frozen=True)
class PathDefaults:
    """A ``[[per_file]]`` table's metadata defaults for the files matching its globs."""

    patterns: tuple[str, ...]
    values: tuple[tuple[str, Any], ...]


def relative_path(path: str, root: str | None) -> str:
    if not root:
        return PurePath(path).as_posix()
    return _relative(path, root, "" if os.path.isabs(path) else os.getcwd())


@lru_cache(maxsize=1024)  # asked for each file by the metadata defaults and the lineage
def _relative(path: str, root: str, cwd: str) -> str:
    try:
        rel = os.path.relpath(os.path.join(cwd, path) if cwd else path, root)
    except ValueError:
        return PurePath(path).as_posix()
    return PurePath(path).as_posix() if rel.startswith("..") else rel.replace(os.sep, "/")


def path_defaults(path: str, settings) -> tuple[dict[str, Any], dict[str, str]]:
    """Metadata the path gives: ``[[per_file]]`` defaults, then the folders and the extension."""
    rel = relative_path(path, settings.root)
    raw: dict[str, Any] = {}
    origin: dict[str, str] = {}
    for d in settings.defaults:
        if any(fnmatch.fnmatch(rel, p) or PurePath(rel).match(p) for p in d.patterns):
            for key, value in d.values:
                if key not in raw:
                    raw[key], origin[key] = value, f"config ([[per_file]] {', '.join(d.patterns)})"
    suffix = PurePath(path).suffix.lower()
    if "platform" not in raw and suffix in TOOL_SUFFIXES:
        raw["platform"], origin["platform"] = TOOL_SUFFIXES[suffix], f"file extension ({suffix})"
    platform, status = _folder_defaults(os.path.dirname(rel))
    if settings.metadata.platform_from_path and "platform" not in raw and platform:
        raw["platform"], origin["platform"] = platform
    if "status" not in raw and status:
        raw["status"], origin["status"] = status
    return raw, origin


@lru_cache(maxsize=1024)  # the files of a folder share it
def _folder_defaults(folder_path: str) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """(platform, origin) and (status, origin) the folders of a relative path name, nearest first."""
    # Folders above the project (an absolute path outside the config's folder) say nothing:
    # /home/x/… is a person's home, not the X platform.
    rel = PurePath(folder_path, "file")
    folders = () if rel.is_absolute() else rel.parts[:-1]
    platform = status = None
    for folder in reversed(folders):
        name = fold(folder)
        words = [name, *re.split(r"[-_. ]+", name)]
        found = next((FOLDER_PLATFORMS[w] for w in words if w in FOLDER_PLATFORMS), None)
        if found:
            platform = (found, f"folder name ({folder}/)")
            break
    for folder in reversed(folders):
        found = FOLDER_STATUS.get(fold(folder)) or FOLDER_STATUS.get(folder.lower())
        if found:
            status = (found, f"folder name ({folder}/)")
            break
    return platform, status


_STAGE = re.compile(r"(?:^(?:retry-\d+[_-])+)|(?:[-_.](?:fixed|final|draft|retry|v\d+|copy|old|new))+$", re.I)
_GENERIC = {"index", "readme", "post", "posts", "draft", "tweet", "thread", "untitled", "note"}


def lineage_of(path: str, root: str | None = None) -> str:
    """The file's folder and name without stage marks (``retry-12_``, ``-fixed``, ``-final``,
    ``-v2``; folders ``drafts/``, ``final/``, ``published/``…): the same post at two stages
    (``x/drafts/launch.md``, ``x/final/launch.txt``) shares it; ``a/reminder`` and ``b/reminder`` do not."""
    rel = PurePath(relative_path(path, root))
    stem = rel.stem
    prev = None
    while prev != stem:
        prev, stem = stem, _STAGE.sub("", stem)
    stem = stem.lower()
    if len(stem) < 6 or stem in _GENERIC:
        return rel.as_posix()
    folders = [f for f in rel.parts[:-1] if fold(f) not in FOLDER_STATUS and f.lower() not in FOLDER_STATUS]
    return "/".join([*folders, stem])


_LANG_SUFFIX = re.compile(r"[-_.](en|fr)$", re.I)


def language_of_name(path: str) -> str | None:
    """``launch-fr.md``, ``post_en.txt``: the language a file name ends with."""
    m = _LANG_SUFFIX.search(PurePath(path).stem)
    return m.group(1).lower() if m else None
