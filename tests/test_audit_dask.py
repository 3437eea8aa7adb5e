"""``audit --engine dask`` on a real ``distributed.LocalCluster`` (2 worker processes, loopback only)
gives exactly the findings of ``--engine local``: on a small fixture, and on an archive of 50k real
posts (../shared/data/perf-corpus) with injected duplicates, placeholders and cadence bursts."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from engagelint.cli import cli

distributed = pytest.importorskip("distributed")
BENCH = Path(__file__).resolve().parents[1] / "bench"
NOW = "2026-12-01T12:00"


def _scale_data():
    spec = importlib.util.spec_from_file_location("bench_scale_data", BENCH / "scale_data.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


scale_data = _scale_data()


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0"
    ) as cluster:
        assert all(w.startswith("tcp://127.0.0.1:") for w in cluster.scheduler_info["workers"])
        yield cluster.scheduler_address


def audit(*args: str) -> dict:
    result = CliRunner().invoke(cli, ["audit", *args, "--format", "json", "--now", NOW, "--exit-zero"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_dask_and_local_agree_on_a_small_archive(tmp_path, scheduler):
    records = [
        {"id": "a", "text": "Our spring workshop on bike repair opens on Saturday in Lille, book now", "platform": "x"},
        {"id": "b", "text": "Our spring workshop on bike repair opens on Saturday in Lille, book now #bikes",
         "platform": "x"},
        {"id": "c", "text": "Hi {first_name}, the workshop opens on Saturday!", "platform": "linkedin"},
    ] + [{"id": f"l{i}", "text": f"Lesson {i} of our pilot with the city of Nantes, in short",
          "platform": "linkedin", "schedule": f"2030-05-13T1{i}:00"} for i in range(4)]  # fmt: skip
    path = scale_data.write_jsonl(records, tmp_path / "small.jsonl")
    local = audit(str(path), "--partition-mb", "0.0002", "-j", "1")
    dask = audit(str(path), "--partition-mb", "0.0002", "--engine", "dask", "--scheduler", scheduler)
    assert {"EL401", "EL406", "EL702"} <= {v["code"] for v in local["violations"]}
    assert dask == local


@pytest.mark.slow
def test_dask_and_local_agree_on_50k_real_posts(tmp_path, scheduler):
    data = scale_data.corpus_dir()
    if data is None:
        pytest.skip("../shared/data/perf-corpus not found (real posts for this test)")
    path = scale_data.write_jsonl(scale_data.archive_records(50_000, data), tmp_path / "archive.jsonl")
    local = audit(str(path), "-j", "2")
    dask = audit(str(path), "--engine", "dask", "--scheduler", scheduler)
    assert local["summary"]["posts"] == 50_000
    codes = Counter(v["code"] for v in local["violations"])
    # the injected faults are found: copies, near copies, placeholders, bursts, one text everywhere
    assert codes["EL701"] >= 90 and codes["EL702"] >= 90 and codes["EL401"] >= 90
    assert codes["EL406"] >= 100 and codes["EL407"] >= 15
    assert dask["violations"] == local["violations"]
    assert dask["summary"] == local["summary"]


def test_a_local_cluster_with_a_small_memory_limit_gives_the_same_findings(tmp_path):
    """``--worker-memory`` sets each LocalCluster worker's limit (spilling past 60 % of it); the
    findings do not depend on it."""
    records = scale_data.archive_records(3_000, scale_data.corpus_dir()) if scale_data.corpus_dir() else None
    if records is None:
        pytest.skip("../shared/data/perf-corpus not found (real posts for this test)")
    path = scale_data.write_jsonl(records, tmp_path / "archive.jsonl")
    local = audit(str(path), "-j", "1")
    dask = audit(str(path), "--engine", "dask", "-j", "2", "--worker-memory", "1GiB")
    assert local["summary"]["posts"] == 3_000
    assert dask == local


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--worker-memory", "1GiB"], "--worker-memory is for the LocalCluster of --engine dask"),
        (
            ["--engine", "dask", "--worker-memory", "lots"],
            "cannot start the Dask workers: Could not interpret 'lots'",
        ),
    ],
)
def test_a_bad_worker_memory_is_one_usage_error(tmp_path, args, said):
    path = scale_data.write_jsonl([{"id": "a", "text": "Our workshop opens on Saturday", "platform": "x"}],
                                  tmp_path / "one.jsonl")  # fmt: skip
    result = CliRunner().invoke(cli, ["audit", str(path), "--now", NOW, *args])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1  # one clear line
    assert result.stderr.startswith("engagelint: error: ") and said in result.stderr


def _readme_blocks() -> list[str]:
    import re

    text = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = text.split("## Auditing a whole archive\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)```", section, re.S)


def test_readme_dask_snippets_run(tmp_path):
    """The README's laptop archive, then its two Dask commands as written: a scheduler and workers
    started by hand (stopped after), and a LocalCluster with a memory limit."""
    import os
    import subprocess

    laptop, cluster, local_cluster = (next(b for b in _readme_blocks() if word in b)
                                      for word in ("printf", "dask scheduler", "--worker-memory"))  # fmt: skip
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for block in (laptop, f"trap 'kill $(jobs -p) 2>/dev/null; wait' EXIT\n{cluster}", local_cluster):
        run = subprocess.run(["bash", "-c", block], cwd=tmp_path, env=env, capture_output=True, text=True,
                             timeout=300)  # fmt: skip
        assert run.returncode == 1, run.stderr  # findings were found
    import pyarrow.parquet as pq

    from_cluster = pq.read_table(tmp_path / "findings.parquet").to_pylist()
    from_local_cluster = [json.loads(line) for line in (tmp_path / "findings.jsonl").read_text().splitlines()]
    assert {"p1", "p3"} <= {r["path"] for r in from_cluster}
    assert [(r["path"], r["code"], r["line"]) for r in from_cluster] == [
        (r["path"], r["code"], r["line"]) for r in from_local_cluster
    ]
