"""Every rule's own words in French: its summary, rationale and option descriptions have a French translation
in the gettext catalog (extracted by `make messages` from the rules and the YAML packs), and `rule CODE` and
`rules` show them with `--messages fr`. Codes, names and option keys stay as they are."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from engagelint import rule_texts
from engagelint.rules.registry import Registry

INFOS = [rule.info for rule in Registry.build(plugins=False)]


@pytest.mark.parametrize("info", INFOS, ids=lambda i: i.code)
def test_every_rule_has_its_summary_rationale_and_options_in_french(info):
    missing = rule_texts.untranslated(info)
    assert not missing, (
        f"{info.code}: no French for {missing}; run `make messages` and translate the .po "
        "(a text built at run time must be listed with N_ in engagelint/rule_texts.py)"
    )
    assert rule_texts.summary(info, "en") == info.summary
    assert rule_texts.summary(info, "fr") != info.summary


def run(*args: str, cwd) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    return subprocess.run([sys.executable, "-m", "engagelint", *args], cwd=cwd, capture_output=True, text=True,
                          env={**environ, "NO_COLOR": "1"})  # fmt: skip


def test_rule_explained_in_french_through_the_cli(tmp_path):
    out = run("rule", "EL208", "--messages", "fr", cwd=tmp_path).stdout
    lines = out.splitlines()
    assert lines[0] == "EL208 link-dump"  # code and name as they are
    assert (
        lines[2]
        == "Trop de liens pour une seule publication, ou plusieurs liens avec trop peu de mots autour."
    )
    assert "Une publication, un message, un appel à l’action : une liste de liens disperse" in out
    assert "  max (par défaut 3) : nombre maximal de liens dans une publication" in lines
    assert "One post, one message" not in out
    english = run("rule", "EL208", "--messages", "en", cwd=tmp_path).stdout
    assert (
        english.splitlines()[2]
        == "Too many links for one post, or several links with too few words around them."
    )


def test_a_yaml_pack_rule_explained_in_french(tmp_path):
    out = run("rule", "textspeak", "--messages", "fr", cwd=tmp_path).stdout
    assert "Abréviations de messagerie à développement unique" in out
    assert "  exclude (par défaut []) : mots que cette règle ne doit jamais signaler" in out.splitlines()


def test_rules_listed_in_french(tmp_path):
    out = run("rules", "--messages", "fr", cwd=tmp_path).stdout.splitlines()
    el101 = next(line for line in out if line.startswith("EL101 "))
    assert el101.split()[:2] == ["EL101", "textspeak"]
    assert el101.endswith(
        "Abréviations de messagerie à développement unique, comme « pls », « thx », « gonna » ou « bcp »."
    )
    listed = json.loads(run("rules", "--format", "json", "--messages", "fr", cwd=tmp_path).stdout)
    el208 = next(r for r in listed if r["code"] == "EL208")
    assert el208["options"]["max"]["description"] == "nombre maximal de liens dans une publication"
    assert (
        run("rules", "--messages", "en", cwd=tmp_path)
        .stdout.splitlines()[0]
        .endswith("or a check failed on it (internal-error: a bug to report).")
    )


def test_a_plugin_or_user_pack_rule_keeps_its_own_words(tmp_path):
    pack = tmp_path / "packs" / "acme"
    pack.mkdir(parents=True)
    (pack / "textspeak.yml").write_text(
        "code: ACME101\nname: acme-textspeak\ncategory: informality\nseverity: warning\n"
        'summary: Chat abbreviations such as "u".\nrationale: Careless in a brand voice.\n'
        "extends: substitution\nswap: {u: you}\nmessage: \"'{match}' is textspeak; write '{replacement}'\"\n"
        'examples:\n  - {lang: en, bad: "thank u", good: "Thank you."}\n'
    )
    (tmp_path / "engagelint.toml").write_text('extend = ["packs/acme"]\n')
    out = run("rule", "ACME101", "--messages", "fr", cwd=tmp_path).stdout
    assert 'Chat abbreviations such as "u".' in out and "Pourquoi c’est important" in out
