"""[archive], [relevance], [csv] and [metadata] are validated once and kept as typed objects."""

from __future__ import annotations

import dataclasses

import pytest

from engagelint.config import ConfigError, config_from_toml
from engagelint.duplication.settings import ArchiveSettings
from engagelint.profile import BrandProfile, RelevanceSettings


def test_tables_are_kept_as_validated_objects(tmp_path):
    (tmp_path / "published").mkdir()
    config = config_from_toml(
        '[archive]\nsource = "published"\nrepost_after_days = 30\n'
        '[relevance]\nbackend = "spacy"\nmodel = "fr_core_news_sm"\n'
        '[csv]\ntext_column = "Message"\n'
        '[metadata]\nplatform_aliases = { pro = "linkedin" }\n',
        root=tmp_path,
    )
    archive = config.profile.archive
    assert isinstance(archive, ArchiveSettings)
    assert archive.sources == ((tmp_path / "published").resolve(),) and archive.repost_after_days == 30
    assert config.profile.relevance == RelevanceSettings("spacy", "fr_core_news_sm")
    assert config.sources.csv.text_column == "Message"
    assert config.sources.metadata.platform_aliases == {"pro": "linkedin"}
    assert "settings" not in {f.name for f in dataclasses.fields(BrandProfile)}  # no raw bag


def test_no_archive_table_means_no_archive_and_bad_values_fail_at_load(tmp_path):
    assert config_from_toml("", root=tmp_path).profile.archive is None
    assert config_from_toml("cache = false", root=tmp_path).profile.cache is False
    with pytest.raises(ConfigError, match="archive.repost_after_days"):
        config_from_toml("[archive]\nrepost_after_days = -1\n", root=tmp_path)
