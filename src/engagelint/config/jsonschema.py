"""The JSON Schema of ``engagelint.toml`` / ``[tool.engagelint]``, generated from ``config.keys``
(the description the validator uses) and from each rule's declared options."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from engagelint.config.keys import SEVERITIES, TOP_LEVEL_KEYS, Key

SCHEMA_ID = "https://engagelint.dev/schema/engagelint.json"


def key_schema(key: Key) -> dict[str, Any]:
    kind = key.kind
    out: dict[str, Any]
    if kind == "string":
        out = {"type": "string"}
        if key.choices:
            out["enum"] = list(key.choices)
    elif kind == "strings":
        item: dict[str, Any] = {"type": "string"}
        if key.choices:
            item["enum"] = list(key.choices)
        out = {"anyOf": [item, {"type": "array", "items": item}]}
    elif kind == "bool":
        out = {"type": "boolean"}
    elif kind == "int":
        out = {"type": "integer", "minimum": 0}
    elif kind == "size":
        out = {"anyOf": [{"type": "integer", "exclusiveMinimum": 0},
                         {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*([KMGkmg][iI]?[Bb]|[Bb])?\s*$"}]}  # fmt: skip
    elif kind == "hours":
        hour = {"type": "integer", "minimum": 0, "maximum": 24}
        out = {"anyOf": [{"type": "array", "items": hour, "minItems": 2, "maxItems": 2},
                         {"type": "string", "pattern": r"^\d{1,2}\s*-\s*\d{1,2}$"}]}  # fmt: skip
    elif kind == "date":
        # TOML dates reach JSON tools as strings (taplo, Even Better TOML do the same).
        out = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?.*)?$"}
    elif kind == "table":
        out = _object(key.fields, key.required)
    elif kind == "tables":
        out = {"type": "array", "items": _object(key.fields, key.required)}
    elif kind == "map":
        out = {"type": "object", "additionalProperties": key_schema(key.value) if key.value else {}}
    else:  # any
        out = {}
    if key.help:
        out["description"] = key.help
    if key.default is not None:
        out["default"] = key.default
    return out


def _object(fields: Iterable[Key], required: Iterable[str] = ()) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "object",
        "properties": {name: key_schema(f) for f in fields for name in _spellings(f.name)},
        "additionalProperties": False,
    }
    if required:
        out["required"] = list(required)
    return out


def _spellings(name: str) -> tuple[str, ...]:
    # The validator reads fail-on as fail_on.
    return (name, name.replace("_", "-")) if "_" in name else (name,)


def _option_schema(option) -> dict[str, Any]:
    names = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array", tuple: "array",
             dict: "object"}  # fmt: skip
    types = sorted({names[t] for t in option.accepted_types() if t in names})
    out: dict[str, Any] = {"description": option.description}
    if types:
        out["type"] = types[0] if len(types) == 1 else types
    if option.choices:
        out["enum"] = list(option.choices)
    if isinstance(option.default, (bool, int, float, str)):
        out["default"] = option.default
    return out


def rules_schema(rules) -> dict[str, Any]:
    """``[rules.CODE]`` tables: severity plus the rule's own options, under its code and name."""
    props: dict[str, Any] = {}
    for rule in rules:
        info = rule.info
        table = {
            "type": "object",
            "description": f"{info.code} {info.name}: {info.summary}",
            "properties": {
                "severity": {"enum": list(SEVERITIES), "description": "Report this rule at this severity."},
                **{name: _option_schema(opt) for name, opt in info.options.items()},
            },
            "additionalProperties": False,
        }
        for key in (info.code, info.name, *info.aliases):
            props[key] = table
    return {
        "type": "object",
        "description": "Settings per rule code or name: severity and options.",
        "properties": props,
        "additionalProperties": False,
    }


def config_schema(rules=None) -> dict[str, Any]:
    """The whole schema. ``rules``: the registry's rules, for ``[rules.*]`` completion."""
    schema = _object(TOP_LEVEL_KEYS)
    if rules is not None:
        schema["properties"]["rules"] = rules_schema(rules)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "engagelint configuration (engagelint.toml or [tool.engagelint] in pyproject.toml)",
        **schema,
    }
