"""``engagelint rules`` (a table of every rule) and ``engagelint rule CODE`` (its full documentation)."""

from __future__ import annotations

import json
import sys

import click

from engagelint.rules.base import RuleInfo


def _registry(config_path):
    from engagelint.config import ConfigError, load_config
    from engagelint.rules.registry import RegistryError, registry_for

    try:
        config = load_config(config_path=config_path)
        return registry_for(config)
    except (ConfigError, RegistryError) as exc:
        click.echo(f"engagelint: error: {exc}", err=True)
        sys.exit(2)


@click.command("rules")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True
)
@click.option("--config", "config_path", type=click.Path(), help="Config file (to include its rule packs).")
def rules_command(fmt: str, config_path) -> None:
    """List every rule: code, name, category, severity, status."""
    infos = [r.info for r in _registry(config_path)]
    if fmt == "json":
        click.echo(json.dumps([_info_dict(i) for i in infos], ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        click.echo(rules_markdown(infos), nl=False)
    else:
        for i in infos:
            fix = "fix" if i.fixable else ""
            click.echo(
                f"{i.code:<7} {i.name:<28} {i.category:<12} {str(i.severity):<8} {i.status:<7} {fix:<3}  {i.summary}"
            )


def rules_markdown(infos: list[RuleInfo]) -> str:
    lines = ["| code | name | category | severity | fix | summary |", "|---|---|---|---|---|---|"]
    for i in infos:
        summary = i.summary.replace("|", "\\|")
        lines.append(
            f"| {i.code} | `{i.name}` | {i.category} | {i.severity} | {'yes' if i.fixable else ''} | {summary} |"
        )
    return "\n".join(lines) + "\n"


def _info_dict(i: RuleInfo) -> dict:
    return {
        "code": i.code,
        "name": i.name,
        "category": i.category,
        "severity": str(i.severity),
        "status": i.status,
        "fixable": i.fixable,
        "summary": i.summary,
        "rationale": i.rationale,
        "options": {k: {"default": o.default, "description": o.description} for k, o in i.options.items()},
        "examples": [{"lang": e.lang, "bad": e.bad, "good": e.good} for e in i.examples],
        "origin": i.origin,
    }


def explain(i: RuleInfo) -> str:
    from engagelint.tomlvalue import toml_value

    out = [f"{i.code} {i.name}", "", i.summary, "",
           f"Category: {i.category}    Default severity: {i.severity}    Status: {i.status}"
           + ("    Fixable: yes" if i.fixable else ""), "", "Why it matters", "", i.rationale, ""]  # fmt: skip
    if i.options:
        out += ["Options", ""]
        for k, o in i.options.items():
            out.append(f"  {k} (default {toml_value(o.default)}): {o.description}")
        out.append("")
    for e in i.examples:
        out += [f"Example ({e.lang})", "", "  Bad:", *("    " + line for line in e.bad.splitlines()),
                "  Good:", *("    " + line for line in e.good.splitlines()), ""]  # fmt: skip
    out.append(
        f"Configure it in engagelint.toml under [rules.{i.name}]; silence one line with <!-- engagelint-disable-next-line {i.code} -->."
    )
    return "\n".join(out) + "\n"


@click.command("rule")
@click.argument("code")
@click.option("--config", "config_path", type=click.Path(), help="Config file (to include its rule packs).")
def rule_command(code: str, config_path) -> None:
    """Explain one rule (by code or name): rationale, options and examples."""
    registry = _registry(config_path)
    rule = registry.get(code)
    if rule is None:
        click.echo(f"engagelint: error: unknown rule {code!r} (see `engagelint rules`)", err=True)
        sys.exit(2)
    click.echo(explain(rule.info), nl=False)
