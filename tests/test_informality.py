"""Over-informality rules (EL101-EL113): realistic English and French posts, precision cases, fixes.

Rules run through the real registry (Python rules and the YAML pack in rules/core) and, for the
end-to-end cases, through the real engine and ``--fix`` code path.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engagelint.api import lint_paths, lint_text
from engagelint.config.schema import build_config
from engagelint.fixes import fix_file
from engagelint.rules.base import BrandProfile
from engagelint.rules.registry import Registry
from engagelint.testing import make_context

REGISTRY = Registry.build()
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def flagged(code: str, text: str, lang: str = "en", **kwargs) -> list[str]:
    """The exact texts a rule flags in ``text``."""
    rule = REGISTRY.get(code)
    assert rule is not None, code
    ctx = make_context(text, rule, lang=lang, **kwargs)
    return [text[f.start : f.end] for f in rule.check(ctx)]


def fixes(code: str, text: str, lang: str = "en") -> list[tuple[str, str | None]]:
    rule = REGISTRY.get(code)
    ctx = make_context(text, rule, lang=lang)
    return [(text[f.start : f.end], f.replacement) for f in rule.check(ctx)]


def test_every_informality_rule_is_registered_in_its_category():
    codes = {r.info.code: r.info for r in REGISTRY if r.info.code.startswith("EL1")}
    assert set(codes) >= {f"EL1{n:02d}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13)}
    assert all(info.category == "informality" for info in codes.values())
    assert codes["EL112"].status == "preview"  # "vous" is also plural: opt-in only


# -- textspeak -----------------------------------------------------------------------------------


def test_textspeak_in_english_offers_expansions_with_the_original_case():
    text = "Thx for waiting! Pls DM us, we're gonna fix it."
    assert fixes("EL101", text) == [("Thx", "Thanks"), ("Pls", "Please"), ("gonna", "going to")]


def test_textspeak_in_french():
    text = "Merci bcp ! Jsp encore qd on ouvre, mais stp reste connecté."
    assert fixes("EL101", text, "fr") == [
        ("bcp", "beaucoup"),
        ("Jsp", "Je ne sais pas"),
        ("qd", "quand"),
        ("stp", "s'il te plaît"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The IMO 2020 rules apply to all ships.",  # International Maritime Organization, not "imo"
        "Our DSL and fibre plans are available today.",
        "Follow @thx_sound and #pls for updates.",  # mentions and hashtags are not prose
        "Read more at https://example.com/pls/thx",
    ],
)
def test_textspeak_leaves_acronyms_handles_and_links_alone(text):
    assert flagged("EL101", text) == []


def test_svp_is_accepted_in_polite_french():
    assert flagged("EL101", "Merci de répondre avant vendredi, SVP.", "fr") == []
    assert flagged("EL101", "Répondez svp avant vendredi.", "fr") == []


def test_brand_terms_are_never_textspeak():
    profile = BrandProfile(brand_terms=("Thx",))
    assert flagged("EL101", "Thx is our new sound system.", profile=profile) == []


# -- single letters --------------------------------------------------------------------------------


def test_single_letter_textspeak_in_english():
    assert fixes("EL103", "Thank u so much, r u coming?") == [("u", "you"), ("r", "are"), ("u", "you")]
    assert flagged("EL103", "We'll keep ur order safe.") == ["ur"]


@pytest.mark.parametrize(
    "text",
    [
        "Made in the U.S. since 1990.",
        "Take a u-turn after the bridge.",
        "I think I can help.",  # "I" alone is a pronoun
        "Section r of the form, plan B, vitamin C.",
    ],
)
def test_single_letters_that_are_not_textspeak_in_english(text):
    assert flagged("EL103", text) == []


def test_single_letter_textspeak_in_french():
    assert fixes("EL103", "Notre menu c trop bon, g hâte !", "fr") == [("c", "c'est"), ("g", "j'ai")]


@pytest.mark.parametrize(
    "text",
    [
        "C'est notre nouveau menu.",
        "Riche en vitamine C et 5 g de fibres.",
        "Il ya un souci",  # a typo for "il y a", not textspeak
        "Sera t elle prête ?",  # a missing hyphen ("sera-t-elle")
    ],
)
def test_single_letters_that_are_not_textspeak_in_french(text):
    assert flagged("EL103", text, "fr") == []


# -- chat acronyms, slang, profanity -------------------------------------------------------------


def test_chat_acronyms_english_and_french():
    assert flagged("EL102", "Our intern broke the printer lol") == ["lol"]
    assert flagged("EL102", "Notre stagiaire a cassé l'imprimante mdr", "fr") == ["mdr"]
    assert flagged("EL102", "Lolita, Omega and the XD series are here.") == []


def test_slang_is_language_specific():
    assert flagged("EL104", "This drop is lowkey fire, no cap.") == ["lowkey", "no cap"]
    assert flagged("EL104", "Ce menu est ouf, vous allez kiffer.", "fr") == ["ouf", "kiffer"]
    assert flagged("EL104", "Air France (AF) flight 22 is on time.") == []


def test_profanity_plain_and_masked():
    assert flagged("EL105", "This update is f*cking great, no bullsh!t.") == ["f*cking", "bullsh!t"]
    assert flagged("EL105", "Sorry for the shitty service and the sh!t day.") == ["shitty", "sh!t"]
    assert flagged("EL105", "Put@in, encore une panne. M3rde.", "fr") == ["Put@in", "M3rde"]
    assert flagged("EL105", "Quel bordel, ferme ta gueule.", "fr") == ["ferme ta gueule"]


def test_profanity_is_an_error_and_avoids_the_scunthorpe_problem():
    assert str(REGISTRY.get("EL105").info.severity) == "error"
    clean = "Scunthorpe, Cockburn and Essex welcome our classic shiitake assessment."
    assert flagged("EL105", clean) == []
    assert flagged("EL105", "Grab a quick bite before the show.") == []  # "bite" is French-only


# -- shouting ----------------------------------------------------------------------------------------


def test_shouting_one_finding_per_run():
    text = "HUGE NEWS TODAY: our BIGGEST sale starts now!"
    assert flagged("EL106", text) == ["HUGE NEWS TODAY", "BIGGEST"]


@pytest.mark.parametrize(
    "text,lang",
    [
        ("NASA and the CEO of IBM met the SNCF and RATP teams.", "en"),
        ("I think the EU and the UK agree.", "en"),
        ("La SNCF et la RATP annoncent un accord avec l'UNESCO.", "fr"),
        ("Campagne contre TAFTA et le CETA.", "fr"),  # unknown acronyms are not dictionary words
        ("Ségolène ROYAL a signé le décret.", "fr"),  # French convention for surnames
        ("Use code SPRING at checkout, via #BIGSALE or https://ex.com/SALE", "en"),
        ("Louis XVIII and Super Bowl LVIII", "en"),
    ],
)
def test_shouting_spares_acronyms_names_codes_and_links(text, lang):
    assert flagged("EL106", text, lang) == []


def test_shouting_respects_brand_terms_and_runs_without_a_language():
    profile = BrandProfile(brand_terms=("ZENITH",))
    assert flagged("EL106", "Discover the new ZENITH collection", profile=profile) == []
    assert flagged("EL106", "FREE SHIPPING TODAY 🎉", "und") == ["FREE SHIPPING TODAY"]


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Our workflow: PLAN → BUILD → SHIP, every week.", "en"),
        ("Étapes : COLLECTE -> TRI -> RESTITUTION", "fr"),
        ("See README.md and CHANGELOG.md for details", "en"),
        ("Read the LICENSE file first", "en"),
        ("Hello [ADD URL] and <<CITY>> today", "en"),
        ("Set YOUR_FIRST_NAME before posting", "en"),
        ("AVANT : Human in the loop\nMAINTENANT : Human on the loop", "fr"),
        ("General Galaxy and ELIXIR Update.", "en"),
        ("💡 [IMAGE ASSOCIÉE : infographie.jpg]", "fr"),
    ],
)
def test_shouting_spares_files_stages_labels_and_text_other_rules_explain(text, lang):
    assert flagged("EL106", text, lang) == []


def test_shouting_file_name_in_brand_terms_and_file_words_in_a_shouted_run():
    profile = BrandProfile(brand_terms=("README.md",))
    assert flagged("EL106", "See README.md", profile=profile) == []
    assert flagged("EL106", "BIG NEWS ON THE LICENSE today") == ["BIG NEWS ON THE LICENSE"]


@pytest.mark.parametrize(
    "text,lang,expected",
    [
        ("Get it FREE today", "en", ["FREE"]),
        ("LAST CHANCE to register", "en", ["LAST CHANCE"]),
        ("This one is for YOU", "en", ["YOU"]),
        ("C'est GRATUIT pour vous", "fr", ["GRATUIT"]),
        ("Venez VITE", "fr", ["VITE"]),
        ("HUGE NEWS: doors open at 9", "en", ["HUGE NEWS"]),  # one label line is still a shouted hook
    ],
)
def test_shouting_catches_short_emphatic_words(text, lang, expected):
    assert flagged("EL106", text, lang) == expected


# -- punctuation, elongation, emoji ---------------------------------------------------------------


def test_repeated_punctuation_fixes_to_one_mark():
    text = "We're open!!! Who's coming?!?! Wait for it....."
    assert fixes("EL107", text, "und") == [("!!!", "!"), ("?!?!", "?"), (".....", "...")]


def test_repeated_punctuation_french_spacing_and_accepted_forms():
    assert fixes("EL107", "C'est ouvert ! ! !", "fr") == [("! ! !", "!")]
    assert flagged("EL107", "Vraiment ?! Oui... à bientôt !", "fr") == []
    assert flagged("EL107", "See https://ex.com/a?b=1!!c for details", "en") == []


def test_elongated_words():
    assert flagged("EL108", "We are soooo excited, yesss!") == ["soooo", "yesss"]
    assert flagged("EL108", "C'était trooop bien, merciii", "fr") == ["trooop", "merciii"]


@pytest.mark.parametrize(
    "text", ["A cool bee in the allée", "zzz... XXXL shirts, Louis VIII", "Brrr, it's cold"]
)
def test_elongation_spares_real_words(text):
    assert flagged("EL108", text, "und") == []


def test_emoji_wall_and_density():
    assert flagged("EL109", "Launch day 🚀🚀🚀🚀🚀", "und") == ["🚀🚀🚀🚀🚀"]
    assert flagged("EL109", "Launch day 🚀🚀🚀 see you there", "und") == []
    assert flagged("EL109", "C'est le grand jour 🎉 🎉 🎉 🎉", "fr") == ["🎉 🎉 🎉 🎉"]
    assert flagged("EL110", "🔥 New 🔥 drop 🔥 today 🔥 now 🔥", "und") != []
    assert flagged("EL110", "Merci 🙏", "fr") == []  # too short to judge


# -- register --------------------------------------------------------------------------------------

FORMAL = BrandProfile(register="formal")


def test_tutoiement_fires_unless_the_register_is_casual():
    text = "Merci pour ton message, on te répond vite."
    assert flagged("EL111", text, "fr", profile=FORMAL) == ["ton"]
    assert flagged("EL111", text, "fr") == ["ton"]  # default register (neutral): a French brand says "vous"
    assert flagged("EL111", "Ton colis est en route et arrive demain.", "fr") == ["Ton"]
    assert flagged("EL111", text, "fr", profile=BrandProfile(register="casual")) == []
    assert flagged("EL111", "Hey guys, the report is out.", "en") == []  # English: formal register only


@pytest.mark.parametrize(
    "text",
    [
        "Un client nous a écrit : « Tu m'as régalé ! » Merci à lui.",
        "Elle m'a dit : tu devrais essayer. Nous l'avons écoutée.",
        "Notre voyage à Ta Prohm et au musée Te Papa.",
        'Le slogan "Fais-toi plaisir" date de 1990.',
        "Angle : curiosité.\nTon conversationnel, communauté",
        "Ton et style\nTon expert et fier",
        "Angle : Ton conversationnel, curiosité\n[x] Ton expert et personnel",
    ],
)
def test_tutoiement_quiet_in_quotations_reported_speech_and_names(text):
    assert flagged("EL111", text, "fr") == []


def test_register_can_differ_per_platform():
    profile = BrandProfile(register="casual", platform_register={"linkedin": "formal"})
    text = "Rejoins-nous samedi !"
    assert flagged("EL111", text, "fr", profile=profile, platforms=("linkedin",)) == ["Rejoins-nous"]
    assert flagged("EL111", text, "fr", profile=profile, platforms=("instagram",)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Nous vous remercions pour votre message.",
        "Le ton de la marque reste chaleureux.",  # the noun "ton"
        "Je tiens à vous remercier. Rejoignez-nous ! Dites-le-nous. Allons-nous gagner ?",
        "Découvrez « Te Plantes Pas de Saison », notre jeu.",  # a title in Title Case
    ],
)
def test_formal_french_is_not_tutoiement(text):
    assert flagged("EL111", text, "fr", profile=FORMAL) == []


def test_bare_tu_imperatives_at_the_start_of_a_sentence():
    text = "Nouvelle collection. Découvre nos modèles et profite de -20 %."
    assert flagged("EL111", text, "fr", profile=FORMAL) == ["Découvre"]
    assert (
        flagged("EL111", "Passe sanitaire obligatoire. Il passe une bonne journée.", "fr", profile=FORMAL)
        == []
    )


def test_english_informal_address_under_formal_register():
    assert flagged("EL111", "Hey guys, the report is out.", "en", profile=FORMAL) == ["Hey guys"]
    assert flagged("EL111", "Hello, the report is out.", "en", profile=FORMAL) == []


def test_vouvoiement_preview_rule_when_casual():
    casual = BrandProfile(register="casual")
    assert flagged("EL112", "Découvrez votre espace.", "fr", profile=casual) == ["votre"]
    assert flagged("EL112", "Découvrez votre espace.", "fr", profile=FORMAL) == []


# -- oversharing -----------------------------------------------------------------------------------


def test_oversharing_first_person_private_life():
    assert flagged("EL113", "Slow replies today, I'm so hungover.") == ["I'm so hungover"]
    assert flagged("EL113", "Désolé, je suis complètement crevé.", "fr") == ["je suis complètement crevé"]
    assert flagged("EL113", "Bon, j'ai la gueule de bois.", "fr") == ["j'ai la gueule de bois"]


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Our hangover cure kit is back in stock.", "en"),
        ("I'm so sorry to hear that, we're on it.", "en"),
        ("Meet my ex-colleague Ana, now our CTO.", "en"),
        ("Soirée sans alcool : pas de gueule de bois demain.", "fr"),
    ],
)
def test_oversharing_spares_product_and_event_talk(text, lang):
    assert flagged("EL113", text, lang) == []


# -- end to end ----------------------------------------------------------------------------------


def test_engine_reports_informality_and_fix_rewrites_the_file(tmp_path):
    draft = tmp_path / "post.md"
    draft.write_text("---\nlang: en\n---\nThx everyone!!! Pls share.\n", encoding="utf-8")
    config = build_config({}, None, tmp_path)
    result = lint_paths([str(draft)], config=config)
    codes = sorted(v.code for v in result.violations if v.category == "informality")
    assert codes == ["EL101", "EL101", "EL107"]
    fix_file(str(draft), result.violations)
    assert draft.read_text(encoding="utf-8").endswith("Thanks everyone! Please share.\n")
    again = lint_paths([str(draft)], config=config)
    assert [v for v in again.violations if v.category == "informality"] == []


def test_professional_posts_are_clean_in_both_languages():
    config = build_config({"register": "formal"}, None, Path.cwd())
    posts = [
        ("en", "We're sorry for the delay, Sarah. Could you DM us your order number so we can help?"),
        ("en", "Our Q3 results are out: revenue grew 12% (see the CEO letter at https://ex.com/q3)."),
        (
            "fr",
            "Bonjour Claire, nous sommes désolés pour ce retard. Pouvez-vous nous écrire en message privé ?",
        ),
        ("fr", "La SNCF et la RATP renforcent leur offre cet été. C'est une bonne nouvelle pour vous !"),
    ]
    for lang, text in posts:
        found = lint_text(
            f"---\nlang: {lang}\n---\n{text}\n", config=config, select=["informality"]
        ).violations
        assert found == [], (text, [v.message for v in found])


@pytest.mark.skipif(
    not (SHARED_DATA / "cocoa-mt-en-fr-formality").is_dir(), reason="../shared/data not present"
)
def test_cocoa_informal_references_score_higher_on_a_sample():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "eval_informality", Path(__file__).resolve().parents[1] / "eval" / "eval_informality.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    pairs = module.cocoa_pairs()["test/call_center"][:60]
    scorer = module.Scorer("fr", "formal")
    passed = sum(scorer.score(i)[0] > scorer.score(f)[0] for f, i in pairs)
    assert passed / len(pairs) >= 0.9


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Use the YYYY-MM-DD format and HH:MM times", "en"),
        ("Date: yyyy-mm-dd hh:mm:ss", "en"),
        ("Indiquez la date au format JJ-MM-AAAA", "fr"),
    ],
)
def test_elongation_ignores_date_and_time_formats(text, lang):
    assert flagged("EL108", text, lang) == []
    assert flagged("EL108", text + ", soooo easy", lang) == ["soooo"]
