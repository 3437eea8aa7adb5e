"""The README's rule table is generated from the rules' metadata and must stay current."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import update_readme_rules  # noqa: E402


def test_readme_rule_table_is_current():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert update_readme_rules.render(text) == text, "run: .venv/bin/python scripts/update_readme_rules.py"


def test_rule_docs_page_is_current():
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == update_readme_rules.rules_doc(), (
        "run: .venv/bin/python scripts/update_readme_rules.py"
    )


def test_readme_gives_the_two_commands_ci_runs():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make demo" in text and "make test" in text
    assert "make test" in ci


def test_readme_demo_output_is_real_output_of_the_examples():
    import re
    import subprocess

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- demo:begin.*?```\n(.*?)```", text, re.S).group(1).splitlines()
    # `make demo` pins the clock (so this holds on any date); the README names the same moment.
    demo_now = re.search(r"^DEMO_NOW := (\S+)$", (ROOT / "Makefile").read_text(), re.M).group(1)
    assert f"`engagelint --now {demo_now} examples/`" in text
    assert "$(VENV)/bin/engagelint --now $(DEMO_NOW) examples/" in (ROOT / "Makefile").read_text()
    run = subprocess.run(
        [sys.executable, "-m", "engagelint", "--no-cache", "--no-color", "--now", demo_now, "examples/"],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
    )  # fmt: skip
    assert run.returncode == 1, run.stderr
    lines = run.stdout.splitlines()
    for line in block:
        assert line in lines, f"README demo line is not in the real output: {line}"


def test_every_never_does_guarantee_names_tests_that_exist():
    """Each bullet of "What engagelint never does" ends with ``<!-- tested by: file::test, ... -->``
    and every test it names exists, so no guarantee is stated without a test behind it."""
    import re

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## What engagelint never does\n", 1)[1].split("\n## ", 1)[0]
    bullets = re.split(r"\n(?=- )", section[section.index("\n- ") + 1 :])
    assert len(bullets) >= 4
    for bullet in bullets:
        claim = bullet.split("\n")[0]
        assert claim.startswith("- It never"), claim
        refs = re.search(r"<!-- tested by: (.*?) -->", bullet, re.S)
        assert refs, f"README guarantee without tests: {claim}"
        for ref in re.split(r",\s*", refs.group(1).strip()):
            path, _, name = ref.partition("::")
            source = (ROOT / path).read_text(encoding="utf-8")
            assert re.search(rf"^def {re.escape(name)}\(", source, re.M), f"{claim}: no test {ref}"


def test_speed_section_is_generated_from_bench_results() -> None:
    import update_readme_speed

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    results = (ROOT / "bench" / "results.md").read_text(encoding="utf-8")
    assert update_readme_speed.render(readme, results) == readme, (
        "run: .venv/bin/python scripts/update_readme_speed.py"
    )
