"""Inline and front-matter suppressions, and reports of the ones that suppress nothing."""

from __future__ import annotations

from engagelint.api import lint_text
from engagelint.config import config_from_toml

CFG = config_from_toml("")
BAD_META = "---\nplatform: myspace\n{extra}---\nHello there, friends.\n"


def codes(text: str, **kw) -> list[tuple[str, int]]:
    return [(v.code, v.line) for v in lint_text(text, config=CFG, select=["syntax"], **kw).violations]


def test_front_matter_disable_by_name_and_code():
    assert codes(BAD_META.format(extra="engagelint:\n  disable: [invalid-metadata]\n")) == []
    assert codes(BAD_META.format(extra="engagelint:\n  disable: [EL002]\n")) == []


def test_unused_front_matter_disable_is_reported():
    found = codes("---\nplatform: x\nengagelint:\n  disable: [EL002]\n---\nHello there.\n")
    assert found == [("EL004", 3)]


def test_disable_next_line_with_reason_and_unused_report():
    text = "Hello there.\n<!-- engagelint-disable-next-line EL001 -- legacy draft -->\nMore text.\n"
    result = lint_text(text, config=CFG, select=["syntax"])
    assert [(v.code, v.line) for v in result.violations] == [("EL004", 2)]
    assert "legacy draft" in result.violations[0].message


def test_disable_enable_block_and_unknown_code():
    text = "<!-- engagelint-disable NOPE1 -->\nHello there.\n<!-- engagelint-enable -->\n"
    result = lint_text(text, config=CFG, select=["syntax"])
    assert [v.message for v in result.violations] == ["unknown rule 'NOPE1' in suppression"]
