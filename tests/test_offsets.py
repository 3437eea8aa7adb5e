"""Prose offsets round-trip to exact source positions through every layer a draft can have."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engagelint.config import config_from_toml
from engagelint.nlp.entities import scan
from engagelint.sources import parse_source

SIMPLE_RULES = config_from_toml("")


def words_round_trip(path: str, text: str) -> list[tuple[str, str]]:
    """For every plain word of every post: (word in prose, source text at its mapped span)."""
    parsed = parse_source(path, text)
    pairs = []
    for post in parsed.posts:
        for w in scan(post.prose).words:
            s, e = post.offsets.to_source(w.start, w.end)
            pairs.append((w.text, text[s:e]))
    return pairs


def position(text: str, path: str, word: str) -> tuple[int, int, int, int]:
    parsed = parse_source(path, text)
    for post in parsed.posts:
        i = post.prose.find(word)
        if i != -1:
            s, e = post.offsets.to_source(i, i + len(word))
            return (*parsed.line_index.position(s), *parsed.line_index.position(e))
    raise AssertionError(f"{word!r} not in prose")


def test_front_matter_crlf_bom_emoji_and_markup():
    text = "\ufeff---\r\nplatform: x\r\n---\r\nWe 🚀 **love** [our *new* app](https://ex.com) é̀clair\r\n"
    pairs = words_round_trip("a.md", text)
    assert pairs and all(a == b for a, b in pairs)
    # Line 4 (after 3 front matter lines); columns count code points: BOM is column 1 of line 1 only.
    assert position(text, "a.md", "love") == (4, 8, 4, 12)
    assert position(text, "a.md", "new") == (4, 21, 4, 24)
    assert position(text, "a.md", "é̀clair") == (4, 47, 4, 54)


def test_link_url_code_and_comment_are_not_prose():
    text = "Read [the guide](https://example.com/guide) now. Run `rm -rf` <!-- secret note --> ok\n"
    prose = parse_source("a.md", text).posts[0].prose
    assert "the guide" in prose
    assert "example.com" not in prose and "rm -rf" not in prose and "secret" not in prose


def test_thread_posts_keep_file_positions():
    text = "---\nplatform: x\n---\nFirst post here.\n---\nSecond post, line one\nand **line** two.\n"
    parsed = parse_source("t.md", text)
    assert [p.thread_index for p in parsed.posts] == [0, 1]
    assert position(text, "t.md", "two") == (7, 14, 7, 17)
    assert position(text, "t.md", "Second") == (6, 1, 6, 7)


def test_csv_cell_positions_skip_quotes_and_doubled_quotes():
    text = 'id,text,platform\n1,"She said ""wow"" and\nleft",x\n2,plain words,linkedin\n'
    parsed = parse_source("s.csv", text)
    assert [p.prose for p in parsed.posts] == ['She said "wow" and\nleft', "plain words"]
    assert position(text, "s.csv", "wow") == (2, 15, 2, 18)
    assert position(text, "s.csv", "left") == (3, 1, 3, 5)
    assert position(text, "s.csv", "words") == (4, 9, 4, 14)


def test_escapes_and_entities_map_to_their_source_characters():
    text = "Prices \\*drop\\* &amp; more\n"
    post = parse_source("a.md", text).posts[0]
    assert post.prose == "Prices *drop* & more"
    i = post.prose.index("&")
    s, e = post.offsets.to_source(i, i + 1)
    assert text[s] == "&"


def test_lists_blockquotes_and_headings():
    # (a heading at the top is the file's title, not post text: here it follows a paragraph)
    text = "Intro.\n\n# Big news\n\n> quoted **claim** here\n\n- first item\n- second item\n"
    pairs = words_round_trip("a.md", text)
    assert {a for a, _ in pairs} >= {"Big", "quoted", "claim", "second"}
    assert all(a == b for a, b in pairs)


_word = st.lists(
    st.sampled_from(list("abcdefghijklmnopqrstuvwxyzéèçàÉñ") + ["e\u0301"]), min_size=1, max_size=8
).map("".join)
_emoji = st.sampled_from(["🚀", "👍🏽", "🇫🇷", "❤️", "👨‍👩‍👧"])


@st.composite
def markdown_drafts(draw):
    """Random drafts: front matter, threads, CRLF, BOM, emphasis, links, code, emoji, combining marks."""
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    lines = []
    if draw(st.booleans()):
        lines += ["---", "platform: " + draw(st.sampled_from(["x", "linkedin", "[x, mastodon]"])), "---"]
    for _ in range(draw(st.integers(1, 3))):  # posts of a thread
        for _ in range(draw(st.integers(1, 3))):  # lines of a post
            parts = []
            for _ in range(draw(st.integers(1, 6))):
                w = draw(_word)
                style = draw(st.sampled_from(["plain", "em", "strong", "link", "code", "emoji"]))
                parts.append(
                    {
                        "plain": w,
                        "em": f"*{w}*",
                        "strong": f"**{w}**",
                        "link": f"[{w}](https://ex.com/{len(w)})",
                        "code": f"`{w}`",
                        "emoji": draw(_emoji),
                    }[style]
                )
            lines.append(" ".join(parts))
        lines.append("---")
    lines.pop()
    bom = "\ufeff" if draw(st.booleans()) else ""
    return bom + newline.join(lines) + newline


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_drafts())
def test_property_every_word_maps_back_to_itself(text):
    for prose_word, source_word in words_round_trip("p.md", text):
        assert prose_word == source_word


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_property_any_text_parses_and_maps_inside_the_file(text):
    for path in ("p.md", "p.txt", "p.csv"):
        parsed = parse_source(path, text)
        for post in parsed.posts:
            for i in range(len(post.prose)):
                assert 0 <= post.offsets.source_index(i) < len(text)
