"""``engagelint [check] PATH...``: lint, print in the chosen format, exit 0/1/2."""

from __future__ import annotations

import os
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import click

from engagelint.cli.clock_option import now_option, run_clock
from engagelint.models import Severity

# text: full (the line, underlined) on a terminal, concise (one line per problem) elsewhere.
FORMATS = ["text", "full", "concise", "json", "github", "sarif", "junit", "rdjson", "gitlab", "auto"]


def _csv_list(values: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def allow_outside_option(f):
    return click.option(
        "--allow-outside-root", is_flag=True,
        help="Let config paths (archive, rule packs, relevance model) lie outside the project folder.",
    )(f)  # fmt: skip


def redis_url_option(f):
    return click.option(
        "--redis-url", metavar="URL", envvar="ENGAGELINT_REDIS_URL", default=None,
        help="Keep the archive of published posts in this Redis (default: $ENGAGELINT_REDIS_URL).",
    )(f)  # fmt: skip


def fail(message: str) -> None:
    from engagelint.formatters.escape import escape_text
    from engagelint.i18n import _

    click.echo(_("engagelint: error: %(message)s") % {"message": escape_text(message)}, err=True)
    sys.exit(2)


@click.command("check", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--select",
    multiple=True,
    help="Only these rules (codes, names, categories or prefixes; comma-separated).",
)
@click.option("--ignore", multiple=True, help="Skip these rules (codes, names, categories or prefixes).")
@click.option("--extend-select", multiple=True, help="Enable these rules on top of the selection.")
@click.option("--fail-on", "--severity", "fail_on", type=click.Choice(["error", "warning", "info"]),
              help="Lowest severity that makes the exit status 1 (default from config: warning).")  # fmt: skip
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format."
)
@click.option("-o", "--output-file", type=click.Path(dir_okay=False), help="Write the report to a file.")
@click.option("--statistics", is_flag=True, help="Show counts per rule instead of each problem.")
@click.option("-q", "--quiet", is_flag=True, help="Print only problems (no summary line).")
@click.option(
    "--color",
    "color",
    type=click.Choice(["auto", "always", "never"]),
    is_flag=False,
    flag_value="always",
    default=None,
    help="Colour: auto (on a terminal, unless NO_COLOR; FORCE_COLOR forces it), always, never.",
)
@click.option("--no-color", is_flag=True, help="Same as --color never.")
@click.option(
    "--config", "config_path", type=click.Path(), help="Config file (default: found from the paths)."
)
@click.option("--isolated", is_flag=True, help="Ignore every configuration file (defaults only).")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place (atomic writes).")
@click.option("--diff", "show_diff", is_flag=True, help="Show the fixes as a unified diff; write nothing.")
@click.option("--stdin", "read_stdin", is_flag=True, help="Read one draft from stdin (same as the path '-').")
@click.option("--stdin-filename", help="Name (and format) of the draft read from '-' (stdin).")
@click.option("--changed-since", "--diff-ref", "changed_since", metavar="REF",
              help="Only report problems on lines changed since this git ref.")  # fmt: skip
@click.option(
    "--baseline", type=click.Path(dir_okay=False), help="Report only problems not in this baseline file."
)
@click.option(
    "--write-baseline", type=click.Path(dir_okay=False), help="Record today's problems as the baseline."
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@click.option("-j", "--jobs", type=int, default=None, help="Worker processes (default: available cores).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option("--messages", type=click.Choice(["auto", "en", "fr"]), default=None,
              help="Language of engagelint's messages (default: `messages` in the config, else auto).")  # fmt: skip
@click.option(
    "-w", "--watch", is_flag=True, help="Keep running: re-lint whenever a draft or the config is saved."
)
@now_option
@allow_outside_option
@redis_url_option
def command(watch, **params):
    """Lint drafts (Markdown, text, CSV exports); folders are searched recursively."""
    if not watch:
        check(**params)
        return
    if params["read_stdin"] or "-" in params["paths"] or params["show_diff"]:
        from engagelint.i18n import _

        fail(_("--watch cannot be combined with stdin or --diff"))
    watch_loop(params)


def watch_loop(params) -> None:
    """Lint, then re-lint each time a watched file changes, until Ctrl-C (exit 130)."""
    import time

    from engagelint.watch import snapshot, wait_for_change

    if params["jobs"] is None:
        params["jobs"] = 1  # re-lints are small with the cache; Ctrl-C then stops one process cleanly
    try:
        while True:
            try:
                check(**params)
            except SystemExit:
                pass  # the run's exit status; a broken config is reported and watched too
            files = lambda: _watched_files(params)  # noqa: E731
            before = snapshot(files())
            n = len(before)
            click.echo(f"[watch] watching {n} file{'s' if n != 1 else ''}; Ctrl-C to stop", err=True)
            _, changed = wait_for_change(files, before)
            names = ", ".join(_short(p) for p in changed[:3]) + (
                f" and {len(changed) - 3} more" if len(changed) > 3 else ""
            )
            click.echo(f"[watch] {time.strftime('%H:%M:%S')} {names} changed: re-linting", err=True)
    except KeyboardInterrupt:
        click.echo("", err=True)
        sys.exit(130)


def _watched_files(params) -> list[str]:
    from engagelint.config import ConfigError, find_config, load_config
    from engagelint.sources.discover import discover

    paths = list(params["paths"]) or ["."]
    files: list[str] = []
    config_file = params["config_path"] or (None if params["isolated"] else find_config(Path(paths[0])))
    if config_file:
        files.append(str(config_file))
    try:
        config = load_config(
            config_path=params["config_path"],
            start=paths[0],
            isolated=params["isolated"],
            allow_outside_root=params["allow_outside_root"],
            redis_url=params["redis_url"],
        )
        found = discover(paths, config.root, config.exclude, config.respect_gitignore)
    except (ConfigError, OSError):
        found = discover(paths, Path.cwd(), (), True)
    return files + list(found.files)


def _short(path: str) -> str:
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def check(paths, select, ignore, extend_select, fail_on, fmt, output_file, statistics, quiet, color, no_color, config_path,
          isolated, fix, show_diff, read_stdin, stdin_filename, changed_since, baseline, write_baseline, exit_zero,
          jobs, no_cache, messages, now, allow_outside_root, redis_url):  # fmt: skip
    """One lint run: print the report and exit 0/1/2."""
    from engagelint import i18n
    from engagelint.i18n import _

    i18n.set_language(i18n.resolve(messages or "en"))  # until the config is read
    from engagelint import api
    from engagelint.config import ConfigError, load_config
    from engagelint.formatters import FormatOptions, get_formatter
    from engagelint.formatters.base import Summary, escaped
    from engagelint.formatters.text import statistics as stats_table

    if read_stdin and paths and list(paths) != ["-"]:
        fail(_("--stdin cannot be combined with paths"))
        return
    paths = ["-"] if read_stdin else list(paths) or ["."]
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    out_stream_is_tty = output_file is None and sys.stdout.isatty()
    if fmt == "text":
        # The excerpt is for a person at a terminal; pipes, files, pre-commit and CI get one line each.
        fmt = "full" if out_stream_is_tty and not os.environ.get("PRE_COMMIT") else "concise"
    use_stdin = paths == ["-"]
    moment = run_clock(now)
    try:
        start = os.path.dirname(stdin_filename) or "." if use_stdin and stdin_filename else paths[0]
        config = load_config(
            config_path=config_path,
            start=start,
            allow_outside_root=allow_outside_root,
            redis_url=redis_url,
            isolated=isolated,
        )
        if messages:
            config = replace(config, messages=messages)
        i18n.set_language(i18n.resolve(config.messages))
        sel = _csv_list(select) or None
        kwargs = dict(config=config, select=sel, ignore=_csv_list(ignore), now=moment)
        if use_stdin:
            # At most one byte over the limit: enough to know it is too large, bounded memory.
            data = sys.stdin.buffer.read(min(config.max_file_size, sys.maxsize - 1) + 1)
            stdin_text = data.decode("utf-8", "replace")
            result = api.lint_bytes(data, path=stdin_filename or "<stdin>", truncated=True, **kwargs)
        else:
            if "-" in paths:
                fail(_("'-' (stdin) cannot be combined with other paths"))
            from engagelint.runner import available_cores

            n_jobs = jobs if jobs is not None else available_cores()
            if n_jobs < 1:
                fail(_("--jobs must be at least 1"))
            from engagelint.progress import Progress

            progress = Progress(fmt)
            try:
                result = api.lint_paths(
                    paths, extend_select=_csv_list(extend_select), jobs=n_jobs, cache=not no_cache,
                    on_start=progress.start, on_file=lambda _path: progress.advance(), **kwargs,
                )  # fmt: skip
            finally:
                progress.close()
    except ConfigError as exc:
        fail(str(exc))
        return
    # Errors and warnings quote paths and config values: one escaped line each, never raw.
    for err in result.errors:
        click.echo(_("engagelint: error: %(message)s") % {"message": api.display_path(err)}, err=True)
    from engagelint.finding_messages import translate
    from engagelint.i18n import current

    for warning in getattr(result, "warnings", ()):
        message = translate(api.display_path(warning), current())
        click.echo(_("engagelint: warning: %(message)s") % {"message": message}, err=True)

    violations = result.violations
    if changed_since:
        from engagelint.gitdiff import changed_lines

        try:
            changed = changed_lines(changed_since, result.paths, os.getcwd())
        except Exception as exc:  # git missing, bad ref
            fail(f"--changed-since {changed_since}: {exc}")
            return
        if changed is not None:
            violations = [v for v in violations if v.line in changed.get(os.path.normpath(v.path), set())]

    baseline_known = baseline_stale = 0
    if write_baseline:
        from engagelint.baseline import write_baseline as _write

        _write(violations, write_baseline)
    if baseline:
        from engagelint.baseline import apply_baseline, load_baseline

        try:
            violations, baseline_known, baseline_stale = apply_baseline(violations, load_baseline(baseline))
        except (OSError, ValueError) as exc:
            fail(_("%(path)s: cannot read the baseline (%(reason)s)") % {"path": baseline, "reason": exc})
            return

    fixed = 0
    if fix or show_diff:
        from engagelint.fixes import fix_file, unified_diff

        by_path: dict[str, list] = {}
        for v in violations:
            if v.fix is not None:
                by_path.setdefault(v.path, []).append(v)
        diffs = []
        for path, vs in sorted(by_path.items()):
            if use_stdin:
                break
            outcome = fix_file(
                path, vs, write=fix and not show_diff, expected=result.digests.get(path),
                root=str(config.root),
            )  # fmt: skip
            if outcome is None:
                continue
            if outcome.skipped:
                click.echo(f"engagelint: warning: {api.display_path(path)}: {outcome.skipped}", err=True)
                continue
            fixed += outcome.applied
            if show_diff:
                diffs.append(unified_diff(outcome))
        if show_diff:
            click.echo("".join(diffs), nl=False)
            sys.exit(1 if diffs else 0)
        if fixed:
            # Re-lint so the report shows what is left, with positions in the fixed files.
            result = api.lint_paths(paths, extend_select=_csv_list(extend_select), **kwargs)
            violations = result.violations

    # Paths and messages made encodable: a message may quote another draft's undecodable name
    # (corpus rules), which no output stream can encode. Control and bidi characters are left to
    # each formatter (escaped in text formats, JSON-escaped in JSON ones, so JSON stays exact).
    display = [
        v
        if _encodable(v.path) == v.path and _encodable(v.message) == v.message
        else replace(v, path=_encodable(v.path), message=_encodable(v.message))
        for v in violations
    ]
    threshold = Severity.parse(fail_on) if fail_on else config.fail_on
    counts = Counter(str(v.severity) for v in violations)
    summary = Summary(
        files=result.files,
        posts=result.posts,
        violations=len(violations),
        by_severity=dict(counts),
        fixable=sum(1 for v in violations if v.fix is not None),
        fixed=fixed,
        errors=tuple(api.display_path(e) for e in result.errors),
        baseline_suppressed=baseline_known,
        baseline_stale=baseline_stale,
    )
    from engagelint.formatters.color import use_color

    options = FormatOptions(
        color=use_color("never" if no_color else color, out_stream_is_tty, os.environ),
        root=str(config.root),
        rules={r.info.code: r.info for r in _registry_rules(config)} if fmt in ("sarif", "junit") else {},
        paths=tuple(api.display_path(p) for p in result.paths),
        tool_version=_version(),
        sources={stdin_filename or "<stdin>": stdin_text} if use_stdin else {},
    )
    if statistics and fmt in ("full", "concise"):
        text = stats_table([escaped(v) for v in display])
        if not quiet:
            from engagelint.formatters.text import summary_line

            text += summary_line(summary) + "\n"
    else:
        try:
            formatter = get_formatter(fmt, options)
        except (ValueError, ModuleNotFoundError) as exc:
            fail(str(exc))
            return
        formatter.start()
        for v in display:
            formatter.handle(v)
        _write_step_summary(formatter, summary)
        if quiet and fmt in ("full", "concise"):
            text = formatter.finish(summary)
            text = "".join(line + "\n" for line in text.splitlines()[:-1])
        else:
            text = formatter.chunks(summary)  # written piece by piece: no second copy of a big report
    pieces = [text] if isinstance(text, str) else text
    if output_file:
        from engagelint.project_paths import write_text_nofollow

        try:
            write_text_nofollow(output_file, pieces)
        except OSError as exc:
            fail(f"{api.display_path(output_file)}: cannot write the report ({exc.strerror})")
    else:
        for piece in pieces:
            click.echo(piece, nl=False, color=options.color)

    if result.errors:
        sys.exit(2)
    if exit_zero:
        sys.exit(0)
    sys.exit(1 if any(v.severity >= threshold for v in violations) else 0)


def _write_step_summary(formatter, summary) -> None:
    """Append the formatter's job summary (``--format github``) to ``$GITHUB_STEP_SUMMARY`` when set."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    render = getattr(formatter, "step_summary", None)
    if not target or render is None:
        return
    # The commit under review, from the variables GitHub Actions sets, so line numbers become links.
    server, repo, sha = (
        os.environ.get(k, "") for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")
    )
    blob_url = f"{server}/{repo}/blob/{sha}/" if server and repo and sha else None
    try:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(render(summary, blob_url))
    except OSError as exc:
        click.echo(f"engagelint: warning: cannot write the job summary to {target}: {exc.strerror}", err=True)


def _encodable(text: str) -> str:
    """``text`` with undecodable bytes of file names (surrogate escapes) shown as U+FFFD."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a lone surrogate that is no escaped byte
        return text.encode("utf-8", "replace").decode("utf-8")


def _registry_rules(config):
    from engagelint.rules.registry import registry_for

    return list(registry_for(config))


def _version() -> str:
    from engagelint._version import __version__

    return __version__
