"""Markdown -> prose with exact source offsets.

markdown-it-py gives block line ranges only (``Token.map``); inline character offsets are ours:
each inline token's content is located line by line in the source, then each child token's
text is aligned to that content. Code, HTML (comments included), images and link URLs are not
prose; link text is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from engagelint.offsets import ProseBuilder

_BREAK = re.compile(r"\r\n|\r|\n")


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).disable(["reference"], ignoreInvalid=True)


# Anything that could be Markdown syntax; drafts without any of it are plain paragraphs and skip
# the parser (most social posts), with the same prose and offsets the parser would give.
_MARKUP = re.compile(
    r"[*_\[\]`<>&\\|~]|^[ \t]|[ \t]\r?$|^(?:#{1,6}(?:[ \t]|$)|[-+=]|\d{1,9}[.)])|(?:\r?\n){3}|\r(?!\n)",
    re.MULTILINE,
)


def markdown_prose(text: str, start: int, end: int, builder: ProseBuilder) -> None:
    """Append the prose of source ``text[start:end]`` to ``builder``."""
    segment = text[start:end]
    if not _MARKUP.search(segment):
        _plain_paragraphs(text, start, end, builder)
        return
    # Line breaks as markdown-it sees them: CRLF, LF, and a lone CR.
    line_starts = [0]
    lines = []
    for m in _BREAK.finditer(segment):
        lines.append(segment[line_starts[-1] : m.start()])
        line_starts.append(m.end())
    lines.append(segment[line_starts[-1] :])
    tokens = _parser().parse(segment)
    covered = [False] * len(lines)
    for token in tokens:
        if token.type in _CONTENT_TOKENS and token.map is not None:
            for i in range(token.map[0], min(token.map[1], len(lines))):
                covered[i] = True
        if token.type != "inline" or token.map is None:
            continue
        if len(builder):
            # Blocks are separated by a blank line in the prose, standing for the block boundary.
            builder.synthetic("\n\n", start + line_starts[token.map[0]])
        _inline(token, lines, line_starts, start, builder)
    _unparsed_lines(lines, line_starts, covered, start, builder)


# Tokens that carry a line's content (prose, or code and HTML that are not prose on purpose).
_CONTENT_TOKENS = frozenset({"inline", "fence", "code_block", "html_block"})
_QUOTE_MARKERS = re.compile(r"[ \t]*(?:>[ \t]*)*")


def _unparsed_lines(lines, line_starts, covered, start: int, builder: ProseBuilder) -> None:
    """Lines the parser dropped (blocks nested deeper than its limit, e.g. 20 ``>``) are linted as
    plain text after their quote markers: a draft is never "All clear" because it was not read."""
    for i, line in enumerate(lines):
        if covered[i]:
            continue
        skip = _QUOTE_MARKERS.match(line).end()
        content = line[skip:].rstrip()
        if not content:
            continue
        if len(builder):
            builder.synthetic("\n\n", start + line_starts[i])
        builder.copy(content, start + line_starts[i] + skip)


def _plain_paragraphs(text: str, start: int, end: int, builder: ProseBuilder) -> None:
    """Paragraphs of plain lines: lines joined by their line break, paragraphs by a blank line."""
    pos = start
    pending: int | None = None  # source index of the break before the next line
    blank = False
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl == -1 else nl
        content_end = line_end - 1 if line_end > pos and text[line_end - 1] == "\r" else line_end
        if content_end == pos:
            blank = True
        else:
            if pending is not None and len(builder):
                builder.synthetic("\n\n", pending) if blank else builder.add("\n", [pending])
            builder.copy(text[pos:content_end], pos)
            pending, blank = content_end, False
        if nl == -1:
            break
        pos = nl + 1


def _content_sources(
    content: str, first_line: int, lines: list[str], line_starts: list[int], base: int
) -> list[int]:
    """Source index of every character of an inline token's content."""
    out: list[int] = []
    for i, cline in enumerate(content.split("\n")):
        li = first_line + i
        if li >= len(lines):
            li = len(lines) - 1
        src_line = lines[li]
        pos = src_line.find(cline) if cline else len(src_line)
        if pos == -1:
            # Tabs or container markers rewrote the line; align greedily character by character.
            cursor = 0
            for ch in cline:
                found = src_line.find(ch, cursor)
                if found == -1:
                    found = min(cursor, max(len(src_line) - 1, 0))
                out.append(base + line_starts[li] + found)
                cursor = found + 1
        else:
            out.extend(range(base + line_starts[li] + pos, base + line_starts[li] + pos + len(cline)))
        out.append(base + line_starts[li] + len(src_line))  # the line break
    out.pop()  # no break after the last line
    limit = base + line_starts[-1] + len(lines[-1]) - 1
    return [min(i, limit) for i in out] if out and max(out) > limit else out


def _inline(token, lines: list[str], line_starts: list[int], base: int, builder: ProseBuilder) -> None:
    content = token.content
    src = _content_sources(content, token.map[0], lines, line_starts, base)
    cursor = 0
    in_link = 0
    children = token.children or []
    for child in children:
        kind = child.type
        if kind == "text":
            t = child.content
            if not t:
                continue
            idx = content.find(t, cursor)
            if idx != -1:
                builder.add(t, src[idx : idx + len(t)])
                cursor = idx + len(t)
            else:
                # Escapes and entities: the text differs from the source; align char by char.
                indices = []
                for ch in t:
                    found = content.find(ch, cursor)
                    if found == -1:
                        found = min(cursor, len(content) - 1)
                    indices.append(src[found])
                    cursor = found + 1
                builder.add(t, indices)
        elif kind in ("softbreak", "hardbreak"):
            idx = content.find("\n", cursor)
            if idx == -1:
                continue
            builder.add("\n", [src[idx]])
            cursor = idx + 1
        elif kind in ("code_inline", "html_inline"):
            if kind == "code_inline":
                # Skip the whole span: opening backticks, code, closing backticks.
                ticks = child.markup or "`"
                opening = content.find(ticks, cursor)
                if opening != -1:
                    closing = content.find(ticks, opening + len(ticks) + max(len(child.content) - 1, 0))
                    cursor = closing + len(ticks) if closing != -1 else opening + len(ticks)
            else:
                idx = content.find(child.content, cursor)
                if idx != -1:
                    if _is_prose_tag(child.content):
                        # "<link here>", "<URL>": a placeholder written like a tag, not HTML.
                        builder.add(child.content, src[idx : idx + len(child.content)])
                    cursor = idx + len(child.content)
        elif kind == "image":
            idx = content.find("](", cursor)
            if idx != -1:
                close = content.find(")", idx)
                cursor = close + 1 if close != -1 else idx + 2
        elif kind == "link_open":
            in_link += 1
        elif kind == "link_close":
            in_link -= 1
            if content.startswith("](", cursor):
                close = _closing_paren(content, cursor + 2)
                cursor = close + 1
            elif content.startswith(">", cursor):  # autolink <https://…>
                cursor += 1


# Tags people really use inside Markdown prose; anything else in angle brackets is text.
_HTML_INLINE_TAGS = frozenset(
    "a abbr b bdi bdo br cite code data del dfn em i img ins kbd mark q s samp small span strong sub sup "
    "time u var wbr font center".split()
)
_TAG = re.compile(
    r"^<\s*([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s=>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))*)\s*/?>$"
)


def _is_prose_tag(html: str) -> bool:
    if html.startswith(("<!--", "</", "<?", "<!")):
        return False
    m = _TAG.match(html)
    return m is None or m.group(1).lower() not in _HTML_INLINE_TAGS


def _closing_paren(content: str, i: int) -> int:
    depth = 0
    while i < len(content):
        c = content[i]
        if c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                return i
            depth -= 1
        i += 1
    return len(content) - 1


def link_urls(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """URLs of Markdown links in ``text[start:end]`` with their source spans."""
    import re

    out = []
    for m in re.finditer(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)", text[start:end]):
        out.append((m.group(1), start + m.start(1), start + m.end(1)))
    return out


# Markdown that social networks do not render: pasted as is, readers see the markers.
_MARKUP_PATTERNS = (
    ("heading", re.compile(r"^ {0,3}(#{1,6})[ \t]+(?=\S)", re.MULTILINE)),
    (
        "bold",
        re.compile(
            r"(?<![*\w])\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*(?![*\w])|(?<![_\w])__(?=\S)([^_\n]+?)(?<=\S)__(?![_\w])"
        ),
    ),
    ("link", re.compile(r"(?<!!)\[([^\]\n]+)\]\(\s*<?([^)\s>]+)>?\s*\)")),
    # list and quote markers: published as typed too (counted for length; not worth a finding)
    ("list", re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?=\S)", re.MULTILINE)),
    ("quote", re.compile(r"^[ \t]*>[ \t]?(?=\S)", re.MULTILINE)),
)
_FENCED = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\1[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"`[^`\n]+`")


def literal_markup(text: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
    """Markdown markup in ``text[start:end]`` with its plain-text equivalent:
    ``**bold**`` -> ``bold``, ``## Heading`` -> ``Heading``, ``[text](url)`` -> ``text url``."""
    segment = text[start:end]
    code = [(m.start(), m.end()) for m in _FENCED.finditer(segment)] + [
        (m.start(), m.end()) for m in _CODE_SPAN.finditer(segment)
    ]
    out = []
    for kind, pattern in _MARKUP_PATTERNS:
        for m in pattern.finditer(segment):
            if any(a <= m.start() < b for a, b in code):
                continue
            if kind in ("heading", "list", "quote"):
                plain = ""
            elif kind == "bold":
                plain = m.group(1) if m.group(1) is not None else m.group(2)
            else:
                plain = f"{m.group(1)} {m.group(2)}"
            out.append((start + m.start(), start + m.end(), kind, plain))
    return sorted(out)
