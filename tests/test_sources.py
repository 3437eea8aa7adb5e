"""Reading drafts as people write them: front matter, header lines, threads, versions, CSV, discovery."""

from __future__ import annotations

from pathlib import Path

from engagelint.api import lint_paths
from engagelint.config import config_from_toml
from engagelint.sources import parse_source
from engagelint.sources.discover import discover


def test_front_matter_keys_and_aliases_are_normalised():
    text = "---\nplatform: Twitter, LinkedIn\npublish_at: 2025-03-01 09:30\nlanguage: French\ngoal: launch\nowner: Ana\n---\nBonjour\n"
    post = parse_source("a.md", text).posts[0]
    assert post.platforms == ("x", "linkedin")
    assert post.schedule.isoformat() == "2025-03-01T09:30:00"
    assert post.lang == "fr"
    assert post.goals == ("launch",)
    assert post.meta["owner"] == "Ana"  # unknown keys are kept


def test_platform_list_and_slash_forms():
    for value, expected in [("[x, mastodon]", ("x", "mastodon")), ("fb/ig", ("facebook", "instagram")),
                            ("X (Twitter)", None)]:  # fmt: skip
        parsed = parse_source("a.md", f"---\nplatforms: {value}\n---\nHi there\n")
        if expected:
            assert parsed.posts[0].platforms == expected
    parsed = parse_source("a.md", "---\nplatform: myspace\n---\nHi there\n")
    assert [p.code for p in parsed.problems] == ["EL002"]


def test_metadata_outside_yaml_as_header_lines():
    text = "Platform: LinkedIn\nScheduled date: 2025-04-01T10:00\n\nWe are hiring engineers.\n"
    post = parse_source("a.txt", text).posts[0]
    assert post.platforms == ("linkedin",)
    assert post.schedule is not None and post.schedule.hour == 10
    assert post.prose == "We are hiring engineers."


def test_prose_that_looks_like_a_header_is_kept():
    text = "Note: the event starts at 9.\n\nSee you there.\n"
    post = parse_source("a.txt", text).posts[0]
    assert post.prose.startswith("Note: the event")


def test_thread_convention_and_platform_versions():
    thread = parse_source("t.md", "---\nplatform: x\n---\nOne\n---\nTwo\n---\nThree\n")
    assert [(p.prose, p.thread_index, p.thread_size) for p in thread.posts] == [
        ("One", 0, 3),
        ("Two", 1, 3),
        ("Three", 2, 3),
    ]
    versions = parse_source(
        "v.md", "Platform: X\n\nShort version.\n---\nPlatform: LinkedIn\n\nA longer version for LinkedIn.\n"
    )
    assert [(p.platforms, p.thread_size) for p in versions.posts] == [(("x",), 1), (("linkedin",), 1)]


def test_csv_export_with_semicolons_and_default_columns():
    text = "Date;Network;Message\n2025-03-01 10:00;Facebook;Hello from our team\n2025-03-02 10:00;twitter;Second post\n"
    parsed = parse_source("export.csv", text)
    assert [(p.prose, p.platforms) for p in parsed.posts] == [
        ("Hello from our team", ("facebook",)),
        ("Second post", ("x",)),
    ]
    assert parsed.posts[0].schedule.day == 1


def test_csv_column_mapping_from_config_and_missing_column():
    cfg = config_from_toml('[csv]\ntext_column = "Copy"\n')
    parsed = parse_source("e.csv", "Copy,When\nHello there,2025-01-01\n", cfg.sources)
    assert parsed.posts[0].prose == "Hello there"
    missing = parse_source("e.csv", "id,when\n1,2025\n")
    assert [p.code for p in missing.problems] == ["EL003"] and "text column" in missing.problems[0].message


def test_discovery_is_sorted_recursive_and_honours_exclude_and_gitignore(tmp_path: Path):
    for name in ["b/2.md", "b/1.md", "a.txt", "c.csv", "skip/x.md", "ignored/y.md", "img.png", "d/notes.md"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Hello there friends")
    (tmp_path / ".gitignore").write_text("ignored/\n")
    (tmp_path / "d" / ".gitignore").write_text("notes.md\n")
    found = discover([str(tmp_path)], tmp_path, exclude=("skip/**",))
    rel = [Path(f).relative_to(tmp_path).as_posix() for f in found.files]
    assert rel == ["a.txt", "b/1.md", "b/2.md", "c.csv"]


def test_missing_path_is_an_error_and_other_files_are_still_linted(tmp_path: Path):
    (tmp_path / "ok.md").write_text("---\nplatform: [x\n---\nHello there\n")
    result = lint_paths(
        [str(tmp_path / "nope.md"), str(tmp_path / "ok.md")], config=config_from_toml(""), select=["syntax"]
    )
    assert result.errors == [f"{tmp_path / 'nope.md'}: no such file or directory"]
    assert [v.code for v in result.violations] == ["EL001"]


def test_unreadable_and_binary_files_get_one_clear_finding(tmp_path: Path):
    (tmp_path / "bad.md").write_bytes(b"caf\xe9 au lait\n")
    (tmp_path / "bin.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "ok.md").write_text("Hello world, this is fine.\n")
    result = lint_paths([str(tmp_path)], config=config_from_toml(""), select=["syntax"])
    by_file = {Path(v.path).name: v for v in result.violations}
    assert "not valid UTF-8" in by_file["bad.md"].message and by_file["bad.md"].code == "EL000"
    assert "binary" in by_file["bin.md"].message
    assert "ok.md" not in by_file
    assert result.files == 3


def test_utf16_with_bom_is_read(tmp_path: Path):
    (tmp_path / "u.md").write_bytes("Bonjour à tous\n".encode("utf-16"))
    result = lint_paths([str(tmp_path / "u.md")], config=config_from_toml(""), select=["syntax"])
    assert result.violations == [] and result.posts == 1


def test_explicit_folder_is_linted_even_if_an_ancestor_ignores_it(tmp_path: Path):
    (tmp_path / ".gitignore").write_text("build/\n*.log.md\n")
    (tmp_path / "build" / "drafts").mkdir(parents=True)
    (tmp_path / "build" / "drafts" / "a.md").write_text("Hello")
    (tmp_path / "build" / "drafts" / "b.md").write_text("Hello")
    (tmp_path / "build" / "drafts" / ".gitignore").write_text("b.md\n")
    assert discover([str(tmp_path)], tmp_path).files == []
    found = discover([str(tmp_path / "build")], tmp_path).files
    assert [Path(f).name for f in found] == ["a.md"]
