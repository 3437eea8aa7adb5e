"""Regenerate the rule table in README.md from the rules' own metadata.

Run: .venv/bin/python scripts/update_readme_rules.py   (tests/test_readme.py fails when it is stale)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def rules_table() -> str:
    from engagelint.cli.rules_cmd import rules_markdown
    from engagelint.rules.registry import Registry

    return rules_markdown([r.info for r in Registry.build(plugins=False)])


def render(readme: str) -> str:
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)
    return pattern.sub(lambda _: f"{START}\n{rules_table()}{END}", readme)


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    new = render(text)
    if "--check" in sys.argv:
        sys.exit(0 if new == text else 1)
    README.write_text(new, encoding="utf-8")
    print("README rule table updated")
