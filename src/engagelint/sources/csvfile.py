"""Scheduler CSV exports: one post per row, with cell offsets kept for exact positions.

The standard ``csv`` module does not report offsets, so this is a small RFC 4180 reader that
does: quoted cells may span lines and contain doubled quotes; each character of a cell maps to
its source index.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

TEXT_COLUMNS = ("text", "message", "content", "post", "body", "caption", "copy", "tweet", "texte", "contenu")
DATE_COLUMNS = (
    "date", "datetime", "schedule", "scheduled", "scheduled_at", "scheduled_date", "schedule_date",
    "posting_time", "publish_at", "publish_date", "post_at", "send_at", "date_de_publication", "time",
)  # fmt: skip
TIME_COLUMNS = ("time", "schedule_time", "scheduled_time", "posting_hour", "heure")


@dataclass(frozen=True)
class Preset:
    """A scheduler's export or bulk-upload layout."""

    signature: tuple[str, ...]  # header names (normalised) that identify it
    text: str
    date: str | None = None
    time: str | None = None
    platform: str | None = None
    header: bool = True
    columns: tuple[str, ...] = ()  # names of the columns of a file without a header
    date_formats: tuple[str, ...] = ()


PRESETS: dict[str, Preset] = {
    "buffer": Preset(("text", "image_url", "tags", "posting_time"), "text", "posting_time"),
    "zoho": Preset(("post_content", "schedule_date", "schedule_time"), "post_content", "schedule_date",
                   "schedule_time", "platform"),
    "later": Preset(("caption", "media_url"), "caption", "date", "time", "social_profile"),
    "sprout": Preset(("message", "network", "date", "time"), "message", "date", "time", "network"),
    "hootsuite": Preset((), "message", "date", None, None, header=False, columns=("date", "message", "link"),
                        date_formats=("%d/%m/%Y %H:%M", "%m/%d/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M")),
}  # fmt: skip


def detect_preset(first_row: list[str], forced: str | None) -> str | None:
    """The scheduler whose header (or, without a header, whose row shape) this file has."""
    if forced:
        return forced
    names = {_norm(h) for h in first_row}
    for name, preset in PRESETS.items():
        if preset.header and preset.signature and set(preset.signature) <= names:
            return name
    if 2 <= len(first_row) <= 3 and _looks_like_date(first_row[0]) and len(first_row[1].split()) >= 2:
        return "hootsuite"
    return None


def _looks_like_date(value: str) -> bool:
    import re

    return bool(re.match(r"^\s*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?\s*$", value))


PLATFORM_COLUMNS = (
    "platform",
    "platforms",
    "network",
    "channel",
    "profile",
    "social_network",
    "réseau",
    "reseau",
)


@dataclass
class Cell:
    value: str
    sources: list[int]  # source index of each character of value
    start: int  # source index where the cell begins (quote included)


@dataclass
class Row:
    cells: list[Cell]
    start: int  # source index of the row's first character
    problem: str | None = None


@dataclass(frozen=True)
class CsvSettings:
    text_column: str | None = None
    date_column: str | None = None
    platform_column: str | None = None
    delimiter: str | None = None
    preset: str | None = None


@dataclass
class CsvTable:
    header: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    delimiter: str = ","


def sniff_delimiter(text: str, start: int) -> str:
    nl = text.find("\n", start)
    first = text[start : nl if nl != -1 else len(text)]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_rows(text: str, start: int, delimiter: str) -> list[Row]:
    return list(iter_rows(text, start, delimiter))


def iter_rows(text: str, start: int, delimiter: str) -> Iterator[Row]:
    """The rows of ``text`` from ``start``, one at a time (a large export is never held as rows)."""
    i, n = start, len(text)
    while i < n:
        row_start = i
        cells: list[Cell] = []
        problem = None
        while True:
            cell_start = i
            value: list[str] = []
            sources: list[int] = []
            if i < n and text[i] == '"':
                i += 1
                closed = False
                while i < n:
                    c = text[i]
                    if c == '"':
                        if i + 1 < n and text[i + 1] == '"':
                            value.append('"')
                            sources.append(i)
                            i += 2
                            continue
                        i += 1
                        closed = True
                        break
                    value.append(c)
                    sources.append(i)
                    i += 1
                if not closed:
                    problem = "unclosed quote: this cell runs to the end of the file"
                # Anything between the closing quote and the delimiter is kept as text.
                while i < n and text[i] not in (delimiter, "\n", "\r"):
                    value.append(text[i])
                    sources.append(i)
                    i += 1
            else:
                while i < n and text[i] not in (delimiter, "\n", "\r"):
                    value.append(text[i])
                    sources.append(i)
                    i += 1
            cells.append(Cell("".join(value), sources, cell_start))
            if i < n and text[i] == delimiter:
                i += 1
                continue
            break
        if i < n and text[i] == "\r":
            i += 1
        if i < n and text[i] == "\n":
            i += 1
        if len(cells) == 1 and not cells[0].value.strip() and problem is None:
            continue  # blank line
        yield Row(cells, row_start, problem)


def _norm(name: str) -> str:
    return name.strip().strip("\ufeff").lower().replace(" ", "_").replace("-", "_")


def find_column(header: list[str], wanted: str | None, defaults: tuple[str, ...]) -> int | None:
    names = [_norm(h) for h in header]
    if wanted:
        w = _norm(wanted)
        return names.index(w) if w in names else None
    for candidate in defaults:
        if candidate in names:
            return names.index(candidate)
    return None
