"""A draft's layout: title, metadata lines, posts (with their role) and skipped regions.

Works on source offsets only; turning a post's source ranges into prose is the extractors' job.
The walk is line by line: headings and label lines open sections (see ``sections``), ``---``
and numbered markers split threads, and notes, labels, briefs, comments and metadata lines
become skipped regions that no rule ever sees.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from engagelint.sources import sections as sec

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*\r?$")
_BREAK = re.compile(r"^ {0,3}(?:-{3,}|\*{3,}|_{3,})[ \t]*\r?$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CALLOUT = re.compile(r"^[ \t]*>[ \t]*\[![\w-]+\]")
_EMBED = re.compile(r"^[ \t]*!\[\[[^\]\n]+\]\][ \t]*\r?$")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,2}[.)])[ \t]+")
_SPANS = (
    (re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL), "comment", "HTML comment"),
    (re.compile(r"%%.*?(?:%%|\Z)", re.DOTALL), "comment", "Obsidian comment (%% %%)"),
)


@dataclass(frozen=True)
class Region:
    """Source text [start, end) that is not post text, and why."""

    start: int
    end: int
    kind: str  # title, metadata, label, notes, comment, brief, divider, front matter
    reason: str


@dataclass
class PostSpan:
    """One post: the source ranges of its text (labels and skipped regions cut out)."""

    ranges: list[tuple[int, int]]
    role: str = "single"  # single, thread, alternative, reply, version
    number: int | None = None  # thread part or alternative number as written
    label: str = ""  # the heading or label that introduced it
    lang: str | None = None  # language named by its heading (language versions)

    @property
    def start(self) -> int:
        return self.ranges[0][0]

    @property
    def end(self) -> int:
        return self.ranges[-1][1]


@dataclass
class Top:
    title: Region | None = None
    meta: dict[str, str] = field(default_factory=dict)
    meta_style: str = ""
    regions: list[Region] = field(default_factory=list)
    body_start: int = 0


def _lines(text: str, start: int, end: int):
    """(line start, line end without the break, next line start) for text[start:end]."""
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        content_end = stop - 1 if stop > pos and text[stop - 1] == "\r" else stop
        yield pos, content_end, (end if nl == -1 else nl + 1)
        pos = end if nl == -1 else nl + 1


def read_top(text: str, start: int, markdown: bool) -> Top:
    """The title heading and the metadata lines under it (blockquote, bold keys, Notion properties)."""
    top = Top(body_start=start)
    lines = list(_lines(text, start, len(text)))
    i = 0
    while i < len(lines) and lines[i][0] == lines[i][1]:
        i += 1
    if i < len(lines) and markdown:
        s, e, _ = lines[i]
        m = _HEADING.match(text[s:e])
        if m and (
            len(m.group(1)) == 1
            or sec.classify_heading(m.group(2), sec.SectionSettings()).kind in ("other", "body")
        ):
            top.title = Region(s, e, "title", "title of the file (for people, not published)")
            top.regions.append(top.title)
            top.body_start = lines[i][2]
            i += 1
    j = i
    while j < len(lines) and lines[j][0] == lines[j][1]:
        j += 1
    block: list[tuple[int, int, sec.KeyLine]] = []
    k = j
    while k < len(lines):
        s, e, _ = lines[k]
        kl = sec.key_line(text[s:e], plain=top.title is not None)
        if kl is None:
            break
        block.append((s, e, kl))
        k += 1
    from engagelint.sources.metadata import MetadataSettings, _norm_key, canonical_keys

    known = canonical_keys(MetadataSettings())
    if block and any(sec.is_meta_label(b[2].key) or _norm_key(b[2].key) in known for b in block):
        blank_after = (
            k >= len(lines) or lines[k][0] == lines[k][1] or _BREAK.match(text[lines[k][0] : lines[k][1]])
        )
        if blank_after:
            top.meta = {b[2].key: b[2].value for b in block}
            top.meta_style = block[0][2].style
            top.regions.append(
                Region(block[0][0], block[-1][1], "metadata", f"metadata lines ({top.meta_style})")
            )
            top.body_start = lines[k - 1][2]
            i = k
            # A rule under the metadata only separates it from the post.
            while i < len(lines) and lines[i][0] == lines[i][1]:
                i += 1
            if i < len(lines) and _BREAK.match(text[lines[i][0] : lines[i][1]]):
                top.regions.append(Region(lines[i][0], lines[i][1], "divider", "rule under the metadata"))
                top.body_start = lines[i][2]
    return top


@dataclass
class _Section:
    kind: str  # body, part, alternative, reply, hooks, notes
    number: int | None = None
    label: str = ""
    lang: str | None = None
    level: int = 0
    chunks: list[list[tuple[int, int]]] = field(default_factory=lambda: [[]])

    def add(self, s: int, e: int) -> None:
        self.chunks[-1].append((s, e))

    def split(self) -> None:
        if self.chunks[-1]:
            self.chunks.append([])


def _skip_spans(text: str, start: int, end: int) -> list[Region]:
    out = []
    for pattern, kind, reason in _SPANS:
        for m in pattern.finditer(text, start, end):
            out.append(Region(m.start(), m.end(), kind, reason))
    disjoint: list[Region] = []
    for r in sorted(out, key=lambda r: r.start):
        if not disjoint or r.start >= disjoint[-1].end:  # "<!-- %% -->": the outer one wins
            disjoint.append(r)
    return disjoint


def _numbered_lines(text: str, lines, settings) -> set[int]:
    """Line starts of accepted thread markers ``1/``, ``2/5``…: a run 1, 2, 3… of at least two."""
    found = []
    fence = None
    for s, e, _ in lines:
        line = text[s:e]
        f = _FENCE.match(line)
        if f:
            fence = None if fence and line.strip().startswith(fence) else (fence or f.group(1)[:3])
            continue
        if fence:
            continue
        m = sec.NUMBER_MARKER.match(line)
        if m:
            found.append((s, int(m.group("n"))))
    accepted: list[int] = []
    expected = 1
    for s, n in found:
        if n == expected:
            accepted.append(s)
            expected += 1
    return set(accepted) if len(accepted) >= 2 else set()


def segment(
    text: str,
    start: int,
    end: int,
    *,
    markdown: bool,
    settings: sec.SectionSettings,
    thread_platform: bool,
    blank_line_threads: bool,
    emoji_threads: bool = False,
    numbered_threads: bool = True,
) -> tuple[list[PostSpan], list[Region]]:
    """Split the body text[start:end] into posts and skipped regions."""
    regions: list[Region] = _skip_spans(text, start, end)
    lines = list(_lines(text, start, end))
    numbered = _numbered_lines(text, lines, settings) if numbered_threads else set()
    sections: list[_Section] = [_Section("body")]
    cur = sections[0]
    fence = None
    blank_run = 0
    callout = False
    pending_marker = False

    comments = [(r.start, r.end) for r in regions]  # only comment spans so far, sorted
    comment_starts = [c[0] for c in comments]

    def skipped(s: int) -> bool:
        i = bisect.bisect_right(comment_starts, s) - 1
        return i >= 0 and comments[i][0] <= s < comments[i][1]

    def note(s: int, e: int, kind: str, reason: str) -> None:
        last = regions[-1] if regions else None
        if (
            last is not None
            and last.kind == kind
            and last.reason == reason
            and text[last.end : s].strip() == ""
        ):
            regions[-1] = Region(last.start, e, kind, reason)
        else:
            regions.append(Region(s, e, kind, reason))

    def open_section(kind: str, number, label: str, lang=None, level: int = 0) -> _Section:
        new = _Section(kind, number, label, lang, level)
        sections.append(new)
        return new

    for idx, (s, e, _nxt) in enumerate(lines):
        line = text[s:e]
        f = _FENCE.match(line)
        if fence is not None or f:
            if f:
                fence = None if fence and line.strip().startswith(fence) else (fence or f.group(1)[:3])
            (note(s, e, "notes", "notes section") if cur.kind == "notes" else cur.add(s, e))
            blank_run = 0
            continue
        if s == e or not line.strip():
            blank_run += 1
            if blank_run == 2 and blank_line_threads and cur.kind in ("body", "part"):
                cur.split()
            if cur.kind == "hooks":
                cur.split()
            callout = False
            continue
        blank_run = 0
        if pending_marker:
            pending_marker = False
            if sec.is_language_label(line):
                regions.append(Region(s, e, "label", "language version label"))
                continue
        if skipped(s) and all(skipped(i) or text[i].isspace() for i in range(s, e)):
            continue
        if callout and line.lstrip().startswith(">"):
            note(s, e, "notes", "Obsidian callout")
            continue
        callout = False
        if markdown and _CALLOUT.match(line):
            callout = True
            note(s, e, "notes", "Obsidian callout")
            continue
        h = _HEADING.match(line) if markdown else None
        if h:
            level = len(h.group(1))
            kind = sec.classify_heading(h.group(2), settings)
            if cur.kind == "notes" and (kind.kind in ("other", "notes", "body") or level > cur.level):
                note(s, e, "notes", "notes section")
                continue
            if kind.kind == "notes":
                cur = open_section("notes", None, h.group(2), level=level)
                note(s, e, "notes", "notes section")
                continue
            if kind.kind in ("alternative", "part", "reply", "body", "hooks"):
                cur = open_section(kind.kind, kind.number, h.group(2).strip(), kind.lang, level)
                regions.append(Region(s, e, "label", f"{kind.kind} heading"))
                continue
            cur.add(s, e)  # a heading inside the post: published as written
            continue
        if cur.kind == "notes":
            note(s, e, "notes", "notes section")
            continue
        if _BREAK.match(line):
            following = next((text[a:b] for a, b, _ in lines[idx + 1 :] if a != b and text[a:b].strip()), "")
            lang = sec.language_marker(following)
            if lang is not False and cur.kind in ("body", "alternative", "part"):
                if cur.kind == "body" and len(sections) == 1 and cur.chunks == [[]]:
                    pass
                cur = open_section("alternative", None, following.strip(), lang)
                regions.append(Region(s, e, "divider", "rule before a language version"))
                pending_marker = True
                continue
            if (
                cur.kind in ("body", "part")
                and thread_platform
                and not _HEADING.match(following)
                and following
            ):
                cur.split()
                regions.append(Region(s, e, "divider", "thread separator"))
            else:
                regions.append(Region(s, e, "divider", "horizontal rule (not published)"))
            continue
        if markdown and (sec.BRIEF_LINE.match(line) or _EMBED.match(line)):
            regions.append(Region(s, e, "brief", "media brief or embed (attached, not written)"))
            continue
        label = sec.label_at(line, settings)
        if label is not None and (label[1] is not None or label[0] == len(line.rstrip())):
            length, number = label
            repeated = cur.kind == "part" and cur.number == number and cur.chunks == [[]]
            if cur.kind != "hooks" and not repeated:
                cur = open_section("part", number, line[:length].strip(), None, cur.level)
            regions.append(Region(s, s + length, "label", "thread part label"))
            rest = s + length
            while rest < e and text[rest] in " \t":
                rest += 1
            if rest < e:
                cur.add(rest, e)
            continue
        kl = sec.key_line(line)
        if kl is not None:
            if sec.is_text_label(kl.key):
                regions.append(Region(s, s + kl.value_start, "label", "label before post text"))
                if kl.value.strip():
                    cur.add(s + kl.value_start, e)
                continue
            if sec.is_meta_label(kl.key):
                regions.append(Region(s, e, "metadata", "metadata line"))
                continue
        if s in numbered and cur.kind in ("body", "part"):
            cur = open_section("part", None, "", None, cur.level)
        if cur.kind == "hooks" and _LIST_ITEM.match(line):
            cur.split()
        cur.add(s, e)
    if emoji_threads and len(sections) == 1 and len(cur.chunks) == 1:
        cur.chunks = _thread_emoji_parts(cur.chunks[0], text)
    return _posts(sections, regions, text), sorted(regions, key=lambda r: r.start)


def _thread_emoji_parts(chunk: list[tuple[int, int]], text: str) -> list[list[tuple[int, int]]]:
    """A post that opens with 🧵 ("A thread 🧵") and has no other thread marks: one tweet per paragraph."""
    paragraphs: list[list[tuple[int, int]]] = []
    for s, e in chunk:
        if paragraphs and "\n" not in text[paragraphs[-1][-1][1] + 1 : s].replace("\r", ""):
            paragraphs[-1].append((s, e))
        else:
            paragraphs.append([(s, e)])
    if len(paragraphs) < 2 or not any("🧵" in text[s:e] for s, e in paragraphs[0]):
        return [chunk]
    return paragraphs


def _subtract(ranges: list[tuple[int, int]], cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``ranges`` without the (sorted, disjoint) comment spans ``cuts``."""
    starts = [c[0] for c in cuts]
    out = []
    for s, e in ranges:
        first = max(bisect.bisect_right(starts, s) - 1, 0)
        for cs, ce in cuts[first : bisect.bisect_left(starts, e)]:
            if ce <= s or cs >= e:
                continue
            if cs > s:
                out.append((s, cs))
            s = max(s, ce)
        if s < e:
            out.append((s, e))
    return out


def _merge(ranges: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Consecutive lines -> one range (so paragraphs parse as paragraphs)."""
    out: list[tuple[int, int]] = []
    for s, e in ranges:
        if out and text[out[-1][1] : s].strip(" \t\r\n") == "" and text.count("\n", out[-1][1], s) <= 1:
            out[-1] = (out[-1][0], e)
        elif (
            out
            and text[out[-1][1] : s].strip() == ""
            and "\n\n" not in text[out[-1][1] : s].replace("\r", "")[1:]
        ):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _posts(sections: list[_Section], regions: list[Region], text: str) -> list[PostSpan]:
    cuts = sorted((r.start, r.end) for r in regions if r.kind == "comment")
    spans: list[tuple[_Section, list[tuple[int, int]]]] = []
    for section in sections:
        if section.kind == "notes":
            continue
        chunks = [c for c in section.chunks if c and any(text[s:e].strip() for s, e in c)]
        if section.kind in ("alternative", "reply", "part") and chunks:
            # an alternative is never a thread; a rule inside it is only a divider
            chunks = [[r for c in chunks for r in c]]
        for chunk in chunks:
            spans.append((section, chunk))
    alternatives = sum(1 for s, _ in spans if s.kind == "alternative")
    hooks = sum(1 for s, _ in spans if s.kind == "hooks")
    singles = sum(1 for s, _ in spans if s.kind == "body")
    parts = sum(1 for s, _ in spans if s.kind == "part")
    out: list[PostSpan] = []
    for section, chunk in spans:
        ranges = _merge(_subtract(chunk, cuts), text)
        if not ranges:
            continue
        if section.kind in ("alternative", "hooks"):
            role = "alternative" if alternatives + hooks + singles > 1 or section.lang else "single"
        elif section.kind == "reply":
            role = "reply"
        elif section.kind == "part":
            role = "thread"
        elif alternatives and singles == 1:
            role = "alternative"  # the original next to its language versions or variants
        else:
            role = "thread" if singles > 1 or parts else "single"
        out.append(PostSpan(ranges, role, section.number, section.label, section.lang))
    return out
