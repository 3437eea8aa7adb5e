"""One file -> its posts, through the document model (``structure``).

Conventions (documented in the README):
- Metadata: YAML front matter, ``Key: value`` header lines, blockquote (``> **Platform**: X``),
  bold key lines (``**Statut** : draft``) or Notion property lines under the title; then
  ``[[per_file]]`` defaults, the folder (``x/``, ``linkedin/``, ``tweets/``…) and the extension
  (``.tweet``, ``.toot``). Earlier sources win.
- A title heading, metadata lines, labels, notes sections, briefs and comments are skipped
  regions; rules only see posts.
- Threads: ``---`` lines (for platforms with threads), ``1/`` markers, part headings and label
  lines; alternatives (``## Version 2``), replies (``## First comment``), platform versions
  (a part starting with its own ``Platform:`` line).
- A CSV file holds one post per row (scheduler exports).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from engagelint.models import Link, Post
from engagelint.offsets import LineIndex, ProseBuilder, trimmed
from engagelint.platforms.table import thread_platforms
from engagelint.sources import csvfile
from engagelint.sources.frontmatter import FrontMatter, key_span, split_front_matter
from engagelint.sources.markdown import link_urls, literal_markup, markdown_prose
from engagelint.sources.metadata import (
    Metadata,
    MetadataSettings,
    _norm_key,
    canonical_keys,
    header_block,
    normalise,
    parse_status,
)
from engagelint.sources.paths import (
    TITLE_PLATFORMS,
    PathDefaults,
    language_of_name,
    lineage_of,
    path_defaults,
)
from engagelint.sources.plaintext import text_prose
from engagelint.sources.problems import SourceProblem
from engagelint.sources.sections import SectionSettings, fold, is_not_post_file
from engagelint.sources.structure import PostSpan, Region, read_top, segment

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
TEXT_SUFFIXES = (".txt", ".text")
CSV_SUFFIXES = (".csv", ".tsv")
THREAD_PLATFORMS = thread_platforms()


@dataclass(frozen=True)
class SourceSettings:
    metadata: MetadataSettings = field(default_factory=MetadataSettings)
    csv: csvfile.CsvSettings = field(default_factory=csvfile.CsvSettings)
    sections: SectionSettings = field(default_factory=SectionSettings)
    defaults: tuple[PathDefaults, ...] = ()
    root: str | None = None


@dataclass
class ParsedSource:
    path: str
    text: str
    posts: list[Post]
    problems: list[SourceProblem]
    line_index: LineIndex
    kind: str
    regions: list[Region] = field(default_factory=list)


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
    regions: list[Region] = []
    if kind == "csv":
        posts, problems = _csv_posts(path, text, settings)
    else:
        posts, problems, regions = _draft_posts(path, text, settings, kind)
    return ParsedSource(path, text, posts, problems, LineIndex(text), kind, regions)


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
) -> tuple[list[Post], list[SourceProblem], list[Region]]:
    markdown = kind == "markdown"
    word = is_not_post_file(PurePath(path).stem, settings.sections.not_posts)
    if word is not None:
        reason = f"the file name says it is about posts, not a post ('{word}'; see [sections] not_posts)"
        return [], [], [Region(0, len(text), "notes", reason)]
    fm = split_front_matter(text)
    problems = list(fm.problems)
    raw: dict[str, Any] = dict(fm.data)
    body_start = fm.body_start
    regions: list[Region] = []
    if fm.present:
        regions.append(Region(0, fm.body_start, "front matter", "YAML front matter"))
    meta_sources: list[tuple[dict[str, Any], str, bool]] = [(dict(fm.data), "front matter", True)]
    if not fm.present and not problems:
        header, after = header_block(text, 0, settings.metadata)
        if header:
            meta_sources.append((header, "header lines", True))
            regions.append(Region(0, max(after - 1, 0), "metadata", "metadata lines (Key: value)"))
            body_start = after
            raw.update(header)
    top = read_top(text, body_start, markdown)
    if top.title or top.meta:
        regions.extend(top.regions)
        body_start = top.body_start
        if top.meta:
            meta_sources.append((top.meta, f"{top.meta_style} metadata lines", False))
            for k, val in top.meta.items():
                raw.setdefault(k, val)
    by_path, path_origin = path_defaults(path, settings)
    meta_sources.append((by_path, "path", True))
    if top.title is not None:
        title_words = re.split(r"\W+", fold(text[top.title.start : top.title.end]))
        found = next((TITLE_PLATFORMS[w] for w in title_words if w in TITLE_PLATFORMS), None)
        if found:
            meta_sources.append(({"platform": found}, "title", True))
    meta, origins, meta_problems = _resolve(meta_sources, path_origin, settings, text, fm)
    problems += meta_problems
    if not meta.lang and language_of_name(path):
        meta.lang, origins["lang"] = language_of_name(path), "file name"

    platforms = meta.platforms
    # ``---`` separates posts in front-matter drafts; in document-style drafts (a title and
    # metadata lines) for platforms without threads it is a Markdown rule inside the post.
    document_style = top.title is not None or bool(top.meta)
    thread_platform = not platforms or bool(set(platforms) & THREAD_PLATFORMS) or not document_style
    blank = settings.sections.blank_line_threads
    bot = fm.present and bool(platforms) and any(_norm_key(str(k)) in ("media", "accounts") for k in fm.data)
    spans, body_regions = segment(
        text, body_start, len(text), markdown=markdown, settings=settings.sections,
        thread_platform=thread_platform,
        blank_line_threads=blank == "always" or (blank == "auto" and bot),
        emoji_threads=bool(set(platforms) & THREAD_PLATFORMS),
        # "1/ … 2/ …" in a LinkedIn post is a numbered list, not a thread
        numbered_threads=not platforms or bool(set(platforms) & THREAD_PLATFORMS),
    )  # fmt: skip
    regions.extend(body_regions)
    regions.sort(key=lambda r: r.start)

    extract = markdown_prose if markdown else text_prose
    posts: list[Post] = []
    lineage = lineage_of(path, settings.root)
    for span in spans:
        span_meta, span, header_problems = _version_header(text, span, settings)
        problems += header_problems
        builder = ProseBuilder()
        for s, e in span.ranges:
            if len(builder):
                builder.synthetic("\n\n", s)
            extract(text, s, e, builder)
        prose, offsets = trimmed(*builder.build())
        if not prose:
            continue
        m = span_meta or meta
        markup = tuple(x for a, b in span.ranges for x in literal_markup(text, a, b)) if markdown else ()
        links = (
            tuple(Link(u, s, e) for a, b in span.ranges for u, s, e in link_urls(text, a, b))
            if markdown
            else ()
        )
        post_origins = dict(origins)
        if span_meta is not None and span_meta.platforms:
            post_origins["platforms"] = "version header"
        lang = m.lang or span.lang or meta.lang
        if span.lang and not m.lang:
            post_origins["lang"] = "section heading"
        posts.append(
            Post(
                path=path,
                index=len(posts),
                prose=prose,
                offsets=offsets,
                meta=raw,
                platforms=m.platforms or meta.platforms,
                lang=lang,
                goals=m.goals or meta.goals,
                schedule=m.schedule or meta.schedule,
                campaign=m.campaign or meta.campaign,
                kind=kind,
                links=links,
                disabled=meta.disabled,
                role=span.role,
                label=span.label,
                status=meta.status,
                dated=meta.dated,
                schedule_has_time=meta.schedule_has_time if m.schedule is None else m.schedule_has_time,
                origins=post_origins,
                lineage=lineage,
                markup=markup,
                literal_extra=_markers(text, markup),
            )
        )
    if any(p.role == "version" for p in posts):
        for post in posts:
            if post.role == "thread":
                post.role = "version"
    thread = [p for p in posts if p.role == "thread"]
    for post in posts:
        if post.role == "thread" and len(thread) > 1:
            post.thread_size, post.thread_index, post.thread_key = len(thread), thread.index(post), path
        else:
            if post.role == "thread":
                post.role = "single"
            post.thread_size, post.thread_index, post.thread_key = 1, 0, f"{path}#{post.index}"
    return posts, problems, regions


def _resolve(meta_sources, path_origin: dict[str, str], settings: SourceSettings, text: str, fm: FrontMatter):
    """Merge the metadata sources, first one winning per field; remember where each value came from."""
    keys = canonical_keys(settings.metadata)
    meta, origins, problems = Metadata(), {}, []
    # The status first (from whichever source gives it): it decides what a date key means.
    for source_raw, origin, _strict in meta_sources:
        found = next(
            (parse_status(v) for k, v in source_raw.items() if keys.get(_norm_key(str(k))) == "status" and v),
            None,
        )
        if found:
            meta.status = found
            origins["status"] = path_origin.get("status", origin) if origin == "path" else origin
            break
    for source_raw, origin, strict in meta_sources:
        if not source_raw:
            continue
        m = normalise(source_raw, settings.metadata, strict=strict, status=meta.status)
        if origin in ("front matter", "header lines"):
            problems += _meta_problems(text, fm if origin == "front matter" else FrontMatter(), m)
        for name in ("platforms", "lang", "goals", "campaign"):
            if getattr(m, name) and not getattr(meta, name):
                setattr(meta, name, getattr(m, name))
                key = "platform" if name == "platforms" else name
                origins[name] = path_origin.get(key, origin) if origin == "path" else origin
        if m.schedule is not None and meta.schedule is None and meta.dated is None:
            meta.schedule, meta.schedule_has_time = m.schedule, m.schedule_has_time
            origins["schedule"] = origin
        if m.dated is not None and meta.dated is None and meta.schedule is None:
            meta.dated, origins["date"] = m.dated, origin
        if origin == "front matter":
            meta.disabled, meta.rule_settings = m.disabled, m.rule_settings
    return meta, origins, problems


def _markers(text: str, markup) -> str:
    """The marker characters a literal paste keeps (``**``, ``## ``, ``[``, ``](…)`` minus the URL)."""
    out = []
    for s, e, kind, _plain in markup:
        if kind in ("heading", "list", "quote"):
            out.append(text[s:e])
        elif kind == "bold":
            out.append("****")
        else:
            out.append("[]()")  # the URL itself is counted with the links
    return "".join(out)


def _version_header(text: str, span: PostSpan, settings: SourceSettings):
    """A part that starts with its own ``Platform: …`` line is a platform version of the post."""
    s, e = span.ranges[0]
    header, after = header_block(text, s, settings.metadata)
    if not header or after > e + 1:
        return None, span, []
    meta = normalise(header, settings.metadata)
    problems = _meta_problems(text, FrontMatter(), meta, s)
    if not meta.platforms:
        return meta, span, problems
    rest = [(after, e), *span.ranges[1:]] if after < e else span.ranges[1:]
    if not rest:
        return meta, PostSpan([], "version"), problems
    return meta, PostSpan(rest, "version", span.number, span.label, span.lang), problems


@dataclass(frozen=True)
class CsvLayout:
    """Where a CSV export keeps each field, read from its first row; picklable, so a worker can
    turn any run of body rows into posts (``csv_row_posts``) without the rest of the file."""

    delimiter: str
    header: tuple[str, ...]
    body_start: int  # source index of the first body row (the header row skipped)
    text_col: int
    date_col: int | None
    time_col: int | None
    platform_col: int | None
    preset_name: str | None
    metadata: MetadataSettings


def csv_layout(
    path: str, text: str, settings: SourceSettings
) -> tuple[CsvLayout | None, list[SourceProblem]]:
    """The export's layout, or None (with the problem, if any) when it has no rows or no text column."""
    cfg = settings.csv
    start = 1 if text.startswith("\ufeff") else 0
    delimiter = cfg.delimiter or (
        "\t" if path.lower().endswith(".tsv") else csvfile.sniff_delimiter(text, start)
    )
    first = next(csvfile.iter_rows(text, start, delimiter), None)
    problems: list[SourceProblem] = []
    if first is None:
        return None, problems
    preset_name = csvfile.detect_preset([c.value for c in first.cells], cfg.preset)
    preset = csvfile.PRESETS.get(preset_name) if preset_name else None
    if preset is not None and not preset.header:
        header = list(preset.columns)
        body_start = first.start
    else:
        header = [c.value for c in first.cells]
        body_start = _row_end(text, first, delimiter)
    text_col = csvfile.find_column(
        header, cfg.text_column or (preset.text if preset else None), csvfile.TEXT_COLUMNS
    )
    if text_col is None:
        wanted = cfg.text_column or " / ".join(csvfile.TEXT_COLUMNS[:3])
        problems.append(
            SourceProblem(
                "EL003",
                f"no text column (looked for {wanted!r}; header has {', '.join(header)}); "
                "set [csv] text_column or [csv] preset in the config",
                first.start,
                first.start,
            )
        )
        return None, problems
    date_col = csvfile.find_column(
        header, cfg.date_column or (preset.date if preset else None), csvfile.DATE_COLUMNS
    )
    if date_col is None and preset is not None and cfg.date_column is None:
        date_col = csvfile.find_column(header, None, csvfile.DATE_COLUMNS)
    time_col = csvfile.find_column(
        header, preset.time if preset and preset.time else None, csvfile.TIME_COLUMNS
    )
    if time_col == date_col:
        time_col = None
    platform_col = csvfile.find_column(
        header, cfg.platform_column or (preset.platform if preset else None), csvfile.PLATFORM_COLUMNS
    )
    if platform_col is None and preset is not None:
        platform_col = csvfile.find_column(header, None, csvfile.PLATFORM_COLUMNS)
    formats = preset.date_formats if preset else ()
    settings_meta = settings.metadata
    if formats:
        from dataclasses import replace

        settings_meta = replace(settings.metadata, date_formats=(*settings.metadata.date_formats, *formats))
    layout = CsvLayout(delimiter, tuple(header), body_start, text_col, date_col, time_col, platform_col,
                       preset_name, settings_meta)  # fmt: skip
    return layout, problems


def _row_end(text: str, row: csvfile.Row, delimiter: str) -> int:
    """Source index just after ``row`` (and its line break): where the next row starts."""
    reader = csvfile.iter_rows(text, row.start, delimiter)
    next(reader)
    nxt = next(reader, None)
    return nxt.start if nxt is not None else len(text)


def row_makes_post(row: csvfile.Row, layout: CsvLayout) -> bool:
    """True when ``csv_row_posts`` turns this body row into a post (its text cell is not blank)."""
    return layout.text_col < len(row.cells) and bool(row.cells[layout.text_col].value.strip())


def csv_row_posts(
    path: str, rows: Iterable[csvfile.Row], layout: CsvLayout, first_index: int = 0
) -> tuple[list[Post], list[SourceProblem]]:
    """Posts of body ``rows``; ``first_index`` is the number of posts of the rows before them."""
    header, text_col, date_col = layout.header, layout.text_col, layout.date_col
    time_col, platform_col, preset_name = layout.time_col, layout.platform_col, layout.preset_name
    problems: list[SourceProblem] = []
    posts: list[Post] = []
    for row in rows:
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
            if time_col is not None and time_col < len(row.cells) and row.cells[time_col].value.strip():
                mapped["schedule"] = f"{mapped['schedule'].strip()} {row.cells[time_col].value.strip()}"
        if platform_col is not None and platform_col < len(row.cells):
            mapped["platform"] = row.cells[platform_col].value
        meta = normalise(mapped, layout.metadata)
        for _key, message in meta.problems:
            problems.append(SourceProblem("EL002", message, row.start, row.start))
        builder = ProseBuilder()
        builder.add(cell.value, cell.sources)
        prose, offsets = trimmed(*builder.build())
        if not prose:
            continue
        index = first_index + len(posts)
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
                schedule_has_time=meta.schedule_has_time,
                origins={"schedule": f"CSV column ({header[date_col]})"}
                if meta.schedule and date_col is not None
                else {},
                label=f"row {index + 1}" + (f" ({preset_name} export)" if preset_name else ""),
            )
        )
    return posts, problems


def _csv_posts(path: str, text: str, settings: SourceSettings) -> tuple[list[Post], list[SourceProblem]]:
    layout, problems = csv_layout(path, text, settings)
    if layout is None:
        return [], problems
    posts, row_problems = csv_row_posts(
        path, csvfile.iter_rows(text, layout.body_start, layout.delimiter), layout
    )
    return posts, problems + row_problems
