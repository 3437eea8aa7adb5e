"""Duplication rules (EL701-EL703), normal forms, and the archive index (build, add, stale, damaged)."""

from __future__ import annotations

import json
import multiprocessing
import struct
from pathlib import Path

import pytest
from click.testing import CliRunner

from engagelint.api import lint_paths
from engagelint.cli.archive import command as archive_cli
from engagelint.duplication import index as index_mod
from engagelint.duplication.archive import add, build, open_archive
from engagelint.duplication.features import features
from engagelint.duplication.index import ArchiveIndex
from engagelint.duplication.normalize import exact_form, normalise_url
from engagelint.duplication.records import ArchiveEntry
from engagelint.duplication.settings import ArchiveConfigError, archive_settings
from engagelint.duplication.store import FileStore

HIRING = "We are hiring two bike mechanics for our new workshop in Lille, apply today"
CAFE = "Join our free repair café every first Saturday of the month at the Lille workshop"
OTHER = "Thanks to everyone who came to the open day, the photos are on our blog"


# -- normal forms ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "a, b",
    [
        ("Big news today", "BIG   news\n today "),
        ("See https://www.example.com/a/?utm_source=x&utm_medium=y&id=3", "see http://example.com/a?id=3"),
        ("Read it https://example.com/post?fbclid=abc", "Read it https://example.com/post"),
        ("Spring is here #garden #Spring @alice @bob", "Spring is here #spring #garden @bob @alice"),
        ("We love it ❤️", "We love it ❤"),  # emoji variation selector
        ("Ｆｕｌｌ width", "full width"),
    ],
)
def test_normal_form_ignores_presentation(a, b):
    assert exact_form(a) == exact_form(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("Big news today", "Big news tomorrow"),
        ("See https://example.com/a?id=3", "See https://example.com/a?id=4"),
        ("See https://example.com/a", "See https://example.com/b"),
        ("#garden tips for spring", "tips for spring #garden"),  # a tag moved inside the sentence
    ],
)
def test_normal_form_keeps_content(a, b):
    assert exact_form(a) != exact_form(b)


def test_url_normalisation():
    assert (
        normalise_url("HTTPS://WWW.Example.COM/Path/?b=2&a=1&utm_campaign=z#frag")
        == "example.com/Path?a=1&b=2"
    )


# -- in-run duplicates ----------------------------------------------------------------------------
def _draft(tmp_path: Path, name: str, text: str, platform: str = "linkedin") -> Path:
    path = tmp_path / "drafts" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\nplatform: {platform}\nlang: en\n---\n{text}\n", encoding="utf-8")
    return path


def _config(tmp_path: Path, body: str = "") -> Path:
    cfg = tmp_path / "engagelint.toml"
    cfg.write_text(body, encoding="utf-8")
    return cfg


def _lint(tmp_path: Path, select=("duplication",), body: str = ""):
    cfg = _config(tmp_path, body)
    result = lint_paths([str(tmp_path / "drafts")], config=cfg, select=list(select))
    notes = [w for w in result.warnings if "archive" in w]  # the API reports its warnings, never prints them
    return result.violations, notes


def test_exact_duplicate_across_files_names_the_other_post(tmp_path):
    _draft(tmp_path, "a.md", HIRING + " #jobs #Lille")
    _draft(tmp_path, "b.md", HIRING.upper().replace(" ", "  ") + " #lille #JOBS")
    _draft(tmp_path, "c.md", OTHER)
    violations, _ = _lint(tmp_path)
    assert [(Path(v.path).name, v.line, v.code) for v in violations] == [("b.md", 5, "EL701")]
    assert "drafts/a.md:5" in violations[0].message and "rewrite this one or drop it" in violations[0].message


def test_near_duplicate_reports_similarity(tmp_path):
    _draft(tmp_path, "a.md", CAFE)
    _draft(tmp_path, "b.md", CAFE + " #repair #cycling")
    violations, _ = _lint(tmp_path)
    assert [(Path(v.path).name, v.code) for v in violations] == [("b.md", "EL702")]
    msg = violations[0].message
    assert "drafts/a.md:5" in msg and "93% similar" in msg


def test_near_duplicate_threshold_is_configurable(tmp_path):
    _draft(tmp_path, "a.md", CAFE)
    _draft(tmp_path, "b.md", CAFE + " #repair #cycling")
    violations, _ = _lint(tmp_path, body="[rules.near-duplicate-post]\nthreshold = 0.95\n")
    assert violations == []


def test_different_posts_and_other_networks_are_not_duplicates(tmp_path):
    _draft(tmp_path, "a.md", HIRING, platform="linkedin")
    _draft(tmp_path, "b.md", HIRING, platform="x")  # cross-posting: the automation rules' business
    _draft(tmp_path, "c.md", CAFE)
    _draft(tmp_path, "d.md", OTHER)
    violations, _ = _lint(tmp_path)
    assert violations == []


def test_duplicate_inside_a_thread(tmp_path):
    _draft(tmp_path, "thread.md", f"{CAFE}\n---\n{OTHER}\n---\n{CAFE}")
    violations, _ = _lint(tmp_path)
    assert [(v.line, v.code) for v in violations] == [(9, "EL701")]
    assert "thread.md:5" in violations[0].message


# -- archive --------------------------------------------------------------------------------------
PUBLISHED = [
    {
        "id": "li-101",
        "date": "2025-01-10",
        "platform": "linkedin",
        "url": "https://ex.org/101",
        "text": HIRING,
    },
    {"id": "li-102", "date": "2026-11-01", "platform": "linkedin", "url": "https://ex.org/102", "text": CAFE},
]
ARCHIVE_CFG = '[archive]\nsource = "published.jsonl"\n'
NOW = "2026-11-20T09:00:00"


def _archive(tmp_path: Path, rows=PUBLISHED, name: str = "published.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _cli(tmp_path: Path, *args: str):
    return CliRunner().invoke(archive_cli, [*args, "--config", str(tmp_path / "engagelint.toml")])


def _settings(tmp_path: Path, body: str = ARCHIVE_CFG):
    import tomllib

    return archive_settings(tomllib.loads(body).get("archive", {}), tmp_path)


def _schedule(tmp_path: Path, name: str, text: str, when: str = NOW) -> None:
    path = tmp_path / "drafts" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\nplatform: linkedin\nlang: en\nschedule: {when}\n---\n{text}\n", encoding="utf-8")


def test_archive_build_then_lint_quotes_date_and_id(tmp_path):
    _archive(tmp_path)
    _config(tmp_path, ARCHIVE_CFG)
    result = _cli(tmp_path, "build")
    assert result.exit_code == 0, result.output
    assert "indexed 2 post(s)" in result.output
    assert (tmp_path / ".engagelint" / "archive" / "index.bin").is_file()
    _schedule(tmp_path, "a.md", CAFE + " #repair")
    _schedule(tmp_path, "b.md", OTHER)
    violations, notes = _lint(tmp_path, body=ARCHIVE_CFG)
    assert notes == []
    assert [(Path(v.path).name, v.code) for v in violations] == [("a.md", "EL703")]
    assert "li-102" in violations[0].message and "2026-11-01" in violations[0].message


def test_archive_exact_repeat_and_repost_window(tmp_path):
    _archive(tmp_path)
    _schedule(tmp_path, "a.md", HIRING)  # published 2025-01-10, ~680 days before NOW
    violations, _ = _lint(tmp_path, select=["EL703"], body=ARCHIVE_CFG)
    assert (
        len(violations) == 1
        and "already published" in violations[0].message
        and "li-101" in violations[0].message
    )
    windowed = ARCHIVE_CFG + "repost_after_days = 365\n"
    violations, _ = _lint(tmp_path, select=["EL703"], body=windowed)
    assert violations == []  # evergreen content may come back after a year
    _schedule(tmp_path, "b.md", CAFE)  # published 19 days before NOW: still inside the window
    violations, _ = _lint(tmp_path, select=["EL703"], body=windowed)
    assert [Path(v.path).name for v in violations] == ["b.md"]


def test_archive_add_appends_incrementally(tmp_path):
    _archive(tmp_path)
    _config(tmp_path, ARCHIVE_CFG)
    assert _cli(tmp_path, "build").exit_code == 0
    new = _archive(tmp_path, [{"id": "x-9", "date": "2026-11-19", "text": OTHER}], name="new.jsonl")
    result = _cli(tmp_path, "add", str(new))
    assert result.exit_code == 0 and "added 1 post(s); 3 in" in result.output
    assert _cli(tmp_path, "add", str(new)).output.startswith("archive: added 0 post(s); 3 in")
    _schedule(tmp_path, "c.md", OTHER)
    violations, notes = _lint(tmp_path, body=ARCHIVE_CFG)
    assert notes == [] and len(violations) == 1 and "x-9" in violations[0].message


def test_archive_lines_in_french(tmp_path):
    from engagelint import i18n

    _archive(tmp_path)
    _config(tmp_path, 'messages = "fr"\n' + ARCHIVE_CFG)
    try:
        result = _cli(tmp_path, "build")
        assert result.exit_code == 0 and result.output.startswith(
            "archive : 2 publication(s) indexée(s) ; 2 dans "
        )
        result = _cli(tmp_path, "add", "--published", str(tmp_path / "engagelint.toml"))
        assert result.output == "archive : aucun brouillon marqué comme publié ; rien n’a été ajouté\n"
    finally:
        i18n.set_language("en")  # the CLI sets the language of this process


def test_archive_from_a_folder_of_drafts_and_csv(tmp_path):
    pub = tmp_path / "published"
    pub.mkdir()
    (pub / "old.md").write_text(
        f"---\nplatform: linkedin\nschedule: 2026-10-01 10:00\n---\n{CAFE}\n", encoding="utf-8"
    )
    (pub / "export.csv").write_text(
        f'id,date,platform,text\nfb-7,2026-09-01,linkedin,"{HIRING}"\n', encoding="utf-8"
    )
    settings = _settings(tmp_path, '[archive]\nsource = "published"\n')
    report = build(settings)
    assert report.posts == 2
    index, _ = open_archive(settings)
    hits = index.query_many([features(CAFE), features(HIRING)], 0.8)
    assert hits[0][0].id == "old.md:5" and hits[0][0].date.startswith("2026-10-01")
    assert hits[1][0].id == "fb-7"


def _rewrite_version(path: Path, version: int) -> None:
    data = bytearray(path.read_bytes())
    struct.pack_into(">I", data, 8, version)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage, reason",
    [
        (lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]), "checksum mismatch"),
        (lambda p: p.write_bytes(b"\x00garbage" * 40), "bad magic number"),
        (lambda p: _rewrite_version(p, 99), "another engagelint version"),
    ],
    ids=["truncated", "garbage", "other-version"],
)
def test_damaged_or_foreign_index_is_rebuilt_with_a_warning(tmp_path, damage, reason):
    _archive(tmp_path)
    _config(tmp_path, ARCHIVE_CFG)
    assert _cli(tmp_path, "build").exit_code == 0
    new = _archive(tmp_path, [{"id": "x-9", "date": "2026-11-19", "text": OTHER}], name="new.jsonl")
    assert _cli(tmp_path, "add", str(new)).exit_code == 0
    damage(tmp_path / ".engagelint" / "archive" / "index.bin")
    _schedule(tmp_path, "a.md", CAFE)
    _schedule(tmp_path, "c.md", OTHER)
    violations, notes = _lint(tmp_path, body=ARCHIVE_CFG)
    assert len(notes) == 1 and reason in notes[0] and "rebuilding" in notes[0] and "(3 posts)" in notes[0]
    assert sorted(Path(v.path).name for v in violations) == [
        "a.md",
        "c.md",
    ]  # added posts survive the rebuild
    _, notes = _lint(tmp_path, body=ARCHIVE_CFG)
    assert notes == []  # the rebuilt index is used as is next time


def test_index_built_with_other_parameters_is_stale(tmp_path, monkeypatch):
    settings = _settings(tmp_path)
    _archive(tmp_path)
    build(settings)
    monkeypatch.setattr(index_mod, "NORMALISER_VERSION", 999)
    index, notes = open_archive(settings)
    assert index is not None and len(notes) == 1 and "built with other settings" in notes[0]


def test_changed_source_rebuilds(tmp_path):
    settings = _settings(tmp_path)
    _archive(tmp_path)
    build(settings)
    _archive(tmp_path, [*PUBLISHED, {"id": "x-1", "text": OTHER}])
    index, notes = open_archive(settings)
    assert len(index) == 3 and "source changed" in notes[0]


def test_damaged_index_without_source_is_skipped(tmp_path):
    settings = _settings(tmp_path)
    _archive(tmp_path)
    build(settings)
    (tmp_path / ".engagelint" / "archive" / "index.bin").write_bytes(b"ELDUPIDX" + b"\x00" * 50)
    index, notes = open_archive(_settings(tmp_path, "[archive]\n"))
    assert index is None and "archive skipped" in notes[0]


def test_atomic_write_leaves_no_temporary_files(tmp_path):
    store = FileStore(tmp_path / "idx")
    index = ArchiveIndex()
    index.extend([ArchiveEntry("a", HIRING), ArchiveEntry("b", CAFE)])
    store.write(index)
    store.write(index)
    # Only the index, and the .gitignore that keeps engagelint's state out of `git status`.
    assert sorted(p.name for p in (tmp_path / "idx").iterdir()) == [".gitignore", "index.bin"]
    assert (tmp_path / "idx" / ".gitignore").read_text().splitlines()[-1] == "*"
    again = store.read()
    assert again.ids == ["a", "b"] and again.query_many([features(CAFE)], 0.8)[0][0].id == "b"


def _add_worker(args) -> int:
    root, n = args
    settings = archive_settings({"source": "published.jsonl"}, root)
    path = Path(root) / f"batch{n}.jsonl"
    rows = [{"id": f"w{n}-{i}", "text": f"post number {i} from writer {n} about bikes"} for i in range(20)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return add(settings, [path]).added


def test_concurrent_writers_lose_nothing(tmp_path):
    _archive(tmp_path)
    build(_settings(tmp_path))
    with multiprocessing.get_context("fork").Pool(4) as pool:
        added = pool.map(_add_worker, [(str(tmp_path), n) for n in range(4)])
    assert added == [20, 20, 20, 20]
    index = FileStore(tmp_path / ".engagelint" / "archive").read()
    assert len(index) == 2 + 80


def test_archive_settings_are_validated(tmp_path):
    with pytest.raises(ArchiveConfigError, match="repost_after_days"):
        archive_settings({"repost_after_days": "soon"}, tmp_path)
    with pytest.raises(ArchiveConfigError, match="unknown key"):
        archive_settings({"sauce": "x"}, tmp_path)
    with pytest.raises(ArchiveConfigError, match="redis"):
        archive_settings({"redis": "localhost:6379"}, tmp_path)


def test_cli_build_without_source_fails_clearly(tmp_path):
    _config(tmp_path, "")
    result = _cli(tmp_path, "build")
    assert result.exit_code == 2 and "no archive source configured" in result.output
