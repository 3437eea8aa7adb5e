"""One file -> its posts.

Conventions (documented in the README):
- Markdown/text drafts may start with YAML front matter between ``---`` lines, or with
  ``Key: value`` header lines (known keys only) followed by a blank line.
- A line containing only ``---`` after the front matter separates the posts of a **thread**.
  A post that starts with its own ``Platform: …`` header line is a platform **version** of the
  post rather than a thread step.
- A CSV file holds one post per row (scheduler exports).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from engagelint.models import Link, Post
from engagelint.offsets import LineIndex, ProseBuilder, trimmed
from engagelint.sources import csvfile
from engagelint.sources.frontmatter import FrontMatter, key_span, split_front_matter
from engagelint.sources.markdown import link_urls, markdown_prose
from engagelint.sources.metadata import Metadata, MetadataSettings, header_block, normalise
from engagelint.sources.plaintext import text_prose
from engagelint.sources.problems import SourceProblem

_SEPARATOR = re.compile(r"^---[ \t]*\r?$", re.MULTILINE)
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
TEXT_SUFFIXES = (".txt", ".text")
CSV_SUFFIXES = (".csv", ".tsv")


@dataclass(frozen=True)
class SourceSettings:
    metadata: MetadataSettings = field(default_factory=MetadataSettings)
    csv: csvfile.CsvSettings = field(default_factory=csvfile.CsvSettings)


@dataclass
class ParsedSource:
    path: str
    text: str
    posts: list[Post]
    problems: list[SourceProblem]
    line_index: LineIndex
    kind: str


def kind_for_path(path: str) -> str:
    lower = path.lower()
    if lower.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    if lower.endswith(CSV_SUFFIXES):
        return "csv"
    return "text"


def parse_source(
    path: str, text: str, settings: SourceSettings | None = None, kind: str | None = None
) -> ParsedSource:
    settings = settings or SourceSettings()
    kind = kind or kind_for_path(path)
    if kind == "csv":
        posts, problems = _csv_posts(path, text, settings)
    else:
        posts, problems = _draft_posts(path, text, settings, kind)
    return ParsedSource(path, text, posts, problems, LineIndex(text), kind)


def _meta_problems(text: str, fm: FrontMatter, meta: Metadata, header_start: int = 0) -> list[SourceProblem]:
    out = []
    for key, message in meta.problems:
        s, e = key_span(text, fm, key) if fm.present else _header_key_span(text, key, header_start)
        out.append(SourceProblem("EL002", message, s, e))
    return out


def _header_key_span(text: str, key: str, start: int) -> tuple[int, int]:
    m = re.compile(rf"^{re.escape(key)}[ \t]*:", re.MULTILINE).search(text, start)
    return (m.start(), m.start() + len(key)) if m else (start, start)


def _draft_posts(
    path: str, text: str, settings: SourceSettings, kind: str
) -> tuple[list[Post], list[SourceProblem]]:
    fm = split_front_matter(text)
    problems = list(fm.problems)
    raw: dict[str, Any] = dict(fm.data)
    body_start = fm.body_start
    if not fm.present and not problems:
        header, body_start = header_block(text, 0, settings.metadata)
        raw.update(header)
    meta = normalise(raw, settings.metadata)
    problems += _meta_problems(text, fm, meta)

    # Split the body into thread posts at separator lines.
    bounds: list[tuple[int, int]] = []
    pos = body_start
    for m in _SEPARATOR.finditer(text, body_start):
        bounds.append((pos, m.start()))
        pos = m.end() + 1 if m.end() < len(text) else m.end()
    bounds.append((pos, len(text)))

    segments: list[tuple[int, int, Metadata | None]] = []
    for start, end in bounds:
        header, seg_start = header_block(text, start, settings.metadata)
        seg_meta = None
        if header:
            seg_meta = normalise(header, settings.metadata)
            problems += _meta_problems(text, FrontMatter(), seg_meta, start)
        segments.append((seg_start, end, seg_meta))

    extract = markdown_prose if kind == "markdown" else text_prose
    posts: list[Post] = []
    variants = any(sm is not None and sm.platforms for _, _, sm in segments)
    for seg_start, seg_end, seg_meta in segments:
        builder = ProseBuilder()
        extract(text, seg_start, seg_end, builder)
        prose, offsets = trimmed(*builder.build())
        if not prose:
            continue
        m = seg_meta or meta
        links = (
            tuple(Link(u, s, e) for u, s, e in link_urls(text, seg_start, seg_end))
            if kind == "markdown"
            else ()
        )
        posts.append(
            Post(
                path=path,
                index=len(posts),
                prose=prose,
                offsets=offsets,
                meta=raw,
                platforms=m.platforms or meta.platforms,
                lang=m.lang or meta.lang,
                goals=m.goals or meta.goals,
                schedule=m.schedule or meta.schedule,
                campaign=m.campaign or meta.campaign,
                kind=kind,
                links=links,
                disabled=meta.disabled,
            )
        )
    for post in posts:
        post.thread_size = 1 if variants else len(posts)
        post.thread_index = 0 if variants else post.index
        post.thread_key = f"{path}#{post.index}" if variants else path
    return posts, problems


def _csv_posts(path: str, text: str, settings: SourceSettings) -> tuple[list[Post], list[SourceProblem]]:
    cfg = settings.csv
    start = 1 if text.startswith("\ufeff") else 0
    delimiter = cfg.delimiter or (
        "\t" if path.lower().endswith(".tsv") else csvfile.sniff_delimiter(text, start)
    )
    rows = csvfile.read_rows(text, start, delimiter)
    problems: list[SourceProblem] = []
    if not rows:
        return [], problems
    header = [c.value for c in rows[0].cells]
    text_col = csvfile.find_column(header, cfg.text_column, csvfile.TEXT_COLUMNS)
    if text_col is None:
        wanted = cfg.text_column or " / ".join(csvfile.TEXT_COLUMNS[:3])
        problems.append(
            SourceProblem(
                "EL003",
                f"no text column (looked for {wanted!r}; header has {', '.join(header)}); "
                "set [csv] text_column in the config",
                rows[0].start,
                rows[0].start,
            )
        )
        return [], problems
    date_col = csvfile.find_column(header, cfg.date_column, csvfile.DATE_COLUMNS)
    platform_col = csvfile.find_column(header, cfg.platform_column, csvfile.PLATFORM_COLUMNS)
    posts: list[Post] = []
    for row in rows[1:]:
        if row.problem:
            problems.append(SourceProblem("EL003", row.problem, row.start, row.start + 1))
        if len(row.cells) != len(header):
            problems.append(
                SourceProblem(
                    "EL003",
                    f"row has {len(row.cells)} cells but the header has {len(header)}",
                    row.start,
                    row.start,
                )
            )
        if text_col >= len(row.cells):
            continue
        cell = row.cells[text_col]
        raw: dict[str, Any] = {}
        for i, name in enumerate(header):
            if i < len(row.cells) and i != text_col:
                raw[name] = row.cells[i].value
        mapped: dict[str, Any] = {}
        if date_col is not None and date_col < len(row.cells):
            mapped["schedule"] = row.cells[date_col].value
        if platform_col is not None and platform_col < len(row.cells):
            mapped["platform"] = row.cells[platform_col].value
        meta = normalise(mapped, settings.metadata)
        for _key, message in meta.problems:
            problems.append(SourceProblem("EL002", message, row.start, row.start))
        builder = ProseBuilder()
        builder.add(cell.value, cell.sources)
        prose, offsets = trimmed(*builder.build())
        if not prose:
            continue
        index = len(posts)
        posts.append(
            Post(
                path=path,
                index=index,
                prose=prose,
                offsets=offsets,
                meta=raw,
                platforms=meta.platforms,
                lang=meta.lang,
                schedule=meta.schedule,
                kind="csv",
                thread_key=f"{path}#{index}",
            )
        )
    return posts, problems
