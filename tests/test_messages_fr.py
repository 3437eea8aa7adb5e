"""engagelint in French: gettext catalogs complete and compiled, and French end to end through the CLI
(summary line, config and usage errors, `rule CODE`), following `--messages`, `messages` and the locale."""

from __future__ import annotations

import gettext
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from engagelint import i18n

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "src" / "engagelint" / "locale" / "fr" / "LC_MESSAGES" / "engagelint.po"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def source_messages() -> set[str | tuple[str, str]]:
    """What `make messages` extracts, with the same babel.cfg: the code's messages, and the rules' summaries,
    rationales and option descriptions (Python rules and YAML packs)."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(
        str(ROOT), method_map=method_map, options_map=options_map, keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def test_every_message_in_the_code_has_a_french_translation():
    french = gettext.translation("engagelint", i18n.locale_dir(), languages=["fr"])
    catalog = french._catalog  # what the .mo holds: msgid, or (msgid, n) for plural forms
    missing = []
    for message in source_messages():
        key = (message[0], 1) if isinstance(message, tuple) else message
        if not catalog.get(key):
            missing.append(message)
    assert not missing, f"no French for {missing}; run `make messages` and translate the .po"


def test_the_compiled_catalog_matches_the_po_file():
    french = gettext.translation("engagelint", i18n.locale_dir(), languages=["fr"])
    with PO.open("rb") as fh:
        catalog = read_po(fh)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            assert french.ngettext(message.id[0], message.id[1], 5) == message.string[1]
        else:
            assert french.gettext(message.id) == message.string, "recompile: make messages"


def _po() -> Catalog:
    with PO.open("rb") as fh:
        return read_po(fh)


def test_the_po_file_has_no_untranslated_fuzzy_or_stale_entries():
    """What `make messages` leaves to a translator: nothing empty, nothing fuzzy (gettext ignores fuzzy
    entries, so they would print English), no entry the code no longer uses, none the code uses missing."""
    catalog = _po()
    entries = [m for m in catalog if m.id]
    empty = [m.id for m in entries if not all(m.string if isinstance(m.id, tuple) else [m.string])]
    fuzzy = [m.id for m in entries if m.fuzzy]
    assert not empty, f"untranslated in the .po: {empty}"
    assert not fuzzy, f"fuzzy in the .po (check the French, then drop the flag): {fuzzy}"
    assert not catalog.obsolete, f"obsolete entries: {list(catalog.obsolete)}"
    assert {m.id for m in entries} == source_messages(), "the .po is stale: run `make messages`"


def test_the_compiled_catalog_holds_exactly_the_po_file():
    """The .mo shipped in the package is the .po compiled: nothing missing, nothing left from an older .po."""
    compiled = gettext.translation("engagelint", i18n.locale_dir(), languages=["fr"])._catalog
    expected: dict = {}
    for m in _po():
        if not m.id:
            continue
        if isinstance(m.id, tuple):
            expected.update({(m.id[0], i): text for i, text in enumerate(m.string)})
        else:
            expected[m.id] = m.string
    compiled = {k: v for k, v in compiled.items() if k != ""}  # "" is the header
    assert compiled == expected, "the .mo differs from the .po: run `make messages`"


@pytest.mark.parametrize(
    "env, expected",
    [({"LANG": "fr_FR.UTF-8"}, "fr"), ({"LC_ALL": "fr_CA.UTF-8", "LANG": "en_US"}, "fr"), ({"LANG": "de_DE"}, "en"),
     ({"LANG": "C.UTF-8"}, "en"), ({"LANGUAGE": "fr:en", "LANG": "en_GB"}, "fr"), ({}, "en")],
)  # fmt: skip
def test_auto_follows_the_locale(env, expected):
    assert i18n.resolve("auto", env) == expected
    assert i18n.resolve("en", env) == "en"


def run(args: list[str], cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    return subprocess.run([sys.executable, "-m", "engagelint", *args], cwd=cwd, capture_output=True,
                          text=True, env={**environ, "NO_COLOR": "1", **(env or {})})  # fmt: skip


DRAFT = "---\nplatform: x\n---\nNotre guide est en ligne !!! Merci pour la lecture.\n"


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    (tmp_path / "post.md").write_text(DRAFT, encoding="utf-8")
    return tmp_path


def test_summary_in_french_and_english(drafts: Path):
    args = ["--no-cache", "--select", "EL107", "post.md"]
    assert run(["--messages", "fr", *args], drafts).stdout.splitlines()[-1] == (
        "1 problème (1 avertissement) dans 1 fichier (1 publication). 1 corrigeable avec --fix."
    )
    assert run(["--messages", "en", *args], drafts, {"LANG": "fr_FR.UTF-8"}).stdout.splitlines()[-1] == (
        "Found 1 problem (1 warning) in 1 file (1 post). 1 fixable with --fix."
    )
    assert run(args, drafts, {"LANG": "fr_FR.UTF-8"}).stdout.splitlines()[-1].startswith("Found 1 problem")
    auto = run(["--messages", "auto", *args], drafts, {"LANG": "fr_FR.UTF-8"}).stdout.splitlines()
    assert auto[-1].startswith("1 problème")
    (drafts / "engagelint.toml").write_text('messages = "fr"\n')
    assert run(args, drafts, {"LANG": "en_US.UTF-8"}).stdout.splitlines()[-1].startswith("1 problème")
    (drafts / "clean.md").write_text("---\nplatform: x\n---\nNotre guide est en ligne.\n")
    assert run(["--select", "EL107", "clean.md"], drafts).stdout.strip() == (
        "Tout est bon : aucun problème dans 1 fichier (1 publication)."
    )


def test_config_and_usage_errors_in_french(drafts: Path):
    (drafts / "engagelint.toml").write_text('fail_onn = "error"\n')
    res = run(["--messages", "fr", "post.md"], drafts)
    assert res.returncode == 2
    assert res.stderr.startswith("engagelint : erreur : ")
    assert "fail_onn: clé inconnue ; vouliez-vous dire « fail_on » ? (clés possibles : " in res.stderr
    (drafts / "engagelint.toml").write_text("register = 3\n")
    res = run(["--messages", "auto", "post.md"], drafts, {"LANG": "fr_FR.UTF-8"})
    assert "register: attendu : une chaîne, reçu int 3" in res.stderr
    (drafts / "engagelint.toml").unlink()
    res = run(["--messages", "fr", "--jobs", "0", "post.md"], drafts)
    assert res.returncode == 2 and res.stderr.strip().endswith("--jobs doit valoir au moins 1")


def test_rule_explanation_in_french(drafts: Path):
    out = run(["rule", "EL107", "--messages", "fr"], drafts).stdout
    assert "Catégorie : familiarité    Gravité par défaut : avertissement    Statut : stable" in out
    assert "Pourquoi c’est important" in out and "À éviter :" in out and "Mieux :" in out
    assert "Why it matters" in run(["rule", "EL107"], drafts).stdout
    res = run(["rule", "EL999", "--messages", "auto"], drafts, {"LANG": "fr_FR.UTF-8"})
    assert res.stderr.strip() == "engagelint : erreur : règle inconnue 'EL999' (voir `engagelint rules`)"


MARKUP = (
    "---\nplatform: linkedin\nlang: fr\n---\nNotre **nouvelle** RefillBox arrive en boutique samedi matin à Lyon. "
    "#zerodechet #vrac #lyon #refill #recharge #boutique\n"
)


def test_platform_and_noise_findings_in_french_through_the_cli(tmp_path: Path):
    """Rules converted with the rest (EL304 and its fix title, EL201), as a writer reads them in a terminal
    and as a tool reads them in JSON; English stays the default."""
    (tmp_path / "post.md").write_text(MARKUP, encoding="utf-8")
    args = ["--no-cache", "--select", "EL304,EL201", "post.md"]
    out = run(["--messages", "fr", *args], tmp_path).stdout.splitlines()
    assert out == [
        "post.md:5:7: EL304 [warning] « **…** » est publié tel quel : les astérisques restent visibles sur LinkedIn "
        "; écrivez du texte simple (markdown-markup) [*]",
        "post.md:5:112: EL201 [warning] 6 hashtags (5 au plus sur linkedin) ; gardez les quelques-uns qui nomment "
        "le sujet de la publication (hashtag-stuffing)",
        "2 problèmes (2 avertissements) dans 1 fichier (1 publication). 1 corrigeable avec --fix.",
    ]
    found = json.loads(run(["--messages", "fr", "--format", "json", *args], tmp_path).stdout)["violations"]
    assert [v["fix"]["message"] for v in found if v.get("fix")] == ["Retirer les « ** »"]
    auto = run(["--messages", "auto", *args], tmp_path, {"LANG": "en_US.UTF-8"}).stdout  # a French post
    assert "les astérisques restent visibles sur LinkedIn" in auto and auto.splitlines()[-1].startswith(
        "Found 2"
    )
    english = run(args, tmp_path).stdout
    assert "'**…**' is published as typed: LinkedIn shows the stars; write plain text" in english


def test_run_warnings_in_french(tmp_path: Path, monkeypatch):
    """The warning printed after the findings when the near-duplicate search hits its budget."""
    from click.testing import CliRunner

    from engagelint.cli import cli
    from engagelint.duplication import near

    monkeypatch.setattr(near, "RUN_BUDGET", 5)
    posts = "\n---\n".join(f"Tip {i}: stay calm and keep the workshop tidy" for i in range(40))
    (tmp_path / "tips.md").write_text(f"---\nplatform: x\n---\n{posts}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(cli, ["--no-cache", "--messages", "fr", "--select", "EL702", "tips.md"])
    assert (
        "engagelint : avertissement : recherche de presque-doublons (EL702) arrêtée après 5 comparaisons "
        in (res.stderr)
    ), res.stderr


def test_init_in_the_locale_language(tmp_path: Path):
    """`init` runs before any config exists: it speaks the locale's language."""
    environ = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    args = [sys.executable, "-m", "engagelint", "init"]
    env = {**environ, "LANG": "fr_FR.UTF-8"}
    res = subprocess.run(
        args, cwd=tmp_path, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL
    )
    assert res.stdout == "engagelint.toml écrit. Modifiez les objectifs, puis lancez : engagelint .\n"
    res = subprocess.run(
        args, cwd=tmp_path, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL
    )
    assert res.returncode == 2
    assert (
        res.stderr == "engagelint : erreur : engagelint.toml existe déjà (utilisez --force pour l’écraser)\n"
    )
