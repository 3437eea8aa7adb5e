"""``engagelint audit`` with the local engine: the findings of a lint, for files and records alike."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from engagelint import lint_records
from engagelint.cli import cli

NOW = "2026-12-01T12:00"
WORKSHOP = "Our spring workshop on bike repair opens on Saturday in Lille, book your seat now"
# ../shared next to the repository (or next to the folder of its git worktrees)
CONTENT_REPOS = next(
    (p / "shared" / "data" / "content-repos" for p in Path(__file__).resolve().parents[2:4]
     if (p / "shared" / "data" / "content-repos").is_dir()),
    Path("../shared/data/content-repos"),
)  # fmt: skip

RECORDS = [
    {"id": "a", "text": WORKSHOP, "platform": "twitter", "schedule": "2030-05-12T09:00"},
    {"id": "b", "text": WORKSHOP + " #cycling", "platform": "x", "schedule": "2030-05-12T10:00"},
    {"id": "c", "text": WORKSHOP.upper(), "platform": "x"},
    {"id": "d", "text": "Hi {first_name}, our Lille workshop opens on Saturday!", "platform": "linkedin"},
    {"id": "e", "text": "We just opened our second workshop in Lille. Come and see how we repair bikes!",
     "platform": ["x", "linkedin", "instagram"]},  # fmt: skip
    {"id": "f", "text": "Spring sale: buy now and get 20% off with promo code SPRING20!"},
] + [
    {"id": f"l{i}", "text": f"Lesson {i} from our pilot with the city of Nantes, in one short thread",
     "platform": "linkedin", "schedule": f"2030-05-13T1{i}:00"}
    for i in range(4)
]  # fmt: skip


def audit(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["audit", *args, "--now", NOW])
    return result.exit_code, result.stdout, result.stderr


def check(*args: str) -> dict:
    result = CliRunner().invoke(
        cli, ["check", *args, "--format", "json", "--no-cache", "--now", NOW, "-j", "1"]
    )
    return json.loads(result.stdout)


@pytest.fixture
def archive(tmp_path) -> Path:
    path = tmp_path / "archive.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    return path


def test_records_get_the_findings_of_lint_records_whatever_the_partitions(archive):
    expected = [v.to_dict() for v in lint_records(RECORDS, now=NOW).violations]
    codes = {v["code"] for v in expected}
    assert {"EL401", "EL406", "EL407", "EL701", "EL702"} <= codes  # the fixture exercises the corpus rules
    for size in ("4", "0.0003"):  # one partition; a few records per partition
        code, out, _err = audit(str(archive), "--format", "json", "--partition-mb", size, "-j", "1")
        doc = json.loads(out)
        assert code == 1
        assert doc["violations"] == expected
        assert doc["summary"]["posts"] == len(RECORDS)


def test_drafts_and_csv_exports_get_the_findings_of_a_lint(tmp_path):
    drafts = tmp_path / "drafts"
    (drafts / "x").mkdir(parents=True)
    (drafts / "x" / "one.md").write_text(f"---\nplatform: x\n---\n{WORKSHOP}\n", encoding="utf-8")
    (drafts / "x" / "two.md").write_text(
        f"---\nplatform: x\n---\n<!-- engagelint-disable EL106 -->\n{WORKSHOP.upper()}\n---\nSecond part lol!!\n",
        encoding="utf-8",
    )
    (drafts / "queue.csv").write_text(
        f'text,platform,date\n"{WORKSHOP}",twitter,2030-05-12 09:00\n"Hello [NAME]!!",linkedin,2030-05-12 09:00\n',
        encoding="utf-8",
    )
    expected = check(str(drafts))["violations"]
    assert {"EL701", "EL401"} <= {v["code"] for v in expected}
    code, out, _err = audit(str(drafts), "--format", "json", "-j", "1")
    assert json.loads(out)["violations"] == expected


@pytest.mark.slow
def test_real_draft_repositories_get_the_findings_of_a_lint():
    if not CONTENT_REPOS.is_dir():
        pytest.skip(f"content repositories not found at {CONTENT_REPOS}")
    expected = check(str(CONTENT_REPOS))["violations"]
    code, out, _err = audit(str(CONTENT_REPOS), "--format", "json", "-j", "2")
    assert len(expected) > 100
    assert json.loads(out)["violations"] == expected


def test_parquet_archives_and_row_outputs(tmp_path, archive):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    source = tmp_path / "archive.parquet"
    rows = [{**r, "platform": ", ".join(r["platform"]) if isinstance(r.get("platform"), list) else r.get("platform")}
            for r in RECORDS]  # fmt: skip
    pq.write_table(pa.Table.from_pylist(rows), source, row_group_size=3)
    _code, out, _err = audit(str(archive), "--format", "json", "-j", "1")
    expected = json.loads(out)["violations"]

    code, _out, err = audit(str(source), "-o", str(tmp_path / "findings.parquet"), "--partition-rows", "3")
    assert code == 1 and "Wrote" in err
    table = pq.read_table(tmp_path / "findings.parquet").to_pylist()
    assert [{k: v for k, v in row.items() if k != "fix"} for row in table] == [
        {k: v for k, v in f.items() if k != "fix"} for f in expected
    ]
    audit(str(archive), "-o", str(tmp_path / "findings.jsonl"))
    lines = (tmp_path / "findings.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == expected


def test_html_report_shows_flagged_records(tmp_path, archive):
    report = tmp_path / "report.html"
    code, _out, err = audit(str(archive), "--report", str(report), "-o", str(tmp_path / "f.jsonl"))
    html = report.read_text(encoding="utf-8")
    assert code == 1 and "Wrote" in err
    assert "{first_name}" in html  # the flagged record's text is shown
    assert "linkedin" in html  # the platform chart counts the records' own platforms


def test_bad_records_are_one_line_each_and_the_rest_is_audited(tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text(
        json.dumps({"id": "ok", "text": "Hello [NAME]!"}) + "\n{not json\n" + json.dumps(["a list"]) + "\n",
        encoding="utf-8",
    )
    code, out, err = audit(str(path), "--format", "json")
    assert code == 2
    assert "EL401" in [v["code"] for v in json.loads(out)["violations"] if v["path"] == "ok"]
    lines = [line for line in err.splitlines() if "broken.jsonl" in line]
    assert len(lines) == 2 and "not valid JSON" in lines[0] and "expected a JSON object" in lines[1]


def test_usage_errors_exit_2(archive, tmp_path):
    assert audit(str(archive), "-o", str(tmp_path / "out.csv"))[0] == 2
    assert audit(str(archive), "--scheduler", "tcp://127.0.0.1:1")[0] == 2  # needs --engine dask
    code, _out, err = audit(str(archive), "--select", "EL9999")
    assert code == 2 and "EL9999" in err


def _readme_block(heading: str, lang: str, contains: str) -> str:
    import re

    text = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(rf"```{lang}\n(.*?)```", section, re.S)
    return next(b for b in blocks if contains in b)


def test_readme_library_snippet_runs(capsys):
    exec(_readme_block("Library API", "python", "lint_records"), {})
    out = capsys.readouterr().out
    assert "crm-42 1 4 EL401" in out and "crm-43 1 1 EL70" in out


def test_readme_laptop_audit_snippet_runs(tmp_path):
    import os
    import subprocess

    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    run = subprocess.run(["bash", "-e", "-c", _readme_block("Auditing a whole archive", "sh", "archive.jsonl")],
                         cwd=tmp_path, env=env, capture_output=True, text=True)  # fmt: skip
    assert run.returncode == 1, run.stderr  # findings were found
    rows = [json.loads(line) for line in (tmp_path / "findings.jsonl").read_text().splitlines()]
    assert {"p1", "p3"} <= {r["path"] for r in rows}
    assert (tmp_path / "report.html").read_text().count("{first_name}") >= 1


def test_progress_draws_on_a_terminal_only(archive):
    import os
    import subprocess

    from terminal import run_in_terminal

    cmd = [sys.executable, "-m", "engagelint", "audit", str(archive), "--partition-mb", "0.0003", "-j", "1",
           "--now", NOW, "-o", str(archive.with_suffix(".out.jsonl"))]  # fmt: skip
    _code, _out, seen = run_in_terminal(cmd, archive.parent, {**os.environ, "TERM": "xterm"},
                                        stdout_on_terminal=True)  # fmt: skip
    assert "auditing" in seen and "partitions" in seen
    piped = subprocess.run(cmd, capture_output=True)
    assert b"auditing" not in piped.stderr


def test_findings_files_read_back_every_finding_as_written(tmp_path):
    # Workers write findings as a stream of pickles the driver merges: each must come back intact,
    # whatever objects (codes, names, severities) findings share.
    from engagelint.audit.findings import Findings
    from engagelint.engines.local import write_sorted
    from engagelint.models import Violation

    fixable = [
        {"id": f"fx{i}", "text": "Slt tout le monde !!! On se voit samedi ??", "lang": "fr"} for i in range(3)
    ]
    found = list(lint_records(RECORDS + fixable, now=NOW).violations)
    assert sum(1 for v in found if v.fix is not None) >= 3
    half = len(found) // 2
    parts = [write_sorted(found[:half], Violation.sort_key, str(tmp_path / "a")),
             write_sorted(found[half:], Violation.sort_key, str(tmp_path / "b"))]  # fmt: skip
    merged = Findings(None, parts)
    assert len(merged) == len(found)
    assert [v.to_dict() for v in merged] == [v.to_dict() for v in sorted(found, key=Violation.sort_key)]


def test_templated_posts_are_each_flagged_with_bounded_pairs(tmp_path):
    """300 posts that differ by one word share every MinHash bucket: each later one is still a
    near-duplicate of an earlier one, and the candidate pairs stay within 32 per post and band
    (they were 300 x 299 / 2 per band before the cap)."""
    from engagelint.api import _config, at_time
    from engagelint.audit import run_audit
    from engagelint.engines import get_engine

    words = [f"w{i:03d}" for i in range(300)]
    path = tmp_path / "tips.jsonl"
    path.write_text("".join(
        json.dumps({"id": f"t{i}", "platform": "linkedin", "schedule": f"2031-0{1 + i % 9}-0{1 + i % 9}T10:00",
                    "text": f"Our tip {w} for a greener office this spring: switch off the screens at night"}) + "\n"
        for i, w in enumerate(words)
    ))  # fmt: skip
    with get_engine("local", jobs=1, measure=True) as engine:
        result = run_audit([str(path)], config=at_time(_config(None), NOW), engine=engine, select=["EL702"])
        flagged = sorted(v.path for v in result.violations if v.code == "EL702")
        pairs = engine.stats.shuffle_rows["pairs"]
    assert flagged == sorted(f"t{i}" for i in range(1, 300))
    assert pairs <= 300 * 32 * 16  # posts x cap x bands
