"""Length as each platform counts it: twitter-text conformance (100% required) and the other methods."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from engagelint.models import PLATFORMS
from engagelint.platforms import (
    COUNTING_METHODS,
    TWITTER_V2,
    TWITTER_V3,
    builtin_platforms,
    count,
    extract_urls,
    measure,
    parse_tweet,
)
from engagelint.platforms.limits import parse_platforms, platform_spec

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "twitter-text-conformance"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "twitter-text"

# How upstream runs each section (rb/test/conformance_test.rb): v2, v3, and the default (v3).
SECTIONS = {
    "WeightedTweetsCounterTest": TWITTER_V2,
    "WeightedTweetsWithDiscountedEmojiCounterTest": TWITTER_V3,
    "UnicodeDirectionalMarkerCounterTest": TWITTER_V3,
}


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["tests"]


def _weighted_source() -> Path:
    """The shared conformance file when present, the committed copy of its weighted sections otherwise."""
    shared = SHARED / "validate.yml"
    return shared if shared.exists() else FIXTURES / "validate_weighted.yml"


def _weighted_cases():
    tests = _load(_weighted_source())
    for section, config in SECTIONS.items():
        for i, case in enumerate(tests[section]):
            yield pytest.param(config, case, id=f"{section}-{i}")


def _as_upstream(text: str, config) -> dict:
    r = parse_tweet(text, config)
    return {
        "weightedLength": r.weighted_length,
        "valid": r.valid,
        "permillage": r.permillage,
        "displayRangeStart": r.display_range_start,
        "displayRangeEnd": r.display_range_end,
        "validRangeStart": r.valid_range_start,
        "validRangeEnd": r.valid_range_end,
    }


@pytest.mark.parametrize(("config", "case"), list(_weighted_cases()))
def test_weighted_length_conformance(config, case):
    assert _as_upstream(case["text"], config) == case["expected"], case["description"]


def test_every_weighted_section_is_exercised():
    tests = _load(_weighted_source())
    assert {s: len(tests[s]) for s in SECTIONS} == {
        "WeightedTweetsCounterTest": 20,
        "WeightedTweetsWithDiscountedEmojiCounterTest": 22,
        "UnicodeDirectionalMarkerCounterTest": 2,
    }


def test_committed_fixture_matches_upstream_copy():
    if not (SHARED / "validate.yml").exists():
        pytest.skip("../shared/data/twitter-text-conformance is absent (only the committed fixture is used)")
    shared, fixture = _load(SHARED / "validate.yml"), _load(FIXTURES / "validate_weighted.yml")
    assert {s: fixture[s] for s in SECTIONS} == {s: shared[s] for s in SECTIONS}


def _extract_cases():
    path = SHARED / "extract.yml"
    if not path.exists():
        return [
            pytest.param(
                None, None, marks=pytest.mark.skip(reason="../shared/data twitter-text conformance absent")
            )
        ]
    tests = _load(path)
    params = []
    for section in ("urls", "urls_with_indices", "urls_with_directional_markers", "tco_urls_with_params"):
        for i, case in enumerate(tests[section]):
            params.append(pytest.param(section, case, id=f"{section}-{i}"))
    return params


@pytest.mark.parametrize(("section", "case"), _extract_cases())
def test_url_extraction_conformance(section, case):
    spans = extract_urls(case["text"])
    if section == "urls" or section == "tco_urls_with_params":
        got = [u.url for u in spans]
    else:
        got = [{"url": u.url, "indices": [u.start, u.end]} for u in spans]
    assert got == case["expected"], case["description"]


def test_every_tld_is_recognised():
    path = SHARED / "tlds.yml"
    if not path.exists():
        pytest.skip("../shared/data twitter-text conformance absent")
    failures = [
        c["text"]
        for cases in _load(path).values()
        for c in cases
        if [u.url for u in extract_urls(c["text"])] != c["expected"]
    ]
    assert failures == []


# --- the other platforms' counting -------------------------------------------------------------


def test_x_counts_links_as_23_and_emoji_sequences_once():
    assert count("Read https://example.com/a/very/long/path/that/goes/on/and/on", "twitter-v3") == 5 + 23
    assert count("👨‍👩‍👧‍👦", "twitter-v3") == 2
    assert count("👨‍👩‍👧‍👦", "twitter-v2") == 11  # 4 emoji x 2, 3 joiners x 1
    assert count("日本語", "twitter-v3") == 6
    assert count("Café ©", "twitter-v3") == 6  # Latin, accents and text-style © weigh 1


def test_x_counts_bare_domains_as_links():
    assert count("see example.com", "twitter-v3") == 4 + 23
    assert count("contact me@example.com", "twitter-v3") == len("contact me@example.com")


def test_mastodon_counts_links_as_23_and_remote_mentions_as_local_part():
    assert count("hi https://example.com/" + "x" * 100, "mastodon") == 3 + 23
    assert count("thanks @alice@mastodon.social!", "mastodon") == len("thanks @alice!")
    # Mastodon only shortens links with a protocol.
    assert count("see example.com", "mastodon") == len("see example.com")
    # Emoji count as one character each (grapheme clusters).
    assert count("🇫🇷 👍🏽", "mastodon") == 3


def test_bluesky_counts_graphemes():
    assert count("e\u0301te\u0301", "graphemes") == 3
    assert count("👨‍👩‍👧‍👦!", "graphemes") == 2
    assert count("👨‍👩‍👧‍👦!", "chars") == 8
    assert count("😀", "utf16") == 2


@pytest.mark.parametrize("method", COUNTING_METHODS)
def test_empty_text_is_zero(method):
    assert count("", method) == 0


def test_measure_points_at_the_first_unit_beyond_the_limit():
    m = measure("a" * 279 + "日本", "twitter-v3", 280)
    assert (m.length, m.over, m.overflow_start) == (283, True, 279)
    # A link straddling the limit overflows from its start.
    text = "a" * 270 + " https://example.com"
    m = measure(text, "twitter-v3", 280)
    assert m.length == 294 and m.overflow_start == 271
    fits = measure("a" * 280, "twitter-v3", 280)
    assert not fits.over and fits.overflow_start is None


def test_measure_counts_extra_content_and_gives_up_positions_after_normalization():
    m = measure("a" * 270, "chars", 280, extra=24)
    assert m.length == 294 and m.overflow_start == 256
    # A decomposed accent is counted composed (as X does), so indices shift: no position then.
    m = measure("e\u0301" * 281, "twitter-v3", 280)
    assert m.length == 281 and m.over and m.overflow_start is None


def test_unknown_counting_method_is_an_error():
    with pytest.raises(ValueError, match="unknown counting method"):
        measure("text", "furlongs", 10)


# --- the limits data -------------------------------------------------------------------------


def test_every_platform_has_dated_sourced_limits():
    specs = builtin_platforms()
    assert set(specs) == set(PLATFORMS)
    for spec in specs.values():
        assert spec.max_length and spec.counting in COUNTING_METHODS
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", spec.checked) and spec.source  # a checked date, not today


def test_published_limits():
    specs = builtin_platforms()
    assert {k: s.max_length for k, s in specs.items()} == {
        "x": 280,
        "mastodon": 500,
        "bluesky": 300,
        "threads": 500,
        "linkedin": 3000,
        "instagram": 2200,
        "facebook": 63206,
        "youtube": 5000,
        "tiktok": 2200,
    }
    assert specs["threads"].max_links == 5
    assert specs["instagram"].max_hashtags == 5
    assert specs["threads"].max_hashtags == 1
    assert all(spec.checked == "2026-12-01" and spec.source for spec in specs.values())
    assert specs["youtube"].max_title_length == 100


def test_overrides_replace_one_field_and_accept_aliases():
    assert platform_spec("twitter", "max_length", {"x": 25000}).max_length == 25000
    assert platform_spec("x", "max_length", {"twitter": 4000}).max_length == 4000
    assert platform_spec("x", "max_length", {"mastodon": 5000}).max_length == 280
    assert platform_spec("myspace") is None


def test_bad_platform_data_is_rejected():
    with pytest.raises(ValueError, match="counting"):
        parse_platforms({"x": {"max_length": 280, "counting": "words"}})
    with pytest.raises(ValueError, match="whole number"):
        parse_platforms({"x": {"max_length": "280"}})
