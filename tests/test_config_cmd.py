"""``engagelint config``: resolved settings with their origin, the JSON Schema, presets, --isolated."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema
import pytest

from engagelint.config import ConfigError, config_from_toml
from engagelint.config.keys import TOP_LEVEL
from engagelint.config.presets import preset_names
from engagelint.engine import Linter

ROOT = Path(__file__).resolve().parents[1]


def engagelint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "engagelint", *args], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, "NO_COLOR": "1"})  # fmt: skip


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "engagelint.toml").write_text(
        'extend = ["strict"]\nignore = ["EL207"]\n\n[[per_file]]\nfiles = "drafts/fr/*"\nignore = ["shouting"]\n'
    )
    (tmp_path / "drafts" / "fr").mkdir(parents=True)
    (tmp_path / "drafts" / "fr" / "a.md").write_text(
        "---\nplatform: x\nlang: fr\nengagelint:\n  rules:\n    EL201: {severity: error}\n  disable: [EL110]\n"
        "---\nBonjour à toutes et à tous.\n"
    )
    return tmp_path


def _row(output: str, start: str) -> str:
    return next(line for line in output.splitlines() if line.startswith(start))


def test_config_shows_each_value_with_its_origin(project: Path):
    res = engagelint("config", "drafts/fr/a.md", cwd=project)
    assert res.returncode == 0, res.stderr
    out = res.stdout
    assert "# configuration: engagelint.toml; presets: strict" in out
    assert _row(out, "fail_on = ").endswith("# preset strict") and '"info"' in _row(out, "fail_on = ")
    assert _row(out, "ignore = ").endswith("# engagelint.toml")
    assert _row(out, "timezone = ").endswith("# default")
    assert _row(out, 'lang = "fr"').endswith("# front matter")
    assert "off" in _row(out, "EL106") and _row(out, "EL106").endswith("# per_file[0] (drafts/fr/*)")
    assert "off" in _row(out, "EL110") and _row(out, "EL110").endswith("# front matter (disable)")
    assert " error " in _row(out, "EL201") and _row(out, "EL201").endswith("# front matter")
    assert "max_run=2" in _row(out, "EL109") and _row(out, "EL109").endswith("# preset strict")
    assert _row(out, "EL207").endswith("# engagelint.toml (ignore)")


def test_config_json_and_isolated(project: Path):
    data = json.loads(engagelint("config", "drafts/fr/a.md", "--format", "json", cwd=project).stdout)
    assert data["settings"]["fail_on"] == {"value": "info", "origin": "preset strict"}
    isolated = json.loads(engagelint("config", "--isolated", "--format", "json", cwd=project).stdout)
    assert isolated["config"] is None and isolated["presets"] == []
    assert isolated["settings"]["fail_on"] == {"value": "warning", "origin": "default"}


def test_isolated_lint_ignores_the_config_file(project: Path):
    (project / "engagelint.toml").write_text('ignore = ["too-short"]\n')
    (project / "drafts" / "short.md").write_text("---\nplatform: x\n---\nHello\n")
    assert "EL211" not in engagelint("check", "drafts/short.md", cwd=project).stdout
    assert "EL211" in engagelint("check", "--isolated", "drafts/short.md", cwd=project).stdout


def test_a_config_error_is_one_line_and_exit_2(tmp_path: Path):
    (tmp_path / "engagelint.toml").write_text('fail_onn = "error"\n')
    res = engagelint("config", cwd=tmp_path)
    assert res.returncode == 2
    assert res.stderr.strip().endswith("fail_onn: unknown key; did you mean 'fail_on'? (expected one of: "
                                       + ", ".join(TOP_LEVEL) + ")")  # fmt: skip


# -- presets ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", preset_names())
def test_every_shipped_preset_is_a_valid_config(name: str):
    config = config_from_toml(f'extend = ["{name}"]')
    assert config.presets == (name,) and config.extend == ()
    Linter(config)  # every rule option in the preset is valid


def test_presets_are_the_three_documented_ones():
    assert set(preset_names()) >= {"strict", "relaxed", "personal-brand"}


def test_own_keys_win_over_the_preset_and_rule_tables_merge():
    config = config_from_toml(
        'extend = ["strict"]\nfail_on = "error"\n[rules.emoji-wall]\nseverity = "info"\n'
    )
    assert str(config.fail_on) == "error"
    assert config.rules["emoji-wall"] == {"max_run": 2, "severity": "info"}
    assert config.origins["fail_on"] == "configuration"


def test_an_unknown_extend_name_names_the_presets(tmp_path: Path):
    with pytest.raises(ConfigError, match="'strictt' is neither a preset .*strict.* nor a rule pack"):
        Linter(config_from_toml('extend = ["strictt"]', root=tmp_path))


# -- the JSON Schema ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema() -> dict:
    out = subprocess.run([sys.executable, "-m", "engagelint", "config", "--schema"], capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    data = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(data)
    return data


def _as_json(value):
    """TOML dates as editors' JSON view of TOML shows them: ISO strings."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return value


def example_configs():
    yield pytest.param((ROOT / "examples" / "engagelint.toml").read_text(encoding="utf-8"), id="examples")
    from test_docs_snippets import toml_snippets

    yield from toml_snippets()
    for name in preset_names():
        from engagelint.config.presets import preset_text

        yield pytest.param(preset_text(name), id=f"preset-{name}")


@pytest.mark.parametrize("text", list(example_configs()))
def test_every_example_config_validates_against_the_schema(text: str, schema: dict):
    data = tomllib.loads(text)
    data = data.get("tool", {}).get("engagelint", data)
    jsonschema.validate(_as_json(data), schema)


def test_the_schema_refuses_what_the_validator_refuses(schema: dict):
    for bad in ('fail_on = "sometimes"', 'unknown_key = 1', '[rules.EL109]\nmax_runn = 2',
                '[[goals]]\ndescription = "no id"', 'posting_hours = [9]', '[csv]\ntext = "x"'):  # fmt: skip
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(tomllib.loads(bad), schema)
        with pytest.raises(ConfigError):
            Linter(config_from_toml(bad))


def test_the_schema_lists_every_key_the_validator_accepts(schema: dict):
    assert {k for k in schema["properties"] if "-" not in k} == set(TOP_LEVEL)
    # and each is accepted by the validator
    for key in TOP_LEVEL:
        assert key in schema["properties"]
    assert "max_run" in schema["properties"]["rules"]["properties"]["EL109"]["properties"]
