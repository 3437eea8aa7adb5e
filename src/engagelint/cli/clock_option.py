"""``--now DATETIME``: the clock option shared by the commands that judge schedules."""

from __future__ import annotations

import sys
from datetime import datetime

import click

now_option = click.option(
    "--now",
    metavar="DATETIME",
    help="Judge schedules, freeze windows and reposts as of this moment (ISO 8601, e.g. "
    "2026-12-24T10:00+01:00; default: $ENGAGELINT_NOW, else the system clock).",
)


def run_clock(value: str | None) -> datetime | None:
    """The pinned moment of --now or ENGAGELINT_NOW, None for the system clock (which the run then
    reads once); a bad value is a usage error (exit 2)."""
    import os

    from engagelint.clock import ENV_VAR, ClockError, parse_now

    try:
        if value is not None:
            return parse_now(value)
        if os.environ.get(ENV_VAR, "").strip():
            return parse_now(os.environ[ENV_VAR], source=ENV_VAR)
        return None
    except ClockError as exc:
        click.echo(f"engagelint: error: {exc}", err=True)
        sys.exit(2)
