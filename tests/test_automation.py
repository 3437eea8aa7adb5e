"""Automation hygiene rules (EL401-EL407): placeholders, draft markers, freeze windows, schedule,
posting hours, cadence and unchanged cross-posting, in English and French.

Post-level rules are checked on real parsed drafts (front matter and all) through the public API;
corpus rules are also fed hand-built contexts to pin their bookkeeping.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from engagelint.api import lint_paths, lint_text
from engagelint.config.loader import config_from_toml
from engagelint.models import Location
from engagelint.rules.base import BrandProfile, RuleContext
from engagelint.rules.builtin.automation_cadence import Cadence
from engagelint.rules.builtin.automation_crosspost import CrossPostedUnchanged
from engagelint.rules.builtin.automation_placeholders import DraftMarker, TemplatePlaceholder
from engagelint.testing import make_context, make_post

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def draft(body: str, **front: object) -> str:
    lines = [f"{k}: {v}" for k, v in front.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n" if lines else body + "\n"


def codes(result, code: str) -> list:
    return [v for v in result.violations if v.code == code]


def flagged(rule, text: str, lang: str = "en") -> list[str]:
    return [text[f.start : f.end] for f in rule.check(make_context(text, rule, lang=lang))]


# -- EL401 / EL402: placeholders and draft markers -------------------------------------------------


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("Hi {{first_name}}, your exclusive invite is waiting!", "en", ["{{first_name}}"]),
        (
            "Thanks {{ customer.name }} for joining us at {% if city %}",
            "en",
            ["{{ customer.name }}", "{% if city %}"],
        ),
        ("Dear {first_name}, meet {Company} at booth 12", "en", ["{first_name}", "{Company}"]),
        ("Read the full story: [INSERT LINK]", "en", ["[INSERT LINK]"]),
        ("Register here: <link here> before Friday", "en", ["<link here>"]),
        ("Congrats to %NAME% on the promotion!", "en", ["%NAME%"]),
        ("Congrats to $FIRST_NAME$ and the team", "en", ["$FIRST_NAME$"]),
        ("New case study with [Company Name] is live", "en", ["[Company Name]"]),
        ("Lorem ipsum dolor sit amet, consectetur adipiscing elit.", "en", ["Lorem ipsum dolor sit amet"]),
        ("Offer link: https://example.com/?utm_source={{source}}", "en", ["{{source}}"]),
        ("Merci {{prenom}} pour votre fidélité !", "fr", ["{{prenom}}"]),
        ("Toutes les infos ici : [INSÉRER LIEN]", "fr", ["[INSÉRER LIEN]"]),
        ("Bienvenue à [votre prénom] dans l'équipe", "fr", ["[votre prénom]"]),
        ("Le replay est disponible (lien ici)", "fr", ["(lien ici)"]),
    ],
)
def test_placeholders_are_flagged_exactly(text, lang, expected):
    assert flagged(TemplatePlaceholder(), text, lang) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Our XXL hoodies are back in stock in every colour.",
        "Use {} for an empty object, and 50% off means half price; 20% of you asked.",
        "Getting my dose of vitamin {sea} at Ocean Beach",
        "Just a little piece of {Paris}dise in Kentucky.",
        "Thread [1/5] on what we learned. [VIDEO] inside.",
        "« Bonjour » et << à bientôt >> à tous nos lecteurs",
        "Full details in the report (download here is free for members).",
        'Our API returns {"status": "ok"} when the service is healthy.',
        "Email us at hello@example.com, we answer within a day.",
    ],
)
def test_placeholders_stay_quiet_on_normal_posts(text):
    assert flagged(TemplatePlaceholder(), text) == []


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("Join us March 12. Speakers TBD. TODO: add the registration link", "en", ["TBD", "TODO"]),
        ("FIXME add the price", "en", ["FIXME"]),
        ("Tickets at XXX dollars, doors open at 7", "en", ["XXX"]),
        ("Rendez-vous le XX/XX à Lyon, entrée XX €", "fr", ["XX/XX", "XX"]),
        ("Programme À COMPLÉTER", "fr", ["À COMPLÉTER"]),
        ("Date A CONFIRMER, lieu À DÉFINIR", "fr", ["A CONFIRMER", "À DÉFINIR"]),
    ],
)
def test_draft_markers_are_flagged(text, lang, expected):
    assert flagged(DraftMarker(), text, lang) == expected


@pytest.mark.parametrize(
    "text",
    [
        "My todo list for the week: ship the app, call mum.",
        "Super Bowl XXX was the best game ever",
        "TBC Racing won again in Ohio",
        "Follow #TODO for productivity tips",
        "Our XXL range and the X-Trail are here",
        "Il reste tout à compléter, on s'y met demain.",
        "Love you xxxx",
    ],
)
def test_draft_markers_stay_quiet_on_normal_posts(text):
    assert flagged(DraftMarker(), text) == []


def test_placeholder_is_reported_at_its_position_in_the_file():
    text = draft("Hello!\n\nRead more: [INSERT LINK]", platform="linkedin")
    [v] = codes(lint_text(text, select=["EL401"]), "EL401")
    assert (v.line, v.column, v.end_column) == (6, 12, 25)
    assert v.severity.name == "ERROR" and "[INSERT LINK]" in v.message


def test_placeholder_allow_option_and_brand_terms():
    config = config_from_toml('brand_terms = ["{core}"]\n[rules.EL401]\nallow = ["[Company Name]"]\n')
    text = "Meet {core}, our new engine, with [Company Name] and {first_name}."
    found = [v.text for v in codes(lint_text(text, path="d.txt", config=config), "EL401")]
    assert found == ["{first_name}"]


# -- EL403 / EL404 / EL405: schedule -----------------------------------------------------------------

FREEZE = """
timezone = "Europe/Paris"
[[freeze]]
from = 2030-03-01T00:00:00
to = 2030-03-01T12:00:00
reason = "fire at the Lyon plant: no promotion"
"""


def test_freeze_window_quotes_its_reason():
    config = config_from_toml(FREEZE)
    text = draft("Flash sale: 30% off everything this weekend!", schedule="2030-03-01T09:00", platform="x")
    [v] = codes(lint_text(text, config=config), "EL403")
    assert "fire at the Lyon plant: no promotion" in v.message
    assert "2030-03-01 09:00" in v.message
    assert (v.line, v.column) == (5, 1) and v.severity.name == "ERROR"


def test_freeze_window_compares_in_the_brand_time_zone():
    config = config_from_toml(FREEZE)
    body = "Flash sale: 30% off everything this weekend!"
    # 23:30 UTC on Feb 28 is 00:30 in Paris on March 1: inside the window.
    assert codes(lint_text(draft(body, schedule="2030-02-28T23:30:00Z"), config=config), "EL403")
    # The same wall-clock time without an offset is read as Paris time: before the window.
    assert not codes(lint_text(draft(body, schedule="2030-02-28T23:30"), config=config), "EL403")
    # Noon Paris is the end of the window (inclusive); 12:01 is after it.
    assert codes(lint_text(draft(body, schedule="2030-03-01T12:00"), config=config), "EL403")
    assert not codes(lint_text(draft(body, schedule="2030-03-01T12:01"), config=config), "EL403")


def test_freeze_window_given_as_dates_covers_whole_days_in_french():
    config = config_from_toml(
        '[[freeze]]\nfrom = "2030-01-10"\nto = "2030-01-11"\nreason = "deuil national"\n'
    )
    body = "Nos soldes d'hiver commencent, profitez-en !"
    [v] = codes(lint_text(draft(body, date="2030-01-11 22:00", lang="fr"), config=config), "EL403")
    assert "deuil national" in v.message
    assert not codes(lint_text(draft(body, date="2030-01-12 08:00", lang="fr"), config=config), "EL403")


def test_scheduled_in_past_uses_the_configured_clock():
    config = config_from_toml('timezone = "Europe/Paris"', now=datetime(2030, 6, 1, 12, 0))
    body = "Our summer menu starts today."
    [v] = codes(lint_text(draft(body, schedule="2030-06-01T11:00"), config=config), "EL404")
    assert v.severity.name == "WARNING" and "already past" in v.message
    assert not codes(lint_text(draft(body, schedule="2030-06-01T13:00"), config=config), "EL404")


def test_posting_hours_in_the_brand_time_zone():
    config = config_from_toml('timezone = "Europe/Paris"\nposting_hours = [9, 18]\n')
    body = "Five ways to cut your energy bill this winter."
    # 07:30 UTC in November is 08:30 in Paris: too early.
    [v] = codes(lint_text(draft(body, schedule="2030-11-05T07:30:00Z"), config=config), "EL405")
    assert "08:30 Europe/Paris" in v.message and "09:00\u201318:00" in v.message
    assert not codes(lint_text(draft(body, schedule="2030-11-05T08:30:00Z"), config=config), "EL405")
    assert not codes(lint_text(draft(body, schedule="2030-11-05T17:59"), config=config), "EL405")


def test_overnight_posting_hours_and_posting_days():
    config = config_from_toml(
        'posting_hours = [20, 2]\n[rules.outside-posting-hours]\ndays = ["mon", "tue", "wed", "thu", "fri"]\n'
    )
    body = "Late-night radio: tonight's playlist is up."
    assert not codes(lint_text(draft(body, schedule="2030-11-05T23:00"), config=config), "EL405")
    assert not codes(lint_text(draft(body, schedule="2030-11-06T01:00"), config=config), "EL405")
    assert codes(lint_text(draft(body, schedule="2030-11-05T15:00"), config=config), "EL405")
    [v] = codes(lint_text(draft(body, schedule="2030-11-09T21:00"), config=config), "EL405")
    assert "Saturday" in v.message


def test_schedule_rules_are_quiet_without_a_schedule():
    config = config_from_toml("posting_hours = [9, 18]\n" + FREEZE, now=datetime(2031, 1, 1))
    result = lint_text(draft("Flash sale: 30% off everything!", platform="x"), config=config)
    assert not [v for v in result.violations if v.code in ("EL403", "EL404", "EL405", "EL406")]


def test_thread_reports_schedule_once():
    config = config_from_toml(FREEZE)
    text = draft("First part of our story.\n\n---\n\nSecond part of our story.", schedule="2030-03-01T09:00")
    result = lint_text(text, config=config)
    assert result.posts == 2
    assert len(codes(result, "EL403")) == 1


# -- EL406: cadence across files ---------------------------------------------------------------------


def test_cadence_reports_the_posts_over_the_daily_limit(tmp_path):
    (tmp_path / "engagelint.toml").write_text('timezone = "Europe/Paris"\n', encoding="utf-8")
    times = ["2030-05-12T08:00", "2030-05-12T12:00", "2030-05-12T17:00", "2030-05-12T22:30:00Z"]
    for i, when in enumerate(times):
        (tmp_path / f"post{i}.md").write_text(
            draft(f"Lesson {i} from our pilot in Nantes.", platform="linkedin", schedule=when)
        )
    # the same day on X is a different budget
    (tmp_path / "x.md").write_text(
        draft("A short note on our pilot.", platform="x", schedule="2030-05-12T09:00")
    )
    result = lint_paths([tmp_path])
    found = sorted((Path(v.path).name, v.line, v.message) for v in codes(result, "EL406"))
    # 22:30 UTC is 00:30 the next day in Paris: only three posts on May 12, one over the limit of 2.
    assert [(name, line) for name, line, _ in found] == [("post2.md", 5)]
    assert "3rd of 3 posts scheduled on linkedin for 2030-05-12" in found[0][2]


def test_cadence_limit_is_configurable_per_platform(tmp_path):
    (tmp_path / "engagelint.toml").write_text("[rules.cadence]\nmax_per_day = {x = 1}\n", encoding="utf-8")
    for i in range(2):
        (tmp_path / f"t{i}.md").write_text(
            draft(
                f"Update {i} on the strike: trains run at 8 and 9.",
                platform="x",
                schedule=f"2030-05-12T0{8 + i}:00",
            )
        )
    assert len(codes(lint_paths([tmp_path]), "EL406")) == 1


def _ctx(text: str, rule, *, path: str, platforms=(), schedule=None, line=1, lang="en", profile=None):
    post = make_post(text, platforms=platforms, lang=lang, path=path)
    post.schedule = schedule
    post.line = line

    def locate(start: int, end: int) -> Location:
        return Location(path, line, start + 1, line, end + 1)

    return RuleContext(post, rule.info.defaults(), profile or BrandProfile(), lang, locator=locate)


def test_cadence_counts_every_context_and_forgets_between_runs():
    rule = Cadence()
    for i in range(4):
        rule.observe(
            _ctx(
                "Nouvelle offre",
                rule,
                path=f"p{i}.md",
                platforms=("instagram",),
                schedule=datetime(2030, 1, 2, 9 + i),
            )
        )
    rule.observe(_ctx("Sans date", rule, path="nodate.md", platforms=("instagram",)))
    rule.observe(_ctx("Sans réseau", rule, path="noplat.md", schedule=datetime(2030, 1, 2, 9)))
    findings = list(rule.finish())
    assert [f.location.path for f in findings] == ["p3.md"]
    assert list(rule.finish()) == []  # state was reset


# -- EL407: same text, several networks --------------------------------------------------------------


def test_one_post_blasted_to_several_kinds_of_network():
    text = draft(
        "We just opened our second workshop in Lille. Come and see how we repair bikes!",
        platform="[x, linkedin, instagram]",
    )
    [v] = codes(lint_text(text), "EL407")
    assert "3 networks" in v.message and v.severity.name == "INFO"
    # one family (microblogs) may share a text
    text = draft(
        "We just opened our second workshop in Lille. Come and see how we repair bikes!",
        platform="[x, mastodon, bluesky]",
    )
    assert not codes(lint_text(text), "EL407")


def test_same_text_across_files_for_different_platforms(tmp_path):
    body = "Nous ouvrons notre deuxième atelier à Lille. Venez voir comment nous réparons les vélos !"
    (tmp_path / "a_x.md").write_text(draft(body, platform="x", lang="fr"), encoding="utf-8")
    (tmp_path / "b_linkedin.md").write_text(
        draft(body.upper().replace(" ", "  "), platform="linkedin", lang="fr"), encoding="utf-8"
    )
    (tmp_path / "c_mastodon.md").write_text(draft(body, platform="mastodon", lang="fr"), encoding="utf-8")
    (tmp_path / "d_none.md").write_text(draft(body, lang="fr"), encoding="utf-8")
    found = codes(lint_paths([tmp_path]), "EL407")
    assert [Path(v.path).name for v in found] == ["b_linkedin.md"]
    assert "a_x.md:5" in found[0].message


def test_crosspost_ignores_short_texts_and_posts_without_platforms():
    rule = CrossPostedUnchanged()
    rule.observe(_ctx("Happy holidays!", rule, path="a.md", platforms=("x", "linkedin")))
    long = "Three lessons from a year of repairing bikes in Lille with our volunteers."
    rule.observe(_ctx(long, rule, path="b.md"))
    rule.observe(_ctx(long, rule, path="c.md"))
    assert list(rule.finish()) == []


# -- precision on real posts -------------------------------------------------------------------------


@pytest.mark.slow
def test_placeholder_rules_are_rare_on_real_posts():
    folder = SHARED_DATA / "perf-corpus"
    if not folder.is_dir():
        pytest.skip(f"real posts not found at {folder}")
    texts = set()
    for path in sorted(folder.glob("tweeteval/*/*_text.txt")) + sorted(
        folder.glob("xlm-t-french/*_text.txt")
    ):
        texts.update(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    rules = (TemplatePlaceholder(), DraftMarker())
    fired = sum(1 for t in texts if any(any(r.check(make_context(t, r))) for r in rules))
    # Real published posts contain almost no placeholders: at most 1 in 10,000 may fire.
    assert len(texts) > 50_000
    assert fired / len(texts) <= 1e-4, f"{fired} of {len(texts)} real posts fired"


def test_crosspost_reports_a_thread_once():
    parts = "\n\n---\n\n".join(
        f"Part {i}: what we learned repairing bikes in Lille with our volunteers this year." for i in range(3)
    )
    result = lint_text(draft(parts, platform="[x, linkedin]"))
    assert result.posts == 3
    assert len(codes(result, "EL407")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Our new TODO app syncs your lists",
        "The TODO list feature ships today",
        "Découvrez notre nouvelle TODO liste partagée",
    ],
)
def test_todo_as_a_feature_name_is_not_a_draft_marker(text):
    assert flagged(DraftMarker(), text, "fr" if "Découvrez" in text else "en") == []


def test_todo_markers_still_fire():
    assert flagged(DraftMarker(), "Speakers TBD. TODO add the link") == ["TBD", "TODO"]
    assert flagged(DraftMarker(), "TODO: ajouter le lien", "fr") == ["TODO"]


@pytest.mark.parametrize(
    "text,lang,expected",
    [
        ("Hi *|FNAME|*, welcome", "en", ["*|FNAME|*"]),
        ("Hi |FNAME|, welcome", "en", ["|FNAME|"]),  # Markdown ate the asterisks
        ("Hello {{ contact.firstname }}!", "en", ["{{ contact.firstname }}"]),  # HubSpot, Brevo
        ('Hi {{first_name | fallback: "there"}}', "en", ['{{first_name | fallback: "there"}}']),  # Intercom
        ("Dear %%FirstName%%,", "en", ["%%FirstName%%"]),
        ("Join us in EVENT_CITY with CLIENT_NAME", "en", ["EVENT_CITY", "CLIENT_NAME"]),
        ("[Image: team photo] Great day", "en", ["[Image: team photo]"]),
        ("[Visuel : affiche du salon] Super journée", "fr", ["[Visuel : affiche du salon]"]),
        ("Register via [signup link] or [link to signup]", "en", ["[signup link]", "[link to signup]"]),
        ("Inscriptions : [lien d'inscription]", "fr", ["[lien d'inscription]"]),
        ("Inscriptions : lien ici", "fr", ["lien ici"]),
    ],
)
def test_production_leftovers(text, lang, expected):
    assert flagged(TemplatePlaceholder(), text, lang) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Set NODE_OPTIONS and PATH_MAX before you build.",
        "Photo : AFP. (photo: John Smith)",
        "Inscriptions : lien ici https://example.com/salon",
    ],
)
def test_production_leftovers_spare_code_credits_and_real_links(text):
    assert flagged(TemplatePlaceholder(), text) == []


def test_internal_notes_left_in_a_post():
    assert flagged(DraftMarker(), "Launch Monday (waiting for legal)") == ["(waiting for legal)"]
    assert flagged(DraftMarker(), "Offre [ne pas publier]", "fr") == ["[ne pas publier]"]
    assert flagged(DraftMarker(), "Sortie lundi (à valider par Julie)", "fr") == ["(à valider par Julie)"]
    assert (
        flagged(DraftMarker(), "Concert (to be announced), (approved by the city), (internal tools team)")
        == []
    )
