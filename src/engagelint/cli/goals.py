"""``engagelint goals PATH...``: each post's relevance score per declared goal (a table, or JSON).

Teams run it on their archive to see how their posts score and to pick thresholds for EL601-EL603.
"""

from __future__ import annotations

import json
import sys

import click

from engagelint.cli.check import allow_outside_option
from engagelint.formatters.escape import escape_text


@click.command("goals", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="table for people; json: {version, posts: [{path, line, lang, declared_goals, scores, closest}]}.")  # fmt: skip
@click.option(
    "--config", "config_path", type=click.Path(), help="Config file (default: found from the paths)."
)
@click.option("--suggest", is_flag=True,
              help="Propose keywords for each goal and an off-goal threshold from these posts (a sample of yours).")  # fmt: skip
@allow_outside_option
def command(
    paths: tuple[str, ...], fmt: str, config_path: str | None, suggest: bool, allow_outside_root: bool
) -> None:
    """Score every post against the goals declared in the config (0 = unrelated, 1 = on target)."""
    from engagelint.config import ConfigError, load_config
    from engagelint.relevance.backends import BackendError
    from engagelint.relevance.report import report_document, score_paths

    path_list = list(paths) or ["."]
    try:
        config = load_config(
            config_path=config_path, start=path_list[0], allow_outside_root=allow_outside_root
        )
        rows, errors = score_paths(path_list, config, with_text=suggest)
    except (ConfigError, BackendError) as exc:
        click.echo(f"engagelint: error: {escape_text(str(exc))}", err=True)
        sys.exit(2)
    for err in errors:
        click.echo(f"engagelint: error: {escape_text(err)}", err=True)
    goal_ids = [g.id for g in config.profile.goals]
    if suggest:
        if not goal_ids:
            click.echo(
                "engagelint: error: no goals declared in the config ([[goals]] id, description)", err=True
            )
            sys.exit(2)
        click.echo(_suggestions(config, rows))
        sys.exit(2 if errors and not rows else 0)
    if fmt == "json":
        click.echo(json.dumps(report_document(rows), ensure_ascii=False, indent=2))
    else:
        if not goal_ids:
            click.echo("engagelint: no goals declared in the config ([[goals]] id, description)", err=True)
        click.echo(render_table(rows, goal_ids))
    sys.exit(2 if errors and not rows else 0)


def render_table(rows: list[dict], goal_ids: list[str]) -> str:
    """One line per post: location, language, declared goals, each goal's score (best one starred)."""
    where = [f"{r['path']}:{r['line']}" for r in rows]
    w = max([len("post"), *map(len, where)])
    cols = [max(len(g), 5) for g in goal_ids]
    head = f"{'post':<{w}}  lang  {'declared':<12}" + "".join(
        f"  {g:>{c}}" for g, c in zip(goal_ids, cols, strict=True)
    )
    lines = [head, "-" * len(head)]
    for loc, r in zip(where, rows, strict=True):
        scores = r["scores"]
        best = r.get("closest")
        declared = ",".join(r["declared_goals"]) or "-"
        cells = "".join(
            f"  {(format(scores[g], '.2f') + ('*' if g == best else ' ')) if g in scores else '-':>{c + 1}}"
            for g, c in zip(goal_ids, cols, strict=True)
        )
        lines.append(f"{loc:<{w}}  {r['lang']:<4}  {declared:<12}{cells}")
    lines.append(f"{len(rows)} post(s); * = closest goal")
    return "\n".join(lines)


def _suggestions(config, rows: list[dict]) -> str:
    from engagelint.relevance.suggest import render_toml, suggest
    from engagelint.rules.builtin.relevance_common import DEFAULT_THRESHOLD

    current = (config.rules.get("off-goal") or config.rules.get("EL601") or {}).get(
        "threshold", DEFAULT_THRESHOLD
    )
    goals = config.profile.goals
    return render_toml(suggest(goals, rows, current), goals, current)
