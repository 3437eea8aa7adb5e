"""Bugs that came from the structure of the core (issue: a core that is safe to embed)."""

from __future__ import annotations

import pytest

import engagelint
from engagelint.config.loader import config_from_toml

SHOUTY = "We are HIRING a DATA engineer in Lyon: apply on our site."


def test_per_file_select_keeps_the_configured_severity_and_options(tmp_path):
    config = config_from_toml(
        """
ignore = ["EL106"]
[rules.EL106]
severity = "error"
[[per_file]]
files = ["loud/*.md"]
select = ["EL106"]
""",
        root=tmp_path,
    )
    (tmp_path / "loud").mkdir()
    (tmp_path / "loud" / "post.md").write_text(SHOUTY)
    (tmp_path / "quiet.md").write_text(SHOUTY)
    result = engagelint.lint_paths([tmp_path], config=config, select=None)
    shouting = [v for v in result.violations if v.code == "EL106"]
    assert shouting and all(v.path.endswith("loud/post.md") for v in shouting)
    assert {str(v.severity) for v in shouting} == {"error"}


def test_capitalised_front_matter_key_honours_rules_too():
    draft = "---\n{key}:\n  {rules}:\n    EL107: {{severity: error}}\n---\nWe are open on Sunday!!!\n"
    for key, rules in (("engagelint", "rules"), ("Engagelint", "Rules"), ("ENGAGELINT", "rules")):
        result = engagelint.lint_text(
            draft.format(key=key, rules=rules), path="p.md", select=["EL107", "EL002"]
        )
        assert [(v.code, str(v.severity)) for v in result.violations] == [("EL107", "error")], key


def _dup_tree(root, text: str, n: int = 2):
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (root / f"post-{i}.md").write_text(text)


def test_a_second_linter_does_not_wipe_the_first_ones_observations(tmp_path):
    from engagelint.api import lint_parsed, make_linter
    from engagelint.sources.document import parse_source

    config = config_from_toml("", root=tmp_path)
    text = "Our spring workshop on bike repair opens on Saturday in Lille, book your seat today."
    first = make_linter(config, select=["EL701"])
    for i in range(2):
        lint_parsed(first, parse_source(f"a{i}.md", text, config.sources))
    make_linter(config, select=["EL701"])  # e.g. the LSP linting another document meanwhile
    assert [v.code for v in first.finish()] == ["EL701"]


def test_two_trees_linted_concurrently_give_the_results_of_each_alone(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    a, b = tmp_path / "a", tmp_path / "b"
    _dup_tree(a, "Our spring workshop on bike repair opens on Saturday in Lille, book your seat today.", 3)
    _dup_tree(b, "Nos ateliers de réparation de vélos ouvrent samedi à Lille : réservez votre place.", 2)
    (b / "solo.md").write_text("Notre boutique de Lyon ouvre désormais à 8 h le samedi.")

    def lint(tree):
        config = config_from_toml("", root=tree)
        result = engagelint.lint_paths([tree], config=config)
        return [(v.path, v.line, v.code, v.message) for v in result.violations]

    alone = {tree: lint(tree) for tree in (a, b)}
    assert any(code == "EL701" for _, _, code, _ in alone[a])
    with ThreadPoolExecutor(4) as pool:
        for _ in range(3):
            results = list(pool.map(lint, [a, b, a, b]))
            assert results == [alone[a], alone[b], alone[a], alone[b]]


def _findings_elsewhere(tree, skip: str):
    config = config_from_toml('platforms = ["x", "linkedin", "instagram"]', root=tree)
    result = engagelint.lint_paths([tree], config=config, now="2026-01-01T00:00Z")
    return sorted(
        (v.path.replace(str(tree), ""), v.line, v.code, v.message.replace(str(tree), "<tree>"))
        for v in result.violations
        if not v.path.endswith(skip)
    )


@pytest.mark.parametrize(
    "rule, base, override, body",
    [
        ("EL406", "", "cadence: {max_per_day: 50}", "platform: linkedin\nschedule: 2026-03-02T1{i}:00\n"),
        ("EL504", "", "self-promotion-ratio: {max_ratio: 1.0}", "platform: x\n"),
        ("EL702", "", "near-duplicate-post: {threshold: 0.3}", "platform: x\n"),
        ("EL702", "", "near-duplicate-post: {threshold: 0.99}", "platform: x\n"),
        (
            "EL407",
            "cross-posted-unchanged: {same_family_ok: false}",
            "cross-posted-unchanged: {same_family_ok: true}",
            "platforms: [x, mastodon]\n",
        ),
    ],
)
def test_front_matter_options_of_one_file_never_change_another_files_findings(
    tmp_path, rule, base, override, body
):
    promo = "Spring sale: buy now and get 20% off every bike with promo code SPRING{i}, today only!"
    text = "Our spring workshop on bike repair opens on Saturday in Lille; seats are free for members."
    for variant in ("plain", "override"):
        tree = tmp_path / variant
        tree.mkdir()
        for i in range(8):
            settings = override if variant == "override" and i == 7 else base
            extra = f"engagelint:\n  rules:\n    {settings}\n" if settings else ""
            content = promo.format(i=i) if rule == "EL504" else text
            if rule == "EL702":  # near copies: one word differs, and a far one that 0.3 would pair
                content = (
                    f"Our spring workshop on bike repair opens on Saturday in Lille, seat number {i}."
                    if i < 6
                    else f"Our autumn fair on bike repair opens on Sunday in Lyon for {i} makers."
                )
            (tree / f"p{i}.md").write_text(f"---\n{body.format(i=i)}{extra}---\n{content}\n")
    plain = _findings_elsewhere(tmp_path / "plain", "p7.md")
    assert any(code == rule for _, _, code, _ in plain)
    changed = _findings_elsewhere(tmp_path / "override", "p7.md")
    assert changed == plain
