"""``engagelint report PATH... -o report.html``: a self-contained HTML report for the content team."""

from __future__ import annotations

import sys

import click

from engagelint.cli.check import allow_outside_option, redis_url_option
from engagelint.cli.clock_option import now_option, run_clock
from engagelint.formatters.escape import escape_text


@click.command("report", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default="engagelint-report.html",
              show_default=True, help="Where to write the HTML file.")  # fmt: skip
@click.option(
    "--title", default="engagelint report", show_default=True, help="Title shown at the top of the report."
)
@click.option(
    "--config", "config_path", type=click.Path(), help="Config file (default: found from the paths)."
)
@click.option("--select", multiple=True, help="Only these rules (codes, names, categories or prefixes).")
@click.option("--ignore", multiple=True, help="Skip these rules.")
@click.option("--messages", type=click.Choice(["auto", "en", "fr"]), default=None,
              help="Language of the report (default: `messages` in the config, else the locale).")  # fmt: skip
@now_option
@allow_outside_option
@redis_url_option
def command(
    paths, output, title, config_path, select, ignore, messages, now, allow_outside_root, redis_url
) -> None:
    """Write one HTML file (no network needed to view it) with charts and every flagged draft."""
    from engagelint import api
    from engagelint.config import ConfigError, load_config
    from engagelint.progress import Progress
    from engagelint.report.html import collect, render
    from engagelint.rules.registry import registry_for

    def split(values):
        return [x.strip() for v in values for x in v.split(",") if x.strip()] or None

    paths = list(paths) or ["."]
    moment = run_clock(now)
    try:
        config = load_config(
            config_path=config_path,
            start=paths[0],
            allow_outside_root=allow_outside_root,
            redis_url=redis_url,
        )
        config = api.at_time(config, moment)
        from engagelint import i18n

        i18n.set_language(i18n.resolve(messages or config.messages))
        result = api.lint_paths(paths, config=config, select=split(select), ignore=split(ignore) or ())
    except ConfigError as exc:
        click.echo(f"engagelint: error: {escape_text(str(exc))}", err=True)
        sys.exit(2)
    for err in result.errors:
        click.echo(f"engagelint: error: {escape_text(err)}", err=True)
    for warning in result.warnings:
        click.echo(f"engagelint: warning: {escape_text(warning)}", err=True)

    sources: dict[str, str] = {}
    progress = Progress("text")
    progress.start(len(result.paths))
    for path in result.paths:
        try:
            sources[path] = _read_text(path, config.max_file_size)
        except (OSError, ValueError):
            sources[path] = ""  # unreadable files are reported as EL000 findings already
        progress.advance()
    progress.close()

    rules = {r.info.code: r.info for r in registry_for(config)}
    data = collect(
        result.violations, sources, config, rules, title=title, errors=result.errors, now=config.profile.now
    )
    from engagelint.project_paths import display, write_text_nofollow

    try:
        write_text_nofollow(output, render(data))
    except OSError as exc:
        from engagelint.i18n import _

        message = _("%(path)s: cannot write the report (%(reason)s)") % {
            "path": display(output),
            "reason": exc.strerror,
        }
        click.echo(_("engagelint: error: %(message)s") % {"message": message}, err=True)
        sys.exit(2)
    from engagelint.i18n import _

    words = {"path": output, "n": data.violations, "files": data.files, "posts": data.posts}
    click.echo(_("Wrote %(path)s: %(n)s findings in %(files)s drafts (%(posts)s posts).") % words, err=True)
    sys.exit(2 if result.errors else 0)


def _read_text(path: str, max_size: int) -> str:
    """The decoded draft, or "" when it is too large or undecodable (already an EL000/EL005 finding)."""
    from engagelint.sources.decode import DecodeError, decode

    with open(path, "rb") as fh:
        data = fh.read(max_size + 1)
    if len(data) > max_size:
        return ""
    try:
        return decode(data).text
    except DecodeError:
        return ""
