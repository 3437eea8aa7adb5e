"""``engagelint config [FILE]``: the settings that apply to a file and where each comes from;
``--schema``: the JSON Schema of the configuration."""

from __future__ import annotations

import json
import sys

import click


def _fail(message: str) -> None:
    click.echo(f"engagelint: error: {message}", err=True)
    sys.exit(2)


@click.command("config")
@click.argument("file", required=False, type=click.Path())
@click.option("--schema", is_flag=True, help="Print the JSON Schema of engagelint.toml / [tool.engagelint].")
@click.option("--config", "config_path", type=click.Path(), help="Config file (default: found from FILE).")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file (defaults only).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def command(file, schema, config_path, isolated, fmt) -> None:
    """Show the resolved settings for FILE (after presets, [[per_file]] and front matter) and their origin."""
    from engagelint.config import ConfigError, load_config
    from engagelint.config.explain import explain
    from engagelint.rules.registry import RegistryError

    if schema:
        from engagelint.config.jsonschema import config_schema
        from engagelint.rules.registry import cached_registry

        click.echo(json.dumps(config_schema(list(cached_registry())), ensure_ascii=False, indent=2))
        return
    text = None
    if file is not None:
        try:
            with open(file, "rb") as fh:
                from engagelint.sources.decode import decode

                text = decode(fh.read()).text
        except OSError as exc:
            _fail(f"{file}: cannot read ({exc.strerror})")
        except Exception as exc:  # not a text draft: settings still apply, front matter does not
            click.echo(f"engagelint: warning: {file}: {exc}", err=True)
    try:
        config = load_config(config_path=config_path, start=file or ".", isolated=isolated)
        result = explain(config, file, text)
    except (ConfigError, RegistryError) as exc:
        _fail(str(exc))
        return
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2, default=str))
        return
    click.echo(render_text(result), nl=False)


def render_text(result) -> str:
    from engagelint.tomlvalue import toml_value

    lines = [f"# Settings for {result.path}" if result.path else "# Settings"]
    where = _display(result.config_path) if result.config_path else "none (defaults)"
    lines.append(
        f"# configuration: {where}" + (f"; presets: {', '.join(result.presets)}" if result.presets else "")
    )

    def shown(value) -> str:
        text = toml_value(value)
        if len(text) > 70 and isinstance(value, list):
            ids = [str(v.get("id", "")) for v in value if isinstance(v, dict) and v.get("id")]
            return f"# {len(value)} entries" + (f": {', '.join(ids)}" if ids else "")
        return text if len(text) <= 100 else text[:97] + "..."

    def origin_of(origin: str) -> str:
        return _display(origin) if origin else origin

    rows = [(f"{s.key} = {shown(s.value)}", origin_of(s.origin)) for s in result.settings]
    if result.post:
        rows.append(("", ""))
        rows.append((f"# this post ({result.path})", ""))
        rows += [(f"{s.key} = {toml_value(s.value)}", s.origin) for s in result.post]
    width = min(60, max((len(r[0]) for r in rows), default=0))
    for left, origin in rows:
        lines.append(f"{left:<{width}}  # {origin}" if origin else left)
    lines.append("")
    lines.append(
        "# rules"
        + (f" for {result.path}" if result.path else "")
        + ": code, name, severity (or off), options set"
    )
    for r in result.rules:
        opts = " ".join(f"{k}={toml_value(v)}" for k, v in r.changed.items())
        state = r.severity if r.enabled else "off"
        left = f"{r.code}  {r.name:<26} {state:<8} {opts}".rstrip()
        origin = origin_of(r.origin) or ("preview, off by default" if not r.enabled else "")
        lines.append(f"{left:<{width}}  # {origin}" if origin else left)
    return "\n".join(lines) + "\n"


def _display(origin: str) -> str:
    """Paths relative to the current folder when below it (as in lint output)."""
    import os

    origin, sep, rest = origin.partition(" (")
    if os.path.isabs(origin) and os.path.exists(origin):
        rel = os.path.relpath(origin)
        origin = origin if rel.startswith("..") else rel
    return origin + sep + rest
