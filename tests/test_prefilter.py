"""The one-scan prefilter of YAML word lists never hides a match: same findings with and without it."""

from __future__ import annotations

import pytest

from engagelint.api import lint_text
from engagelint.config import config_from_toml
from engagelint.rules.kinds import prefilter
from engagelint.rules.kinds.yaml_rule import YamlRule
from engagelint.rules.registry import Registry

# Case variants `regex` treats as equal (dotted/dotless i, long s, Kelvin sign), odd spacing,
# punctuation inside listed words, apostrophes and text around the words.
TRICKY = [
    "LOL that was wild",
    "lıke and subscribe",
    "LİKE AND SUBSCRIBE",
    "Like   and\tsubscribe!!",
    "Like\u00a0and subscribe",
    "ſmash that like button",
    "OMG!!! game-changer, synergy & low-hanging fruit",
    "C'est vraiment chelou, wesh",
    "Abonnez-vous et partagez !",
    "Tag a friend who needs this 👇",
    "u r gr8 thx",
    "nothing to see here",
    "",
]


def _texts(registry: Registry) -> list[str]:
    out = list(TRICKY)
    for rule in registry:
        for ex in rule.info.examples:
            out += [ex.bad, ex.good, ex.bad.upper(), ex.bad.lower()]
    return out


def _yaml_rules(registry: Registry) -> list[YamlRule]:
    return [r for r in registry if isinstance(r, YamlRule) and r.prefilter is not None]


@pytest.mark.parametrize("backend", ["hyperscan", "re2"])
def test_every_literal_match_of_every_shipped_rule_passes_the_prefilter(backend, monkeypatch):
    if prefilter._import(backend) is None:
        pytest.skip(f"{backend} is not installed")
    other = {"hyperscan": "re2", "re2": "hyperscan"}[backend]
    real_import = prefilter._import
    monkeypatch.setattr(prefilter, "_import", lambda name: None if name == other else real_import(name))
    registry = Registry.build()
    rules = _yaml_rules(registry)
    assert len(rules) >= 5
    checked = 0
    for lang in ("en", "fr", "und"):
        for text in _texts(registry):
            for rule in rules:
                shared, index = rule.prefilter
                exact = list(rule._matcher(lang, ()).finditer(text))
                words_only = exact and rule._matcher(lang, ())._literal is not None
                if words_only and any(True for _ in rule._matcher(lang, ())._literal.finditer(text)):
                    checked += 1
                    assert shared.may_match(index, lang, text), (rule.info.code, lang, text)
    assert checked > 50
    assert all(s is not None for s in rules[0].prefilter[0]._scanners.values())


def test_a_pack_word_in_a_case_variant_is_still_found(tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "ACME101-word.yml").write_text(
        "code: ACME101\nname: no-likes\ncategory: strategy\nextends: existence\nsummary: No likes.\n"
        "rationale: Asking for likes reads as engagement bait and lowers reach.\n"
        "tokens: [like and subscribe, straße]\n"
        "examples:\n  - {lang: en, bad: 'Like and subscribe', good: 'Subscribe'}\n"
        "  - {lang: fr, bad: 'Like and subscribe', good: 'Abonnez-vous'}\n",
        encoding="utf-8",
    )
    config = config_from_toml('extend = ["pack"]\nselect = ["ACME101"]\n', root=tmp_path)
    text = "LİKE AND\u00a0SUBSCRIBE, then walk down the STRASSE and the straße."
    found = [(v.column, v.end_column) for v in lint_text(text, config=config).violations]
    assert found == [(1, 19), (56, 62)]  # "STRASSE" is not "straße" for the rule either


def test_lone_surrogates_skip_the_prefilter_and_every_rule_scans():
    shared = prefilter.Prefilter()
    index = shared.add(lambda lang: ["smash"])
    assert shared.may_match(index, "en", "smash \udcff it")
    assert not shared.may_match(index, "en", "nothing here")


def test_a_large_pack_is_scanned_by_hyperscan_and_its_database_stored(tmp_path, monkeypatch):
    if prefilter._import("hyperscan") is None:
        pytest.skip("hyperscan is not installed")
    monkeypatch.setenv("ENGAGELINT_CACHE_DIR", str(tmp_path / "cache"))
    words = [f"zq{i:04d}word" for i in range(prefilter.HYPERSCAN_MIN_WORDS + 100)]
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "ACME102-big.yml").write_text(
        "code: ACME102\nname: big-list\ncategory: strategy\nextends: existence\nsummary: Banned.\n"
        "rationale: A long list of banned product code names that must never appear in public.\n"
        f"tokens: [{', '.join(words)}]\n"
        "examples:\n  - {lang: en, bad: 'zq0001word', good: 'fine'}\n"
        "  - {lang: fr, bad: 'zq0001word', good: 'bien'}\n",
        encoding="utf-8",
    )
    for _run in range(2):  # compiled, then read back from the cache
        config = config_from_toml('extend = ["pack"]\nselect = ["ACME102"]\n', root=tmp_path / ".")
        from engagelint.rules.registry import cached_registry, registry_for

        cached_registry.cache_clear()
        found = lint_text("Ship ZQ2050WORD today, not zq2050words.", config=config).violations
        assert [(v.column, v.end_column) for v in found] == [(6, 16)]
        shared = registry_for(config).get("ACME102").prefilter[0]
        assert any(s is not None for s in shared._scanners.values())  # prefiltered, not scanned by all
        assert len(list((tmp_path / "cache" / "tables").glob("prefilter-*.hsdb"))) == 1
