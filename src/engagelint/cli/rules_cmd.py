"""``engagelint rules`` (a table of every rule) and ``engagelint rule CODE`` (its full documentation)."""

from __future__ import annotations

import json
import sys

import click

from engagelint import rule_texts
from engagelint.formatters.escape import escape_text
from engagelint.rules.base import RuleInfo


def _registry(config_path, messages=None):
    from engagelint import i18n
    from engagelint.config import ConfigError, load_config
    from engagelint.rules.registry import RegistryError, registry_for

    i18n.set_language(i18n.resolve(messages or "en"))  # until the config is read
    try:
        config = load_config(config_path=config_path)
        i18n.set_language(i18n.resolve(messages or config.messages))
        return registry_for(config)
    except (ConfigError, RegistryError) as exc:
        click.echo(i18n._("engagelint: error: %(message)s") % {"message": escape_text(str(exc))}, err=True)
        sys.exit(2)


@click.command("rules")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True
)
@click.option("--config", "config_path", type=click.Path(), help="Config file (to include its rule packs).")
@click.option("--messages", type=click.Choice(["auto", "en", "fr"]), default=None,
              help="Language of the summaries (default: `messages` in the config, else the locale).")  # fmt: skip
def rules_command(fmt: str, config_path, messages) -> None:
    """List every rule: code, name, category, severity, status."""
    infos = [r.info for r in _registry(config_path, messages)]
    if fmt == "json":
        click.echo(json.dumps([_info_dict(i) for i in infos], ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        click.echo(rules_markdown(infos), nl=False)
    else:
        for i in infos:
            fix = "fix" if i.fixable else ""
            click.echo(
                f"{i.code:<7} {i.name:<28} {i.category:<12} {str(i.severity):<8} {i.status:<7} {fix:<3}  {rule_texts.summary(i)}"
            )


def rules_markdown(infos: list[RuleInfo], lang: str | None = None) -> str:
    """The rule table in Markdown, summaries in ``lang`` (default: the current language)."""
    lines = ["| code | name | category | severity | fix | summary |", "|---|---|---|---|---|---|"]
    for i in infos:
        summary = rule_texts.summary(i, lang).replace("|", "\\|")
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
        "summary": rule_texts.summary(i),
        "rationale": rule_texts.rationale(i),
        "options": {
            k: {"default": o.default, "description": rule_texts.option_description(o)}
            for k, o in i.options.items()
        },
        "examples": [{"lang": e.lang, "bad": e.bad, "good": e.good} for e in i.examples],
        "origin": i.origin,
    }


def explain(i: RuleInfo) -> str:
    from engagelint.i18n import _
    from engagelint.tomlvalue import toml_value

    head = _("Category: %(category)s    Default severity: %(severity)s    Status: %(status)s") % {
        "category": _(i.category), "severity": _(str(i.severity)), "status": _(i.status)}  # fmt: skip
    out = [f"{i.code} {i.name}", "", rule_texts.summary(i), "",
           head + ("    " + _("Fixable: yes") if i.fixable else ""), "", _("Why it matters"), "",
           rule_texts.rationale(i, width=100),
           ""]  # fmt: skip
    if i.options:
        out += [_("Options"), ""]
        for k, o in i.options.items():
            out.append("  " + _("%(key)s (default %(default)s): %(description)s") % {
                "key": k, "default": toml_value(o.default), "description": rule_texts.option_description(o)})  # fmt: skip
        out.append("")
    for e in i.examples:
        out += [_("Example (%(lang)s)") % {"lang": e.lang}, "", "  " + _("Bad:"),
                *("    " + line for line in e.bad.splitlines()),
                "  " + _("Good:"), *("    " + line for line in e.good.splitlines()), ""]  # fmt: skip
    out.append(
        _(
            "Configure it in engagelint.toml under [rules.%(name)s]; silence one line with "
            "<!-- engagelint-disable-next-line %(code)s -->."
        )
        % {"name": i.name, "code": i.code}  # fmt: skip
    )
    return "\n".join(out) + "\n"


@click.command("rule")
@click.argument("code")
@click.option("--config", "config_path", type=click.Path(), help="Config file (to include its rule packs).")
@click.option("--messages", type=click.Choice(["auto", "en", "fr"]), default=None,
              help="Language of the explanation's labels (default: `messages` in the config, else the locale).")  # fmt: skip
def rule_command(code: str, config_path, messages) -> None:
    """Explain one rule (by code or name): rationale, options and examples."""
    from engagelint import i18n

    registry = _registry(config_path, messages)
    rule = registry.get(code)
    if rule is None:
        click.echo(i18n._("engagelint: error: unknown rule %(code)r (see `engagelint rules`)") % {"code": code},
                   err=True)  # fmt: skip
        sys.exit(2)
    click.echo(explain(rule.info), nl=False)
