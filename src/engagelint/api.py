"""The library API: ``lint_text``, ``lint_bytes``, ``lint_paths``. No printing, no exiting.

Usage errors (a path that does not exist, a bad config) are returned or raised as values
(``LintResult.errors``, ``ConfigError``); problems with a draft are ``syntax`` violations.
"""

from __future__ import annotations

import os
import warnings as warnings_module
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from engagelint.config import Config, ConfigError, load_config
from engagelint.config.loader import config_from_toml
from engagelint.engine import Linter, internal_error
from engagelint.models import Violation
from engagelint.reading import file_problem, parse_bytes, read_file  # noqa: F401 (re-exported)
from engagelint.sources.discover import discover
from engagelint.sources.document import ParsedSource, parse_source

_file_problem = file_problem  # the name the runner and tests used

__all__ = ["LintResult", "lint_text", "lint_bytes", "lint_paths", "ConfigError", "Config"]


@dataclass
class LintResult:
    violations: list[Violation] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    files: int = 0
    posts: int = 0
    paths: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Content key of the bytes each file's violations were found in (``--fix`` writes only those).
    digests: dict[str, str] = field(default_factory=dict)


def _config(config: Config | str | Path | None, start: str | Path | None = None) -> Config:
    if isinstance(config, Config):
        return config
    if config is None:
        return load_config(start=start) if start is not None else config_from_toml("")
    return load_config(config_path=config)


def at_time(config: Config, now=None) -> Config:
    """``config`` with the run's clock set (see ``engagelint.clock``): ``now`` if given, else a time
    already pinned in the config, else ``ENGAGELINT_NOW``, else the system clock, read once."""
    from dataclasses import replace

    from engagelint.clock import ENV_VAR, resolve_now

    if now is None and config.profile.now is not None:
        return config
    pinned = now is not None or bool(os.environ.get(ENV_VAR, "").strip())
    profile = replace(config.profile, now=resolve_now(now), now_pinned=pinned)
    return replace(config, profile=profile)


def make_linter(config: Config, select=None, ignore=(), extend_select=()) -> Linter:
    return Linter(config, select=select, ignore=ignore, extend_select=extend_select)


def lint_parsed(linter: Linter, parsed: ParsedSource) -> list[Violation]:
    report = linter.lint_source(parsed)
    linter.absorb(report)
    return report.violations


def lint_text(
    text: str,
    *,
    path: str = "draft.md",
    config: Config | str | Path | None = None,
    select=None,
    ignore=(),
    now=None,
) -> LintResult:
    """Lint one draft given as text. ``path`` decides the format (.md, .txt, .csv).

    ``now`` (a datetime or ISO 8601 text) is the moment schedules are judged against; see
    ``engagelint.clock``."""
    cfg = at_time(_config(config), now)
    linter = make_linter(cfg, select, ignore)
    posts = 0
    with capture_warnings() as caught:
        try:
            parsed = parse_source(path, text, cfg.sources)
            posts = len(parsed.posts)
            violations = lint_parsed(linter, parsed)
        except ConfigError:
            raise
        except Exception as exc:  # the reader or the engine failed; rules are isolated inside
            violations = [linter.said(internal_error(path, "reading this file", exc))]
        violations += linter.finish()
    violations.sort(key=Violation.sort_key)
    return LintResult(violations, [], 1, posts, [path], caught)


def lint_bytes(
    data: bytes,
    *,
    path: str = "draft.md",
    config: Config | str | Path | None = None,
    select=None,
    ignore=(),
    now=None,
    truncated: bool = False,
) -> LintResult:
    """Lint one draft given as bytes; ``truncated``: read from a stream up to max_file_size + 1."""
    from engagelint.runner import lint_one

    cfg = at_time(_config(config), now)
    linter = make_linter(cfg, select, ignore)
    if truncated and len(data) > cfg.max_file_size:  # a stream over the limit: one line, not linted
        _, problems = parse_bytes(data, path, cfg, linter, truncated=True)
        return LintResult(problems, [], 1, 0, [path], [])
    with capture_warnings() as caught:
        report = lint_one(linter, path, data)
        linter.absorb(report)
        violations = report.violations + linter.finish()
        posts = report.posts
    violations.sort(key=Violation.sort_key)
    return LintResult(violations, [], 1, posts, [path], caught)


def lint_paths(
    paths: Iterable[str | Path] = (".",),
    *,
    config: Config | str | Path | None = None,
    select=None,
    ignore=(),
    extend_select=(),
    jobs: int = 1,
    cache: bool = False,
    on_start=None,
    on_file=None,
    now=None,
) -> LintResult:
    """Lint files and folders (folders recursively). Config is discovered from the first path when not given.

    ``jobs`` > 1 lints in worker processes (same output as 1); ``cache`` reuses results of
    unchanged files (see ``engagelint.cache``). ``on_start(n_files)`` and ``on_file(path)`` let
    a caller show progress; they are called from this process only. ``now`` pins the run's clock
    (a datetime or ISO 8601 text; default ``ENGAGELINT_NOW``, else the system clock).
    """
    from engagelint import runner

    path_list = [str(p) for p in paths] or ["."]
    cfg = at_time(_config(config, start=path_list[0]), now)
    linter = make_linter(cfg, select, ignore, extend_select)
    found = discover(path_list, cfg.root, cfg.exclude, cfg.respect_gitignore)
    result = LintResult(errors=list(found.errors), paths=found.files, files=len(found.files))
    store = (
        runner.cache_for(cfg, linter, (tuple(select or ()), tuple(ignore), tuple(extend_select)))
        if cache
        else None
    )
    if on_start is not None:
        on_start(len(found.files))
    with capture_warnings() as caught:
        violations, posts, warnings = runner.run(
            linter,
            found.files,
            jobs=jobs,
            cache=store,
            select=select,
            ignore=ignore,
            extend_select=extend_select,
            on_file=on_file,
            digests=result.digests,
        )
    result.violations = sorted(violations, key=Violation.sort_key)
    result.posts = posts
    result.warnings = list(dict.fromkeys([*found.warnings, *caught, *warnings]))
    return result


@contextmanager
def capture_warnings() -> Iterator[list[str]]:
    """Collect engagelint's own warnings (archive rebuilt, cache entry corrupt…) as lines,
    instead of letting Python print them; other libraries' warnings are left alone."""
    lines: list[str] = []
    with warnings_module.catch_warnings(record=True) as records:
        warnings_module.simplefilter("always")
        yield lines
    for w in records:
        if w.category.__module__.startswith("engagelint"):
            text = str(w.message)
            if text not in lines:
                lines.append(text)
        else:
            warnings_module.warn_explicit(w.message, w.category, w.filename, w.lineno)


def display_path(path: str) -> str:
    """A path safe to print: undecodable bytes shown as U+FFFD, control characters escaped."""
    from engagelint.formatters.escape import escape_text

    try:
        path = path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate that is not an escaped byte: escape_text shows it
        pass
    return escape_text(path)
