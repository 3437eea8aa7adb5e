"""Baselines: record today's findings, report only new ones, count stale entries."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from engagelint.baseline import apply_baseline, load_baseline, write_baseline
from engagelint.cli import cli
from engagelint.models import Severity, Violation

PACK_RULE = """\
code: ACME101
name: acme-textspeak
category: informality
summary: Chat abbreviations.
rationale: Textspeak reads as careless.
extends: substitution
swap: {pls: please, thx: thanks}
message: "'{match}' is textspeak"
examples:
  - {lang: en, bad: "pls share", good: "Please share."}
"""


def v(text: str, line: int = 1, path: str = "drafts/a.md", code: str = "EL101") -> Violation:
    return Violation(path, line, 1, line, 1 + len(text), code, "textspeak", "informality", Severity.WARNING,
                     f"'{text}' is textspeak", text=text)  # fmt: skip


def test_fingerprint_survives_line_moves_case_and_spacing(tmp_path: Path):
    file = tmp_path / "baseline.json"
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert write_baseline([v("Pls  Share", line=3), v("thx", line=5)], file) == 2
        new, suppressed, stale = apply_baseline(
            [v("pls share", line=40), v("thx", line=41)], load_baseline(file)
        )
    finally:
        os.chdir(old)
    assert (new, suppressed, stale) == ([], 2, 0)


def test_count_aware_other_paths_codes_and_stale(tmp_path: Path):
    file = tmp_path / "b.json"
    os.chdir(tmp_path)
    write_baseline([v("pls"), v("pls"), v("thx")], file)
    base = load_baseline(file)
    third = v("pls", line=9)
    elsewhere = v("pls", path="drafts/b.md")
    other_rule = v("pls", code="EL102")
    new, suppressed, stale = apply_baseline([v("pls"), v("pls", line=2), third, elsewhere, other_rule], base)
    assert new == [third, elsewhere, other_rule]
    assert (suppressed, stale) == (2, 1)  # "thx" was fixed: its entry is stale


def test_baseline_paths_are_relative_to_the_baseline_file(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    file = tmp_path / "baseline.json"
    os.chdir(tmp_path)
    write_baseline([v("pls", path="drafts/a.md")], file)
    doc = json.loads(file.read_text())
    assert (
        doc["version"] == 1 and doc["entries"][0]["path"] == "drafts/a.md" and doc["entries"][0]["count"] == 1
    )
    os.chdir(tmp_path / "sub")  # the same finding seen from another working directory
    _, suppressed, _ = apply_baseline([v("pls", path="../drafts/a.md")], load_baseline(file))
    assert suppressed == 1


def test_bad_baseline_files_are_value_errors(tmp_path: Path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(ValueError, match="not valid JSON"):
        load_baseline(bad)
    bad.write_text(json.dumps({"version": 99, "entries": []}))
    with pytest.raises(ValueError, match="unsupported baseline version"):
        load_baseline(bad)
    bad.write_text(json.dumps({"version": 1, "entries": [{"path": "a"}]}))
    with pytest.raises(ValueError, match="entry 0 is malformed"):
        load_baseline(bad)


def test_cli_write_then_apply_baseline(tmp_path: Path):
    (tmp_path / "packs" / "acme").mkdir(parents=True)
    (tmp_path / "packs" / "acme" / "t.yml").write_text(PACK_RULE)
    (tmp_path / "engagelint.toml").write_text('extend = ["packs/acme"]\n')
    (tmp_path / "drafts").mkdir()
    draft = tmp_path / "drafts" / "a.md"
    draft.write_text("pls share our launch post\n\nthx for reading\n")
    os.chdir(tmp_path)
    args = ["drafts", "--select", "ACME101"]
    wrote = CliRunner().invoke(cli, [*args, "--write-baseline", "baseline.json"])
    assert wrote.exit_code == 1 and Path("baseline.json").is_file()
    assert CliRunner().invoke(cli, [*args, "--baseline", "baseline.json"]).exit_code == 0

    # Lines move, "thx" is fixed, a new "pls" appears: only the new one is reported.
    draft.write_text("New intro line.\n\npls share our launch post\n\nThanks for reading, pls\n")
    res = CliRunner().invoke(cli, [*args, "--baseline", "baseline.json"])
    assert res.exit_code == 1
    assert res.output.count("ACME101") == 1 and "drafts/a.md:5:21: ACME101" in res.output
    assert "Baseline: 1 known, 1 stale." in res.output
    as_json = json.loads(
        CliRunner().invoke(cli, [*args, "--baseline", "baseline.json", "--format", "json"]).output
    )
    assert as_json["summary"]["baseline"] == {"suppressed": 1, "stale": 1}


@pytest.fixture(autouse=True)
def _restore_cwd():
    old = os.getcwd()
    yield
    os.chdir(old)


def test_a_baseline_does_not_depend_on_the_message_language(tmp_path: Path, monkeypatch):
    """Findings with no flagged text (a near-duplicate, a cross-post) are known to the baseline by their
    message: one written with English messages still matches when the team switches to French."""
    monkeypatch.chdir(tmp_path)
    text = "Our refill stations open in Lyon on Saturday morning, come and fill your bottles"
    Path("a.md").write_text(f"---\nplatform: x\n---\n{text}.\n", encoding="utf-8")
    Path("b.md").write_text(f"---\nplatform: x\n---\n{text} today.\n", encoding="utf-8")
    args = ["--no-cache", "--select", "EL702", "."]
    wrote = CliRunner().invoke(cli, [*args, "--write-baseline", "baseline.json"])
    assert (
        wrote.exit_code == 1
        and "near-duplicate of" in json.loads(Path("baseline.json").read_text())["entries"][0]["message"]
    )
    for setting in ("fr", "en", "auto"):
        res = CliRunner().invoke(
            cli, ["--messages", setting, *args, "--baseline", "baseline.json", "--format", "json"]
        )
        assert res.exit_code == 0, (setting, res.output)
        assert json.loads(res.output)["summary"]["baseline"] == {"suppressed": 1, "stale": 0}
    fresh = CliRunner().invoke(cli, ["--messages", "fr", *args])
    assert "presque un doublon de" in fresh.output  # the French run does report it in French
