"""Configuration: discovery, validation with one-line errors, selection, per-file overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from engagelint.api import lint_paths, lint_text
from engagelint.config import ConfigError, config_from_toml, find_config, load_config
from engagelint.engine import Linter


def test_discovery_walks_up_and_prefers_engagelint_toml(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("[tool.engagelint]\nlang = 'fr'\n")
    (tmp_path / "drafts" / "q1").mkdir(parents=True)
    assert find_config(tmp_path / "drafts" / "q1") == tmp_path / "pyproject.toml"
    (tmp_path / "drafts" / "engagelint.toml").write_text("lang = 'en'\n")
    assert load_config(start=tmp_path / "drafts" / "q1").lang == "en"


def test_pyproject_without_tool_table_is_skipped(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config(tmp_path) is None or find_config(tmp_path) != tmp_path / "pyproject.toml"


@pytest.mark.parametrize(
    "toml, expected",
    [
        ("lang = 'de'", "lang: expected one of auto, en, fr"),
        ("unknown_key = 1", "unknown_key: unknown key"),
        ("platforms = ['myspace']", "platforms: unknown platform(s) myspace"),
        ("[[goals]]\nid = 'a'", "goals[0]: each goal needs an id and a description"),
        ("register = 'shouty'", "register: expected one of formal, neutral, casual"),
        ("timezone = 'Mars/Olympus'", "timezone: unknown time zone"),
        ("max_file_size = 'big'", "max_file_size: expected a size"),
        ("[[freeze]]\nfrom = '2025-01-02'\nto = '2025-01-01'", "freeze[0]: 'to' is before 'from'"),
    ],
)
def test_invalid_values_name_the_key(toml, expected):
    with pytest.raises(ConfigError) as exc:
        config_from_toml(toml)
    assert expected in str(exc.value)
    assert "\n" not in str(exc.value)


def test_toml_syntax_error_names_the_file(tmp_path: Path):
    path = tmp_path / "engagelint.toml"
    path.write_text("lang = \n")
    with pytest.raises(ConfigError) as exc:
        load_config(config_path=path)
    assert str(path) in str(exc.value) and "invalid TOML" in str(exc.value)


@pytest.mark.parametrize(
    "toml, expected",
    [
        ("select = ['EL999']", "unknown rule code, name or category 'EL999'"),
        ("ignore = ['not-a-rule']", "unknown rule code, name or category 'not-a-rule'"),
        ("[rules.EL999]\nseverity = 'error'", "rules.EL999: unknown rule code or name"),
        ("[rules.broken-front-matter]\nmaxx = 3", "rules.broken-front-matter.maxx: unknown option"),
        ("[rules.EL001]\nseverity = 'loud'", "rules.EL001.severity"),
    ],
)
def test_unknown_rules_and_options_are_errors(toml, expected):
    with pytest.raises(ConfigError) as exc:
        Linter(config_from_toml(toml))
    assert expected in str(exc.value)


def test_selection_by_code_name_category_and_prefix():
    cfg = config_from_toml("")
    assert set(Linter(cfg, select=["EL001"]).active) == {"EL001"}
    assert set(Linter(cfg, select=["broken-front-matter"]).active) == {"EL001"}
    assert set(Linter(cfg, select=["syntax"]).active) >= {
        "EL000",
        "EL001",
        "EL002",
        "EL003",
        "EL004",
        "EL005",
    }
    assert set(Linter(cfg, select=["EL00"]).active) == {"EL000", "EL001", "EL002", "EL003", "EL004", "EL005"}
    assert "EL001" not in Linter(cfg, ignore=["syntax"]).active


def test_severity_override_changes_the_reported_severity():
    cfg = config_from_toml("[rules.invalid-metadata]\nseverity = 'error'\n")
    result = lint_text("---\nplatform: myspace\n---\nHello there\n", config=cfg, select=["EL002"])
    assert [str(v.severity) for v in result.violations] == ["error"]


def test_per_file_ignores(tmp_path: Path):
    (tmp_path / "engagelint.toml").write_text("[per_file_ignores]\n'archive/*' = ['EL001']\n")
    (tmp_path / "archive").mkdir()
    bad = "---\nplatform: [x\n---\nHello there\n"
    (tmp_path / "archive" / "old.md").write_text(bad)
    (tmp_path / "new.md").write_text(bad)
    result = lint_paths([str(tmp_path)], select=["EL001"])
    assert [Path(v.path).name for v in result.violations] == ["new.md"]
