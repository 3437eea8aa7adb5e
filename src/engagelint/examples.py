"""Run a rule's documented examples (used by ``engagelint rule`` users' trust, and by the tests)."""

from __future__ import annotations

from pathlib import Path

import yaml

from engagelint.api import lint_bytes
from engagelint.config.schema import build_config
from engagelint.rules.base import Example, RuleInfo


def example_document(info: RuleInfo, example: Example, text: str) -> tuple[bytes, str]:
    """The file an example stands for, and its name."""
    if info.category == "syntax":
        return text.encode("utf-8"), example.filename or "example.md"
    meta = {"lang": example.lang, **dict(example.meta)}
    if example.platform:
        meta["platform"] = example.platform
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=False)
    name = example.filename or "example.md"
    if name.endswith(".csv"):
        return text.encode("utf-8"), name
    if text.startswith("---\n"):  # the example brings its own front matter: add ours to it
        return f"---\n{front}{text[4:]}\n".encode(), name
    return f"---\n{front}---\n{text}\n".encode(), name


# Documentation must read the same on any date: examples are judged at a fixed moment.
EXAMPLES_NOW = "2026-06-01T12:00:00+00:00"


def fires(info: RuleInfo, example: Example, text: str, root: Path | None = None) -> list[str]:
    """Messages of ``info``'s findings when linting ``text`` as in ``example``."""
    return [v.message for v in _violations(info, example, text, root)]


def fixed_text(info: RuleInfo, example: Example, root: Path | None = None) -> str:
    """The bad example once the rule's fixes are applied (what ``--fix`` writes), without front matter."""
    from engagelint.fixes import apply_edits, plan_edits

    content, _ = example_document(info, example, example.bad)
    text = content.decode("utf-8")
    fixed = apply_edits(text, plan_edits(_violations(info, example, example.bad, root)))
    if fixed.startswith("---\n") and not example.bad.startswith("---\n"):
        fixed = fixed[fixed.index("\n---\n", 3) + 5 :]  # drop the front matter the test added
    return fixed.removesuffix("\n")


def _violations(info: RuleInfo, example: Example, text: str, root: Path | None = None):
    data = dict(example.config)
    if example.options:
        data["rules"] = {info.code: dict(example.options)}
    config = build_config(data, None, (root or Path.cwd()).resolve())
    content, name = example_document(info, example, text)
    result = lint_bytes(
        content,
        path=name,
        config=config,
        select=[info.code] if info.category != "syntax" else None,
        now=EXAMPLES_NOW,
    )
    return [v for v in result.violations if v.code == info.code]
