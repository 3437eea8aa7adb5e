"""Property-based fuzzing of the whole linter (hypothesis) over generated drafts and configs.

Properties: no exception escapes; every finding's span lies inside the file and the source text
at that span is the text the rule flagged; fixes re-lint without the fixed findings; linting is
deterministic. The default profile is quick; `-m fuzz` runs the >= 10,000-example profile (CI).
"""

from __future__ import annotations

import os
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engagelint.api import lint_bytes
from engagelint.config import ConfigError, config_from_toml
from engagelint.fixes import apply_edits, plan_edits
from engagelint.offsets import LineIndex

WORDS = ["hello", "u", "pls", "OMG", "AMAZING", "Bonjour", "mdr", "stp", "tu", "vous", "lorem", "ipsum",
         "{{name}}", "[INSERT LINK]", "TODO", "!!!", "?!?!", "soooo", "#launch", "#Launch", "@user",
         "https://ex.com/a?utm_source=x", "🚀", "👍🏽", "🇫🇷", "e\u0301", "שלום", "مرحبا", "\u202e", "$AAPL",
         "you won't believe", "tag a friend", "partagez si", "**bold**", "*em*", "`code`", "[link](https://x.y)",
         "<!-- engagelint-disable-next-line EL101 -->", "&amp;", "\\*", "déchets", "recrutement"]  # fmt: skip
PLATFORMS = ["x", "twitter", "linkedin", "[x, mastodon]", "instagram", "myspace", "5", "fb/ig"]

_piece = st.one_of(st.sampled_from(WORDS), st.text(max_size=6))


@st.composite
def drafts(draw):
    kind = draw(st.sampled_from(["md", "txt", "csv"]))
    nl = draw(st.sampled_from(["\n", "\r\n"]))
    posts = []
    for _ in range(draw(st.integers(1, 3))):
        lines = [
            " ".join(draw(st.lists(_piece, min_size=1, max_size=12))) for _ in range(draw(st.integers(1, 3)))
        ]
        posts.append(nl.join(lines))
    if kind == "csv":
        rows = ["date,platform,text"]
        for p in posts:
            cell = '"' + p.replace('"', '""') + '"'
            rows.append(
                f"2026-01-0{draw(st.integers(1, 9))} 10:00,{draw(st.sampled_from(['x', 'linkedin', '']))},{cell}"
            )
        text = nl.join(rows) + nl
    else:
        head = ""
        if draw(st.booleans()):
            head = f"---{nl}platform: {draw(st.sampled_from(PLATFORMS))}{nl}"
            if draw(st.booleans()):
                head += f"schedule: 2026-0{draw(st.integers(1, 9))}-01T{draw(st.integers(10, 23))}:00{nl}"
            head += f"lang: {draw(st.sampled_from(['en', 'fr', 'xx']))}{nl}---{nl}"
        text = head + f"{nl}---{nl}".join(posts) + nl
    bom = "\ufeff" if draw(st.booleans()) and kind != "csv" else ""
    return f"draft.{kind}", (bom + text).encode("utf-8", "surrogatepass")


CONFIGS = st.sampled_from([
    "",
    "register = 'formal'\nplatforms = ['x']",
    "lang = 'fr'\nregister = 'casual'",
    # static backend: every fuzzed text is new, and a sentence encoder takes ~0.1 s a post
    "[[goals]]\nid = 'launch'\ndescription = 'Launch of our new product'\n[[goals]]\nid = 'jobs'\ndescription = 'Hiring'\n"
    "[relevance]\nbackend = 'static'",
    "brand_terms = ['OMG', 'AMAZING']\nposting_hours = [9, 18]\ntimezone = 'Europe/Paris'",
    "[[freeze]]\nfrom = '2026-01-01'\nto = '2026-12-31'\nreason = 'crisis'",
])  # fmt: skip


def offset(li: LineIndex, text: str, line: int, col: int) -> int:
    return li.line_start(line) + col - 1 if line <= li.line_count else len(text)


def check_properties(name: str, data: bytes, config_text: str) -> None:
    try:
        cfg = config_from_toml(config_text)
    except ConfigError:
        return
    result = lint_bytes(data, path=name, config=cfg)
    again = lint_bytes(data, path=name, config=cfg)
    assert [v.to_dict() for v in result.violations] == [
        v.to_dict() for v in again.violations
    ]  # deterministic
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return
    li = LineIndex(text)
    for v in result.violations:
        assert 1 <= v.line <= v.end_line <= li.line_count
        s, e = offset(li, text, v.line, v.column), offset(li, text, v.end_line, v.end_column)
        assert 0 <= s <= e <= len(text)
        if v.text:
            assert text[s:e] == v.text, (v.code, v.text, text[s:e])
    edits = plan_edits(result.violations)
    if edits:
        # Re-lint the fixed text: every applied fix removes one occurrence of what it fixed.
        fixed = apply_edits(text, edits)
        after = lint_bytes(fixed.encode("utf-8", "surrogatepass"), path=name, config=cfg)
        chosen = set(edits)
        applied = Counter((v.code, v.text) for v in result.violations if v.fix and set(v.fix.edits) <= chosen)
        before = Counter((v.code, v.text) for v in result.violations)
        now = Counter((v.code, v.text) for v in after.violations)
        for key, n in applied.items():
            assert now[key] <= before[key] - n, f"fix for {key} did not remove it"


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(drafts(), CONFIGS)
def test_fuzz_quick(draft, config_text):
    check_properties(*draft, config_text)


FUZZ_EXAMPLES = int(os.environ.get("ENGAGELINT_FUZZ_EXAMPLES", "10000"))


@pytest.mark.fuzz
@pytest.mark.slow
def test_fuzz_full_profile(capsys):
    count = 0

    @settings(
        max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    @given(drafts(), CONFIGS)
    def prop(draft, config_text):
        nonlocal count
        count += 1
        check_properties(*draft, config_text)

    prop()
    with capsys.disabled():
        print(f"\nfuzz profile: {count} generated drafts linted without a property violation")
    assert count >= min(FUZZ_EXAMPLES, 10000) * 0.9
