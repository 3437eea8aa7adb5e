"""Rule messages in French: each converted rule's findings on its documented bad examples (English and
French) read in French with ``messages = "fr"``, and follow the post's language with ``auto``."""

from __future__ import annotations

from dataclasses import replace

import pytest

import engagelint
from engagelint.config import config_from_toml
from engagelint.examples import _violations
from engagelint.finding_messages import untranslated
from engagelint.rules.registry import Registry

# Rules whose messages have a template in engagelint/finding_messages.py (the others stay English).
CONVERTED = ("EL101", "EL102", "EL103", "EL104", "EL105", "EL106", "EL107", "EL108", "EL109", "EL202",
             "EL206", "EL211", "EL401", "EL402")  # fmt: skip
REGISTRY = Registry.build()
CASES = [(REGISTRY.rules[c].info, ex) for c in CONVERTED for ex in REGISTRY.rules[c].info.examples]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0].code}-{c[1].lang}")
def test_every_message_of_a_converted_rule_has_french(case, tmp_path):
    info, example = case
    english = [v.message for v in _violations(info, example, example.bad, tmp_path)]
    assert english, f"{info.code} did not fire on {example.bad!r}"
    missing = [m for m in english if untranslated(m)]
    assert not missing, f"no French template for {missing}: add it to finding_messages.TEMPLATES and the .po"


def test_messages_follow_the_setting_and_the_post_language():
    draft_fr = "---\nplatform: x\nlang: fr\n---\nMerci bcp pour vos messages !!!\n"
    draft_en = "---\nplatform: x\nlang: en\n---\nThx for your messages!!!\n"

    def messages(text: str, setting: str) -> list[str]:
        config = config_from_toml(f'messages = "{setting}"\nselect = ["EL101", "EL107"]')
        return [v.message for v in engagelint.lint_text(text, path="post.md", config=config).violations]

    assert messages(draft_fr, "fr") == ["« bcp » est du langage SMS ; écrivez « beaucoup »",
                                        "« !!! » répète la ponctuation ; un seul « ! » suffit"]  # fmt: skip
    assert messages(draft_fr, "auto")[0].startswith("« bcp » est du langage SMS")
    assert messages(draft_en, "auto") == [
        "'Thx' is textspeak; write 'Thanks'",
        "'!!!' repeats punctuation; one '!' is enough",
    ]
    assert messages(draft_fr, "en")[0] == "'bcp' is textspeak; write 'beaucoup'"


def test_fix_titles_are_translated_too():
    config = config_from_toml('messages = "fr"\nselect = ["EL107"]')
    (v,) = engagelint.lint_text("Super !!!\n", path="post.md", config=config).violations
    assert v.fix.message == "Remplacer « !!! » par « ! »"
    assert replace(v, message="x").fix.message == v.fix.message
