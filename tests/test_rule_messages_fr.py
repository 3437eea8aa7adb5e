"""Rule messages in French: every rule in the registry, on each of its documented bad examples (English and
French posts), says what is wrong in French with ``messages = "fr"`` (message and fix title), and follows the
post's language with ``auto``. A rule whose message has no template in engagelint/finding_messages.py, or
whose template has no French in the catalog, fails here."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

import engagelint
from engagelint.config import config_from_toml
from engagelint.examples import _violations
from engagelint.finding_messages import match, untranslated
from engagelint.rules.registry import Registry

REGISTRY = Registry.build()
CASES = [(rule.info, i, ex) for rule in REGISTRY for i, ex in enumerate(rule.info.examples)]


def _id(case) -> str:
    info, i, ex = case
    return f"{info.code}-{ex.lang}{i}"


def test_every_rule_is_checked_on_english_and_french_posts():
    langs: dict[str, set[str]] = {}
    for info, _, ex in CASES:
        langs.setdefault(info.code, set()).add(ex.lang)
    assert set(langs) == set(REGISTRY.rules), "every rule in the registry has examples to check"
    assert all({"en", "fr"} <= found for found in langs.values())


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_every_message_of_every_rule_reads_in_french(case, tmp_path):
    info, _, example = case
    english = _violations(info, example, example.bad, tmp_path)
    french = _violations(
        info, replace(example, config={**example.config, "messages": "fr"}), example.bad, tmp_path
    )
    assert english, f"{info.code} did not fire on {example.bad!r}"
    missing = [v.message for v in english if untranslated(v.message)]
    missing += [v.fix.message for v in english if v.fix and v.fix.message and untranslated(v.fix.message)]
    assert not missing, f"no French for {missing}: add a template to finding_messages and translate the .po"
    # the same findings, at the same places, each saying it in French
    assert [(v.line, v.column, v.end_line, v.end_column) for v in french] == [
        (v.line, v.column, v.end_line, v.end_column) for v in english
    ]
    for en, fr in zip(english, french, strict=True):
        assert fr.message != en.message, f"{info.code} still in English with messages = 'fr': {en.message!r}"
        outside_quotes = re.sub(
            r"«[^»]*»|`[^`]*`", "", fr.message
        )  # the writer's words keep their apostrophes
        assert "'" not in outside_quotes or info.category == "syntax", (
            f"English quotes left in {fr.message!r}"
        )
        if en.fix and en.fix.message:
            assert fr.fix.message != en.fix.message, (
                f"fix title of {info.code} in English: {en.fix.message!r}"
            )


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_each_message_fits_one_template_only(case, tmp_path):
    """Two templates of the same length matching one message would make the French depend on their order."""
    from engagelint import finding_messages as fm

    info, _, example = case
    for v in _violations(info, example, example.bad, tmp_path):
        fits = [t for p, t in fm._patterns() if p.match(v.message)]
        sizes = sorted((len(fm._FIELD.sub("", t)) for t in fits), reverse=True)
        assert match(v.message) is not None and (len(sizes) == 1 or sizes[0] > sizes[1]), (v.message, fits)


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


def test_words_inside_messages_are_french_too():
    """Parts of a message that are engagelint's words (a day, a register, a kind of leftover, an ordinal)
    are translated; the writer's own text and names are not."""
    config = config_from_toml(
        'messages = "fr"\nregister = "formal"\nselect = ["EL111", "EL401", "EL405", "EL110"]\n'
        '[rules.EL405]\ndays = ["mon", "tue"]\n'
    )
    text = "---\nplatform: x\nlang: fr\nschedule: 2030-11-09T10:00\n---\nDécouvre ta box {{first_name}} 🎉🎉🎉🎉🎉🎉\n"
    got = sorted(v.message for v in engagelint.lint_text(text, path="post.md", config=config).violations)
    assert got == [
        "les émojis font 55 % de cette publication (50 % au plus) ; laissez les mots porter le message",
        "programmée un samedi (2030-11-09 10:00 UTC) ; les jours de publication sont lun, mar : déplacez-la sur l’un d’eux",
        "tutoie le lecteur (« découvre », « ta ») alors que le registre ici est soutenu ; vouvoyez",
        "variable de modèle à remplir : « {{first_name}} » ; complétez ou retirez cet élément avant publication",
    ], got
