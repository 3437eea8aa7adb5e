"""Large scheduler CSV exports linted in batches of rows instead of as one document.

A 100k-row export parsed whole holds every row's cells, every post and every corpus observation
at once (over 1 GiB). Here the main process reads the rows one at a time only to cut the file into
batches at row boundaries (and to count the posts before each batch, which numbers them); a batch
is a slice of the text that a worker parses and lints like a small file. Positions stay those of
the whole file: a batch starts at a line start and knows its first line and source offset.

Findings are those of the whole-document path (``sources.document._csv_posts``): same rows, same
post numbers, same per-file rules. A file with suppression comments is not streamed (a directive
may reach across rows); neither is one without a text column (the whole-document path says why).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from engagelint.engine import FileReport, Linter
from engagelint.models import Violation
from engagelint.offsets import ShiftedLineIndex
from engagelint.sources import csvfile
from engagelint.sources.document import CsvLayout, ParsedSource, csv_layout, csv_row_posts, row_makes_post

BATCH_ROWS = 500


@dataclass(frozen=True)
class CsvBatch:
    """Rows of one export: ``text`` is the file's text from ``base`` (a line start, line
    ``first_line``); its rows begin at ``text[start]``; ``first_index`` posts come before them."""

    path: str
    text: str
    base: int
    start: int
    first_line: int
    first_index: int
    layout: CsvLayout
    last: bool


def plan(path: str, text: str, linter: Linter, batch_rows: int = BATCH_ROWS) -> Iterator[CsvBatch] | None:
    """The batches of the export ``text``, or None when it must be linted as one document."""
    from engagelint.suppress import parse_suppressions

    layout, problems = csv_layout(path, text, linter.config.sources)
    if layout is None or problems:
        return None
    unknown: list = []
    sup = parse_suppressions(text, lambda i: (1, 1), linter.registry.resolve, (), (0, 0), unknown)
    if sup.directives or unknown:
        return None
    return _batches(path, text, layout, batch_rows)


def _batches(path: str, text: str, layout: CsvLayout, batch_rows: int) -> Iterator[CsvBatch]:
    rows = csvfile.iter_rows(text, layout.body_start, layout.delimiter)
    row = next(rows, None)
    posts = 0  # posts of the rows already batched
    line, line_at = 1, 0  # line number of source index line_at
    while row is not None:
        first = row.start
        made = 0
        for _ in range(batch_rows):
            made += row_makes_post(row, layout)
            row = next(rows, None)
            if row is None:
                break
        end = row.start if row is not None else len(text)
        base = text.rfind("\n", 0, first) + 1
        line += text.count("\n", line_at, base)
        line_at = base
        yield CsvBatch(path, text[base:end], base, first - base, line, posts, layout, row is None)
        posts += made


def lint_batch(linter: Linter, batch: CsvBatch) -> FileReport:
    """Parse and lint one batch; source offsets of fixes are made offsets in the whole file."""
    rows = csvfile.iter_rows(batch.text, batch.start, batch.layout.delimiter)
    posts, problems = csv_row_posts(batch.path, rows, batch.layout, batch.first_index)
    li = ShiftedLineIndex(batch.text, batch.first_line)
    report = linter.lint_source(ParsedSource(batch.path, batch.text, posts, problems, li, "csv"))
    if batch.base:
        report.violations = [_shifted(v, batch.base) for v in report.violations]
    report.partial = not batch.last
    return report


def _shifted(v: Violation, base: int) -> Violation:
    if v.fix is None:
        return v
    edits = tuple(replace(e, start=e.start + base, end=e.end + base) for e in v.fix.edits)
    return replace(v, fix=replace(v.fix, edits=edits))
