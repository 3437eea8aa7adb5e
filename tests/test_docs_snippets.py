"""Every configuration snippet in the README and docs/ is valid: it parses and passes validation."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml

import engagelint
from engagelint.config.schema import build_config
from engagelint.engine import Linter

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# Editor configs written in TOML (Helix's languages.toml) are not engagelint configs.
NOT_ENGAGELINT = ("[language-server.", "[[language]]")


def toml_snippets():
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for n, match in enumerate(re.finditer(r"```toml\n(.*?)```", text, re.S)):
            if not match.group(1).lstrip().startswith(NOT_ENGAGELINT):
                yield pytest.param(match.group(1), id=f"{doc.name}-{n}")


@pytest.mark.parametrize("snippet", list(toml_snippets()))
def test_toml_snippet_parses_and_validates(snippet, tmp_path):
    data = tomllib.loads(snippet)
    data = data.get("tool", {}).get("engagelint", data)
    # Relative paths in snippets (archive sources, packs) need not exist for validation.
    config = build_config(data, None, tmp_path)
    Linter(config)  # validates every rule's options


def test_there_are_snippets_to_check():
    assert len(list(toml_snippets())) >= 3


def test_front_matter_settings_example_in_the_readme_is_valid():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"\| `engagelint` \| \| `(\{.*?\})` ", text).group(1)
    draft = f"---\nengagelint: {example}\n---\nOur spring sale starts today. #a #b #c #d\n"
    result = engagelint.lint_text(draft, path="post.md")
    assert not [v for v in result.violations if v.code == "EL002"], result.violations
    assert isinstance(yaml.safe_load(example), dict)
