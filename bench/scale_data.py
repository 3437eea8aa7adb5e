"""Archives for the scale benchmark and the Dask equivalence test: real posts with injected faults.

Posts come from ../shared/data/perf-corpus (see its NOTICE.md; never committed: archives are built
at run time). ``archive_records(n)`` returns n records in a fixed order: the de-duplicated,
shuffled corpus; beyond its ~130k posts, each further post is made of four quarters (in words) of
four real posts, a different four on each pass. Repeating the corpus made every post past 130k a
copy, and splicing two halves made each post a near relative (Jaccard ~0.33, a MinHash candidate
17 % of the time) of two posts per pass: either way the duplicate work per post grew with the
archive. Sharing a quarter (J ~0.14) makes a candidate 0.6 % of the time, so the archive's
duplicates stay about what is injected below at every size. At fixed intervals come
- exact and near copies of earlier posts (EL701, EL702),
- unfilled placeholders ("Hi {first_name}", "[LINK]": EL401),
- cadence bursts: 12 LinkedIn posts on one day (EL406),
- one text sent to X, LinkedIn and Instagram at once (EL407).
Schedules spread the rest from 2027 on, so ordinary days stay under the cadence limits.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import datetime, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
NETWORKS = ("x", "linkedin", "instagram", "facebook", "mastodon", "bluesky", "threads", "youtube")
START = datetime(2027, 1, 1, 8, 0)


def corpus_dir() -> Path | None:
    """The perf corpus next to the repository (or next to its worktree folder), if present."""
    for root in (BENCH.parent.parent, BENCH.parent.parent.parent):
        candidate = root / "shared" / "data" / "perf-corpus"
        if candidate.is_dir():
            return candidate
    return None


def _trees():
    spec = importlib.util.spec_from_file_location("bench_trees", BENCH / "trees.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def archive_records(n: int, data: Path | None = None, seed: int = 0) -> list[dict]:
    trees = _trees()
    data = data or corpus_dir()
    if data is None:
        raise FileNotFoundError("perf-corpus not found (../shared/data/perf-corpus)")
    base = trees.dedupe_shuffle(trees.read_corpus(data), seed=seed)
    records: list[dict] = []
    for i in range(n):
        cycle, k = divmod(i, len(base))
        post = base[k]
        platform = NETWORKS[(k + cycle) % len(NETWORKS)]
        if cycle:
            stride = 7919 + cycle * 104729
            text = quarters([base[(k + j * stride) % len(base)].text for j in range(4)])
        else:
            text = post.text
        # ~15 posts a day in all, round robin over eight networks: ordinary days stay under the limits
        when = START + timedelta(minutes=97 * i)
        rec = {
            "id": f"p{i:07d}",
            "text": text,
            "platform": platform,
            "schedule": when.isoformat(timespec="minutes"),
        }
        if post.lang:
            rec["lang"] = post.lang
        if i and i % 500 == 0:  # an exact copy of a post from earlier in the archive
            rec["text"] = records[i // 2]["text"]
            rec["platform"] = records[i // 2]["platform"]
        elif i % 500 == 250:  # a near copy: one hashtag more
            rec["text"] = records[i - 200]["text"] + " #news"
            rec["platform"] = records[i - 200]["platform"]
        elif i % 1000 == 333:
            rec["text"] = f"Hi {{first_name}}, {text}"
        elif i % 1000 == 777:
            rec["text"] = f"{text} Read more: [LINK]"
        elif i % 2000 == 1100:
            rec["platform"] = ["x", "linkedin", "instagram"]
        if i % 5000 >= 4988:  # a burst: 12 LinkedIn posts on one day
            rec["platform"] = "linkedin"
            rec["schedule"] = (START + timedelta(days=400 + i // 5000, minutes=i % 5000)).isoformat(
                timespec="minutes"
            )
        records.append(rec)
    return records


def quarters(texts: list[str]) -> str:
    """Quarter ``j`` (in words, at least one word) of the ``j``-th of four texts, joined."""
    out: list[str] = []
    for j, text in enumerate(texts):
        words = text.split(" ")
        out += words[j * len(words) // 4 : (j + 1) * len(words) // 4] or words[-1:]
    return " ".join(out)


def write_jsonl(records: list[dict], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def write_parquet(records: list[dict], path: Path, row_group: int = 20_000) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{**r, "platform": ", ".join(r["platform"]) if isinstance(r["platform"], list) else r["platform"]}
            for r in records]  # fmt: skip
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=row_group)
    return path
