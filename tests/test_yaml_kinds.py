"""User rules are data: YAML rule packs of each kind, loaded from the content repo, never code."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from engagelint.api import lint_text
from engagelint.config import ConfigError, config_from_toml
from engagelint.engine import Linter

PACK = {
    "ACME101-competitor.yml": """
code: ACME101
name: competitor-name
category: strategy
severity: error
extends: existence
summary: Do not name competitors.
rationale: Naming a competitor gives them free reach and invites disputes in the comments.
tokens: {en: [MegaCorp, Globex Inc], fr: [MégaCorp]}
message: "'{match}' is a competitor"
examples:
  - {lang: en, bad: "Better than MegaCorp!", good: "Better than ever."}
  - {lang: fr, bad: "Mieux que MégaCorp.", good: "Mieux que jamais."}
""",
    "ACME102-house-style.yml": """
code: ACME102
name: house-style
category: informality
extends: substitution
summary: Use the house spelling.
rationale: A consistent spelling of product names looks professional across every channel.
swap: {e-mail: email, web site: website}
message: "write '{replacement}', not '{match}'"
examples:
  - {lang: en, bad: "Check your e-mail", good: "Check your email"}
  - {lang: fr, bad: "Lisez votre e-mail", good: "Lisez votre email"}
""",
    "ACME103-exclaim.yml": """
code: ACME103
name: exclamation-count
category: informality
extends: occurrence
summary: At most two exclamation marks per post.
rationale: Exclamation marks lose their force when every sentence has one, and read as shouting.
pattern: '!'
max: 2
message: "{count} exclamation marks (at most {max})"
examples:
  - {lang: en, bad: "Wow! Great! Amazing!", good: "Wow! Great."}
  - {lang: fr, bad: "Super ! Génial ! Incroyable !", good: "Super ! Génial."}
""",
    "ACME104-emoji.yml": """
code: ACME104
name: emoji-share
category: informality
extends: metric
metric: emoji_ratio
max: 0.3
summary: Emoji should not outnumber words.
rationale: A wall of emoji hides the message and reads as spam in a brand feed.
message: "emoji are {value:.0%} of this post"
examples:
  - {lang: en, bad: "New 🚀🚀🚀🔥🔥", good: "New release today 🚀"}
  - {lang: fr, bad: "Nouveau 🚀🚀🚀🔥🔥", good: "Nouvelle version aujourd'hui 🚀"}
""",
}


@pytest.fixture
def pack_config(tmp_path: Path):
    pack = tmp_path / "style"
    pack.mkdir()
    for name, body in PACK.items():
        (pack / name).write_text(body, encoding="utf-8")
    return config_from_toml("extend = ['style']", root=tmp_path)


def run(text: str, cfg, lang="en") -> list[tuple[str, str]]:
    doc = f"---\nlang: {lang}\n---\n{text}\n"
    return [(v.code, v.text) for v in lint_text(doc, config=cfg, select=["ACME"]).violations]


def test_existence_kind_per_language(pack_config):
    assert run("We beat MegaCorp and globex inc.", pack_config) == [
        ("ACME101", "MegaCorp"),
        ("ACME101", "globex inc"),
    ]
    assert run("Nous battons MégaCorp.", pack_config, "fr") == [("ACME101", "MégaCorp")]
    assert run("MegaCorpse is a band", pack_config) == []  # whole words only


def test_substitution_kind_offers_a_fix(pack_config):
    result = lint_text("---\nlang: en\n---\nVisit our Web site\n", config=pack_config, select=["ACME102"])
    (v,) = result.violations
    assert v.fix is not None and v.fix.edits[0].content == "Website"


def test_occurrence_and_metric_kinds(pack_config):
    assert [c for c, _ in run("One! Two! Three!", pack_config)] == ["ACME103"]
    assert [c for c, _ in run("🚀🚀🚀 ok", pack_config)] == ["ACME104"]


def test_invalid_pack_is_a_config_error(tmp_path: Path):
    pack = tmp_path / "broken"
    pack.mkdir()
    (pack / "x.yml").write_text("code: X1\nextends: existence\n")
    with pytest.raises(ConfigError) as exc:
        Linter(config_from_toml("extend = ['broken']", root=tmp_path))
    assert "x.yml" in str(exc.value)


def test_catastrophic_pattern_runs_in_linear_time(tmp_path: Path):
    pack = tmp_path / "evil"
    pack.mkdir()
    (pack / "EVIL101.yml").write_text(
        "code: EVIL101\nname: evil\ncategory: noise\nextends: existence\nsummary: s\n"
        "rationale: a pattern that backtracks catastrophically in Python's re module\n"
        "patterns: ['(a+)+$']\nexamples: [{lang: en, bad: aaa, good: b}, {lang: fr, bad: aaa, good: b}]\n"
    )
    cfg = config_from_toml("extend = ['evil']", root=tmp_path)
    start = time.monotonic()
    result = lint_text("a" * 50_000 + "!", config=cfg, select=["EVIL101"], path="x.txt")
    elapsed = time.monotonic() - start
    assert [v.code for v in result.violations] == []
    print(f"RE2 on a 50k-char adversarial input: {elapsed:.3f}s")


def test_python_in_the_linted_repo_is_never_executed(tmp_path: Path):
    """A content repo full of booby-trapped Python: modules shadowing engagelint's dependencies, a
    Python file next to the YAML rules, a pack folder that is also a package. Only the YAML runs."""
    import os
    import subprocess
    import sys

    marker = tmp_path / "EXECUTED"
    trap = f"open({str(marker)!r}, 'a').write(__name__ + '\\n')\n"
    repo = tmp_path / "repo"
    pack = repo / "house_rules"
    pack.mkdir(parents=True)
    for name in ("click.py", "yaml.py", "spacy.py", "engagelint_rules.py", "conftest.py", "setup.py"):
        (repo / name).write_text(trap, encoding="utf-8")
    (pack / "__init__.py").write_text(trap, encoding="utf-8")
    (pack / "rules.py").write_text(trap, encoding="utf-8")
    (pack / "ACME101-competitor.yml").write_text(PACK["ACME101-competitor.yml"], encoding="utf-8")
    (repo / "engagelint.toml").write_text('extend = ["house_rules"]\n', encoding="utf-8")
    (repo / "post.md").write_text("We are better than MegaCorp.\n", encoding="utf-8")
    exe = Path(sys.executable).with_name("engagelint")  # the installed console script, as pre-commit runs it
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    run = subprocess.run(
        [str(exe), "post.md", "--no-cache"], cwd=repo, capture_output=True, text=True, env=env
    )
    assert run.returncode == 1 and "ACME101" in run.stdout, run.stdout + run.stderr
    assert not marker.exists(), marker.read_text()

    (repo / "engagelint.toml").write_text('extend = ["house_rules/rules.py"]\n', encoding="utf-8")
    run = subprocess.run(
        [str(exe), "post.md", "--no-cache"], cwd=repo, capture_output=True, text=True, env=env
    )
    assert run.returncode == 2 and run.stderr.startswith("engagelint: error:"), run.stderr
    assert not marker.exists()
