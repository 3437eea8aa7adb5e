"""The command line: a thin click layer over the library API.

``engagelint [PATH...]`` lints (the ``check`` command is implied); subcommands are imported
only when used, so ``--version``, ``rules`` and ``rule`` never import spaCy.
"""

from __future__ import annotations

import importlib
import os

import click

from engagelint._version import __version__
from engagelint.relevance.threads import THREAD_VARS

# engagelint runs in parallel across processes (--jobs), never inside one: native pools (BLAS under
# numpy, OpenMP in sentence encoders) get one thread, set before any of them loads. A value the
# user exported is kept.
for _var in THREAD_VARS:
    os.environ.setdefault(_var, "1")

SUBCOMMANDS = {
    "check": "engagelint.cli.check:command",
    "rules": "engagelint.cli.rules_cmd:rules_command",
    "rule": "engagelint.cli.rules_cmd:rule_command",
    "init": "engagelint.cli.init_cmd:command",
    "inspect": "engagelint.cli.inspect_cmd:command",
    "goals": "engagelint.cli.goals:command",
    "archive": "engagelint.cli.archive:command",
    "lsp": "engagelint.cli.lsp:command",
    "report": "engagelint.cli.report:command",
    "cache": "engagelint.cli.cache:command",
    "config": "engagelint.cli.config_cmd:command",
    "audit": "engagelint.cli.audit:command",
    "pre-commit": "engagelint.cli.precommit:command",
}


class LazyDefaultGroup(click.Group):
    """Loads subcommands on demand and treats ``engagelint drafts/`` as ``engagelint check drafts/``."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in SUBCOMMANDS if self.get_command(ctx, name) is not None]

    def get_command(self, ctx: click.Context, name: str):
        target = SUBCOMMANDS.get(name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        try:
            return getattr(importlib.import_module(module), attr)
        except ModuleNotFoundError as exc:
            if exc.name == module:
                return None  # optional subcommand not installed in this build
            raise

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in SUBCOMMANDS and args[0] not in ("--help", "-h", "--version")):
            args = ["check", *args]
        # A bare ``--color`` (as before ``--color WHEN`` existed) means always, whatever follows.
        args = [
            "--color=always"
            if a == "--color" and (i + 1 == len(args) or args[i + 1] not in ("auto", "always", "never"))
            else a
            for i, a in enumerate(args)
        ]
        return super().parse_args(ctx, args)


@click.group(cls=LazyDefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="engagelint", message="%(prog)s %(version)s")
def cli() -> None:
    """Lint social-media drafts: goals, formality, noise, duplication, platform fit, automation.

    Run `engagelint PATH...` to lint files and folders (default: the current folder).
    """


EXIT_INTERNAL_ERROR = 3  # not 1, which means "problems found"
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


class Interrupted(BaseException):
    """Ctrl-C, raised instead of KeyboardInterrupt so that click does not print its own lines."""


def _interrupt(signum, frame) -> None:
    raise Interrupted


def main() -> None:
    """Exit 0 (clean), 1 (problems), 2 (usage or config error), 3 (engagelint itself failed),
    130 (interrupted); always with one line on stderr, never a traceback (unless ENGAGELINT_DEBUG)."""
    import os
    import signal
    import sys

    signal.signal(signal.SIGINT, _interrupt)
    try:
        code = cli.main(prog_name="engagelint", standalone_mode=False)
    except (Interrupted, KeyboardInterrupt, click.exceptions.Abort):
        click.echo("engagelint: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except BrokenPipeError:  # the reader went away (``engagelint | head``): nothing left to say
        sys.stderr.close()
        sys.exit(1)
    except Exception as exc:
        if os.environ.get("ENGAGELINT_DEBUG"):
            raise
        detail = " ".join(str(exc).split())[:200]
        click.echo(
            f"engagelint: internal error: {type(exc).__name__}{': ' + detail if detail else ''} "
            "(a bug in engagelint: please report it; ENGAGELINT_DEBUG=1 shows the traceback)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL_ERROR)
    sys.exit(code if isinstance(code, int) else 0)
