"""bench/trees.py builds draft trees engagelint can read, deterministically (no timings here)."""

from __future__ import annotations

import csv
import importlib.util
import io
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"


def _load_trees():
    spec = importlib.util.spec_from_file_location("bench_trees", BENCH / "trees.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file executes
    spec.loader.exec_module(module)
    return module


trees = _load_trees()

TEXTS = [
    "New refill stations open in Lyon this week! #zerowaste",
    "Nos stations de recharge arrivent à Lyon cette semaine.",
    "Thanks for reaching out, please DM us your order number.",
    "Can't wait for the weekend @user",
    "New refill stations open in Lyon this week! #zerowaste",  # duplicate: dropped
]


def _posts() -> list:
    base = [trees.Post(t, "x", "fr" if "Nos" in t else "en") for t in TEXTS]
    # 4 unique texts; vary them to reach 24 unique posts.
    varied = [trees.Post(f"{p.text} ({i})", p.platform, p.lang) for i in range(6) for p in base]
    return trees.dedupe_shuffle(base + varied, seed=7)


def _snapshot(tree: Path) -> dict[str, str]:
    return {p.relative_to(tree).as_posix(): p.read_text(encoding="utf-8") for p in trees.list_files(tree)}


def test_tree_files_have_front_matter_and_nested_folders(tmp_path: Path) -> None:
    tree = trees.build_tree(_posts(), 20, tmp_path / "tree")
    files = _snapshot(tree)
    assert len(files) == 20
    for rel, text in files.items():
        assert rel.count("/") == 2 and rel.endswith(".md")
        head, _, body = text.partition("\n---\n")
        assert head.startswith("---\nplatform: x\nlang: ")
        assert body.strip()


def test_duplicates_are_dropped_before_sizing() -> None:
    posts = _posts()
    assert len({p.text for p in posts}) == len(posts) == 28


def test_same_seed_gives_the_same_tree(tmp_path: Path) -> None:
    first = _snapshot(trees.build_tree(_posts(), 20, tmp_path / "a"))
    second = _snapshot(trees.build_tree(_posts(), 20, tmp_path / "b"))
    assert first == second
    other = trees.dedupe_shuffle(_posts(), seed=8)
    assert _snapshot(trees.build_tree(other, 20, tmp_path / "c")) != first


def test_csv_export_has_one_row_per_post() -> None:
    posts = _posts()[:10]
    rows = list(csv.DictReader(io.StringIO(trees.render_csv(posts))))
    assert [r["Text"] for r in rows] == [p.text for p in posts]
    assert all(r["Network"] == "x" and r["Date"] for r in rows)


def test_engagelint_counts_one_post_per_file(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from engagelint.cli import cli

    tree = trees.build_tree(_posts(), 20, tmp_path / "tree")
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        cli, ["check", str(tree), "--no-cache", "--jobs", "1", "--format", "json", "-o", str(out)]
    )
    assert result.exit_code in (0, 1), result.output
    summary = json.loads(out.read_text(encoding="utf-8"))["summary"]
    assert (summary["files"], summary["posts"]) == (20, 20)
