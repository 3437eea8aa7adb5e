"""``engagelint cache clear``: delete the result cache."""

from __future__ import annotations

import click


@click.group("cache")
def command() -> None:
    """Manage the result cache (content-addressed; safe to delete at any time)."""


@command.command("clear")
def clear_command() -> None:
    """Delete every cached result."""
    from engagelint.cache import clear, default_cache_root

    removed = clear()
    click.echo(f"Removed {removed} cache file{'s' if removed != 1 else ''} from {default_cache_root()}.")


@command.command("dir")
def dir_command() -> None:
    """Print where the cache lives."""
    from engagelint.cache import default_cache_root

    click.echo(str(default_cache_root()))
