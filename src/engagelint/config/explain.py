"""What applies to one file and why: every setting with its origin (``engagelint config FILE``).

Origins: ``default``, the config file, ``preset NAME``, ``per_file[i]`` (a ``[[per_file]]`` table
or ``per_file_ignores``), ``front matter`` (the draft's ``engagelint:`` settings, ``lang``...).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from engagelint.config.keys import TOP_LEVEL_KEYS
from engagelint.config.schema import Config

DEFAULT = "default"
FRONT_MATTER = "front matter"


@dataclass(frozen=True)
class Setting:
    key: str
    value: Any
    origin: str


@dataclass(frozen=True)
class RuleSetting:
    code: str
    name: str
    enabled: bool
    severity: str
    options: Mapping[str, Any]
    origin: str  # why it is on or off, or where its settings come from
    changed: Mapping[str, Any] = field(default_factory=dict)  # options that differ from the defaults


@dataclass
class Explanation:
    path: str | None
    config_path: str | None
    presets: tuple[str, ...]
    settings: list[Setting] = field(default_factory=list)
    post: list[Setting] = field(default_factory=list)
    rules: list[RuleSetting] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "config": self.config_path,
            "presets": list(self.presets),
            "settings": {s.key: {"value": s.value, "origin": s.origin} for s in self.settings},
            "post": {s.key: {"value": s.value, "origin": s.origin} for s in self.post},
            "rules": [vars(r) | {"options": dict(r.options), "changed": dict(r.changed)} for r in self.rules],
        }


def explain(config: Config, path: str | None = None, text: str | None = None) -> Explanation:
    """Every top-level setting with its origin; with ``path``, the rules as they apply to that file
    (``text``: its content, for front matter)."""
    from engagelint.engine import Linter, _front_matter_rule_settings, validate_options

    label = str(config.path) if config.path else None
    out = Explanation(path, label, config.presets)
    for key in TOP_LEVEL_KEYS:
        if key.name in ("rules",):
            continue
        if key.name == "extend" and (config.presets or config.extend):
            out.settings.append(
                Setting("extend", [*config.presets, *config.extend], config.origins["extend"])
            )
        elif key.name in config.data:
            out.settings.append(Setting(key.name, config.data[key.name], config.origins.get(key.name, "")))
        elif key.default is not None:
            out.settings.append(Setting(key.name, key.default, DEFAULT))

    linter = Linter(config)
    active = linter.active
    per_file_origin: dict[str, str] = {}
    overrides: dict[str, tuple[Any, dict[str, Any]]] = {}
    if path is not None:
        active = linter.rules_for(path)
        per_file_origin = _per_file_origins(linter, path)
        if text is not None:
            from engagelint.sources.document import parse_source

            parsed = parse_source(path, text, config.sources)
            first = parsed.posts[0] if parsed.posts else None
            if first is not None:
                for name, value in (("lang", first.lang), ("platforms", list(first.platforms)),
                                    ("goals", list(first.goals)), ("campaign", first.campaign),
                                    ("schedule", first.schedule and first.schedule.isoformat())):  # fmt: skip
                    if value:
                        out.post.append(Setting(name, value, FRONT_MATTER))
                for code in sorted(first.disabled):
                    per_file_origin[code] = FRONT_MATTER + " (disable)"
            for key, settings in _front_matter_rule_settings(first).items():
                code = linter.registry.resolve(key)
                if code in active:
                    try:
                        sev, opts = validate_options(
                            active[code].rule, {**active[code].options, **settings}, key
                        )
                    except Exception:  # reported as EL002 when linting; shown as configured here
                        continue
                    overrides[code] = (sev, opts)
    for code, rule in sorted(linter.registry.rules.items()):
        info = rule.info
        configured = linter._configured[code]
        enabled = code in active
        first_disabled = path is not None and per_file_origin.get(code, "").startswith(FRONT_MATTER)
        severity, options = configured.severity, dict(configured.options)
        origin = per_file_origin.get(code) or _rule_origin(config, info)
        origin = origin or (DEFAULT if info.status == "stable" else "preview, off by default")
        if code in overrides:
            sev, opts = overrides[code]
            severity = sev or severity
            options, origin = opts, FRONT_MATTER
        out.rules.append(
            RuleSetting(
                code,
                info.name,
                enabled and not first_disabled,
                str(severity),
                options,
                origin,
                {k: v for k, v in options.items() if info.defaults().get(k) != v},
            )  # fmt: skip
        )
    return out


def _rule_origin(config: Config, info) -> str:
    for key in (info.code, info.name, *info.aliases):
        if f"rules.{key}" in config.origins:
            return config.origins[f"rules.{key}"]
    for key in ("select", "extend_select", "ignore"):
        values = config.data.get(key, [])
        values = [values] if isinstance(values, str) else values
        for sel in values:
            if sel in (info.code, info.name, info.category) or (
                sel[:2] == "EL" and info.code.startswith(sel)
            ):
                return f"{config.origins.get(key, '')} ({key})"
    return ""


def _per_file_origins(linter, path: str) -> dict[str, str]:
    import fnmatch
    from pathlib import PurePath

    from engagelint.engine import _relative

    config = linter.config
    rel = _relative(path, str(config.root))
    out: dict[str, str] = {}
    for i, pf in enumerate(config.per_file):
        if any(fnmatch.fnmatch(rel, p) or PurePath(rel).match(p) for p in pf.patterns):
            for code in linter._expand((*pf.ignore, *pf.select), "per_file"):
                out[code] = f"per_file[{i}] ({', '.join(pf.patterns)})"
    return out
