"""Every rule documents bad and good examples, in English and French, and they behave as documented."""

from __future__ import annotations

import pytest

from engagelint.examples import fires, fixed_text
from engagelint.rules.registry import Registry

REGISTRY = Registry.build()
RULES = list(REGISTRY)
CASES = [(r.info, i, ex) for r in RULES for i, ex in enumerate(r.info.examples)]


def _id(case) -> str:
    info, i, ex = case
    return f"{info.code}-{info.name}-{ex.lang}{i}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.info.code)
def test_rule_is_documented_in_english_and_french(rule):
    info = rule.info
    assert info.summary and info.rationale and len(info.rationale) > 40
    langs = {ex.lang for ex in info.examples}
    assert {"en", "fr"} <= langs, f"{info.code} needs English and French examples, has {sorted(langs)}"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_bad_example_fires(case, tmp_path):
    info, _, ex = case
    assert fires(info, ex, ex.bad, tmp_path), f"{info.code} did not fire on its bad example: {ex.bad!r}"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_good_example_is_clean(case, tmp_path):
    info, _, ex = case
    assert not fires(info, ex, ex.good, tmp_path), f"{info.code} fired on its good example: {ex.good!r}"


CHECKED = [c for c in CASES if c[2].message is not None or c[2].fixed is not None]


@pytest.mark.parametrize("case", CHECKED, ids=_id)
def test_example_states_its_message_and_fix(case, tmp_path):
    info, _, ex = case
    if ex.message is not None:
        messages = fires(info, ex, ex.bad, tmp_path)
        assert any(ex.message in m for m in messages), f"{info.code}: {ex.message!r} not in {messages}"
    if ex.fixed is not None:
        assert fixed_text(info, ex, tmp_path) == ex.fixed
