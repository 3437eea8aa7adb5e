"""Scale benchmark of ``engagelint audit``: 100k, 300k and 1M posts, local and Dask engines.

    python bench/bench_scale.py                         # 100k and 300k, both engines, 2 workers
    python bench/bench_scale.py --sizes 100000,300000,1000000 --engines local,dask --workers 2 --worker-memory 1GiB

Archives are JSON Lines built by ``scale_data.py`` from ../shared/data/perf-corpus (real posts with
injected copies, placeholders and cadence bursts) under bench/.trees/ (gitignored). Each (size,
engine) runs in a fresh process so peak memory is its own; it reports wall time, posts/s, the peak
resident memory of each worker process and of the driver, the bytes and rows entering each shuffle
(pickled size, the same measure for both engines), and a digest of the findings, which must be the
same for both engines. Results are appended as Markdown to ``--results`` (bench/results-scale.md).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
NOW = "2026-12-01T12:00"


def archive(size: int) -> Path:
    import scale_data

    path = BENCH / ".trees" / f"scale-{size}.jsonl"
    if not path.is_file():
        scale_data.write_jsonl(scale_data.archive_records(size), path)
    return path


def one(size: int, engine_name: str, workers: int, worker_memory: str | None = None) -> dict:
    """One measured audit, in this process."""
    from engagelint.api import _config, at_time
    from engagelint.audit import run_audit
    from engagelint.engines import get_engine

    path = archive(size)
    config = at_time(_config(None), NOW)
    options = (
        {"jobs": workers} if engine_name == "local" else {"workers": workers, "worker_memory": worker_memory}
    )
    t0 = time.perf_counter()
    with get_engine(engine_name, measure=True, **options) as engine:
        t_started = time.perf_counter()
        result = run_audit([str(path)], config=config, engine=engine)
        t_done = time.perf_counter()
    wall = time.perf_counter() - t0
    digest = hashlib.sha256()
    for v in result.violations:
        digest.update(json.dumps(v.to_dict(), sort_keys=True).encode())
    stats = result.stats
    return {
        "size": size,
        "engine": engine_name,
        "workers": workers,
        "posts": result.posts,
        "partitions": result.partitions,
        "findings": len(result.violations),
        "digest": digest.hexdigest()[:16],
        "wall_s": round(wall, 1),
        "startup_s": round(t_started - t0, 1),
        "audit_s": round(t_done - t_started, 1),
        "posts_per_s": round(result.posts / (t_done - t_started)),
        "worker_peak_mib": [round(b / 1048576) for b in stats.worker_peak_rss],
        "driver_peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "shuffle_mib": {k: round(v / 1048576, 1) for k, v in stats.shuffle_bytes.items()},
        "shuffle_rows": stats.shuffle_rows,
        "errors": len(result.errors),
    }


def row(r: dict) -> str:
    shuffle = ", ".join(f"{k} {v} MiB ({r['shuffle_rows'][k]:,} rows)" for k, v in r["shuffle_mib"].items())
    workers = " / ".join(str(m) for m in r["worker_peak_mib"])
    return (f"| {r['size']:,} | {r['engine']} | {r['partitions']} | {r['wall_s']} | {r['audit_s']} | "
            f"{r['posts_per_s']:,} | {workers} | {r['driver_peak_mib']} | {r['findings']:,} | `{r['digest']}` | "
            f"{shuffle} |")  # fmt: skip


HEADER = (
    "| posts | engine | partitions | wall (s) | audit (s) | posts/s | worker peak RSS (MiB) | driver peak (MiB) "
    "| findings | findings digest | shuffle input (pickled) |\n|---:|---|---:|---:|---:|---:|---|---:|---:|---|---|"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,300000")
    parser.add_argument("--engines", default="local,dask")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-memory", default=None,
                        help="each Dask worker's memory limit (default: the engine's)")  # fmt: skip
    parser.add_argument("--results", default=str(BENCH / "results-scale.md"))
    parser.add_argument("--one", nargs=2, metavar=("SIZE", "ENGINE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(int(args.one[0]), args.one[1], args.workers, args.worker_memory)))
        return 0
    import scale_data

    if scale_data.corpus_dir() is None:
        print("skipped: ../shared/data/perf-corpus is absent (the benchmark needs real posts)")
        return 0
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = f" --worker-memory {args.worker_memory}" if args.worker_memory else ""
    with open(args.results, "a", encoding="utf-8") as fh:
        fh.write(f"\n## {stamp}: `python bench/bench_scale.py --sizes {args.sizes} --engines {args.engines} "
                 f"--workers {args.workers}{memory}`\n\n{cores} cores, Python {platform.python_version()}, "
                 f"{platform.platform()}, load average {os.getloadavg()[0]:.1f} at start\n\n{HEADER}\n")  # fmt: skip
    for size in (int(s) for s in args.sizes.split(",")):
        archive(size)
        for engine in args.engines.split(","):
            cmd = [sys.executable, __file__, "--one", str(size), engine, "--workers", str(args.workers)]
            if args.worker_memory:
                cmd += ["--worker-memory", args.worker_memory]
            run = subprocess.run(cmd, capture_output=True, text=True, env=os.environ)
            if run.returncode:
                print(run.stderr[-2000:], file=sys.stderr)
                return 1
            r = json.loads(run.stdout.strip().splitlines()[-1])
            print(json.dumps(r), flush=True)
            with open(
                args.results, "a", encoding="utf-8"
            ) as fh:  # row by row: a long run keeps what it measured
                fh.write(row(r) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
