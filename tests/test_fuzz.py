"""Property-based fuzzing of the whole linter (hypothesis) over generated drafts and configs.

Properties: no exception escapes; every finding's span lies inside the file and the source text
at that span is the text the rule flagged; fixes re-lint without the fixed findings; linting is
deterministic; no rule fails (no EL000 internal-error finding). Hostile inputs (issue 13): per-file
rule options in front matter, dates at and past the calendar's edges, cache and Redis garbage,
hostile file names, bad config values; the end-to-end CLI over them exits 0, 1 or 2 only.

The default profile is quick. The full profile (marker ``fuzz``, run by CI) lints
``ENGAGELINT_FUZZ_EXAMPLES`` (default 2,000) hostile repositories of a few drafts each and feeds each
example's batch of cheap inputs to the readers and validators: >= 100,000 inputs in a few minutes.
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


def check_spans(data: bytes, violations) -> str | None:
    """Every finding's span lies inside the file and holds the text the rule flagged; the text."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    li = LineIndex(text)
    for v in violations:
        assert 1 <= v.line <= v.end_line <= li.line_count
        s, e = offset(li, text, v.line, v.column), offset(li, text, v.end_line, v.end_column)
        assert 0 <= s <= e <= len(text)
        if v.text:
            assert text[s:e] == v.text, (v.code, v.text, text[s:e])
    return text


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
    text = check_spans(data, result.violations)
    if text is None:
        return
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


# -- hostile inputs (issue 13) ----------------------------------------------------------------------

import json  # noqa: E402
import random  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import yaml  # noqa: E402

from engagelint.api import display_path  # noqa: E402
from engagelint.engine import Linter  # noqa: E402
from engagelint.formatters import FormatOptions, get_formatter  # noqa: E402
from engagelint.formatters.base import Summary  # noqa: E402
from engagelint.rules.registry import cached_registry  # noqa: E402
from engagelint.sources.document import parse_source  # noqa: E402

EDGE_DATES = [
    "2026-02-30", "2025-13-01", "2026-00-10", "2026-01-32", "0001-01-01T00:00+23:59",
    "9999-12-31T23:59:59-23:59", "0001-01-01", "9999-12-31", "0000-01-01", "2026-01-01T25:00",
    "2026-01-01T10:00Z", "2026-06-01 10:00", "2038-01-19T03:14:08", "-0001-01-01", "2026-W05-1",
    "20260101", "2026-01-01T10:00:00.123456789", "2026/01/01", "2026-01-01T10:00:00+99:99",
    "2026-1-1", "999999-01-01", "2026-01-01T10:00:00-00:00", "1e10", "null", "~", "''", "[]", "{}",
    "2026-02-29", "2024-02-29T23:59:59.999999+14:00", "0002-01-01T00:00-23:59", "9998-12-31T23:59:59+23:59",
]  # fmt: skip
NUMBERS = [-1, -3, 0, 1, 2, 24, 99, 2**31, 10**10, 10**100, 0.5, -0.0, 1e308, float("inf"), float("-inf"),
           float("nan")]  # fmt: skip
SHAPES = ["x", "", [], [[]], [1, "a"], [9, 99], ["a", "b"], {}, {"x": -1}, {"x": "a"}, {"en": float("inf")},
          {"x": {"en": 1}}, True, None, [{"from": "0001-01-01", "to": "9999-12-31"}], [{"from": 1}], ["mon", 3]]  # fmt: skip
HOSTILE_NAMES = [
    "-oREADME.md", "0\n::error file=README.md,line=1::X\n.md", "a\x1b[31m.md", "é.md", "..md", " .md",
    "a b.csv", "\udcff.md", "CON.txt", "a.MD", "x" * 200 + ".md", ".hidden.md", "draft.tsv", "a.markdown",
    "--fix.md", "a\r.txt", "a\t.csv", "a\u202e.md", "%s%n.md", "$(id).md", "a\x00b.md",
]  # fmt: skip
_RULE_NAMES: list[tuple[str, list[str]]] = []


def _rules() -> list[tuple[str, list[str]]]:
    if not _RULE_NAMES:
        for r in cached_registry((), "."):
            _RULE_NAMES.append((r.info.name, [*r.info.options, "severity", "bogus"]))
    return _RULE_NAMES


def hostile_date(rnd: random.Random) -> str:
    if rnd.random() < 0.6:
        return rnd.choice(EDGE_DATES)
    y = rnd.choice([0, 1, 2, 999, 1000, 1970, 2026, 9998, 9999, 10000])
    text = f"{y:04d}-{rnd.randint(0, 13):02d}-{rnd.randint(0, 32):02d}"
    if rnd.random() < 0.6:
        text += f"T{rnd.randint(0, 25):02d}:{rnd.randint(0, 60):02d}"
        if rnd.random() < 0.5:
            text += rnd.choice(["Z", f"{rnd.choice('+-')}{rnd.randint(0, 24):02d}:{rnd.randint(0, 59):02d}"])
    return text


def hostile_value(rnd: random.Random):
    return rnd.choice(NUMBERS) if rnd.random() < 0.5 else rnd.choice(SHAPES)


def rule_options(rnd: random.Random) -> dict:
    out: dict = {}
    for _ in range(rnd.randint(1, 3)):
        name, keys = rnd.choice(_rules())
        out.setdefault(name, {})[rnd.choice(keys)] = hostile_value(rnd)
    return out


def hostile_front_matter(rnd: random.Random) -> str:
    lines = [f"{rnd.choice(['schedule', 'date', 'published', 'publish_at', 'when'])}: {hostile_date(rnd)}"]
    if rnd.random() < 0.7:
        lines.append(f"platform: {rnd.choice(['x', 'linkedin', 'threads', '[x, mastodon]', 'myspace'])}")
    if rnd.random() < 0.7:
        settings = {"rules": rule_options(rnd)}
        if rnd.random() < 0.2:
            settings["disable"] = rnd.choice([["EL101"], "EL999", [[]], 3])
        lines.append("engagelint: " + yaml.safe_dump(settings, default_flow_style=True, width=10**6).strip())
    return "---\n" + "\n".join(lines) + "\n---\n"


CONFIG_VALUES = {
    "max_file_size": ["1000000000000000000000000", "-1", "0", "'1e99GB'", "inf", "'10MB'"],
    "cache": ["'no'", "1", "true", "false"],
    "[csv]\ndelimiter": ["'ab'", "''", "'\"'", "';'", "'\\n'", "','"],
    "[metadata]\ndate_formats": ["['%Y%Y']", "['%Q']", "['%d/%m/%Y']", "[1]", "['%']"],
    "posting_hours": ["[9, 99]", "[-1, 3]", "'25-3'", "[1]"],
}


def hostile_config(rnd: random.Random) -> str:
    choice = rnd.randrange(8)
    if choice < 3:
        key = rnd.choice(sorted(CONFIG_VALUES))
        return f"{key} = {rnd.choice(CONFIG_VALUES[key])}"
    if choice == 3:
        return f"[[freeze]]\nfrom = {hostile_date(rnd)}\nto = {hostile_date(rnd)}\nreason = 'r'"
    if choice == 4:
        depth = rnd.choice([10, 500, 5000])
        return "select = " + "[" * depth + "]" * depth
    lines = []
    for name, options in rule_options(rnd).items():
        for key, value in options.items():
            lines.append(f"[rules.{name}]\n{key} = {_toml(value)}")
    return "\n".join(lines)


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return {"inf": "inf", "-inf": "-inf", "nan": "nan"}.get(str(value), repr(value))
    if value is None:
        return "''"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value) if isinstance(value, str) else str(value)


def garbage_json(rnd: random.Random, depth: int = 0):
    """JSON-shaped garbage, often shaped like what the cache and Redis hold."""
    pick = rnd.randrange(12 if depth < 3 else 5)
    if pick == 0:
        return rnd.choice(NUMBERS[:-3] + [True, None])
    if pick == 1:
        return rnd.choice(["", "x", "a.md", "EL101", "0" * 64, "\x00", "é"])
    if pick == 2:  # a violation record, one field damaged
        v = ["a.md", 1, 1, 1, 1, "EL101", "n", "noise", 2, "m", None, "t"]
        v[rnd.randrange(12)] = garbage_json(rnd, depth + 1)
        return v
    if pick == 3:  # a fix with an odd edit
        s, e = rnd.choice([(0, 1), (5, 2), (-1, 3), (0, 10**12)])
        return [
            "a.md",
            1,
            1,
            1,
            1,
            "EL101",
            "n",
            "noise",
            2,
            "m",
            ["f", [[s, e, "x", ["a.md", 1, 1, 1, 1]]]],
            "",
        ]
    if pick == 4:  # a Redis record
        return {"fp": rnd.choice(["x", 1, None]), "h": rnd.choice([[1, 2], [-1], ["a"], "abc", [2**40]]),
                "date": rnd.choice(["2026-01-01", hostile_date(rnd), 3, None]), "platform": rnd.choice(["x", 1, None])}  # fmt: skip
    if pick < 8:
        return [garbage_json(rnd, depth + 1) for _ in range(rnd.randint(0, 3))]
    return {rnd.choice(["v", "used", "violations", "posts", "files", "key", "a.md"]): garbage_json(rnd, depth + 1)
            for _ in range(rnd.randint(0, 3))}  # fmt: skip


def check_cache_garbage(rnd: random.Random, folder: Path) -> int:
    """Garbage in every cache entry and in Redis records: misses and None, never an exception."""
    from engagelint.cache import FORMAT, ResultCache, _digest
    from engagelint.duplication.redis_store import _record
    from engagelint.serialize import violation_from_json

    cache = ResultCache(folder, folder, "f" * 64)
    # One damaged entry on disk per call (file writes are the slow part), then in-memory records.
    target = rnd.choice([cache.dir / "runs" / "k.json", cache._files_path(), cache.dir / "stats.json"])
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(garbage_json(rnd)) if rnd.random() < 0.8 else rnd.choice(["[" * 50_000, "{", "\xff"])
    envelope = {"format": FORMAT, "checksum": _digest(payload), "payload": payload}
    target.write_text(json.dumps(envelope) if rnd.random() < 0.9 else payload[:40], encoding="utf-8")
    n = 1
    hit = cache.get_run("k", ["a.md"])
    assert hit is None or all(v.path == "a.md" for v in hit["violations"])
    cache.get_file(rnd.choice(["a.md", "v", "k"]))
    assert all(isinstance(v, list) and len(v) == 4 for v in cache.load_stats().values())
    for _ in range(16):
        data = garbage_json(rnd)
        try:
            violation_from_json(data)
        except ValueError:
            pass
        raw = json.dumps(data).encode() if rnd.random() < 0.8 else bytes(rnd.randrange(256) for _ in range(8))
        rec = _record(raw)
        assert rec is None or isinstance(rec["fp"], str)
        n += 2
    return n


def check_front_matter(linter: Linter, text: str) -> None:
    """Front matter with hostile dates and per-file options: problems, never an exception."""
    parsed = parse_source("fm.md", text + "Hello there, our shop opens at nine.\n", linter.config.sources)
    problems = list(parsed.problems)
    linter.file_overrides(parsed.posts[0] if parsed.posts else None, linter.active, problems)
    for p in problems:
        assert "\n" not in p.message, p.message


def check_config(text: str) -> None:
    try:
        Linter(config_from_toml(text))
    except ConfigError as exc:
        assert "\n" not in str(exc).strip(), str(exc)


def render(violations, name: str) -> None:
    """Every output format accepts whatever the linter found under a hostile name."""
    from dataclasses import replace

    summary = Summary(files=1, posts=1, violations=len(violations), by_severity={})
    for fmt in ("text", "github", "json", "sarif", "junit"):
        # As the CLI does it: paths are made printable (undecodable bytes, control characters) first.
        formatter = get_formatter(fmt, FormatOptions(paths=(display_path(name),)))
        formatter.start()
        for v in violations:
            formatter.handle(replace(v, path=display_path(v.path), message=display_path(v.message)))
        formatter.finish(summary).encode("utf-8")


@st.composite
def hostile_repos(draw):
    """A few drafts (hostile names, front matter with per-file options and edge dates, CSV dates) and a seed."""
    rnd = draw(st.randoms(use_true_random=False))
    files = []
    for _ in range(draw(st.integers(1, 3))):
        name, data = draw(drafts())
        kind = name.rsplit(".", 1)[1]
        text = data.decode("utf-8", "surrogatepass").lstrip("\ufeff")
        if kind == "csv":
            lines = text.split("\n")
            for i in range(1, len(lines)):
                if lines[i].startswith("2026-"):
                    lines[i] = hostile_date(rnd).replace(",", ";") + lines[i][16:]
            text = "\n".join(lines)
        elif rnd.random() < 0.8:
            body = text.split("---\n", 2)[-1] if text.startswith("---") else text
            text = hostile_front_matter(rnd) + body
        stem = rnd.choice(HOSTILE_NAMES).rsplit(".", 1)[0] if rnd.random() < 0.5 else "draft"
        files.append((f"{stem}.{kind}", text.encode("utf-8", "surrogatepass")))
    return files, rnd


def check_hostile_repo(
    files, rnd: random.Random, folder: Path, config_text: str, counts: Counter | None = None
) -> int:
    """Lint each draft and feed its cheap companions to the readers; returns the inputs exercised."""
    counts = Counter() if counts is None else counts
    before = sum(counts.values())
    cfg = config_from_toml(config_text)
    linter = Linter(cfg)
    for name, data in files:
        result = lint_bytes(data, path=name, config=cfg)
        internal = [v for v in result.violations if v.name == "internal-error"]
        assert not internal, internal[0].message
        check_spans(data, result.violations)
        render(result.violations, name)
        counts["posts linted, spans checked (hostile names, per-file options, edge dates)"] += max(
            result.posts, 1
        )
    for _ in range(16):
        check_front_matter(linter, hostile_front_matter(rnd))
    counts["front matter blocks (edge dates, per-file options)"] += 16
    for _ in range(10):
        check_config(hostile_config(rnd))
    counts["configs (bad values)"] += 10
    counts["cache entries and Redis records"] += check_cache_garbage(rnd, folder)
    return sum(counts.values()) - before


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(hostile_repos(), CONFIGS)
def test_fuzz_hostile_quick(repo, config_text):
    import tempfile

    files, rnd = repo
    with tempfile.TemporaryDirectory() as folder:
        check_hostile_repo(files, rnd, Path(folder), config_text)


FUZZ_EXAMPLES = int(os.environ.get("ENGAGELINT_FUZZ_EXAMPLES", "2000"))
TARGET_INPUTS = 100_000


def _disk_name(name: str, i: int) -> str:
    safe = name.replace("/", "_").replace("\x00", "_")
    return f"{i:05d}-{safe}"[:200] if not safe.startswith("-") else f"{i:05d}{safe}"[:200]


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "ENGAGELINT_CACHE_DIR": str(root.parent / "cache")}
    return subprocess.run([sys.executable, "-m", "engagelint", "--no-color", *args], cwd=root, env=env,
                          capture_output=True, timeout=900)  # fmt: skip


@pytest.mark.fuzz
@pytest.mark.slow
def test_fuzz_full_profile(capsys, tmp_path):
    counts: Counter = Counter()
    examples = 0
    repo = tmp_path / "repo"
    (repo / "drafts").mkdir(parents=True)
    started = time.monotonic()

    # A fixed seed in CI (derandomize): a random failure must be reproducible by whoever reads the log;
    # run it with ENGAGELINT_FUZZ_RANDOM=1 to explore new inputs.
    @settings(
        max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None,
        derandomize=not os.environ.get("ENGAGELINT_FUZZ_RANDOM"),
    )
    @given(drafts(), CONFIGS, hostile_repos())
    def prop(draft, config_text, hostile):
        nonlocal examples
        examples += 1
        if examples % 2 == 0:  # the original properties (spans, fixes, determinism)
            check_properties(*draft, config_text)
            counts["drafts checked for spans, fixes and determinism"] += 1
        files, rnd = hostile
        check_hostile_repo(files, rnd, tmp_path, config_text, counts)
        if examples % 10 == 0:  # kept for the end-to-end CLI runs below
            name, data = files[0]
            (repo / "drafts" / _disk_name(name, examples)).write_bytes(data)

    prop()
    # End to end: the CLI over every kept draft (hostile names), with --fix, and with bad configs.
    exits = []
    runs = [
        ["drafts"],
        ["--format", "github", "drafts"],
        ["--format", "junit", "drafts"],
        ["--fix", "drafts"],
    ]
    rnd = random.Random(13)
    for i in range(24):
        if i >= len(runs):
            (repo / "engagelint.toml").write_text(hostile_config(rnd), encoding="utf-8")
        proc = _cli(repo, *(runs[i] if i < len(runs) else ["drafts"]))
        assert b"Traceback" not in proc.stderr, proc.stderr.decode(errors="replace")[-2000:]
        exits.append(proc.returncode)
    assert set(exits) <= {0, 1, 2}, exits
    kept = len(list((repo / "drafts").iterdir()))
    counts["drafts linted by the CLI (24 runs)"] += kept * len(exits)
    elapsed = time.monotonic() - started
    total = sum(counts.values())
    with capsys.disabled():
        print(f"\nfuzz profile: {examples} examples, {total} inputs in {elapsed:.0f} s, no traceback, "
              f"CLI exits {sorted(set(exits))}")  # fmt: skip
        for kind, n in counts.most_common():
            print(f"  {n:>7}  {kind}")
    assert examples >= FUZZ_EXAMPLES * 0.9
    if FUZZ_EXAMPLES >= 2000:
        assert total >= TARGET_INPUTS
