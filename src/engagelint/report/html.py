"""A self-contained HTML report: one file, inline CSS and SVG charts, no scripts, no network.

For a content lead rather than a developer: totals, findings per category, rule, platform and
language, the worst drafts, then each draft with its flagged spans highlighted and the messages
beside them. ``collect`` turns a lint run into plain numbers; ``render`` turns those into HTML.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise
from typing import Any

from engagelint.models import CATEGORIES, Severity, Violation
from engagelint.offsets import LineIndex

SEVERITY_WEIGHT = {Severity.ERROR: 5, Severity.WARNING: 2, Severity.INFO: 1}
UNSPECIFIED = "unspecified"
MAX_DRAFTS_SHOWN = 300  # beyond this the page gets slow to open; the tables still count everything


@dataclass
class DraftReport:
    path: str
    text: str
    posts: int
    platforms: tuple[str, ...]
    langs: tuple[str, ...]
    violations: list[Violation] = field(default_factory=list)

    @property
    def score(self) -> int:
        return sum(SEVERITY_WEIGHT[v.severity] for v in self.violations)


@dataclass
class ReportData:
    title: str
    generated: str
    files: int
    posts: int
    violations: int
    by_severity: Counter
    by_category: Counter
    by_rule: Counter  # (code, name) -> count
    by_platform: Counter
    by_language: Counter
    drafts: list[DraftReport]
    rule_summaries: Mapping[str, str] = field(default_factory=dict)
    errors: tuple[str, ...] = ()


def _post_lines(post, line_index: LineIndex) -> tuple[int, int]:
    if len(post.offsets) == 0:
        return (0, -1)
    first = post.offsets.source_index(0)
    last = post.offsets.source_index(len(post.offsets) - 1)
    return line_index.position(first)[0], line_index.position(last)[0]


def collect(
    violations: Iterable[Violation],
    sources: Mapping[str, str],
    config: Any,
    rules: Mapping[str, Any] | None = None,
    title: str = "engagelint report",
    errors: Iterable[str] = (),
    now: datetime | None = None,
) -> ReportData:
    """Aggregate a run. ``sources`` maps each linted path to its decoded text.

    A finding counts once per platform of the post it is in (a post for X and LinkedIn counts for
    both), and once for the post's language; findings outside any post (front matter, file-level
    problems) count for the file's first post.
    """
    from engagelint.nlp.langdetect import detect_language
    from engagelint.sources.document import parse_source

    by_path: dict[str, list[Violation]] = {}
    for v in violations:
        by_path.setdefault(v.path, []).append(v)

    default_platforms = tuple(getattr(config.profile, "platforms", ())) if config is not None else ()
    forced_lang = config.lang if config is not None and config.lang != "auto" else None
    settings = config.sources if config is not None else None

    by_platform: Counter = Counter()
    by_language: Counter = Counter()
    drafts: list[DraftReport] = []
    posts_total = 0
    for path in dict.fromkeys([*sources, *by_path]):
        text = sources.get(path, "")
        parsed = parse_source(path, text, settings)
        posts = parsed.posts
        posts_total += len(posts)
        spans = []
        for post in posts:
            platforms = tuple(post.platforms) or default_platforms or (UNSPECIFIED,)
            lang = post.lang or forced_lang or detect_language(post.prose)
            spans.append((_post_lines(post, parsed.line_index), platforms, lang))
        found = sorted(by_path.get(path, []), key=Violation.sort_key)
        for v in found:
            match = next((s for s in spans if s[0][0] <= v.line <= s[0][1]), spans[0] if spans else None)
            platforms, lang = (match[1], match[2]) if match else ((UNSPECIFIED,), "und")
            for p in platforms:
                by_platform[p] += 1
            by_language[lang] += 1
        drafts.append(
            DraftReport(
                path,
                text,
                len(posts),
                tuple(dict.fromkeys(p for s in spans for p in s[1])),
                tuple(dict.fromkeys(s[2] for s in spans)),
                found,
            )
        )

    every = [v for d in drafts for v in d.violations]
    by_category = Counter({c: 0 for c in CATEGORIES})
    by_category.update(v.category for v in every)
    summaries = {code: info.summary for code, info in (rules or {}).items()}
    from engagelint.clock import resolve_now

    moment = now or resolve_now()
    moment = moment.astimezone(UTC) if moment.tzinfo else moment
    return ReportData(
        title=title,
        generated=moment.strftime("%Y-%m-%d %H:%M UTC"),
        files=len(drafts),
        posts=posts_total,
        violations=len(every),
        by_severity=Counter(str(v.severity) for v in every),
        by_category=by_category,
        by_rule=Counter((v.code, v.name) for v in every),
        by_platform=by_platform,
        by_language=by_language,
        drafts=drafts,
        rule_summaries=summaries,
        errors=tuple(errors),
    )


# -- rendering -------------------------------------------------------------------------------

PALETTE = ["#2f6f4f", "#3f7fbf", "#c0762c", "#8a4fa0", "#b23a48", "#4a9a9a", "#7a7f2a", "#5b5b8a"]
LANG_NAMES = {"en": "English", "fr": "French", "und": "undetermined"}

CSS = """
:root { --ink:#1f2a24; --muted:#5f6b65; --line:#dfe5e1; --bg:#f7f9f8; --error:#b23a48; --warning:#c0762c;
        --info:#3f7fbf; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--ink);
       background:var(--bg); }
header { background:#1f3b2d; color:#fff; padding:24px 32px; }
header h1 { margin:0 0 4px; font-size:24px; }
header p { margin:0; opacity:.8; }
main { max-width:1200px; margin:0 auto; padding:24px 32px 64px; }
h2 { font-size:19px; margin:32px 0 12px; }
.cards { display:grid; grid-template-columns:repeat(auto-fit, minmax(150px, 1fr)); gap:12px; }
.card { background:#fff; border:1px solid var(--line); border-radius:10px; padding:14px 16px; }
.card .n { font-size:28px; font-weight:700; display:block; }
.card.error .n { color:var(--error); } .card.warning .n { color:var(--warning); } .card.info .n { color:var(--info); }
.charts { display:grid; grid-template-columns:repeat(auto-fit, minmax(520px, 1fr)); gap:16px; }
figure { margin:0; background:#fff; border:1px solid var(--line); border-radius:10px; padding:12px 16px; }
figcaption { font-weight:600; margin-bottom:6px; }
svg text { font:12px system-ui, sans-serif; fill:var(--ink); }
table { border-collapse:collapse; width:100%; background:#fff; border:1px solid var(--line); }
th, td { text-align:left; padding:6px 10px; border-bottom:1px solid var(--line); vertical-align:top; }
th { background:#eef2f0; font-weight:600; }
td.num { text-align:right; font-variant-numeric:tabular-nums; }
.draft { background:#fff; border:1px solid var(--line); border-radius:10px; margin:16px 0; overflow:hidden; }
.draft h3 { margin:0; padding:10px 16px; font-size:15px; background:#eef2f0; border-bottom:1px solid var(--line); }
.draft h3 small { color:var(--muted); font-weight:400; margin-left:8px; }
.draft .body { display:grid; grid-template-columns:minmax(0, 3fr) minmax(0, 2fr); }
.draft pre { margin:0; padding:12px 16px; white-space:pre-wrap; word-break:break-word; font:13px/1.6 ui-monospace,
             SFMono-Regular, Menlo, monospace; border-right:1px solid var(--line); }
.draft ol { margin:0; padding:12px 16px 12px 40px; font-size:13.5px; }
.draft li { margin-bottom:8px; }
mark { background:#fde7b0; border-bottom:2px solid var(--warning); padding:0 1px; border-radius:2px; }
mark.error { background:#f8d4d9; border-bottom-color:var(--error); }
mark.info { background:#dbe8f6; border-bottom-color:var(--info); }
mark sup { font-size:10px; color:var(--muted); margin-left:1px; }
.sev { display:inline-block; font-size:11px; font-weight:700; text-transform:uppercase; border-radius:4px;
       padding:0 5px; color:#fff; background:var(--warning); }
.sev.error { background:var(--error); } .sev.info { background:var(--info); }
.code { font-family:ui-monospace, monospace; font-weight:600; }
.muted { color:var(--muted); }
.clean { color:#2f6f4f; font-weight:600; }
@media (max-width: 800px) { .draft .body { grid-template-columns:1fr; } .charts { grid-template-columns:1fr; } }
@media print { header { background:#fff; color:#000; } }
"""


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def bar_chart(chart_id: str, title: str, items: list[tuple[str, int]], color: str = PALETTE[0]) -> str:
    """A horizontal bar chart as inline SVG; each bar carries its label and count as data."""
    if not items:
        return (
            f'<figure data-chart="{esc(chart_id)}"><figcaption>{esc(title)}</figcaption>'
            '<p class="muted">No findings.</p></figure>'
        )
    label_w, bar_w, row_h, pad = 240, 260, 24, 6
    height = row_h * len(items) + pad * 2
    top = max(value for _, value in items) or 1
    rows = []
    for i, (label, value) in enumerate(items):
        y = pad + i * row_h
        w = max(round(bar_w * value / top), 2 if value else 0)
        short = label if len(label) <= 32 else label[:31] + "…"
        rows.append(
            f'<g class="bar" data-label="{esc(label)}" data-value="{value}">'
            f"<title>{esc(label)}: {value}</title>"
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{esc(short)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{w}" height="{row_h - 8}" rx="3" fill="{color}"/>'
            f'<text x="{label_w + w + 6}" y="{y + 16}">{value}</text></g>'
        )
    width = label_w + bar_w + 50
    return (
        f'<figure data-chart="{esc(chart_id)}"><figcaption>{esc(title)}</figcaption>'
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{esc(title)}" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet">'
        + "".join(rows)
        + "</svg></figure>"
    )


def _offsets(text: str, v: Violation, index: LineIndex) -> tuple[int, int]:
    def at(line: int, column: int) -> int:
        if line > index.line_count:
            return len(text)
        return min(index.line_start(line) + column - 1, len(text))

    start = at(v.line, v.column)
    return start, max(at(v.end_line, v.end_column), start)


def highlighted(text: str, violations: list[Violation]) -> str:
    """The draft's text with each flagged span in a <mark>, numbered like the message list."""
    index = LineIndex(text)
    spans = [(*_offsets(text, v, index), n, v) for n, v in enumerate(violations, 1)]
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    at_start = [str(n) for s, e, n, _ in spans if e == 0]
    out = [f"<sup>{','.join(at_start)}</sup>"] if at_start else []
    for a, b in pairwise(cuts):
        covering = [(n, v) for s, e, n, v in spans if s <= a and b <= e and s < e]
        chunk = esc(text[a:b])
        if covering:
            worst = max(v.severity for _, v in covering)
            labels = ",".join(str(n) for n, _ in covering)
            tip = "; ".join(f"{v.code}: {v.message}" for _, v in covering)
            chunk = f'<mark class="{worst}" title="{esc(tip)}" data-findings="{labels}">{chunk}</mark>'
        out.append(chunk)
        # Number each finding once, right after its span ends (zero-width findings included).
        ends_here = [str(n) for _, e, n, _ in spans if e == b]
        if ends_here:
            out.append(f"<sup>{','.join(ends_here)}</sup>")
    return "".join(out)


def _draft_section(d: DraftReport, anchor: str) -> str:
    meta = [f"{d.posts} post{'s' if d.posts != 1 else ''}"]
    if d.platforms:
        meta.append(", ".join(d.platforms))
    if d.langs:
        meta.append(", ".join(LANG_NAMES.get(lang, lang) for lang in d.langs))
    items = "".join(
        f'<li data-code="{esc(v.code)}"><span class="sev {v.severity}">{v.severity}</span> '
        f'<span class="code">{esc(v.code)}</span> {esc(v.message)} '
        f'<span class="muted">({esc(v.name)}, line {v.line})</span></li>'
        for v in d.violations
    )
    return (
        f'<section class="draft" id="{anchor}" data-path="{esc(d.path)}" data-findings="{len(d.violations)}">'
        f"<h3>{esc(d.path)}<small>{esc(' · '.join(meta))} · {len(d.violations)} finding"
        f"{'s' if len(d.violations) != 1 else ''}</small></h3>"
        f'<div class="body"><pre>{highlighted(d.text, d.violations)}</pre><ol>{items}</ol></div></section>'
    )


def render(data: ReportData) -> str:
    sev = data.by_severity
    cards = [
        ("files", "drafts checked", data.files),
        ("posts", "posts", data.posts),
        ("findings", "findings", data.violations),
        ("error", "errors", sev.get("error", 0)),
        ("warning", "warnings", sev.get("warning", 0)),
        ("info", "info", sev.get("info", 0)),
    ]
    cards_html = "".join(
        f'<div class="card {k}" data-stat="{k}"><span class="n">{n}</span>{esc(label)}</div>'
        for k, label, n in cards
    )
    rules_sorted = sorted(data.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
    charts = "".join(
        [
            bar_chart("category", "Findings per category", list(data.by_category.items()), PALETTE[0]),
            bar_chart(
                "rule",
                "Most frequent rules",
                [(f"{c} {n}", k) for (c, n), k in rules_sorted[:15]],
                PALETTE[1],
            ),
            bar_chart("platform", "Findings per platform", data.by_platform.most_common(), PALETTE[2]),
            bar_chart(
                "language",
                "Findings per language",
                [(LANG_NAMES.get(k, k), n) for k, n in data.by_language.most_common()],
                PALETTE[3],
            ),
        ]
    )
    rule_rows = "".join(
        f'<tr data-code="{esc(c)}"><td class="code">{esc(c)}</td><td>{esc(n)}</td>'
        f'<td>{esc(data.rule_summaries.get(c, ""))}</td><td class="num">{k}</td></tr>'
        for (c, n), k in rules_sorted
    )
    flagged = sorted((d for d in data.drafts if d.violations), key=lambda d: (-d.score, d.path))
    anchors = {d.path: f"draft-{i}" for i, d in enumerate(flagged)}
    worst_rows = "".join(
        f'<tr><td><a href="#{anchors[d.path]}">{esc(d.path)}</a></td><td class="num">{len(d.violations)}</td>'
        f'<td class="num">{sum(1 for v in d.violations if v.severity == Severity.ERROR)}</td>'
        f'<td class="num">{d.score}</td></tr>'
        for d in flagged[:10]
    )
    shown = flagged[:MAX_DRAFTS_SHOWN]
    sections = "".join(_draft_section(d, anchors[d.path]) for d in shown)
    if len(flagged) > len(shown):
        sections += (
            f'<p class="muted">{len(flagged) - len(shown)} more drafts with findings are not shown.</p>'
        )
    clean = sum(1 for d in data.drafts if not d.violations)
    errors = "".join(f"<li>{esc(e)}</li>" for e in data.errors)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>{esc(data.title)}</title>
<style>{CSS}</style>
</head>
<body>
<header><h1>{esc(data.title)}</h1><p>Generated by engagelint on {esc(data.generated)}</p></header>
<main>
{f'<h2>Problems running the check</h2><ul class="run-errors">{errors}</ul>' if errors else ""}
<section class="cards">{cards_html}</section>
<p class="clean" data-stat="clean">{clean} of {data.files} drafts have no findings.</p>
<h2>Overview</h2>
<div class="charts">{charts}</div>
<h2>Worst drafts</h2>
{f'<table id="worst"><tr><th>Draft</th><th>Findings</th><th>Errors</th><th>Score</th></tr>{worst_rows}</table>' if worst_rows else '<p class="muted">No draft has findings.</p>'}
<h2>Rules</h2>
{f'<table id="rules"><tr><th>Code</th><th>Rule</th><th>What it checks</th><th>Findings</th></tr>{rule_rows}</table>' if rule_rows else '<p class="muted">No findings.</p>'}
<h2>Drafts with findings</h2>
{sections or '<p class="muted">Nothing to show: every draft is clean.</p>'}
</main>
</body>
</html>
"""
