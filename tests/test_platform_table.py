"""One home for platforms: data/platforms.toml is the only table of platform facts.

The first test copies the package, adds a platform to that table only, and checks that every layer
knows it: front matter, folders, config, the length and hashtag rules, cadence, cross-post families
and ``engagelint init``. The others pin the shipped data (TikTok) and the ``limits`` option errors.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import engagelint
from engagelint.api import make_linter
from engagelint.config import ConfigError, config_from_toml
from engagelint.platforms import builtin_platforms
from engagelint.sources.metadata import PLATFORM_ALIASES
from engagelint.sources.paths import FOLDER_PLATFORMS

SRC = Path(engagelint.__file__).resolve().parent

PIXELFED = """
[pixelfed]
name = "Pixelfed"
max_length = 60
counting = "chars"
max_hashtags = 4
checked = "2026-12-01"
source = "test entry"
aliases = ["pf"]
family = "visual"
hashtags = 2
posts_per_day = 1
"""

# Runs inside the copied package: lints a tree and prints what a user sees.
PROBE = """
import json, sys
import engagelint
result = engagelint.lint_paths([sys.argv[1]], now="2030-05-01T08:00Z")
print(json.dumps(sorted({(v.path.rsplit("/", 1)[-1], v.code, v.message) for v in result.violations}) + [result.errors]))
"""


def _package_with(tmp_path: Path, entry: str) -> Path:
    """A copy of the installed package whose data/platforms.toml has one more entry."""
    src = tmp_path / "src"
    shutil.copytree(
        SRC, src / "engagelint", copy_function=os.symlink, ignore=shutil.ignore_patterns("__pycache__")
    )
    table = src / "engagelint" / "data" / "platforms.toml"
    text = table.read_text(encoding="utf-8")
    table.unlink()
    table.write_text(text + entry, encoding="utf-8")
    return src


def _run(src: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_a_platform_added_only_to_the_data_table_is_known_everywhere(tmp_path):
    src = _package_with(tmp_path, PIXELFED)
    tree = tmp_path / "drafts"
    (tree / "pixelfed").mkdir(parents=True)
    # Folder name -> platform; too long for 60 characters; 5 tags: over the editorial 2 and the hard 4.
    (tree / "pixelfed" / "long.md").write_text(
        "Our new ceramics studio opens in Lille next Saturday with a free workshop for everyone. "
        "#ceramics #lille #studio #workshop #pottery\n",
        encoding="utf-8",
    )
    # Alias in front matter; two posts on one day: over posts_per_day = 1.
    for name in ("one", "two"):
        (tree / f"{name}.md").write_text(
            f"---\nplatform: pf\nschedule: 2030-05-12T{'09' if name == 'one' else '15'}:00\n---\n"
            f"Glaze test {name}: which blue do you prefer?\n",
            encoding="utf-8",
        )
    # One text on Pixelfed and Instagram (one family: fine) and on LinkedIn (not adapted).
    same = "Behind the scenes of our kiln firing, from clay to cup in three days.\n"
    for name, platform in (("cross-pf", "pixelfed"), ("cross-ig", "instagram"), ("cross-li", "linkedin")):
        (tree / f"{name}.md").write_text(f"---\nplatform: {platform}\n---\n{same}", encoding="utf-8")
    (tree / "engagelint.toml").write_text(
        'platforms = ["pixelfed", "instagram", "linkedin"]\n[rules.platform-length]\nlimits = { pf = 60 }\n',
        encoding="utf-8",
    )

    out = _run(src, "-c", PROBE, str(tree), cwd=tree)
    assert out.returncode == 0, out.stderr
    *found, errors = json.loads(out.stdout)
    assert errors == []
    by_file = {}
    for file, code, message in found:
        by_file.setdefault(file, {})[code] = message
    assert "Pixelfed" in by_file["long.md"]["EL301"] and "60" in by_file["long.md"]["EL301"]
    assert "EL303" in by_file["long.md"]  # hard cap: 4 hashtags
    assert "EL201" in by_file["long.md"]  # editorial: 2 hashtags
    assert "EL406" in by_file["two.md"] and "EL406" not in by_file.get("one.md", {})
    assert "EL407" not in by_file.get("cross-ig.md", {})
    crossposted = by_file.get("cross-li.md", {}).get("EL407", "") + by_file.get("cross-pf.md", {}).get(
        "EL407", ""
    )
    assert "LinkedIn" in crossposted or "linkedin" in crossposted

    # engagelint init finds the platform from the folder name and writes a config that validates.
    fresh = tmp_path / "fresh"
    (fresh / "pixelfed").mkdir(parents=True)
    (fresh / "pixelfed" / "hello.md").write_text("Our studio opens on Saturday.\n", encoding="utf-8")
    init = _run(src, "-m", "engagelint", "init", cwd=fresh)
    assert init.returncode == 0, init.stderr
    assert '"pixelfed"' in (fresh / "engagelint.toml").read_text(encoding="utf-8")
    check = _run(src, "-m", "engagelint", "--no-cache", "--now", "2030-05-01T08:00Z", ".", cwd=fresh)
    assert check.returncode in (0, 1), check.stderr


def test_tiktok_is_one_entry_of_the_shipped_table():
    spec = builtin_platforms()["tiktok"]
    assert (spec.name, spec.max_length, spec.counting) == ("TikTok", 2200, "chars")
    assert spec.source and spec.checked
    assert PLATFORM_ALIASES["tik tok"] == "tiktok" and FOLDER_PLATFORMS["tiktok"] == "tiktok"
    caption = "A" * 2201
    config = config_from_toml("")
    found = engagelint.lint_text(
        caption, path="tiktok/caption.md", config=config, select=["EL301"]
    ).violations
    assert len(found) == 1 and "TikTok" in found[0].message and "2200" in found[0].message.replace(",", "")
    fits = engagelint.lint_text("A" * 2200, path="tiktok/caption.md", config=config, select=["EL301"])
    assert fits.violations == []


def _limits_error(tmp_path, table: str) -> str:
    (tmp_path / "engagelint.toml").write_text(
        f"[rules.platform-length]\nlimits = {table}\n", encoding="utf-8"
    )
    (tmp_path / "a.md").write_text("Hello\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "engagelint", "--no-cache", "a.md"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "rules.platform-length.limits" in lines[0]
    return lines[0]


def test_limits_option_rejects_unknown_platforms_and_non_numbers(tmp_path):
    line = _limits_error(tmp_path, "{ tiktokk = 5, twitter = 300 }")
    assert "unknown platform 'tiktokk'" in line
    assert "twitter" not in line.split("(platforms")[0]  # an alias is a known platform
    line = _limits_error(tmp_path, '{ x = "a" }')
    assert "x" in line and ("whole number" in line or "expected" in line) and "'a'" in line


def test_cadence_and_hashtag_limits_validate_their_tables_too(tmp_path):
    for rule, option in (("cadence", "max_per_day"), ("hashtag-stuffing", "limits")):
        config = config_from_toml(
            f"[rules.{rule}]\n{option} = {{ myspace = 2, twitter = 1 }}\n", root=tmp_path
        )
        with pytest.raises(
            ConfigError, match=rf"rules\.{rule}\.{option}: unknown platform 'myspace' \(platforms: x, "
        ):
            make_linter(config)
