"""``engagelint init``: write a commented starter config (asks nothing when stdin is not a terminal)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

TEMPLATE = """\
# engagelint configuration. Every key is optional; remove what you do not need.
# Reference: https://github.com/engagelint/engagelint#configuration

# Language of your posts: "auto" detects English or French per post; or force "en" / "fr".
lang = "{lang}"

# The channels your brand is on. A draft for another platform is flagged (platform sprawl).
platforms = [{platforms}]

# How the brand speaks: "formal", "neutral" or "casual". Informality rules follow it.
register = "{register}"

# Words that are never flagged (brand names, product names, your own acronyms).
brand_terms = []

# Require every draft to name the goal it serves (front matter `goals: [...]`).
require_goal = false

# Time zone of schedules without one, and the hours when posts may go out.
timezone = "UTC"
# posting_hours = [8, 20]

# What every post should serve: "start with the end in mind".
[[goals]]
id = "awareness"
description = "Make people aware of what we do and why it matters."
keywords = []

# Pause scheduled posts during a crisis or a company shutdown:
# [[freeze]]
# from = "2025-12-24"
# to = "2025-12-26"
# reason = "company shutdown: nobody is there to answer replies"

{per_file}
# Pick rules by code, name or category (informality, noise, platform, automation, strategy,
# relevance, duplication, syntax), and tune them:
# ignore = ["EL207"]
# [rules.hashtag-stuffing]
# severity = "error"
"""


def per_file_block(folders: dict[str, str]) -> str:
    """``[[per_file]]`` platform defaults for the folders whose name says the platform."""
    if not folders:
        return (
            "# Platform defaults by folder (front matter still wins); a folder named x/, linkedin/,\n"
            "# tweets/… already gives its platform ([metadata] platform_from_path = false turns it off):\n"
            '# [[per_file]]\n# files = ["content/x/**"]\n# platform = "x"\n'
        )
    lines = ["# Platform defaults found from your folder names (front matter still wins):"]
    for folder, platform in sorted(folders.items()):
        lines += ["[[per_file]]", f'files = ["{folder}/**"]', f'platform = "{platform}"', ""]
    return "\n".join(lines)


@click.command("init")
@click.option(
    "--path", "target", type=click.Path(dir_okay=False), default="engagelint.toml", show_default=True
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def command(target: str, force: bool) -> None:
    """Write a commented starter engagelint.toml (platforms and folder defaults taken from the drafts found here)."""
    from engagelint import i18n
    from engagelint.i18n import _

    i18n.set_language(i18n.resolve("auto"))  # no config yet: the locale's language
    path = Path(target)
    if path.exists() and not force:
        click.echo(_("engagelint: error: %(path)s already exists (use --force to overwrite)") % {"path": path},
                   err=True)  # fmt: skip
        sys.exit(2)
    from engagelint.sources.survey import survey

    found_platforms, folders = survey(Path.cwd())
    lang, platforms, register = "auto", list(found_platforms) or ["linkedin"], "neutral"
    if sys.stdin.isatty():
        lang = click.prompt(
            _("Language of your posts"), type=click.Choice(["auto", "en", "fr"]), default=lang
        )
        raw = click.prompt(_("Platforms you post on (comma-separated)"), default=", ".join(platforms))
        from engagelint.sources.metadata import MetadataSettings, parse_platforms

        found, unknown = parse_platforms(raw, MetadataSettings())
        if unknown:
            click.echo(_("Ignoring unknown platform(s): %(names)s") % {"names": ", ".join(unknown)})
        platforms = list(found) or platforms
        register = click.prompt(
            _("Brand register"), type=click.Choice(["formal", "neutral", "casual"]), default=register
        )
    text = TEMPLATE.format(
        lang=lang,
        platforms=", ".join(f'"{p}"' for p in platforms),
        register=register,
        per_file=per_file_block(folders),
    )
    path.write_text(text, encoding="utf-8")
    click.echo(_("Wrote %(path)s. Edit the goals, then run: engagelint .") % {"path": path})
