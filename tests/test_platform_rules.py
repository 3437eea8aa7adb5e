"""EL301-EL303: platform length, link and hashtag limits, through real rule contexts."""

from __future__ import annotations

import pytest

from engagelint.models import Link
from engagelint.rules.builtin.platform_hashtag_limit import PlatformHashtagLimit
from engagelint.rules.builtin.platform_length import PlatformLength
from engagelint.rules.builtin.platform_link_limit import PlatformLinkLimit
from engagelint.testing import make_context

RULES = (PlatformLength, PlatformLinkLimit, PlatformHashtagLimit)


def findings(rule_cls, text, platforms=(), options=None, lang="en", links=(), meta=None):
    rule = rule_cls()
    ctx = make_context(text, rule, lang=lang, platforms=tuple(platforms), options=options)
    ctx.post.links = tuple(links)
    if meta:
        ctx.post.meta = meta
    return list(rule.check(ctx))


@pytest.mark.parametrize("rule_cls", RULES)
def test_documented_examples_in_english_and_french(rule_cls):
    info = rule_cls.info
    assert {ex.lang for ex in info.examples} >= {"en", "fr"}
    assert info.code.startswith("EL3") and info.category == "platform"
    for ex in info.examples:
        platforms = (ex.platform,) if ex.platform else ()
        assert findings(rule_cls, ex.bad, platforms, ex.options, ex.lang), ex.bad
        assert not findings(rule_cls, ex.good, platforms, ex.options, ex.lang), ex.good


@pytest.mark.parametrize("rule_cls", RULES)
def test_posts_without_platform_are_not_checked(rule_cls):
    text = " ".join(f"#tag{i} https://example.com/{i}" for i in range(70)) * 3
    assert findings(rule_cls, text) == []


def test_default_platform_option_checks_posts_that_name_none():
    text = "a" * 300
    assert findings(PlatformLength, text) == []
    [f] = findings(PlatformLength, text, options={"default_platform": "x"})
    assert "X" in f.message
    # A post that names its platform keeps it.
    assert findings(PlatformLength, text, ["linkedin"], options={"default_platform": "x"}) == []


# --- EL301 platform-length ---------------------------------------------------------------------


def test_x_length_counts_cjk_double_and_flags_the_part_beyond_the_limit():
    ok = "日本" * 70  # 140 characters, weight 280
    assert findings(PlatformLength, ok, ["x"]) == []
    text = ok + "です"
    [f] = findings(PlatformLength, text, ["x"])
    assert (f.start, f.end) == (140, 142)
    assert "284/280" in f.message and "X" in f.message


def test_x_counts_a_long_url_as_23():
    text = "New post: https://example.com/" + "long-path/" * 40 + " " + "a" * 200
    assert len(text) > 280
    assert findings(PlatformLength, text, ["x"]) == []


def test_each_platform_is_judged_by_its_own_count():
    text = "We are hiring! " * 22  # 330 characters
    flagged = findings(PlatformLength, text.strip(), ["x", "bluesky", "linkedin", "threads"])
    assert sorted(f.message.split(":")[0] for f in flagged) == ["too long for Bluesky", "too long for X"]


def test_mastodon_counts_remote_mentions_by_username():
    mentions = " ".join(f"@user{i}@very-long-instance-name.example.social" for i in range(10))
    text = mentions + " " + "thanks for the feedback! " * 10
    assert len(text) > 500
    assert findings(PlatformLength, text, ["mastodon"]) == []
    assert findings(PlatformLength, text, ["threads"])


def test_limits_option_replaces_the_builtin_limit():
    text = "a" * 1000
    assert findings(PlatformLength, text, ["x"])
    assert findings(PlatformLength, text, ["x"], options={"limits": {"x": 25000}}) == []
    assert findings(PlatformLength, text, ["x"], options={"limits": {"twitter": 25000}}) == []
    [f] = findings(PlatformLength, "a" * 120, ["linkedin"], options={"limits": {"linkedin": 100}})
    assert (f.start, f.end) == (100, 120) and "120/100" in f.message


def test_markdown_link_urls_count_towards_the_length():
    text = "a" * 270
    link = Link(url="https://example.com/launch", source_start=0, source_end=10)
    [f] = findings(PlatformLength, text, ["x"], links=[link])
    assert "294/280" in f.message and f.start == 256
    assert findings(PlatformLength, text, ["x"], links=[link], options={"count_link_urls": False}) == []
    # Bluesky publishes a Markdown link as linked text (a facet): its URL takes no room.
    assert findings(PlatformLength, "a" * 290, ["bluesky"], links=[link]) == []
    [f] = findings(PlatformLength, "a" * 480, ["mastodon"], links=[link])
    assert "504/500" in f.message


def test_youtube_title_limit_from_metadata():
    [f] = findings(PlatformLength, "Short description.", ["youtube"], meta={"title": "T" * 101})
    assert "title is 101 characters" in f.message and "YouTube" in f.message
    assert findings(PlatformLength, "Short description.", ["youtube"], meta={"title": "T" * 100}) == []


# --- EL302 platform-link-limit ----------------------------------------------------------------


def test_threads_link_limit_flags_links_beyond_the_fifth():
    links = [f"https://example.com/{i}" for i in range(7)]
    text = "Links: " + " ".join(links)
    [f] = findings(PlatformLinkLimit, text, ["threads"])
    assert text[f.start : f.end] == " ".join(links[5:])
    assert f.message == "7 links; Threads allows at most 5 per post"
    assert findings(PlatformLinkLimit, "Links: " + " ".join(links[:5]), ["threads"]) == []
    # Platforms with no link cap are not checked.
    assert findings(PlatformLinkLimit, text, ["x", "linkedin"]) == []


def test_markdown_links_count_towards_the_link_limit():
    text = "Read " + " ".join(f"example.com/{i}" for i in range(4))
    links = [Link(url=f"https://example.org/{i}", source_start=0, source_end=1) for i in range(2)]
    [f] = findings(PlatformLinkLimit, text, ["threads"], links=links)
    assert (f.start, f.end) == (0, len(text)) and f.message.startswith("6 links")


def test_link_limit_override():
    text = "a https://a.example.com b https://b.example.com"
    [f] = findings(PlatformLinkLimit, text, ["threads"], options={"limits": {"threads": 1}})
    assert text[f.start : f.end] == "https://b.example.com"
    [f] = findings(PlatformLinkLimit, text, ["x"], options={"limits": {"x": 1}})
    assert "X allows at most 1" in f.message


# --- EL303 platform-hashtag-limit ---------------------------------------------------------------


def test_instagram_hashtag_cap_flags_hashtags_beyond_five():
    tags = [f"#photo{i}" for i in range(7)]
    text = "Sunset. " + " ".join(tags)
    [f] = findings(PlatformHashtagLimit, text, ["instagram"])
    assert text[f.start : f.end] == "#photo5 #photo6"
    assert f.message == "7 hashtags; Instagram allows at most 5"
    assert findings(PlatformHashtagLimit, "Sunset. " + " ".join(tags[:5]), ["instagram"]) == []
    assert findings(PlatformHashtagLimit, text, ["x", "linkedin"]) == []
    assert findings(PlatformHashtagLimit, text, ["instagram"], options={"limits": {"instagram": 30}}) == []


def test_threads_allows_one_tag_per_post():
    [f] = findings(PlatformHashtagLimit, "Notre festival #Lyon #musique", ["threads"], lang="fr")
    assert f.message == "2 hashtags; Threads allows at most 1"
    assert findings(PlatformHashtagLimit, "Our festival in #Lyon", ["threads"]) == []


def test_url_fragments_are_not_hashtags_and_caps_can_be_lowered():
    text = "Guide: https://example.com/page#section " + " ".join(f"#tip{i}" for i in range(4))
    [f] = findings(PlatformHashtagLimit, text, ["instagram"], options={"limits": {"instagram": 3}}, lang="fr")
    assert text[f.start : f.end] == "#tip3" and f.message.startswith("4 hashtags")


def test_youtube_ignores_tags_beyond_sixty():
    text = " ".join(f"#v{i}" for i in range(61))
    [f] = findings(PlatformHashtagLimit, text, ["youtube"])
    assert "YouTube allows at most 60" in f.message


# --- through the whole pipeline ------------------------------------------------------------------


def test_lint_text_reports_the_overflow_at_its_file_position():
    from engagelint.api import lint_text

    body = "Our spring sale starts today. " * 10  # 300 characters
    source = f"---\nplatform: x\n---\n{body.strip()}\n"
    result = lint_text(source, path="drafts/sale.md")
    [v] = [v for v in result.violations if v.code == "EL301"]
    assert (v.line, v.column) == (4, 281)
    assert v.name == "platform-length" and "299/280" in v.message


def test_config_options_are_validated_and_applied(tmp_path):
    from engagelint.api import lint_text
    from engagelint.config import load_config

    body = "a" * 300
    (tmp_path / "engagelint.toml").write_text(
        '[rules.platform-length]\nlimits = { x = 25000 }\ndefault_platform = "bluesky"\n', encoding="utf-8"
    )
    config = load_config(tmp_path / "engagelint.toml")
    codes = [v.code for v in lint_text(f"---\nplatform: x\n---\n{body}\n", config=config).violations]
    assert "EL301" not in codes
    # No platform named: the default (Bluesky, 300 graphemes) applies and 301 is too many.
    codes = [v.code for v in lint_text(body + "b\n", config=config).violations]
    assert "EL301" in codes


def test_unknown_default_platform_is_a_config_error(tmp_path):
    from engagelint.api import lint_text
    from engagelint.config import load_config
    from engagelint.config.schema import ConfigError

    (tmp_path / "engagelint.toml").write_text(
        '[rules.EL301]\ndefault_platform = "twiter"\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError, match="default_platform.*got 'twiter'"):
        lint_text("Hello\n", config=load_config(tmp_path / "engagelint.toml"))


def test_reply_mentions_do_not_count_on_x():
    from engagelint.api import lint_text
    from engagelint.config import config_from_toml

    body = "Thanks for reaching out! " * 11  # 275 characters
    reply = f"---\nplatform: x\n---\n@customer_one @customer_two {body}\n"
    assert not [v for v in lint_text(reply, config=config_from_toml(""), select=["EL301"]).violations]
    longer = f"---\nplatform: x\n---\n@customer_one {body}and one more sentence.\n"
    (v,) = lint_text(longer, config=config_from_toml(""), select=["EL301"]).violations
    assert v.code == "EL301" and "/280" in v.message
