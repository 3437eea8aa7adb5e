"""The registry: built-ins, YAML packs and installed plugins; duplicates fail loudly."""

from __future__ import annotations

import importlib
import sys
import textwrap
from pathlib import Path

import pytest

from engagelint.api import lint_text
from engagelint.config import ConfigError, config_from_toml
from engagelint.engine import Linter
from engagelint.models import CATEGORIES
from engagelint.rules.base import RuleInfo
from engagelint.rules.registry import Registry, RegistryError, cached_registry

PLUGIN = """
from engagelint.models import Finding, Severity
from engagelint.rules.base import Example, Rule, RuleInfo


class NoCompetitor(Rule):
    info = RuleInfo(
        code="ACME201", name="no-competitor", category="strategy", severity=Severity.ERROR,
        summary="Never name Globex.", rationale="Naming a competitor gives it free reach in our own feed.",
        examples=(Example(bad="Better than Globex", good="Better than ever"),
                  Example(bad="Mieux que Globex", good="Mieux que jamais", lang="fr")),
    )

    def check(self, ctx):
        i = ctx.text.find("Globex")
        if i != -1:
            yield Finding(i, i + 6, "competitor named")


def rules():
    return [NoCompetitor]
"""


@pytest.fixture
def installed_plugin(tmp_path, monkeypatch):
    """A real installed distribution (dist-info with entry_points.txt) on sys.path."""
    (tmp_path / "acme_rules.py").write_text(PLUGIN)
    dist = tmp_path / "acme_rules-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-rules\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[engagelint.rules]\nacme = acme_rules:rules\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    cached_registry.cache_clear()
    yield
    cached_registry.cache_clear()
    sys.modules.pop("acme_rules", None)


def test_every_rule_has_complete_metadata():
    registry = Registry.build(plugins=False)
    names = set()
    for rule in registry:
        info: RuleInfo = rule.info
        assert info.category in CATEGORIES
        assert info.name not in names
        names.add(info.name)
    assert {"EL000", "EL001", "EL004"} <= set(registry.rules)


def test_plugin_rules_load_through_entry_points(installed_plugin):
    registry = Registry.build()
    rule = registry.get("no-competitor")
    assert rule is not None and rule.info.origin == "plugin:acme"
    result = lint_text("We are better than Globex.", config=config_from_toml(""), select=["ACME201"])
    assert [(v.code, v.text, v.column) for v in result.violations] == [("ACME201", "Globex", 20)]


def test_duplicate_codes_fail_loudly(tmp_path: Path):
    pack = tmp_path / "dup"
    pack.mkdir()
    (pack / "a.yml").write_text(
        textwrap.dedent("""
        code: EL001
        name: my-front-matter
        category: syntax
        extends: existence
        summary: s
        rationale: a rule that reuses a built-in code must be refused, never silently dropped
        tokens: [x]
        examples: [{lang: en, bad: x, good: y}]
    """)
    )
    with pytest.raises(RegistryError, match="duplicate rule code EL001"):
        Registry.build(extend=[str(pack)], plugins=False)
    with pytest.raises(ConfigError, match="duplicate rule code EL001"):
        Linter(config_from_toml("extend = ['dup']", root=tmp_path))


def test_importing_rule_modules_registers_nothing():
    before = len(Registry.build(plugins=False))
    importlib.import_module("engagelint.rules.builtin.syntax")
    assert len(Registry.build(plugins=False)) == before
