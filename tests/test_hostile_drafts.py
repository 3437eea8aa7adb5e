"""One bad draft, option or config value never crashes the run (issue 13).

A draft's problem is a finding on that file and the other files are still linted; a config problem
is one line and exit 2; a rule that raises is one EL000 internal-error finding naming it, and the
run goes on; engagelint's own failure exits 3, Ctrl-C exits 130, both with one line.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from engagelint.cli import cli

CLEAN = "---\nplatform: x\nlang: en\n---\nOur new recycling guide is online: three steps to sort packaging at home.\n"
BODY = "Our new recycling guide is online: three steps to sort packaging at home u know!!!\n"


def run(root: Path, *args: str):
    old = os.getcwd()
    os.chdir(root)
    try:
        return CliRunner().invoke(cli, ["--no-cache", "--no-color", *args], catch_exceptions=False)
    finally:
        os.chdir(old)


def _repo(tmp_path: Path, bad_name: str, bad: str | bytes, config: str = "") -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "engagelint.toml").write_text(config)
    (root / "a-clean.md").write_text(CLEAN + "u know!!!\n")
    target = root / bad_name
    target.write_bytes(bad if isinstance(bad, bytes) else bad.encode())
    return root


def _codes_for(output: str, name: str) -> list[str]:
    return [line.split()[1] for line in output.splitlines() if line.startswith(name + ":")]


FRONT_MATTER = [
    ("date: 2026-02-30", "EL002", "cannot read '2026-02-30' in 'date'"),
    ("schedule: 2025-13-01", "EL002", "cannot read '2025-13-01' in 'schedule'"),
    ("published: 2025-13-01", None, None),  # not a schedule key: kept as text, nothing to say
    ("schedule: 9999-12-31T23:59:59-23:59", "EL002", "outside the years 0002 to 9998"),
    ("schedule: 0001-01-01T00:00+23:59", "EL002", "outside the years 0002 to 9998"),
    ("schedule: 0001-01-01", "EL002", "outside the years 0002 to 9998"),
]


@pytest.mark.parametrize("line,code,message", FRONT_MATTER, ids=[c[0] for c in FRONT_MATTER])
def test_front_matter_dates_yaml_rejects_are_findings(tmp_path: Path, line, code, message):
    root = _repo(tmp_path, "b-bad.md", f"---\n{line}\nplatform: x\n---\n{BODY}")
    result = run(root, ".")
    assert result.exit_code == 1, result.output
    assert "EL103" in _codes_for(result.output, "a-clean.md")  # the other file was linted
    assert "EL103" in _codes_for(result.output, "b-bad.md")  # and so was the rest of this one
    if code:
        assert [ln for ln in result.output.splitlines() if code in ln and message in ln], result.output


def test_extreme_dates_in_a_csv_are_findings(tmp_path: Path):
    csv = (
        "date,platform,text\n"
        f"0001-01-01T00:00+23:59,x,{BODY.strip()}\n"
        f"9999-12-31T23:59:59-23:59,x,{BODY.strip()}\n"
        f"2026-02-30,x,{BODY.strip()}\n"
    )
    root = _repo(tmp_path, "b-export.csv", csv)
    result = run(root, ".")
    assert result.exit_code == 1, result.output
    codes = _codes_for(result.output, "b-export.csv")
    assert codes.count("EL002") == 3 and codes.count("EL103") == 3, result.output
    assert "EL103" in _codes_for(result.output, "a-clean.md")


OPTIONS = [
    ("platform-link-limit", "{limits: {x: -1}}", "limits: expected a number from 0"),
    ("hashtag-stuffing", "{default: -1}", "default: expected a number from 0"),
    ("mention-spam", "{max: -1}", "max: expected a number from 0"),
    ("emoji-wall", "{max_run: -1}", "max_run: expected a number from 0"),
    ("link-dump", "{max: -3}", "max: expected a number from 0"),
    ("hashtag-heavy", "{min_words: .inf}", "min_words: expected a finite number, got inf"),
    ("hashtag-heavy", "{min_words: .nan}", "min_words: expected a finite number, got nan"),
    ("self-promotion-ratio", "{max_ratio: .inf}", "max_ratio: expected a finite number"),
    ("self-promotion-ratio", "{max_ratio: 2.0}", "max_ratio: expected a number from 0 to 1"),
    ("scheduled-in-past", "{grace_minutes: 10000000000}", "grace_minutes: expected a number from 0 to"),
    ("template-placeholder", "{disable_patterns: [[]]}", "disable_patterns: expected a list of strings"),
    ("outside-posting-hours", "{hours: [9, 99]}", "hours: expected a number from 0 to 24"),
    ("outside-posting-hours", "{hours: [a, b]}", "hours: expected a list of whole numbers"),
    ("platform-length", "{limits: {x: abc}}", "limits: x: expected whole numbers"),
    ("hard-to-read", "{min_score: {en: .inf}}", "min_score: expected a finite number"),
    ("near-duplicate-post", "{threshold: .nan}", "threshold: expected a finite number"),
]


@pytest.mark.parametrize("rule,options,message", OPTIONS, ids=[f"{r}-{o}" for r, o, _ in OPTIONS])
def test_out_of_range_rule_options_in_front_matter_are_a_finding_on_that_file(
    tmp_path: Path, rule, options, message
):
    draft = (
        f"---\nplatform: x\nschedule: 2020-01-01\nengagelint: {{rules: {{{rule}: {options}}}}}\n---\n{BODY}"
    )
    root = _repo(tmp_path, "b-bad.md", draft)
    result = run(root, "--extend-select", rule, ".")
    assert result.exit_code == 1, result.output
    lines = [ln for ln in result.output.splitlines() if ln.startswith("b-bad.md:") and " EL002 " in ln]
    assert len(lines) == 1 and message in lines[0], result.output
    assert "EL103" in _codes_for(result.output, "a-clean.md")
    assert "EL103" in _codes_for(result.output, "b-bad.md")


def _toml_options(options: str) -> str:
    return (
        options.replace(".inf", "inf").replace(".nan", "nan").replace(": ", " = ").replace("[a, b]", "['a', 'b']")
        .replace("abc", "'abc'")
    )  # fmt: skip


@pytest.mark.parametrize("rule,options,message", OPTIONS, ids=[f"{r}-{o}" for r, o, _ in OPTIONS])
def test_out_of_range_rule_options_in_the_config_are_one_line_exit_2(tmp_path: Path, rule, options, message):
    config = f"[rules]\n{rule} = {_toml_options(options)}\n"
    root = _repo(tmp_path, "b.md", CLEAN, config)
    result = run(root, ".")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("engagelint: error: ") and message in lines[0], lines


CONFIGS = [
    ("max_file_size = 1000000000000000000000000", "max_file_size: at most 1GB"),
    ("select = " + "[" * 5000 + "]" * 5000, "nested too deeply"),
    ("[[freeze]]\nfrom = 2026-01-05\nto = 2026-01-01T00:00:00+02:00", "freeze[0]: 'to' is before 'from'"),
    (
        "[[freeze]]\nfrom = 9999-12-31T23:00:00-23:00\nto = 9999-12-31",
        "freeze[0]: 'from' and 'to' must be dates",
    ),
    ("[metadata]\ndate_formats = ['%Y%Y']", "metadata.date_formats[0]: '%Y%Y' is not a date format"),
    ("cache = 'no'", "cache: expected true or false"),
    ("[rules.near-duplicate-post]\nthreshold = inf", "threshold: expected a finite number"),
    ("[csv]\ndelimiter = 'ab'", "csv.delimiter: expected one character"),
]


@pytest.mark.parametrize("config,message", CONFIGS, ids=[c[1][:30] for c in CONFIGS])
def test_bad_config_values_are_one_line_exit_2(tmp_path: Path, config, message):
    root = _repo(tmp_path, "b.md", CLEAN, config)
    result = run(root, ".")
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("engagelint: error: ") and message in lines[0], lines


def test_a_freeze_window_mixing_naive_and_zoned_bounds_is_accepted(tmp_path: Path):
    config = "[[freeze]]\nfrom = 2026-01-01\nto = 2026-01-05T00:00:00+02:00\nreason = 'strike'\n"
    draft = f"---\nplatform: x\nschedule: 2026-01-03T10:00\n---\n{BODY}"
    root = _repo(tmp_path, "b.md", draft, config)
    result = run(root, ".")
    assert result.exit_code == 1
    assert [
        ln for ln in result.output.splitlines() if ln.startswith("b.md:") and "EL403" in ln and "strike" in ln
    ]


# -- rules that raise -------------------------------------------------------------------------------

PLUGIN = """
from engagelint.models import Finding, Severity
from engagelint.rules.base import Example, Rule, RuleInfo


def _info(code, name, scope):
    return RuleInfo(code=code, name=name, category="noise", severity=Severity.WARNING, scope=scope,
                    summary="A rule with a bug.", rationale="Used to check that one broken rule costs nothing else.")


class PostBug(Rule):
    info = _info("BUG101", "post-bug", "post")

    def check(self, ctx):
        if "crash" in ctx.text:
            raise ValueError("list index out of range \\x1b[31m")
        yield Finding(0, 1, "first letter")


class CorpusBug(Rule):
    info = _info("BUG102", "corpus-bug", "corpus")

    def observe(self, ctx):
        pass

    def finish(self):
        raise ZeroDivisionError("division by zero")


class ResetBug(Rule):
    info = _info("BUG103", "reset-bug", "corpus")

    def reset(self):
        import os
        if os.environ.get("BUG_RESET"):
            raise RuntimeError("state lost")

    def finish(self):
        return []


RULES = [PostBug, CorpusBug, ResetBug]
"""


@pytest.fixture
def plugin_env(tmp_path: Path) -> dict[str, str]:
    """An installed plugin (engagelint.rules entry point) with deliberately broken rules."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "bugplug.py").write_text(PLUGIN)
    dist = site / "bugplug-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: bugplug\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[engagelint.rules]\nbugs = bugplug:RULES\n")
    path = os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])
    return {**os.environ, "PYTHONPATH": path, "ENGAGELINT_CACHE_DIR": str(tmp_path / "cache")}


def _el(root: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "engagelint", "--no-color", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )


def test_a_rule_that_raises_is_one_finding_and_the_run_goes_on(tmp_path: Path, plugin_env):
    root = _repo(tmp_path, "b-crash.md", f"---\nplatform: x\n---\ncrash {BODY}\n---\ncrash again {BODY}")
    proc = _el(root, plugin_env, "--select", "BUG101,BUG102,EL103", ".")
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1
    out = proc.stdout.splitlines()
    internal = [ln for ln in out if "EL000" in ln]
    # One per failing rule and file: the post rule on b-crash.md, the corpus rule on the run.
    assert len(internal) == 2, proc.stdout
    post = next(ln for ln in internal if "BUG101" in ln)
    assert post.startswith("b-crash.md:4:1: EL000 [error] engagelint failed while checking this post with "
                           "BUG101 post-bug from plugin:bugs (ValueError: list index out of range ?[31m)")  # fmt: skip
    assert post.endswith("This is a bug in the plugin 'bugs': please report it (internal-error)")
    assert any("BUG102 corpus-bug" in ln and "ZeroDivisionError" in ln for ln in internal)
    assert "BUG101" in _codes_for(proc.stdout, "a-clean.md")  # the rule still ran on the other file
    assert _codes_for(proc.stdout, "b-crash.md").count("EL103") == 2  # other rules ran on this one


def test_an_internal_error_of_the_run_exits_3_with_one_line(tmp_path: Path, plugin_env):
    root = _repo(tmp_path, "b.md", CLEAN)
    proc = _el(root, {**plugin_env, "BUG_RESET": "1"}, ".")
    assert proc.returncode == 3, proc
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("engagelint: internal error: RuntimeError: state lost"), (
        lines
    )


def test_exit_zero_is_kept_when_a_rule_fails(tmp_path: Path, plugin_env):
    root = _repo(tmp_path, "b-crash.md", f"crash {BODY}")
    proc = _el(root, plugin_env, "--exit-zero", ".")
    assert proc.returncode == 0 and "EL000" in proc.stdout


@pytest.mark.slow
def test_ctrl_c_exits_130_with_one_line(tmp_path: Path):
    root = tmp_path / "repo"
    (root / "drafts").mkdir(parents=True)
    for i in range(3000):
        (root / "drafts" / f"{i:04d}.md").write_text(f"Post {i}: {BODY}")
    env = {**os.environ, "ENGAGELINT_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "engagelint", "-j", "2", "drafts"], cwd=root, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    # Wait until it is past start-up (a second of CPU time: imports, config, linting started).
    stat_file = Path(f"/proc/{proc.pid}/stat")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        fields = stat_file.read_text().rsplit(")", 1)[1].split()
        if (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK") >= 1.0:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.splitlines() == ["engagelint: interrupted"], err


def test_an_undecodable_file_name_does_not_break_the_junit_report(tmp_path: Path):
    root = tmp_path / "repo"
    root.mkdir()
    name = os.fsencode(str(root)) + b"/caf\xe9.md"  # Latin-1 bytes: not UTF-8
    with open(name, "wb") as fh:
        fh.write(BODY.encode())
    proc = subprocess.run(
        [sys.executable, "-m", "engagelint", "--no-cache", "--format", "junit", "."], cwd=root,
        capture_output=True,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    import xml.etree.ElementTree as ET

    suite = ET.fromstring(proc.stdout)
    assert "caf\ufffd.md" in proc.stdout.decode() and suite is not None


def test_a_message_quoting_an_undecodable_file_name_is_printed(tmp_path: Path):
    """EL702 names the other copy's path: a name that is not UTF-8 must not break the output."""
    root = tmp_path / "repo"
    root.mkdir()
    text = "Join our free repair workshop every first Saturday of the month at the Lille store.\n"
    with open(os.fsencode(str(root)) + b"/caf\xe9.md", "wb") as fh:
        fh.write(text.encode())
    (root / "copy.md").write_text(text)
    for fmt in ("text", "github", "junit"):
        proc = subprocess.run(
            [sys.executable, "-m", "engagelint", "--no-cache", "--format", fmt, "."], cwd=root,
            capture_output=True,
        )  # fmt: skip
        assert proc.returncode == 1 and b"Traceback" not in proc.stderr, proc.stderr
        assert "caf\ufffd.md" in proc.stdout.decode()


@pytest.mark.parametrize("depth", [20, 60])
def test_markdown_nested_deeper_than_the_parser_goes_is_still_linted(depth):
    """markdown-it stops nesting at 20 levels and dropped the text: a profane post got "All clear"."""
    line = ">" * depth + " This is fucking great news for everyone here."
    from engagelint.api import lint_text

    result = lint_text(f"---\nplatform: linkedin\n---\n{line}\n", path="deep.md", select=["EL105"])
    (v,) = result.violations
    assert (v.line, v.column, v.text) == (4, depth + 10, "fucking")
    assert result.posts == 1


def test_a_rule_that_raises_is_reported_in_french_too(tmp_path: Path, plugin_env):
    root = _repo(tmp_path, "b-crash.md", f"---\nplatform: x\n---\ncrash {BODY}")
    proc = _el(root, plugin_env, "--messages", "fr", "--select", "BUG101,BUG102", ".")
    internal = [ln for ln in proc.stdout.splitlines() if "EL000" in ln]
    assert len(internal) == 2, proc.stdout
    post = next(ln for ln in internal if "BUG101" in ln)
    assert post.startswith("b-crash.md:4:1: EL000 [error] engagelint a échoué pendant la vérification de cette "
                           "publication par BUG101 post-bug from plugin:bugs (ValueError: ")  # fmt: skip
    assert post.endswith("; cette vérification manque pour ce fichier. Bogue dans l’extension 'bugs' : merci de le "
                         "signaler (internal-error)")  # fmt: skip
    corpus = next(ln for ln in internal if "BUG102" in ln)
    assert "la comparaison des brouillons par BUG102" in corpus and "pour tous les fichiers" in corpus, corpus
