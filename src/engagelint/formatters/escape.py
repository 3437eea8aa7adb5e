"""One escaping function for every piece of untrusted text a writer prints: paths and messages.

File names and draft text come from pull requests. Printed raw, a newline in a file name starts
a new line that CI reads as a workflow command (``::error ...``), ESC/BEL sequences drive the
terminal, bidi overrides make a line read differently from what it says, and XML 1.0 forbids most
control characters outright (invalid JUnit). ``escape_text`` makes such characters visible as
``\\xNN`` / ``\\uNNNN``; what remains is printable on one line and valid in XML 1.0, JSON and HTML.
Writers still apply their own syntax escaping on top (GitHub's ``%0A``, XML entities, HTML).
"""

from __future__ import annotations

import re

# C0 controls (tab and newline included: a finding is one line), DEL and C1 controls.
_CONTROLS = "\x00-\x1f\x7f-\x9f"
# Line/paragraph separators (line breaks for JavaScript and some terminals) and bidi controls
# (Trojan Source: ALM, LRM, RLM, LRE..RLO, LRI..PDI).
_LAYOUT = "\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Not characters at all in XML 1.0: lone surrogates (undecodable file-name bytes) and U+FFFE/FFFF.
_NON_XML = "\ud800-\udfff\ufffe\uffff"
UNSAFE = re.compile(f"[{_CONTROLS}{_LAYOUT}{_NON_XML}]")


def _visible(m: re.Match[str]) -> str:
    c = ord(m.group())
    if 0xDC80 <= c <= 0xDCFF:  # a byte Python could not decode (surrogateescape): show the byte
        return f"\\x{c - 0xDC00:02x}"
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def escape_text(value: str, keep: str = "") -> str:
    """``value`` with every control, line-breaking, bidi or non-XML character made visible.

    ``keep`` names characters to leave as they are (a multi-line block such as a draft's body
    shown in HTML keeps ``"\n\t"``); paths and messages keep none: a finding is one line.
    """
    if keep:
        return UNSAFE.sub(lambda m: m.group() if m.group() in keep else _visible(m), value)
    return UNSAFE.sub(_visible, value)


def json_safe(document: str) -> str:
    """A JSON document (``json.dumps(..., ensure_ascii=False)``) with the characters ``escape_text``
    flags written as ``\\uXXXX`` escapes: the parsed text stays exact, the bytes stay printable."""
    # json.dumps already escapes C0 controls inside strings: a raw newline is indentation.
    return UNSAFE.sub(lambda m: m.group() if m.group() == "\n" else f"\\u{ord(m.group()):04x}", document)
