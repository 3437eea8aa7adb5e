"""Strategy rules (EL501-EL504): platform sprawl, missing and unknown goals, and the share of
self-promotional drafts in a run, in English and French, on real files through the public API."""

from __future__ import annotations

from pathlib import Path

import pytest

from engagelint.api import lint_paths, lint_text
from engagelint.config.loader import config_from_toml
from engagelint.rules.builtin.strategy_promotion import promotional_cue


def draft(body: str, **front: object) -> str:
    lines = [f"{k}: {v}" for k, v in front.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n" if lines else body + "\n"


def codes(result, code: str) -> list:
    return [v for v in result.violations if v.code == code]


# -- EL501: platform sprawl --------------------------------------------------------------------------


def test_sprawl_flags_platforms_outside_the_brand_list():
    config = config_from_toml('platforms = ["linkedin", "x"]')
    text = draft(
        "Our annual report on water quality in Brittany is out.", platform="[linkedin, myspace, instagram]"
    )
    # myspace is not a known platform (EL002); instagram is known but not chosen
    [v] = codes(lint_text(text, config=config), "EL501")
    assert "instagram" in v.message and "linkedin, x" in v.message
    assert (v.line, v.column) == (4, 1)


def test_sprawl_accepts_aliases_and_is_quiet_without_a_brand_list_or_platform():
    config = config_from_toml('platforms = ["twitter", "linkedin"]')
    body = "Notre rapport annuel sur la qualité de l'eau en Bretagne est en ligne."
    assert not codes(lint_text(draft(body, réseau="Twitter", lang="fr"), config=config), "EL501")
    assert not codes(lint_text(draft(body, lang="fr"), config=config), "EL501")
    assert not codes(lint_text(draft(body, platform="instagram", lang="fr")), "EL501")


# -- EL502 / EL503: goals ----------------------------------------------------------------------------

GOALS = """
require_goal = true
[[goals]]
id = "hiring"
description = "Recruit engineers in Bordeaux"
[[goals]]
id = "awareness"
description = "Make the repair service known"
"""


def test_missing_goal_only_when_required():
    body = "We are hiring two data engineers in Bordeaux."
    [v] = codes(lint_text(draft(body, platform="linkedin"), config=config_from_toml(GOALS)), "EL502")
    assert "no goal" in v.message and "hiring, awareness" in v.message
    assert not codes(
        lint_text(draft(body, platform="linkedin", goals="[hiring]"), config=config_from_toml(GOALS)), "EL502"
    )
    assert not codes(lint_text(draft(body, platform="linkedin")), "EL502")


def test_missing_goal_accepts_a_campaign_when_configured():
    config = config_from_toml(GOALS + "[rules.missing-goal]\ncampaign_counts = true\n")
    body = "Nous recrutons deux ingénieurs données à Bordeaux."
    assert not codes(lint_text(draft(body, campagne="printemps-2030", lang="fr"), config=config), "EL502")
    assert codes(lint_text(draft(body, lang="fr"), config=config), "EL502")


def test_unknown_goal_names_the_known_ones():
    config = config_from_toml(GOALS)
    body = "Découvrez l'équipe de notre nouveau service de réparation."
    [v] = codes(lint_text(draft(body, objectifs="[Awareness, notoriete]", lang="fr"), config=config), "EL503")
    assert "'notoriete'" in v.message and "Awareness" not in v.message
    assert not codes(lint_text(draft(body, objectifs="[awareness]", lang="fr")), "EL503")


# -- EL504: self-promotion ratio ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, lang, cue",
    [
        ("Spring sale: buy now and save on every bike!", "en", "buy now"),
        ("Get 20% off all helmets this week.", "en", "20% off"),
        ("Use code SPRING20 at checkout.", "en", "Use code"),
        ("Commandez avant dimanche, livraison offerte.", "fr", "Commandez"),
        ("Soldes : -30 % sur toute la boutique", "fr", "-30 %"),
        ("Inscrivez-vous à notre webinaire de jeudi.", "fr", "Inscrivez-vous"),
        ("Big sale on our new product line", "en", "our new product"),
        ("Summer sale: the new collection is in stock.", "en", "sale"),
    ],
)
def test_promotional_posts_are_recognised(text, lang, cue):
    span = promotional_cue(text, lang)
    assert span is not None and text[span[0] : span[1]] == cue


@pytest.mark.parametrize(
    "text, lang",
    [
        ("How to check your bike's brakes in five minutes, step by step.", "en"),
        ("Thanks for reaching out. Could you DM us your order number so we can help?", "en"),
        ("Democrats are pathetic - 90% of the media agree, says the poll.", "en"),
        ("What is the one repair you wish you had learned earlier?", "en"),
        ("Comment vérifier les freins de votre vélo en cinq minutes.", "fr"),
        ("Merci à toute l'équipe de bénévoles pour cette belle journée à Lille.", "fr"),
    ],
)
def test_value_and_conversation_posts_are_not_promotional(text, lang):
    assert promotional_cue(text, lang) is None


PROMO = [
    ("Spring sale: buy now and get 20% off every bike!", "2030-04-01T10:00"),
    ("Commandez votre casque avant dimanche : livraison offerte.", "2030-04-02T10:00"),
    ("Use code SPRING20 for 15% off all helmets.", "2030-04-05T10:00"),
    ("Shop now: the new city bike is in store.", "2030-04-03T10:00"),
    ("Inscrivez-vous à l'atelier réparation de samedi !", "2030-04-04T10:00"),
]
VALUE = [
    "How to check your brakes in five minutes, step by step.",
    "What is the one repair you wish you had learned earlier?",
    "Merci aux bénévoles de l'atelier de Lille pour cette belle année.",
    "Three things we learned from fixing 2,000 bikes last year.",
    "Notre guide pour régler un dérailleur, illustré pas à pas.",
    "Who taught you to ride a bike? Tell us in the comments.",
]


def _folder(tmp_path: Path, promo, value) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    for i, (body, when) in enumerate(promo):
        (tmp_path / f"promo{i}.md").write_text(
            draft(body, platform="linkedin", schedule=when), encoding="utf-8"
        )
    for i, body in enumerate(value):
        (tmp_path / f"value{i}.md").write_text(draft(body, platform="linkedin"), encoding="utf-8")
    (tmp_path / "engagelint.toml").write_text("", encoding="utf-8")
    return tmp_path


def test_promotion_ratio_points_at_the_latest_promotional_posts(tmp_path):
    # 5 promotional drafts of 11: at most 3 (a third) are fine, the two scheduled last are reported
    result = lint_paths([_folder(tmp_path, PROMO, VALUE)])
    found = sorted(codes(result, "EL504"), key=lambda v: v.path)
    assert [Path(v.path).name for v in found] == ["promo2.md", "promo4.md"]
    use_code = found[0]
    assert (use_code.line, use_code.column) == (5, 1)  # on the cue "Use code"
    assert "5 of 11 drafts" in use_code.message and "45%" in use_code.message


def test_promotion_ratio_quiet_under_the_limit_and_on_small_runs(tmp_path):
    assert not codes(lint_paths([_folder(tmp_path / "a", PROMO[:3], VALUE)]), "EL504")  # 3 of 9
    assert not codes(lint_paths([_folder(tmp_path / "b", PROMO[:4], [])]), "EL504")  # fewer than 6 posts


def test_promotion_ratio_is_configurable(tmp_path):
    folder = _folder(tmp_path, PROMO[:3], VALUE)
    (folder / "engagelint.toml").write_text(
        "[rules.self-promotion-ratio]\nmax_ratio = 0.2\n", encoding="utf-8"
    )
    # 3 of 9: one promotional draft allowed (floor of 1.8), two reported
    assert len(codes(lint_paths([folder]), "EL504")) == 2


def test_a_thread_counts_once(tmp_path):
    thread = "Our new city bike is here.\n\n---\n\nShop now: buy now at your local store.\n\n---\n\nOrder now online."
    (tmp_path / "thread.md").write_text(draft(thread, platform="x"), encoding="utf-8")
    for i, body in enumerate(VALUE[:5]):
        (tmp_path / f"value{i}.md").write_text(draft(body + f" ({i})", platform="x"), encoding="utf-8")
    (tmp_path / "engagelint.toml").write_text("", encoding="utf-8")
    # 1 promotional unit out of 6: under a third
    assert not codes(lint_paths([tmp_path]), "EL504")


def test_brand_support_replies_are_not_promotional():
    """IBM customer-care agent turns (real brand replies) are help, not promotion."""
    import json

    folder = (
        Path(__file__).resolve().parents[1].parent
        / "shared"
        / "data"
        / "perf-corpus"
        / "ibm-twitter-customer-care"
    )
    if not folder.is_dir():
        pytest.skip(f"brand replies not found at {folder}")
    replies = set()
    for name in ("dev.json", "test.json"):
        for conv in json.loads((folder / name).read_text(encoding="utf-8")):
            replies.update(t["message"] for t in conv["dialogContent"] if "agent" in t and t.get("message"))
            replies.add(conv["agentURL"].get("url_utterance") or "")
    replies.discard("")
    assert len(replies) > 500
    promotional = [r for r in replies if promotional_cue(r, "en") is not None]
    assert len(promotional) / len(replies) <= 0.01, promotional[:5]
