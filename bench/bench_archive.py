"""Benchmark the archive index: build, size on disk, load, and checking 1k drafts against it.

    python bench/bench_archive.py [--sizes 1000,10000,100000] [--drafts 1000]

Archive posts come from ../shared/data/perf-corpus (tweeteval, French tweets, IBM customer care),
de-duplicated and shuffled with a fixed seed; the drafts are other posts of the same corpus, a
tenth of them lightly edited copies of archived posts. Each size runs in a fresh process so peak
memory (ru_maxrss) is per size. Skips cleanly when ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DATA = ROOT.parent / "shared" / "data" / "perf-corpus"


def corpus(seed: int = 0) -> list[str]:
    seen: set[str] = set()
    texts: list[str] = []
    for f in sorted(DATA.rglob("*_text.txt")):
        for line in f.read_text(encoding="utf-8").splitlines():
            t = line.strip()
            if t and t not in seen:
                seen.add(t)
                texts.append(t)
    for f in sorted((DATA / "ibm-twitter-customer-care").glob("*.json")):
        for line in f.read_text(encoding="utf-8").splitlines():
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            for value in _strings(obj):
                if len(value.split()) >= 3 and value not in seen:
                    seen.add(value)
                    texts.append(value)
    random.Random(seed).shuffle(texts)
    return texts


def _strings(obj):
    if isinstance(obj, str):
        yield obj.strip()
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v)


def one_size(size: int, n_drafts: int) -> dict:
    from engagelint.duplication.archive import build, open_archive
    from engagelint.duplication.features import features
    from engagelint.duplication.settings import archive_settings

    texts = corpus()
    if len(texts) < size + n_drafts:
        raise SystemExit(f"corpus has {len(texts)} posts, need {size + n_drafts}")
    archive, fresh = texts[:size], texts[size : size + n_drafts]
    rng = random.Random(1)
    drafts = [rng.choice(archive) + " #repost" if i % 10 == 0 else t for i, t in enumerate(fresh)]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "published.jsonl"
        src.write_text("".join(json.dumps({"id": f"a{i}", "date": "2025-01-01", "text": t}) + "\n"
                               for i, t in enumerate(archive)), encoding="utf-8")  # fmt: skip
        settings = archive_settings({"source": str(src)}, tmp)
        t0 = time.perf_counter()
        report = build(settings)
        build_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        index, notes = open_archive(settings)
        index._lookup()  # band tables are sorted lazily: count them as part of loading
        load_s = time.perf_counter() - t0
        assert not notes, notes
        t0 = time.perf_counter()
        feats = [features(t) for t in drafts]
        hits = index.query_many(feats, 0.8)
        check_s = time.perf_counter() - t0
    return {
        "size": size,
        "build_s": build_s,
        "bytes": report.size,
        "load_s": load_s,
        "check_s": check_s,
        "flagged": sum(1 for h in hits if h),
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--drafts", type=int, default=1000)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} not found")
        return 0
    if args.one:
        print(json.dumps(one_size(args.one, args.drafts)))
        return 0
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        out = subprocess.run([sys.executable, __file__, "--one", str(size), "--drafts", str(args.drafts)],
                             capture_output=True, text=True, check=True)  # fmt: skip
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"checking {args.drafts} drafts (1 in 10 an edited copy of an archived post) against the archive\n")
    print(f"{'archive':>9}{'build (s)':>11}{'index MiB':>11}{'load (s)':>10}{'check 1k (s)':>14}"
          f"{'flagged':>9}{'peak MiB':>10}{'check growth':>14}")  # fmt: skip
    prev = None
    for r in rows:
        growth = f"x{r['check_s'] / prev['check_s']:.1f} / x{r['size'] / prev['size']:.0f}" if prev else ""
        print(f"{r['size']:>9d}{r['build_s']:>11.2f}{r['bytes'] / 1048576:>11.1f}{r['load_s']:>10.2f}"
              f"{r['check_s']:>14.3f}{r['flagged']:>9d}{r['peak_mib']:>10.0f}{growth:>14}")  # fmt: skip
        prev = r
    print(
        "\ncheck growth: time ratio / archive size ratio (linear scan would grow like the size;"
        " all-pairs like its square)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
