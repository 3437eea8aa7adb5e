"""Plain text -> prose: lines copied verbatim (CR dropped), HTML comment lines left out."""

from __future__ import annotations

import re

from engagelint.offsets import ProseBuilder

_COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")


def text_prose(text: str, start: int, end: int, builder: ProseBuilder) -> None:
    pos = start
    pending_break: int | None = None
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl == -1 else nl
        content_end = line_end - 1 if line_end > pos and text[line_end - 1] == "\r" else line_end
        line = text[pos:content_end]
        if not _COMMENT_LINE.match(line):
            if pending_break is not None and len(builder):
                builder.add("\n", [pending_break])
            builder.copy(line, pos)
            if len(builder):
                pending_break = line_end if nl != -1 else None
        if nl == -1:
            break
        pos = nl + 1
