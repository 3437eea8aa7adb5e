"""Rule documentation rendered from the rules' own metadata (README table, docs/rules.md, links)."""

from __future__ import annotations

from engagelint.rules.base import RuleInfo
from engagelint.tomlvalue import toml_value

# Where each rule is documented (SARIF helpUri, LSP codeDescription); anchors are lower-cased codes.
RULE_DOCS_URL = "https://github.com/engagelint/engagelint/blob/main/docs/rules.md#{anchor}"


def rule_docs_url(code: str) -> str:
    return RULE_DOCS_URL.format(anchor=code.lower())


def rule_markdown(i: RuleInfo) -> str:
    out = [f'<a id="{i.code.lower()}"></a>', f"## {i.code} `{i.name}`", "", i.summary, ""]
    out.append(
        f"Category: **{i.category}** · default severity: **{i.severity}** · status: {i.status}"
        + (" · fixable with `--fix`" if i.fixable else "")
    )
    out += ["", "**Why it matters.** " + " ".join(i.rationale.split()), ""]
    if i.options:
        out += ["| option | default | meaning |", "|---|---|---|"]
        for name, opt in i.options.items():
            default = toml_value(opt.default).replace("|", "\\|")
            out.append(f"| `{name}` | `{default}` | {opt.description} |")
        out.append("")
    for ex in i.examples:
        label = {"en": "English", "fr": "French"}.get(ex.lang, ex.lang)
        out += [f"{label}, flagged:", "", "```text", _shown(ex.bad), "```", ""]
        out += [f"{label}, fine:", "", "```text", _shown(ex.good), "```", ""]
    out += [
        f"Configure under `[rules.{i.name}]`; silence one line with `<!-- engagelint-disable-next-line {i.code} -->`.",
        "",
    ]
    return "\n".join(out)


_CONTROL = {i: f"\\x{i:02x}" for i in range(32) if i not in (9, 10)}


def _shown(text: str, limit: int = 400) -> str:
    """Example text as readable Markdown: control characters visible, huge examples shortened."""
    text = text.translate(_CONTROL)
    return text if len(text) <= limit else f"{text[:80]}… ({len(text):,} characters)"


def rules_document(infos: list[RuleInfo]) -> str:
    head = [
        "# engagelint rules",
        "",
        "Generated from the rules' own metadata by `scripts/update_readme_rules.py`; do not edit by hand.",
        "Every example below is run by the test suite: the flagged text must fire the rule, the fine text must not.",
        "",
        "",
    ]
    return "\n".join(head) + "\n".join(rule_markdown(i) for i in infos)
