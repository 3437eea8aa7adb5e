"""Scaffold a new rule in one command: the next free code of its category, a YAML rule (data) or a
Python module with English and French example skeletons, then the README table and docs/rules.md
regenerated.

    python scripts/new_rule.py noise teaser-only "A post that only teases, with nothing in it."
    python scripts/new_rule.py informality my-check "..." --python

The skeleton's examples say TODO: tests/test_rule_examples.py fails until they are real bad and good
drafts in both languages, so a rule cannot land undocumented.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from engagelint.models import CATEGORIES  # noqa: E402
from engagelint.rules.registry import Registry  # noqa: E402

# Codes are numbered by category: EL1xx informality, EL2xx noise, ...
CATEGORY_DIGIT = {
    "syntax": 0,
    "informality": 1,
    "noise": 2,
    "platform": 3,
    "automation": 4,
    "strategy": 5,
    "relevance": 6,
    "duplication": 7,
}

YAML_TEMPLATE = """\
code: {code}
name: {name}
category: {category}
severity: warning
summary: {summary}
rationale: |
  TODO: why an editor would care, in two or three sentences a social media manager understands.
extends: existence
lang: [en, fr]
message: "'{{match}}' TODO: what is wrong and what to write instead"
tokens:
  en: [TODO-english-word]
  fr: [TODO-mot-francais]
examples:
  - lang: en
    bad: "TODO: an English draft that must fire the rule"
    good: "TODO: the same draft, written well"
  - lang: fr
    bad: "TODO : un brouillon en français qui doit déclencher la règle"
    good: "TODO : le même brouillon, bien écrit"
"""

PY_TEMPLATE = '''\
"""{code} {name}: {summary}"""

from __future__ import annotations

from collections.abc import Iterable

from engagelint.models import Finding, Severity
from engagelint.rules.base import Example, Rule, RuleContext, RuleInfo


class {cls}(Rule):
    info = RuleInfo(
        code="{code}",
        name="{name}",
        category="{category}",
        severity=Severity.WARNING,
        summary="{summary}",
        rationale=(
            "TODO: why an editor would care, in two or three sentences a social media manager "
            "understands."
        ),
        examples=(
            Example(bad="TODO: an English draft that must fire", good="TODO: the same, written well", lang="en"),
            Example(bad="TODO : un brouillon qui doit déclencher", good="TODO : le même, bien écrit", lang="fr"),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        # ctx.text is the post as published; report spans of it (start, end) with a message.
        return ()


RULES = ({cls},)
'''


def next_code(category: str, taken: set[str]) -> str:
    digit = CATEGORY_DIGIT[category]
    for n in range(1, 100):
        code = f"EL{digit}{n:02d}"
        if code not in taken:
            return code
    raise SystemExit(f"no free code left in {category}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("category", choices=[c for c in CATEGORIES if c in CATEGORY_DIGIT])
    parser.add_argument("name", help="kebab-case name, e.g. teaser-only")
    parser.add_argument("summary", help="one sentence: what the rule reports")
    parser.add_argument("--python", action="store_true", help="a Python rule instead of a YAML one")
    parser.add_argument("--pack", type=Path, default=ROOT / "rules" / "core", help="folder for YAML rules")
    parser.add_argument("--module-dir", type=Path, default=ROOT / "src" / "engagelint" / "rules" / "builtin")
    parser.add_argument("--no-docs", action="store_true", help="do not regenerate README/docs")
    args = parser.parse_args(argv)

    if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", args.name):
        parser.error("name must be kebab-case, e.g. teaser-only")
    core = (ROOT / "rules" / "core").resolve()
    extra = [str(args.pack)] if args.pack.is_dir() and args.pack.resolve() != core else []
    registry = Registry.build(extend=extra)
    taken = set(registry.rules)
    if registry.get(args.name) is not None:
        parser.error(f"a rule named {args.name!r} exists already")
    code = next_code(args.category, taken)
    summary = args.summary.replace('"', "'")
    if args.python:
        cls = "".join(part.title() for part in args.name.split("-"))
        path = args.module_dir / f"{args.category}_{args.name.replace('-', '_')}.py"
        text = PY_TEMPLATE.format(code=code, name=args.name, category=args.category, summary=summary, cls=cls)
    else:
        path = args.pack / f"{code}-{args.name}.yml"
        text = YAML_TEMPLATE.format(code=code, name=args.name, category=args.category, summary=summary)
    if path.exists():
        parser.error(f"{path} exists already")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"{code} {args.name}: wrote {path}")
    if not args.no_docs:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "update_readme_rules.py")], check=True)
    print("Next: write the examples (EN and FR), then run: make test PYTEST_ARGS=tests/test_rule_examples.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
