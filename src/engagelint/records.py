"""The batch API for posts that are not files: ``lint_records``.

Each record (a dict or a ``Record``) is one post; its findings carry the record's id as their
``path`` and positions on the record's text. Corpus rules (duplicates, cadence, cross-posting,
self-promotion share) judge the records together, in the order given. Nothing is printed and
nothing is shared between calls: each call builds its own linter, so two calls (two threads, two
processes) never see each other's posts. Records, violations and the result are picklable.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from engagelint.api import LintResult, _config, at_time, capture_warnings, lint_parsed, make_linter
from engagelint.config import Config
from engagelint.models import Violation
from engagelint.sources.records import Record, as_record, parse_record

__all__ = ["Record", "lint_records", "as_record"]


def lint_records(
    records: Iterable[Record | Mapping[str, Any]],
    *,
    config: Config | str | Path | None = None,
    select=None,
    ignore=(),
    now=None,
) -> LintResult:
    """Lint posts given as records; ``result.violations`` are keyed by record id (``v.path``).

    A mapping needs ``text`` and should have ``id`` (else its position, ``"0"``, ``"1"``...); it
    may have ``platform``, ``lang``, ``schedule``, ``goals``, ``campaign`` and ``source``.
    ``now`` pins the run's clock, as for ``lint_paths``. ``result.files`` counts the records.
    """
    cfg = at_time(_config(config), now)
    linter = make_linter(cfg, select, ignore)
    result = LintResult()
    violations: list[Violation] = []
    with capture_warnings() as caught:
        for n, item in enumerate(records):
            parsed = parse_record(as_record(item, str(n)), cfg.sources)
            violations.extend(lint_parsed(linter, parsed))
            result.files += 1
            result.posts += len(parsed.posts)
        violations.extend(linter.finish())
    result.violations = sorted(violations, key=Violation.sort_key)
    result.warnings = caught
    return result
