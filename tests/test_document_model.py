"""The document model on drafts written the way real content repos write them (EN and FR fixtures in
tests/fixtures/conventions): which text is a post, with which role and platform, and what is skipped."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from engagelint.api import lint_paths, lint_text
from engagelint.cli import cli
from engagelint.config import config_from_toml
from engagelint.offsets import LineIndex
from engagelint.sources import parse_source

FIXTURES = Path(__file__).parent / "fixtures" / "conventions"
NOW = datetime(2026, 12, 1, 12, 0)


def _config(toml: str = "", root: Path = FIXTURES):
    return config_from_toml(toml, root=root, now=NOW)


def _parse(rel: str, toml: str = ""):
    path = FIXTURES / rel
    return parse_source(str(path), path.read_text(encoding="utf-8"), _config(toml).sources)


def _summary(rel: str, toml: str = ""):
    parsed = _parse(rel, toml)
    li = parsed.line_index
    out = []
    for p in parsed.posts:
        s, _ = p.offsets.to_source(0, 1)
        out.append((p.role, li.position(s)[0], p.prose.split()[0], p.platforms))
    return out


X, LI, MASTO = ("x",), ("linkedin",), ("mastodon",)


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        # blockquote metadata, two versions, an HTML comment and notes (EN)
        ("linkedin/launch-versions.md", [("alternative", 9, "We", LI), ("alternative", 15, "Two", LI)]),
        # bold key lines with the French colon, variants, remarques (FR)
        ("fr/linkedin/lancement-variantes.md", [("alternative", 11, "Notre", LI), ("alternative", 15, "Notre", LI)]),
        # `1/` numbered thread under a title; the folder says X
        ("content/x/drafts/2026-02-10_launch.md", [("thread", 3, "1/", X), ("thread", 5, "2/", X), ("thread", 7, "3/", X)]),
        # `(1/3)` numbered thread, platform from a bold key line (FR)
        ("fr/x/fil-numerote.md", [("thread", 5, "(1/3)", X), ("thread", 7, "(2/3)", X), ("thread", 9, "(3/3)", X)]),
        # `=== TWEET N ===` label lines in a text file
        ("x/tweet-labels.txt", [("thread", 2, "Our", X), ("thread", 5, "Each", X), ("thread", 8, "Which", X)]),
        # `[TWEET N]` labels and an inline `Tweet 3:` label
        ("x/bracket-labels.txt", [("thread", 2, "Meet", X), ("thread", 5, "The", X), ("thread", 7, "order", X)]),
        # `**1/**` markers (published with the tweet)
        ("x/bold-numbers.md", [("thread", 1, "1/", X), ("thread", 3, "2/", X)]),
        # `## Tweet 2 (Hook)` headings and notes
        ("x/headings-thread.md", [("thread", 5, "Spring", X), ("thread", 9, "Refill", X)]),
        # Notion export: `# Title` then `Key: value` properties
        ("notion/notion-export.md", [("single", 7, "Time", X)]),
        # Obsidian: %% comment %%, a callout, an embed
        ("obsidian/obsidian-note.md", [("single", 4, "Our", MASTO)]),
        # hook options (alternatives), the post, a first comment (reply), an image brief
        (
            "linkedin/hooks-and-comment.md",
            [("alternative", 7, "We", LI), ("alternative", 8, "What", LI), ("single", 12, "From", LI),
             ("reply", 16, "The", LI)],
        ),
        # FR: blockquote metadata, a post, a premier commentaire, idées
        ("fr/linkedin/premier-commentaire.md", [("single", 6, "Notre", LI), ("reply", 10, "Le", LI)]),
        # twitter-together and toot-together files
        ("tweets/refill.tweet", [("single", 1, "Our", X)]),
        ("toots/recharge.toot", [("single", 1, "Notre", MASTO)]),
        # a social bot naming accounts; two empty lines split the thread; matrix is not a platform
        ("bots/2026-03-01-refill.md", [("thread", 10, "Our", ("linkedin", "bluesky")), ("thread", 13, "Order", ("linkedin", "bluesky"))]),
    ],
)  # fmt: skip
def test_posts_roles_and_platforms(rel, expected):
    assert _summary(rel) == expected


def test_titles_labels_metadata_and_notes_are_not_post_text():
    parsed = _parse("linkedin/launch-versions.md")
    text = " ".join(p.prose for p in parsed.posts)
    for not_post in ("Launch week", "Platform", "Status", "Version 1", "legal asked", "Notes", "Ask Ana"):
        assert not_post not in text
    kinds = [(r.kind, parsed.line_index.position(r.start)[0]) for r in parsed.regions]
    assert kinds == [
        ("title", 1),
        ("metadata", 3),
        ("label", 7),
        ("label", 13),
        ("comment", 17),
        ("notes", 19),
    ]
    labels = _parse("x/tweet-labels.txt")
    assert all("TWEET" not in p.prose for p in labels.posts)


def test_every_prose_character_maps_back_to_the_same_source_character():
    for path in sorted(FIXTURES.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(FIXTURES).as_posix()
        parsed = _parse(rel)
        for post in parsed.posts:
            for i, ch in enumerate(post.prose):
                if ch.isalnum():
                    assert parsed.text[post.offsets.source_index(i)] == ch, (rel, post.index, i)


def _lint_fixtures(tmp_path, toml: str = "", select=None):
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES, repo)
    cfg = config_from_toml(toml, root=repo, now=NOW)
    return repo, lint_paths([str(repo)], config=cfg, select=select)


def test_no_finding_lands_on_a_title_label_metadata_line_or_skipped_section(tmp_path):
    repo, result = _lint_fixtures(tmp_path, select=["ALL"])
    assert result.violations, "the fixtures have real problems too"
    regions = {}
    for v in result.violations:
        if v.category == "syntax":
            continue
        text = Path(v.path).read_text(encoding="utf-8")
        if v.path not in regions:
            regions[v.path] = parse_source(v.path, text, config_from_toml("", root=repo).sources).regions
        li = LineIndex(text)
        start = li.line_start(v.line) + v.column - 1
        for r in regions[v.path]:
            assert not (r.start <= start < r.end), (v.code, v.path, v.line, r.kind, v.message)
    shouting = [v for v in result.violations if v.code == "EL106"]
    assert not any("NOTE" in v.text or "NE PAS" in v.text or "FAIRE" in v.text for v in shouting)


def test_over_length_tweets_of_numbered_and_labelled_threads_are_reported_each_with_its_count(tmp_path):
    repo, result = _lint_fixtures(tmp_path, select=["EL301"])
    found = sorted(
        (Path(v.path).relative_to(repo).as_posix(), v.line, v.message.split(";")[0])
        for v in result.violations
    )
    assert found == [
        ("content/x/drafts/2026-02-10_launch.md", 5, "too long for X: 368/280 (X counting: links 23, emoji and CJK 2)"),
        ("content/x/final/2026-02-10_launch.txt", 3, "too long for X: 368/280 (X counting: links 23, emoji and CJK 2)"),
        ("fr/x/fil-numerote.md", 7, "too long for X: 319/280 (X counting: links 23, emoji and CJK 2)"),
        ("x/tweet-labels.txt", 5, "too long for X: 320/280 (X counting: links 23, emoji and CJK 2)"),
    ]  # fmt: skip


def test_stage_copies_and_alternatives_are_not_duplicates_but_other_files_are(tmp_path):
    repo, result = _lint_fixtures(tmp_path, select=["EL701", "EL702"])
    assert result.violations == []  # drafts/ vs final/, Variante A vs B, retry copies
    other = repo / "content" / "x" / "drafts" / "2026-03-01_other-news.md"
    other.write_text(
        (repo / "x" / "tweet-labels.txt").read_text(encoding="utf-8").replace("=== TWEET", "=== Tweet")
    )
    result = lint_paths([str(repo)], config=config_from_toml("", root=repo, now=NOW), select=["EL701"])
    assert [(Path(v.path).name, "other-news" in v.message) for v in result.violations] == [
        ("tweet-labels.txt", True)
    ] * 3  # one per tweet of the thread
    retry = repo / "content" / "x" / "drafts" / "retry-12_2026-03-01_other-news-fixed.md"
    retry.write_text(other.read_text(encoding="utf-8"))
    result = lint_paths([str(repo)], config=config_from_toml("", root=repo, now=NOW), select=["EL701"])
    assert [Path(v.path).name for v in result.violations] == ["tweet-labels.txt"] * 3  # not the retry copy


def test_dates_that_are_not_schedules():
    published = _parse("fr/linkedin/lancement-variantes.md").posts[0]
    assert published.status == "published" and published.schedule is None
    assert published.dated == datetime(2025, 12, 16) and published.origins["date"] == "bold metadata lines"
    draft = parse_source(
        "a.md", "---\ndate: 2020-01-01\nstatus: draft\nplatform: x\n---\nA draft written long ago.\n"
    )
    assert draft.posts[0].schedule is None
    due = parse_source(
        "a.md", "---\ndate: 2026-12-05\nstatus: scheduled\nplatform: x\n---\nSoon out.\n"
    ).posts[0]
    assert due.schedule == datetime(2026, 12, 5) and not due.schedule_has_time
    worded = parse_source(
        "a.md", "# T\n\n**Publication suggérée** : Lundi 5 janvier 2026, 10h00\n**Statut** : prêt\n\nTexte.\n"
    )
    assert worded.posts[0].schedule == datetime(2027 - 1, 1, 5, 10, 0)


@pytest.mark.parametrize(
    ("front", "codes"),
    [
        ("status: published\nschedule: 2026-11-01T10:00", []),  # went out: not "scheduled in the past"
        ("status: draft\nschedule: 2026-11-01T10:00", ["EL404"]),
        ("schedule: 2026-12-01", []),  # a bare date names the whole day: not past at noon that day
        ("schedule: 2026-12-03", []),  # and not "00:00, outside posting hours"
        ("schedule: 2026-12-03T03:00", ["EL405"]),
    ],
)
def test_schedule_rules_read_status_and_bare_dates(front, codes):
    cfg = config_from_toml("posting_hours = [9, 18]", now=NOW)
    text = f"---\nplatform: linkedin\n{front}\n---\nOur refill kit ships to every shop in the country this week.\n"
    result = lint_text(text, config=cfg, select=["EL404", "EL405"])
    assert [v.code for v in result.violations] == codes


def test_per_file_defaults_and_front_matter_wins(tmp_path):
    toml = '[[per_file]]\nfiles = ["obsidian/**", "notion/**"]\nplatform = "bluesky"\nlang = "fr"\nstatus = "ready"\n'
    obsidian = _parse("obsidian/obsidian-note.md", toml).posts[0]
    assert obsidian.platforms == ("mastodon",) and obsidian.origins["platforms"] == "front matter"
    assert obsidian.lang == "fr" and obsidian.origins["lang"].startswith("config ([[per_file]]")
    notion = _parse("notion/notion-export.md", toml).posts[0]
    assert notion.platforms == ("x",) and notion.status == "ready"
    off = _parse("x/headings-thread.md", "[metadata]\nplatform_from_path = false\n").posts[0]
    assert off.platforms == ()


def test_accounts_map_and_sections_config():
    text = "---\nmedia: [ourorg-li, mastodon-ourorg]\n---\nHello there, friends.\n"
    cfg = config_from_toml('[metadata]\naccounts = { "ourorg-li" = "linkedin" }\n')
    assert parse_source("a.md", text, cfg.sources).posts[0].platforms == ("linkedin", "mastodon")
    draft = "# T\n\n**Platform:** X\n\nOur post.\n\n## Backstage\n\nWHO WRITES THIS?\n\n>>> CUT <<<\n"
    cfg = config_from_toml('[sections]\nnotes = ["backstage"]\nlabels = ["^>>> CUT <<<$"]\n')
    parsed = parse_source("a.md", draft, cfg.sources)
    assert [p.prose for p in parsed.posts] == ["Our post."]
    assert parse_source("a.md", draft).posts[-1].prose != "Our post."  # without the setting: post text


def test_files_about_posts_hold_no_post():
    for name in ("README.md", "INDEX_POSTS.md", "03_Idees_Articles.md", "content-calendar.md"):
        assert parse_source(name, "# Posts\n\nSome LOUD text!!!\n").posts == []
    assert len(parse_source("index.md", "Hugo page bundle post.\n").posts) == 1
    # a word of a draft's name is not enough for README-like names
    assert len(parse_source("update-authors-app.tweet", "New: the authors app.\n").posts) == 1


def test_csv_presets(tmp_path):
    buffer = _parse("exports/buffer.csv").posts[0]
    assert buffer.schedule == datetime(2026, 12, 24, 10, 0)
    zoho = _parse("exports/zoho.csv").posts[0]
    assert zoho.platforms == ("facebook", "linkedin") and zoho.schedule == datetime(2026, 12, 10, 9, 30)
    hoot = _parse("exports/hootsuite.csv").posts[0]
    assert hoot.prose.startswith("Refills land") and hoot.schedule == datetime(2026, 12, 10, 9, 30)
    # Buffer's Posting Time is the schedule: a freeze window now applies
    cfg = config_from_toml(
        '[[freeze]]\nfrom = "2026-12-24"\nto = "2026-12-26"\nreason = "shutdown"\n', now=NOW
    )
    text = (FIXTURES / "exports/buffer.csv").read_text(encoding="utf-8")
    assert [v.code for v in lint_text(text, path="b.csv", config=cfg, select=["EL403"]).violations] == [
        "EL403"
    ]
    forced = config_from_toml('[csv]\npreset = "later"\n')
    later = parse_source(
        "l.csv", "Caption,Media URL,Date,Time\nHello there from Later,,2026-12-10,08:00\n", forced.sources
    )
    assert later.posts[0].schedule == datetime(2026, 12, 10, 8, 0)


def test_markdown_is_counted_and_reported_as_published():
    body = "Our " + "refill " * 38 + "big kit."  # 278 characters of prose, 282 with ** and **
    plain = f"---\nplatform: x\n---\n{body}\n"
    bold = f"---\nplatform: x\n---\n**{body[:-4]}** kit.\n"
    assert len(body) == 278
    assert [v.code for v in lint_text(plain, select=["EL301"]).violations] == []
    assert [v.code for v in lint_text(bold, select=["EL301"]).violations] == ["EL301"]
    md = (
        "---\nplatform: linkedin\n---\nIntro.\n\n## What is new\n\n"
        "Our **new kit** is out: [see it](https://example.com/kit). **Free** delivery.\n"
    )
    found = lint_text(md, select=["EL304"]).violations
    assert [(v.line, v.text, [e.content for e in v.fix.edits]) for v in found] == [
        (6, "## ", [""]),
        (8, "**new kit**", ["new kit", "Free"]),
        (8, "[see it](https://example.com/kit)", ["see it https://example.com/kit"]),
    ]
    assert "(2 in this post)" in found[1].message
    from engagelint.fixes import apply_edits, plan_edits

    fixed = apply_edits(md, plan_edits(found))
    assert fixed.endswith(
        "What is new\n\nOur new kit is out: see it https://example.com/kit. Free delivery.\n"
    )
    fr = "---\nplatform: x\n---\nNotre **nouveau kit** est arrivé dans toutes nos boutiques.\n"
    assert [v.text for v in lint_text(fr, select=["EL304"]).violations] == ["**nouveau kit**"]
    assert lint_text(md.replace("linkedin", "[]"), select=["EL304"]).violations == []  # platform unknown


def test_inspect_text_and_json(monkeypatch):
    monkeypatch.chdir(FIXTURES)
    res = CliRunner().invoke(cli, ["inspect", "linkedin/launch-versions.md", "x/tweet-labels.txt"])
    assert res.exit_code == 0, res.output
    assert "post 2  line 15  alternative  [Version 2]" in res.stdout
    assert "platform: linkedin  (from blockquote metadata lines)" in res.stdout
    assert "skipped lines 19-21: notes (notes section)" in res.stdout
    res = CliRunner().invoke(cli, ["inspect", "--format", "json", "tweets/refill.tweet", "content/x/drafts"])
    doc = json.loads(res.stdout)
    first, thread = doc["files"]
    assert (
        first["posts"][0]["platforms"] == ["x"]
        and first["posts"][0]["platforms_from"] == "file extension (.tweet)"
    )
    assert [(p["role"], p["part"], p["of"], p["lines"]) for p in thread["posts"]] == [
        ("thread", 1, 3, [3, 3]), ("thread", 2, 3, [5, 5]), ("thread", 3, 3, [7, 7])
    ]  # fmt: skip
    assert thread["posts"][0]["status_from"] == "folder name (drafts/)"
    assert thread["skipped"] == [
        {"lines": [1, 1], "kind": "title", "reason": "title of the file (for people, not published)"}
    ]
    assert CliRunner().invoke(cli, ["inspect", "missing.md"]).exit_code == 2


def test_init_proposes_platforms_and_folder_defaults(tmp_path, monkeypatch):
    (tmp_path / "content" / "x" / "drafts").mkdir(parents=True)
    (tmp_path / "content" / "x" / "drafts" / "a.md").write_text("A draft for X.\n")
    (tmp_path / "linkedin").mkdir()
    (tmp_path / "linkedin" / "b.md").write_text("A draft for LinkedIn.\n")
    (tmp_path / "c.md").write_text("---\nplatform: mastodon\n---\nA toot.\n")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(cli, ["init"])
    assert res.exit_code == 0, res.output
    written = (tmp_path / "engagelint.toml").read_text()
    line = next(line for line in written.splitlines() if line.startswith("platforms = "))
    assert sorted(json.loads(line.split("=", 1)[1])) == ["linkedin", "mastodon", "x"]
    assert '[[per_file]]\nfiles = ["content/x/**"]\nplatform = "x"' in written
    assert '[[per_file]]\nfiles = ["linkedin/**"]\nplatform = "linkedin"' in written
    cfg = config_from_toml(written.replace("[[goals]]", "[[goals]]"), root=tmp_path)
    assert cfg.sources.defaults  # the proposal is valid configuration


def test_published_drafts_are_offered_as_archive(tmp_path, monkeypatch):
    (tmp_path / "engagelint.toml").write_text('[archive]\nsource = "archive.jsonl"\n')
    (tmp_path / "archive.jsonl").write_text("")
    pub = tmp_path / "linkedin" / "published"
    pub.mkdir(parents=True)
    old = "Our spring workshop on bike repair opens on Saturday in Lille, book your seat now."
    (pub / "spring.md").write_text(f"{old}\n")
    (tmp_path / "linkedin" / "draft.md").write_text("---\nstatus: draft\n---\nA new draft, not out yet.\n")
    (tmp_path / "linkedin" / "done.md").write_text(
        f"# Done\n\n**Statut** : ✅ Publié\n\n{old.replace('Lille', 'Lyon')}\n"
    )
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(cli, ["inspect", "linkedin/published/spring.md"])
    assert "status:   published  (from folder name (published/)); keep it as archive" in res.stdout
    res = CliRunner().invoke(cli, ["archive", "add", "--published", "linkedin"])
    assert res.exit_code == 0, res.output
    assert "added 2 post(s)" in res.stdout  # spring.md and done.md, not the draft
    (tmp_path / "new.md").write_text(f"---\nplatform: linkedin\n---\n{old}\n")
    found = lint_paths(
        ["new.md"],
        config=config_from_toml('[archive]\nsource = "archive.jsonl"\n', root=tmp_path, now=NOW),
        select=["EL703"],
    )
    assert [Path(v.path).name for v in found.violations] == ["new.md"]


def test_same_file_name_in_two_event_folders_is_still_a_duplicate(tmp_path):
    text = "Join us on Tuesday at 6:30pm for our monthly meetup, with pizza and two talks about testing."
    for event in ("2020-08-11-meeting", "2020-09-15-meeting"):
        (tmp_path / "tweets" / event).mkdir(parents=True)
        (tmp_path / "tweets" / event / "reminder.tweet").write_text(text + "\n")
    (tmp_path / "tweets" / "2020-09-15-meeting" / "reminder-retry.tweet").write_text(text + "\n")
    result = lint_paths(
        [str(tmp_path)], config=config_from_toml("", root=tmp_path, now=NOW), select=["EL701"]
    )
    found = sorted(Path(v.path).relative_to(tmp_path).as_posix() for v in result.violations)
    # the second meeting's reminder (and its retry copy) repeat the first meeting's
    assert found == [
        "tweets/2020-09-15-meeting/reminder-retry.tweet",
        "tweets/2020-09-15-meeting/reminder.tweet",
    ]
    messages = " ".join(v.message for v in result.violations)
    assert "2020-08-11-meeting/reminder.tweet" in messages and "reminder-retry.tweet" not in messages


@pytest.mark.parametrize(
    ("platform", "text", "parts"),
    [
        (
            "x",
            "Three myths about plastic 🧵\n\nMyth 1: all of it is recycled.\nNot true.\n\nMyth 2: rinsing wastes water.",
            3,
        ),
        (
            "mastodon",
            "Trois idées reçues sur le plastique 🧵\n\nPremière : tout est recyclé.\n\nDeuxième : rincer gaspille l'eau.",
            3,
        ),
        ("linkedin", "Un fil 🧵\n\nPremier point.", 1),  # no threads on LinkedIn: one post
        ("x", "No thread here.\n\nJust two paragraphs 🧵", 1),  # the thread emoji opens a thread
    ],
)
def test_thread_emoji_opens_a_thread_of_paragraphs(platform, text, parts):
    posts = parse_source("a.md", f"---\nplatform: {platform}\n---\n{text}\n").posts
    assert len(posts) == parts and all(p.thread_size == parts for p in posts)


def test_folders_above_the_project_say_nothing(tmp_path):
    outside = tmp_path / "x" / "drafts" / "a.md"
    outside.parent.mkdir(parents=True)
    outside.write_text("Hello there.\n")
    project = tmp_path / "project"
    project.mkdir()
    cfg = config_from_toml("", root=project)
    assert parse_source(str(outside), "Hello there.\n", cfg.sources).posts[0].platforms == ()
    inside = config_from_toml("", root=tmp_path)
    assert parse_source(str(outside), "Hello there.\n", inside.sources).posts[0].platforms == ("x",)


def test_numbered_markers_split_threads_only_where_threads_exist():
    body = "1/ First point of the list.\n\n2/ Second point of the list.\n"
    assert len(parse_source("a.md", f"---\nplatform: x\n---\n{body}").posts) == 2
    assert len(parse_source("a.md", f"---\nplatform: linkedin\n---\n{body}").posts) == 1
    assert len(parse_source("a.md", body).posts) == 2  # no platform named: read as a thread


def test_a_finding_after_an_empty_list_item_ends_after_it_starts(tmp_path):
    # Found by the fuzzer: "-" then a line made the post's prose run out of source order, and EL211
    # was reported from 2:1 to 1:2.
    import json
    import subprocess
    import sys

    (tmp_path / "post.md").write_text("-\nhello\n")
    out = subprocess.run([sys.executable, "-m", "engagelint", "--isolated", "--no-cache", "--format", "json",
                          "post.md"], cwd=tmp_path, capture_output=True, text=True)  # fmt: skip
    found = json.loads(out.stdout)["violations"]
    assert [v["code"] for v in found] == ["EL211"]
    v = found[0]
    assert (v["line"], v["column"]) <= (v["end_line"], v["end_column"])
    assert (v["end_line"], v["end_column"]) == (2, 6)
