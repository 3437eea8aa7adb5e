"""Reading one draft: bytes from disk (bounded by ``max_file_size``), then decoded and parsed,
or a syntax violation saying why it could not be (too large, undecodable, unreadable).

This sits below the runner and the API, which both call it; it prints nothing.
"""

from __future__ import annotations

import os

from engagelint.config import Config
from engagelint.engine import Linter
from engagelint.models import Violation
from engagelint.offsets import LineIndex
from engagelint.sources.decode import DecodeError, decode
from engagelint.sources.document import ParsedSource, parse_source
from engagelint.sources.problems import SourceProblem


def read_file(path: str, max_size: int) -> tuple[bytes, int]:
    """The file's bytes and size; a file over ``max_size`` is not read at all (bounded memory)."""
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > max_size:
            return b"", size
        data = fh.read(max_size + 1)  # a file growing while read is still bounded
        return data, max(size, len(data))


def parse_bytes(
    data: bytes, path: str, config: Config, linter: Linter, size: int | None = None, truncated: bool = False
) -> tuple[ParsedSource | None, list[Violation]]:
    """Decode and parse one file; unreadable or oversized files become syntax violations.
    ``truncated``: ``data`` is what a bounded read of a stream got (its real size is unknown)."""
    size = len(data) if size is None else size
    if size > config.max_file_size:
        how_big = "" if truncated else f"{size / 1048576:.1f} MiB, "
        msg = f"file is {how_big}over max_file_size ({config.max_file_size / 1048576:.1f} MiB); not linted"
        return None, file_problem(linter, path, "EL005", msg)
    try:
        decoded = decode(data)
    except DecodeError as exc:
        return None, file_problem(linter, path, "EL000", str(exc))
    return parse_source(path, decoded.text, config.sources), []


def file_problem(linter: Linter, path: str, code: str, message: str) -> list[Violation]:
    v = linter.problem_violation(path, LineIndex(""), "", SourceProblem(code, message, 0, 0))
    return [v] if v is not None else []
