"""A self-contained HTML report: one file, inline CSS and SVG charts, no scripts, nothing loaded.

For a content lead rather than a developer: a one-screen "what to fix first", totals, findings per
category, rule, platform and language, campaigns, then each draft grouped by campaign, each post
previewed as it will be published (no front matter, no CSV quoting, no Markdown markup) with the
flagged words highlighted and the messages beside them, linked to the rule's documentation.
``collect`` turns a lint run into plain numbers; ``render`` turns those into HTML. Labels follow
``engagelint.i18n`` (French with ``messages = "fr"``).
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise
from typing import Any

from engagelint import rule_texts
from engagelint.formatters.escape import escape_text
from engagelint.i18n import _, current, ngettext
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
    campaign: str | None = None
    # Each post as published: (prose, source index of each prose character, platforms)
    previews: list[tuple[str, tuple[int, ...], tuple[str, ...]]] = field(default_factory=list)

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
    parsed: Mapping[str, Any] | None = None,
) -> ReportData:
    """Aggregate a run. ``sources`` maps each linted path to its decoded text; ``parsed`` may give
    sources already parsed (records of an audit, whose metadata is not in their text).

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
        source = (parsed or {}).get(path) or parse_source(path, text, settings)
        posts = source.posts
        posts_total += len(posts)
        spans = []
        for post in posts:
            platforms = tuple(post.platforms) or default_platforms or (UNSPECIFIED,)
            lang = post.lang or forced_lang or detect_language(post.prose)
            spans.append((_post_lines(post, source.line_index), platforms, lang))
        found = sorted(by_path.get(path, []), key=Violation.sort_key)
        for v in found:
            match = next((s for s in spans if s[0][0] <= v.line <= s[0][1]), spans[0] if spans else None)
            platforms, lang = (match[1], match[2]) if match else ((UNSPECIFIED,), "und")
            for p in platforms:
                by_platform[p] += 1
            by_language[lang] += 1
        previews = [
            (post.prose, tuple(post.offsets.source_index(i) for i in range(len(post.prose))),
             tuple(post.platforms) or default_platforms)
            for post in posts
        ]  # fmt: skip
        campaign = next((p.campaign for p in posts if p.campaign), None)
        drafts.append(
            DraftReport(
                path,
                text,
                len(posts),
                tuple(dict.fromkeys(p for s in spans for p in s[1])),
                tuple(dict.fromkeys(s[2] for s in spans)),
                found,
                campaign,
                previews,
            )
        )

    every = [v for d in drafts for v in d.violations]
    by_category = Counter({c: 0 for c in CATEGORIES})
    by_category.update(v.category for v in every)
    summaries = {code: rule_texts.summary(info) for code, info in (rules or {}).items()}
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


def lang_name(code: str) -> str:
    names = {"en": _("English"), "fr": _("French"), "und": _("undetermined")}
    return names.get(code, code)


def rule_docs_url(code: str) -> str:
    from engagelint.formatters.sarif import rule_docs_url as url

    return url(code)


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
.first { background:#fff; border:2px solid var(--error); border-radius:10px; padding:12px 20px; margin:16px 0; }
.first h2 { margin:4px 0 8px; } .first li { margin:4px 0; }
.post { border-bottom:1px dashed var(--line); }
.post:last-child { border-bottom:0; }
.post .on { font-size:11px; color:var(--muted); padding:8px 16px 0; text-transform:uppercase; }
.draft .preview { font:15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h2.campaign { border-bottom:2px solid var(--line); padding-bottom:4px; }
a { color:#1f5f8f; }
@media (max-width: 800px) { .draft .body { grid-template-columns:1fr; } .charts { grid-template-columns:1fr; } }
@media print { header { background:#fff; color:#000; } }
"""


def esc(value: Any) -> str:
    """HTML-escaped, with control and bidi characters made visible (the draft body keeps its lines)."""
    return html.escape(escape_text(str(value), keep="\n\t"), quote=True)


def esc_line(value: Any) -> str:
    """A path or message: one line, every control character made visible."""
    return esc(escape_text(str(value)))


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
    return marked(text, [(*_offsets(text, v, index), n, v) for n, v in enumerate(violations, 1)])


def preview_spans(prose: str, sources: tuple[int, ...], text: str, violations: list[Violation]):
    """Findings as spans of a post's prose: the prose characters whose source index is flagged."""
    index = LineIndex(text)
    out = []
    for n, v in enumerate(violations, 1):
        s, e = _offsets(text, v, index)
        inside = [i for i, src in enumerate(sources) if s <= src < e]
        if inside:
            out.append((inside[0], inside[-1] + 1, n, v))
        elif s == e and sources and sources[0] <= s <= sources[-1]:
            at = next(i for i, src in enumerate(sources) if src >= s)
            out.append((at, at, n, v))
    return out


def marked(text: str, spans) -> str:
    """``text`` with each span in a <mark>, numbered like the message list."""
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    at_start = [str(n) for s, e, n, _ in spans if e == 0]
    out = [f"<sup>{','.join(at_start)}</sup>"] if at_start else []
    for a, b in pairwise(cuts):
        covering = [(n, v) for s, e, n, v in spans if s <= a and b <= e and s < e]
        chunk = esc(text[a:b])
        if covering:
            worst = max(v.severity for _, v in covering)
            labels = ",".join(str(n) for n, _ in covering)
            tip = "; ".join(f"{v.code}: {escape_text(v.message)}" for _, v in covering)
            chunk = f'<mark class="{worst}" title="{esc(tip)}" data-findings="{labels}">{chunk}</mark>'
        out.append(chunk)
        # Number each finding once, right after its span ends (zero-width findings included).
        ends_here = [str(n) for _, e, n, _ in spans if e == b]
        if ends_here:
            out.append(f"<sup>{','.join(ends_here)}</sup>")
    return "".join(out)


SEVERITY_LABELS = {"error": "error", "warning": "warning", "info": "info"}


def _sev(severity) -> str:
    return _(SEVERITY_LABELS[str(severity)])


def _draft_section(d: DraftReport, anchor: str) -> str:
    meta = [ngettext("%(n)d post", "%(n)d posts", d.posts) % {"n": d.posts}]
    if d.platforms:
        meta.append(", ".join(d.platforms))
    if d.langs:
        meta.append(", ".join(lang_name(lang) for lang in d.langs))
    not_published = esc(_("not in the published text"))
    line_label = _("line")
    shown: set[int] = set()
    posts = []
    for prose, sources, platforms in d.previews:
        spans = preview_spans(prose, sources, d.text, d.violations)
        shown.update(n for _, _, n, _ in spans)
        on = f'<div class="on">{esc(", ".join(platforms))}</div>' if platforms else ""
        posts.append(f'<div class="post">{on}<pre class="preview">{marked(prose, spans)}</pre></div>')
    items = "".join(
        f'<li data-code="{esc(v.code)}" value="{n}"><span class="sev {v.severity}">{esc(_sev(v.severity))}</span> '
        f'<a class="code" href="{esc(rule_docs_url(v.code))}">{esc(v.code)}</a> {esc_line(v.message)} '
        f'<span class="muted">({esc(v.name)}, {esc(line_label)} {v.line}'
        f"{'' if n in shown else ', ' + not_published})</span></li>"
        for n, v in enumerate(d.violations, 1)
    )
    count = ngettext("%(n)d finding", "%(n)d findings", len(d.violations)) % {"n": len(d.violations)}
    return (
        f'<section class="draft" id="{anchor}" data-path="{esc_line(d.path)}" data-findings="{len(d.violations)}">'
        f"<h3>{esc_line(d.path)}<small>{esc(' · '.join(meta))} · {esc(count)}</small></h3>"
        f'<div class="body"><div>{"".join(posts) or "<pre></pre>"}</div><ol>{items}</ol></div></section>'
    )


def fix_first(data: ReportData, flagged: list[DraftReport], anchors: Mapping[str, str]) -> str:
    """One screen: the drafts that must not go out as they are, then the rules worth fixing everywhere."""
    items = []
    blocking = [d for d in flagged if any(v.severity == Severity.ERROR for v in d.violations)]
    for d in blocking[:5]:
        first = next(v for v in d.violations if v.severity == Severity.ERROR)
        n = sum(1 for v in d.violations if v.severity == Severity.ERROR)
        items.append(
            f'<li data-kind="draft"><a href="#{anchors[d.path]}">{esc(d.path)}</a>: '
            f"{esc(ngettext('%(n)d error', '%(n)d errors', n) % {'n': n})}"
            f" ({esc(first.code)} {esc(first.message)})</li>"
        )
    every = [v for d in data.drafts for v in d.violations]
    weight = Counter()
    for v in every:
        weight[(v.code, v.name)] += SEVERITY_WEIGHT[v.severity]
    for (code, name), _w in weight.most_common(3):
        found = [v for v in every if v.code == code]
        n_drafts = len({v.path for v in found})
        fixable = sum(1 for v in found if v.fix is not None)
        text = _("%(count)s in %(drafts)s") % {
            "count": ngettext("%(n)d finding", "%(n)d findings", len(found)) % {"n": len(found)},
            "drafts": ngettext("%(n)d draft", "%(n)d drafts", n_drafts) % {"n": n_drafts},
        }
        if fixable:
            text += "; " + _("%(n)d fixed automatically by engagelint --fix") % {"n": fixable}
        items.append(
            f'<li data-kind="rule"><a class="code" href="{esc(rule_docs_url(code))}">{esc(code)} {esc(name)}</a>: '
            f"{esc(text)}</li>"
        )
    if not items:
        return ""
    head = _("What to fix first")
    return f'<section class="first" id="fix-first"><h2>{esc(head)}</h2><ol>{"".join(items)}</ol></section>'


def campaigns_table(flagged: list[DraftReport], drafts: list[DraftReport]) -> str:
    rows = []
    names = sorted({d.campaign or "" for d in drafts}, key=lambda c: (c == "", c))
    for name in names:
        members = [d for d in drafts if (d.campaign or "") == name]
        found = [v for d in members for v in d.violations]
        errors = sum(1 for v in found if v.severity == Severity.ERROR)
        label = name or _("no campaign")
        link = (
            f'<a href="#campaign-{esc(_slug(name))}">{esc(label)}</a>'
            if any(d in flagged for d in members)
            else esc(label)
        )
        rows.append(
            f'<tr data-campaign="{esc(name)}"><td>{link}</td><td class="num">{len(members)}</td>'
            f'<td class="num">{len(found)}</td><td class="num">{errors}</td></tr>'
        )
    head = "".join(f"<th>{esc(h)}</th>" for h in (_("Campaign"), _("Drafts"), _("Findings"), _("Errors")))
    return f'<table id="campaigns"><tr>{head}</tr>{"".join(rows)}</table>'


def _slug(name: str) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-") or "none"


def platforms_table(data: ReportData) -> str:
    rows = "".join(
        f'<tr data-platform="{esc(p)}"><td>{esc(p)}</td><td class="num">{n}</td></tr>'
        for p, n in data.by_platform.most_common()
    )
    platform, findings = _("Platform"), _("Findings")
    head = f"<th>{esc(platform)}</th><th>{esc(findings)}</th>"
    return f'<table id="platforms"><tr>{head}</tr>{rows}</table>' if rows else ""


def render(data: ReportData) -> str:
    sev = data.by_severity
    cards = [
        ("files", _("drafts checked"), data.files),
        ("posts", _("posts"), data.posts),
        ("findings", _("findings"), data.violations),
        ("error", _("errors"), sev.get("error", 0)),
        ("warning", _("warnings"), sev.get("warning", 0)),
        ("info", _("info"), sev.get("info", 0)),
    ]
    cards_html = "".join(
        f'<div class="card {k}" data-stat="{k}"><span class="n">{n}</span>{esc(label)}</div>'
        for k, label, n in cards
    )
    rules_sorted = sorted(data.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
    charts = "".join(
        [
            bar_chart("category", _("Findings per category"), list(data.by_category.items()), PALETTE[0]),
            bar_chart(
                "rule",
                _("Most frequent rules"),
                [(f"{c} {n}", k) for (c, n), k in rules_sorted[:15]],
                PALETTE[1],
            ),
            bar_chart("platform", _("Findings per platform"), data.by_platform.most_common(), PALETTE[2]),
            bar_chart(
                "language",
                _("Findings per language"),
                [(lang_name(k), n) for k, n in data.by_language.most_common()],
                PALETTE[3],
            ),
        ]
    )
    rule_rows = "".join(
        f'<tr data-code="{esc(c)}"><td class="code"><a href="{esc(rule_docs_url(c))}">{esc(c)}</a></td>'
        f'<td>{esc(n)}</td><td>{esc(data.rule_summaries.get(c, ""))}</td><td class="num">{k}</td></tr>'
        for (c, n), k in rules_sorted
    )
    flagged = sorted((d for d in data.drafts if d.violations), key=lambda d: (-d.score, d.path))
    anchors = {d.path: f"draft-{i}" for i, d in enumerate(flagged)}
    worst_rows = "".join(
        f'<tr><td><a href="#{anchors[d.path]}">{esc_line(d.path)}</a></td><td class="num">{len(d.violations)}</td>'
        f'<td class="num">{sum(1 for v in d.violations if v.severity == Severity.ERROR)}</td>'
        f'<td class="num">{d.score}</td></tr>'
        for d in flagged[:10]
    )
    shown = flagged[:MAX_DRAFTS_SHOWN]
    groups: dict[str, list[DraftReport]] = {}
    for d in shown:
        groups.setdefault(d.campaign or "", []).append(d)
    sections = ""
    for name in sorted(groups, key=lambda c: (c == "", c)):
        label = _("Campaign: %(name)s") % {"name": name} if name else _("No campaign")
        sections += f'<h2 class="campaign" id="campaign-{esc(_slug(name))}">{esc(label)}</h2>'
        sections += "".join(_draft_section(d, anchors[d.path]) for d in groups[name])
    if len(flagged) > len(shown):
        more = _("%(n)d more drafts with findings are not shown.") % {"n": len(flagged) - len(shown)}
        sections += f'<p class="muted">{esc(more)}</p>'
    clean = sum(1 for d in data.drafts if not d.violations)
    errors = "".join(f"<li>{esc(e)}</li>" for e in data.errors)

    def th(*labels: str) -> str:
        return "".join(f"<th>{esc(label)}</th>" for label in labels)

    none = esc(_("No findings."))
    clean_line = _("%(clean)d of %(files)d drafts have no findings.") % {"clean": clean, "files": data.files}
    # Labels out of the template, so Babel's extractor sees them.
    t = {
        "Campaigns": _("Campaigns"),
        "Code": _("Code"),
        "Draft": _("Draft"),
        "Drafts with findings": _("Drafts with findings"),
        "Errors": _("Errors"),
        "Findings": _("Findings"),
        "Generated by engagelint on %(date)s": _("Generated by engagelint on %(date)s"),
        "No draft has findings.": _("No draft has findings."),
        "Nothing to show: every draft is clean.": _("Nothing to show: every draft is clean."),
        "Overview": _("Overview"),
        "Platforms": _("Platforms"),
        "Problems running the check": _("Problems running the check"),
        "Rule": _("Rule"),
        "Rules": _("Rules"),
        "Score": _("Score"),
        "What it checks": _("What it checks"),
        "Worst drafts": _("Worst drafts"),
    }
    return f"""<!DOCTYPE html>
<html lang="{current()}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>{esc(data.title)}</title>
<style>{CSS}</style>
</head>
<body>
<header><h1>{esc(data.title)}</h1><p>{esc(t["Generated by engagelint on %(date)s"] % {"date": data.generated})}</p></header>
<main>
{f'<h2>{esc(t["Problems running the check"])}</h2><ul class="run-errors">{errors}</ul>' if errors else ""}
{fix_first(data, flagged, anchors)}
<section class="cards">{cards_html}</section>
<p class="clean" data-stat="clean">{esc(clean_line)}</p>
<h2>{esc(t["Overview"])}</h2>
<div class="charts">{charts}</div>
<h2>{esc(t["Worst drafts"])}</h2>
{f'<table id="worst"><tr>{th(t["Draft"], t["Findings"], t["Errors"], t["Score"])}</tr>{worst_rows}</table>' if worst_rows else f'<p class="muted">{esc(t["No draft has findings."])}</p>'}
<h2>{esc(t["Campaigns"])}</h2>
{campaigns_table(flagged, data.drafts)}
<h2>{esc(t["Platforms"])}</h2>
{platforms_table(data) or f'<p class="muted">{none}</p>'}
<h2>{esc(t["Rules"])}</h2>
{f'<table id="rules"><tr>{th(t["Code"], t["Rule"], t["What it checks"], t["Findings"])}</tr>{rule_rows}</table>' if rule_rows else f'<p class="muted">{none}</p>'}
<h2>{esc(t["Drafts with findings"])}</h2>
{sections or f'<p class="muted">{esc(t["Nothing to show: every draft is clean."])}</p>'}
</main>
</body>
</html>
"""
