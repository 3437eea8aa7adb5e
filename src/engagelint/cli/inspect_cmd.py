"""``engagelint inspect FILE...``: how each file was understood (posts, roles, metadata origins,
skipped regions). The first thing to run when a finding surprises you."""

from __future__ import annotations

import json
import sys

import click


@click.command("inspect", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--config", "config_path", type=click.Path(), help="Config file (default: found from the paths)."
)
def command(paths: tuple[str, ...], fmt: str, config_path: str | None) -> None:
    """Show how each file is read: its posts (lines, role, platform, language, schedule, and where
    each value came from) and the regions skipped (title, metadata, notes, labels) and why."""
    from engagelint.config import ConfigError, load_config
    from engagelint.sources.discover import discover
    from engagelint.sources.inspection import inspect_file, render_text

    try:
        config = load_config(config_path=config_path, start=paths[0])
    except ConfigError as exc:
        click.echo(f"engagelint: error: {exc}", err=True)
        sys.exit(2)
    found = discover(list(paths), config.root, config.exclude, config.respect_gitignore)
    for err in found.errors:
        click.echo(f"engagelint: error: {err}", err=True)
    docs = [inspect_file(p, config) for p in found.files]
    if fmt == "json":
        click.echo(json.dumps({"version": 1, "files": docs}, ensure_ascii=False, indent=2))
    else:
        click.echo("\n\n".join(render_text(d) for d in docs))
    if found.errors or any("error" in d for d in docs):
        sys.exit(2)
