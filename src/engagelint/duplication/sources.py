"""Read published posts from an archive source: a JSONL or CSV export, or drafts (files or folders).

Exports need a text column; ``date``, ``platform``, ``url``, ``id`` and ``goals`` (or ``campaign``) are optional (an entry
without an id is named by its url, else by ``file:line``). Drafts are parsed by engagelint's
own source layer, so an archive folder is read exactly as a lint run reads it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from engagelint.duplication.records import ArchiveEntry

TEXT_KEYS = ("text", "content", "body", "message", "post")
DATE_KEYS = ("date", "published", "published_at", "created_at", "schedule", "time")
PLATFORM_KEYS = ("platform", "network", "channel")
URL_KEYS = ("url", "link", "permalink")
ID_KEYS = ("id", "post_id", "uid")
GOAL_KEYS = ("goals", "goal", "campaign", "campaigns")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
EXPORT_CSV_SUFFIXES = (".csv", ".tsv")


class ArchiveSourceError(ValueError):
    """An archive source that cannot be read; the message names the file (and line)."""


def source_files(path: Path, root: Path | None = None) -> list[Path]:
    """The files an archive source stands for (a folder is walked like a lint run would). With
    the project folder ``root``, files whose real path leaves it are left out, as in a lint run."""
    if root is not None:
        from engagelint.project_paths import display, refusal

        why = refusal(path, root)
        if why is not None:
            raise ArchiveSourceError(f"{display(path)}: {why}; archive source not read")
    if path.is_dir():
        from engagelint.sources.discover import discover

        found = discover([str(path)], root if root is not None else path)
        return [Path(f) for f in found.files]
    if not path.exists():
        raise ArchiveSourceError(f"{path}: archive source not found")
    return [path]


def read_entries(path: Path, root: Path | None = None) -> Iterator[ArchiveEntry]:
    base = path if path.is_dir() else path.parent
    for f in source_files(path, root):
        yield from read_file_entries(f, base)


def read_file_entries(path: Path, base: Path | None = None) -> Iterator[ArchiveEntry]:
    """Entries of one file; drafts are named ``file:line`` relative to ``base`` (default: its folder)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ArchiveSourceError(f"{path}: cannot read archive file ({exc})") from None
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl(path, text)
    elif suffix in EXPORT_CSV_SUFFIXES and _looks_like_export(text, suffix):
        yield from _csv(path, text, "\t" if suffix == ".tsv" else ",")
    else:
        yield from _drafts(path, text, base or path.parent)


def _field(row: Mapping[str, Any], keys: tuple[str, ...]) -> str:
    for k in keys:
        v = row.get(k)
        if v not in (None, ""):
            if isinstance(v, list):
                return ",".join(map(str, v))
            return str(v)
    return ""


def _entry(row: Mapping[str, Any], where: str) -> ArchiveEntry | None:
    text = _field(row, TEXT_KEYS)
    if not text.strip():
        return None
    url = _field(row, URL_KEYS)
    return ArchiveEntry(
        id=_field(row, ID_KEYS) or url or where,
        text=text,
        date=_field(row, DATE_KEYS),
        platform=_field(row, PLATFORM_KEYS),
        url=url,
        goals=_field(row, GOAL_KEYS),
    )


def _jsonl(path: Path, text: str) -> Iterator[ArchiveEntry]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ArchiveSourceError(f"{path}:{n}: invalid JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise ArchiveSourceError(f"{path}:{n}: expected a JSON object per line")
        entry = _entry({str(k).lower(): v for k, v in row.items()}, f"{path.name}:{n}")
        if entry is not None:
            yield entry


def _looks_like_export(text: str, suffix: str) -> bool:
    first = text.split("\n", 1)[0].lower()
    delim = "\t" if suffix == ".tsv" else ","
    header = [h.strip() for h in next(csv.reader([first], delimiter=delim), [])]
    return any(h in TEXT_KEYS for h in header)


def _csv(path: Path, text: str, delimiter: str) -> Iterator[ArchiveEntry]:
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    for row in reader:
        clean = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
        entry = _entry(clean, f"{path.name}:{reader.line_num}")
        if entry is not None:
            yield entry


def _drafts(path: Path, text: str, base: Path) -> Iterator[ArchiveEntry]:
    from engagelint.sources.document import parse_source

    parsed = parse_source(str(path), text)
    try:
        name = path.relative_to(base).as_posix()
    except ValueError:
        name = path.as_posix()
    for post in parsed.posts:
        meta = post.meta if isinstance(post.meta, Mapping) else {}
        line = parsed.line_index.position(post.offsets.to_source(0, 0)[0])[0] if post.prose else post.line
        yield ArchiveEntry(
            id=str(meta.get("id") or f"{name}:{line}"),
            text=post.prose,
            # a published post's date is its publication date (not a schedule)
            date=(post.schedule or post.dated).isoformat()
            if (post.schedule or post.dated)
            else _field(meta, DATE_KEYS),
            platform=",".join(post.platforms),
            url=_field(meta, URL_KEYS),
            goals=",".join(post.goals) or _field(meta, ("campaign", "campaigns")),
        )
