"""``engagelint lsp``: run the language server over stdio (for VS Code, Neovim, Emacs, Helix...)."""

from __future__ import annotations

import click

from engagelint.cli.clock_option import now_option, run_clock


@click.command("lsp", context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--stdio", is_flag=True, help="Talk over stdin/stdout (the default; accepted for editor configs)."
)
@now_option
def command(stdio: bool, now: str | None) -> None:
    """Start the engagelint language server: live diagnostics, quick fixes and rule help in your editor."""
    from engagelint.lsp.server import serve

    serve(now=run_clock(now))
