"""``engagelint pre-commit FILE...``: the pre-commit hook's entry. Every argument is a file name.

pre-commit appends the staged file names to the hook's command line, and file names come from
the repository: a draft named ``-oREADME.md`` given to ``engagelint check`` is the option
``-o README.md`` (the report overwrites README.md). This command parses no option at all, so a
file name can never be one; settings come from the config file (``fail_on``, ``select``...).
"""

from __future__ import annotations

import os

import click


class FileNamesOnly(click.Command):
    """A command whose arguments are all file names: no option, no ``--help``, no ``--``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.params["files"] = tuple(args)
        return []


@click.command("pre-commit", cls=FileNamesOnly, add_help_option=False)
@click.pass_context
def command(ctx: click.Context, files: tuple[str, ...]) -> None:
    """Lint the drafts pre-commit passes (file names only; options come from engagelint.toml)."""
    from engagelint.cli import check

    for name in files:
        if name.startswith("-") and not os.path.lexists(name):
            # Not a staged file: an option put in the hook's `args`, which this entry never parses.
            check.fail(
                f"{name}: no such file; `engagelint pre-commit` takes only file names "
                "(put options such as fail_on in engagelint.toml)"
            )
    if not files:
        return
    # "-" alone would mean stdin to `check`: a file named "-" is ./-.
    paths = tuple("./-" if name == "-" else name for name in files)
    ctx.invoke(check.command, paths=paths)
