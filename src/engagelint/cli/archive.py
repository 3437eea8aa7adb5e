"""``engagelint archive build`` and ``engagelint archive add FILE...``: the index of published posts."""

from __future__ import annotations

import sys

import click

from engagelint import i18n
from engagelint.finding_messages import translate
from engagelint.formatters.escape import escape_text


def _settings(config_path: str | None, allow_outside_root: bool = False, redis_url: str | None = None):
    from engagelint.config import ConfigError, load_config
    from engagelint.duplication.settings import ArchiveConfigError, archive_settings

    try:
        config = load_config(
            config_path=config_path, start=".", allow_outside_root=allow_outside_root, redis_url=redis_url
        )
        i18n.set_language(i18n.resolve(config.messages))
        return config.profile.archive or archive_settings(
            {}, config.root, allow_outside=config.allow_outside_root, redis_url=config.redis_url
        )
    except (ConfigError, ArchiveConfigError) as exc:
        _fail(str(exc))


def _fail(message: str) -> None:
    click.echo(i18n._("engagelint: error: %(message)s") % {"message": escape_text(message)}, err=True)
    sys.exit(2)


def _report(line: str, report) -> None:
    for note in report.notes:
        note = translate(note, i18n.current())
        click.echo(i18n._("engagelint: warning: %(message)s") % {"message": escape_text(note)}, err=True)
    size = f" ({report.size / 1048576:.1f} MiB)" if report.size else ""
    click.echo(i18n._(line) % {"n": report.added, "posts": report.posts, "where": report.where, "size": size})


@click.group("archive", context_settings={"help_option_names": ["-h", "--help"]})
def command() -> None:
    """Index published posts so that drafts repeating them are reported (EL703).

    Configure the source in the [archive] table: source = an export (JSONL or CSV with a text
    column and optional date, platform, url, id) or a folder of drafts.
    """


def _common(f):
    from engagelint.cli.check import allow_outside_option, redis_url_option

    f = click.option(
        "--config",
        "config_path",
        type=click.Path(),
        help="Config file (default: found from the current folder).",
    )(f)
    return redis_url_option(allow_outside_option(f))


@command.command("build")
@_common
def build_command(config_path: str | None, allow_outside_root: bool, redis_url: str | None) -> None:
    """(Re)build the archive index from [archive] source."""
    from engagelint.duplication.archive import ArchiveError, build

    settings = _settings(config_path, allow_outside_root, redis_url)
    try:
        report = build(settings)
    except ArchiveError as exc:
        _fail(str(exc))
        return
    _report(i18n.N_("archive: indexed %(n)s post(s); %(posts)s in %(where)s%(size)s"), report)


@command.command("add")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True))
@_common
@click.option(
    "--published",
    is_flag=True,
    help="Take the drafts (files or folders) whose status says they went out: `status: published`, "
    "`**Statut** : Publié`, or a folder named published/, posted/, publies/…",
)
def add_command(
    files: tuple[str, ...],
    config_path: str | None,
    allow_outside_root: bool,
    redis_url: str | None,
    published: bool,
) -> None:
    """Append newly published posts (JSONL, CSV exports or drafts) to the archive index."""
    from pathlib import Path

    from engagelint.duplication.archive import ArchiveError, add

    settings = _settings(config_path, allow_outside_root, redis_url)
    if published:
        files = tuple(_published_drafts(files, config_path))
        if not files:
            click.echo(i18n._("archive: no draft marked published found; nothing added"))
            return
    elif any(Path(f).is_dir() for f in files):
        _fail("folders are accepted with --published only; name the files to add")
    try:
        report = add(settings, [Path(f) for f in files])
    except ArchiveError as exc:
        _fail(str(exc))
        return
    _report(i18n.N_("archive: added %(n)s post(s); %(posts)s in %(where)s%(size)s"), report)


def _published_drafts(paths: tuple[str, ...], config_path: str | None) -> list[str]:
    """Draft files whose posts are all marked published (status key or folder name)."""
    from pathlib import Path

    from engagelint.config import load_config
    from engagelint.sources.decode import DecodeError, decode
    from engagelint.sources.discover import discover
    from engagelint.sources.document import parse_source

    config = load_config(config_path=config_path, start=".")
    out = []
    for path in discover(list(paths), config.root).files:
        try:
            text = decode(Path(path).read_bytes()).text
        except (OSError, DecodeError):
            continue
        posts = parse_source(path, text, config.sources).posts
        if posts and all(p.status == "published" for p in posts):
            out.append(path)
    return out
