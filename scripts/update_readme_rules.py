"""Regenerate the rule table in README.md from the rules' own metadata.

Run: .venv/bin/python scripts/update_readme_rules.py   (tests/test_readme.py fails when it is stale)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
RULES_DOC = README.parent / "docs" / "rules.md"
START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def _infos():
    from engagelint.rules.registry import Registry

    return [r.info for r in Registry.build(plugins=False)]


def rules_table() -> str:
    from engagelint.cli.rules_cmd import rules_markdown

    return rules_markdown(_infos(), lang="en")  # the README is in English whatever the process speaks


def rules_doc() -> str:
    from engagelint.docs import rules_document

    return rules_document(_infos())


def render(readme: str) -> str:
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)
    return pattern.sub(lambda _: f"{START}\n{rules_table()}{END}", readme)


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    new = render(text)
    if "--check" in sys.argv:
        current = RULES_DOC.is_file() and RULES_DOC.read_text(encoding="utf-8") == rules_doc()
        sys.exit(0 if new == text and current else 1)
    README.write_text(new, encoding="utf-8")
    RULES_DOC.write_text(rules_doc(), encoding="utf-8")
    print("README rule table and docs/rules.md updated")
