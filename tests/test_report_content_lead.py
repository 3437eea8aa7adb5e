"""The report as a content lead reads it, in Chromium: posts previewed as published, findings in place
linked to the rule docs, campaigns and platforms, "what to fix first" on the first screen, French."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from engagelint.cli import cli
from test_report_html import Dom, chromium

DRAFTS = {
    "launch.md": "---\nplatform: [x, linkedin]\ncampaign: spring-launch\nlang: en\n---\n"
    "Our RefillBox is here!!! Thx for waiting, pls share.\n",
    "tease.md": "---\nplatform: x\ncampaign: spring-launch\nlang: en\n---\nTODO: write the teaser.\n",
    "schedule.csv": 'text,platform\n"Nos recharges arrivent, ""enfin"" !!! Merci, bcp.",mastodon\n',
}
ARGS = ["--select", "EL101,EL107,EL402", "--now", "2026-11-01T10:00:00+00:00"]


def make_report(tmp_path: Path, *extra: str, config: str = "") -> tuple[Path, Dom, str]:
    (tmp_path / "engagelint.toml").write_text(config)
    (tmp_path / "drafts").mkdir()
    for name, text in DRAFTS.items():
        (tmp_path / "drafts" / name).write_text(text, encoding="utf-8")
    out = tmp_path / "report.html"
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        res = CliRunner().invoke(cli, ["report", "drafts", "-o", str(out), *ARGS, *extra])
    finally:
        os.chdir(old)
    assert res.exit_code == 0, res.output
    dumped = chromium(tmp_path, "--dump-dom", out.as_uri()).stdout
    dom = Dom()
    dom.feed(dumped)
    return out, dom, dumped


def text_of(dumped: str, element_id: str) -> str:
    section = re.search(rf'id="{element_id}"[^>]*>(.*?)</(section|table)>', dumped, re.S).group(1)
    return re.sub(r"<[^>]+>", "", section)


def test_posts_previewed_as_published_with_findings_in_place(tmp_path: Path):
    _, dom, dumped = make_report(tmp_path)
    previews = re.findall(r'<pre class="preview">(.*?)</pre>', dumped, re.S)
    plain = [re.sub(r"<sup>.*?</sup>|<[^>]+>", "", p) for p in previews]
    assert "Our RefillBox is here!!! Thx for waiting, pls share." in [p.strip() for p in plain]
    assert not any("platform:" in p or "campaign:" in p for p in plain)  # no front matter
    csv_post = next(p for p in plain if "recharges" in p)
    assert csv_post.strip() == 'Nos recharges arrivent, "enfin" !!! Merci, bcp.'  # no CSV quoting
    marks = re.findall(r"<mark[^>]*>(.*?)</mark>", dumped)
    assert {"!!!", "Thx", "pls", "bcp", "TODO"} <= set(marks)
    links = {a["href"] for a in dom.find("a") if a.get("class") == "code"}
    assert any(h.endswith("#el107") for h in links) and any(h.endswith("#el101") for h in links)


def test_first_screen_says_what_to_fix_first_and_groups_campaigns(tmp_path: Path):
    _, dom, dumped = make_report(tmp_path)
    first = text_of(dumped, "fix-first")
    assert first.startswith("What to fix first"), first
    assert "drafts/tease.md: 1 error (EL402" in first  # the draft that must not go out as it is
    assert "EL101 textspeak: 3 findings in 2 drafts; 3 fixed automatically by engagelint --fix" in first
    assert dumped.index('id="fix-first"') < dumped.index('class="cards"')
    campaigns = {a["data-campaign"] for a in dom.find("tr") if "data-campaign" in a}
    assert campaigns == {"spring-launch", ""}
    assert re.search(r'<h2 class="campaign" id="campaign-spring-launch">Campaign: spring-launch</h2>', dumped)
    platforms = {a["data-platform"] for a in dom.find("tr") if "data-platform" in a}
    assert platforms == {"x", "linkedin", "mastodon"}


@pytest.mark.parametrize("how", ["option", "config"])
def test_french_interface(tmp_path: Path, how: str):
    extra = ("--messages", "fr") if how == "option" else ()
    _, dom, dumped = make_report(tmp_path, *extra, config='messages = "fr"\n' if how == "config" else "")
    assert '<html lang="fr">' in dumped
    assert text_of(dumped, "fix-first").startswith("À corriger en premier")
    assert "Campagne : spring-launch" in dumped and "Problèmes par plateforme" in dumped
    assert "brouillons vérifiés" in dumped and "English" not in "".join(dom.text)
    # the rules' own summaries in the list of rules
    assert (
        "Abréviations de messagerie à développement unique" in dumped and "Chat abbreviations" not in dumped
    )


def test_french_report_shows_rules_converted_later_in_french(tmp_path: Path):
    """EL304 and EL201 (not only the first rules converted) read in French in the report, in place and in
    the list, and the command says where it wrote the report in French."""
    (tmp_path / "engagelint.toml").write_text('messages = "fr"\n')
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "post.md").write_text(
        "---\nplatform: linkedin\nlang: fr\n---\nNotre **nouvelle** RefillBox arrive samedi à Lyon. "
        "#zerodechet #vrac #lyon #refill #recharge #boutique\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.html"
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        res = CliRunner().invoke(
            cli, ["report", "drafts", "-o", str(out), "--select", "EL304,EL201", *ARGS[2:]]
        )
    finally:
        os.chdir(old)
    assert res.exit_code == 0, res.output
    assert "report.html écrit : 2 problème(s) dans 1 brouillon(s) (1 publication(s))." in res.output
    dumped = chromium(tmp_path, "--dump-dom", out.as_uri()).stdout
    dom = Dom()
    dom.feed(dumped)
    shown = " ".join(" ".join(dom.text).split())
    markup = "« **…** » est publié tel quel : les astérisques restent visibles sur LinkedIn ; écrivez du texte simple"
    assert markup in shown
    assert (
        "6 hashtags (5 au plus sur linkedin) ; gardez les quelques-uns qui nomment le sujet de la publication"
        in shown
    )
    marks = re.findall(r'<mark[^>]*title="([^"]*)"[^>]*>(.*?)</mark>', dumped)
    assert (f"EL304: {markup}", "nouvelle") in [(t, m.strip()) for t, m in marks]
    assert "published as typed" not in dumped and "keep the few" not in dumped
