"""One URL extractor: a link is a link for every rule, found as X's twitter-text finds it.

Before, ``verdure.shop`` (a bare domain with a TLD outside a short hard-coded list) counted as a
23-character link for the X length but was invisible to the link rules, the duplicate detection
and the readability score."""

from __future__ import annotations

from pathlib import Path

import pytest

from engagelint.api import lint_text
from engagelint.config import build_config
from engagelint.duplication.normalize import exact_form, tokens
from engagelint.nlp.entities import scan
from engagelint.nlp.readability import prose_for_readability
from engagelint.platforms.counting import count
from engagelint.platforms.urls import extract_urls


def lint(text: str, select: list[str], platform: str = "linkedin") -> list:
    config = build_config({}, None, Path.cwd())
    draft = f"---\nlang: en\nplatform: {platform}\n---\n{text}\n"
    return lint_text(draft, path="draft.md", config=config, select=select).violations


@pytest.mark.parametrize(
    "text",
    [
        "Spring sale on verdure.shop/sale today",
        "Spring sale: https://verdure.shop/sale?utm_source=x today",
        "Soldes sur www.verdure.boutique cette semaine",
        "Read it at sub.example.co.uk/blog, then tell us",
        "Plant care tips 🌱 verdure.shop",
    ],
)
def test_every_rule_sees_the_links_x_counts(text: str):
    expected = [(u.start, u.end) for u in extract_urls(text)]
    assert expected  # twitter-text finds a link here…
    assert [(s.start, s.end) for s in scan(text).urls] == expected  # …and so do the entity-based rules


def test_bare_domain_is_a_link_for_link_dump_and_link_only():
    four = "Read: verdure.shop/a verdure.shop/b verdure.shop/c verdure.shop/d"
    (dump,) = lint(four, ["EL208"])
    assert (
        dump.message == "4 links in one post (at most 3); keep the one that matters most and drop the others"
    )
    assert dump.text == "verdure.shop/d"
    (only,) = lint("👉 verdure.shop/spring #news", ["EL205"])
    assert only.code == "EL205"


def test_bare_domain_counts_once_for_the_x_length_and_the_platform_link_limit():
    text = " ".join(f"verdure.shop/p{i}" for i in range(6)) + " new in store"
    assert count(text, "twitter-v3") == 6 * 23 + 5 + len(" new in store")
    (limit,) = lint(text, ["EL302"], platform="threads")
    assert limit.message.startswith("6 links; Threads allows at most 5")


def test_bare_domain_is_not_read_as_words():
    assert (
        prose_for_readability("Shop the spring range at verdure.shop today")
        == "Shop the spring range at today"
    )


def test_duplicates_normalise_bare_domains_like_full_urls():
    assert exact_form("New range: verdure.shop/spring") == exact_form(
        "New range: https://www.verdure.shop/spring/"
    )
    assert "verdure.shop/spring" in tokens("New range: verdure.shop/spring?utm_campaign=x")


def test_not_links():
    # An e-mail address, a Mastodon handle and a version number are not links.
    # Nor is a reserved documentation domain: X does not link https://verdure.example/a either.
    for text in ("Write to anna@verdure.shop", "Follow @verdure@mastodon.social", "Version 2.5 is out",
                 "See https://verdure.example/a"):  # fmt: skip
        assert scan(text).urls == [], text
