"""scripts/new_rule.py: a newcomer scaffolds a rule that loads, with the next free code."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from engagelint.rules.registry import Registry

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "new_rule.py"


def scaffold(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args, "--no-docs"], capture_output=True, text=True)


def test_yaml_rule_gets_the_next_free_code_and_loads_as_a_pack(tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    run = scaffold("noise", "teaser-only", "A post that only teases.", "--pack", str(pack))
    assert run.returncode == 0, run.stderr
    (written,) = pack.glob("*.yml")
    code = written.name.split("-")[0]
    taken = set(Registry.build().rules)
    assert code.startswith("EL2") and code not in taken
    assert all(f"EL2{n:02d}" in taken for n in range(1, int(code[3:])))  # the first free one
    registry = Registry.build(extend=[str(pack)])
    rule = registry.get("teaser-only")
    assert (
        rule is not None and rule.info.code == code and {e.lang for e in rule.info.examples} == {"en", "fr"}
    )
    # A second scaffold takes the following code.
    again = scaffold("noise", "teaser-two", "Another.", "--pack", str(pack))
    assert again.returncode == 0 and f"EL2{int(code[3:]) + 1:02d}" in again.stdout


def test_python_rule_module_imports_and_declares_its_rule(tmp_path):
    run = scaffold(
        "informality", "my-check", "Something informal.", "--python", "--module-dir", str(tmp_path)
    )
    assert run.returncode == 0, run.stderr
    (module,) = tmp_path.glob("*.py")
    spec = importlib.util.spec_from_file_location("scaffolded", module)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    (cls,) = mod.RULES
    assert cls.info.name == "my-check" and cls.info.code.startswith("EL1")
    assert list(cls().check(None)) == []


def test_bad_names_and_taken_names_are_refused(tmp_path):
    assert scaffold("noise", "Bad Name", "x", "--pack", str(tmp_path)).returncode == 2
    taken = scaffold("noise", "hashtag-stuffing", "x", "--pack", str(tmp_path))
    assert taken.returncode == 2 and "exists already" in taken.stderr
