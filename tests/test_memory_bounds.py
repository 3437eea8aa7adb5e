"""Per-process caches stay bounded over a long run (a cache keyed per file once grew ~1.5 KB a file,
150 MB over 100k drafts)."""

from __future__ import annotations

from engagelint import lint_paths
from engagelint.sources import metadata


def test_key_alias_cache_does_not_grow_with_the_number_of_files(tmp_path):
    for i in range(300):
        (tmp_path / f"post-{i:03d}.md").write_text(
            f"---\nplatform: x\n---\nOur workshop {i} opens in Lille.\n"
        )
    (tmp_path / "engagelint.toml").write_text('[metadata]\nkeys = {platform = ["network"]}\n')
    lint_paths([tmp_path], config=tmp_path / "engagelint.toml", jobs=1)
    lint_paths([tmp_path], jobs=1, config=None)
    assert len(metadata._CANONICAL_CACHE) <= 64
