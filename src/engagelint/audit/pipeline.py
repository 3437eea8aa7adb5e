"""``run_audit``: the stages of ``audit.stages`` wired on an engine. Nothing here prints.

Stage 1 is the only pass over the posts; its rows are split by tag into the inputs of each
shuffle. Findings are written by the workers, one sorted file per partition, and merged when
read (``audit.findings``). The driver (this process) only ever holds the plan, counters, errors
and warnings, and EL504's promotional units (one small row each: the share is global).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field

from engagelint.audit import stages
from engagelint.audit.findings import Findings
from engagelint.audit.sources import plan as make_plan
from engagelint.engines.base import Engine, EngineStats
from engagelint.models import Violation


@dataclass
class AuditResult:
    violations: Findings = field(default_factory=Findings)  # sorted; streamed from the workers' files
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files: int = 0  # files and records
    posts: int = 0
    partitions: int = 0
    stats: EngineStats | None = None
    specs: list = field(default_factory=list)


def run_audit(
    sources: list[str],
    *,
    config,
    engine: Engine,
    select=None,
    ignore=(),
    partition_bytes: int | None = None,
    partition_rows: int | None = None,
    on_start: Callable[[int], None] | None = None,
    on_partition: Callable[[int], None] | None = None,
    workdir: str | None = None,
) -> AuditResult:
    """Audit ``sources`` (JSONL, Parquet, CSV, folders) with ``engine`` (started by the caller).

    ``config`` must already carry the run's clock (``api.at_time``) so every worker judges the
    same instant. ``on_start(partitions)`` / ``on_partition(i)`` report progress. Findings are
    written under ``workdir`` (default: a temporary directory, removed with the result); with a
    Dask cluster on other machines they are fetched here one partition at a time.
    """
    kwargs = {}
    partition_bytes = partition_bytes or balanced_partition_bytes(sources, engine.workers)
    if partition_bytes:
        kwargs["partition_bytes"] = partition_bytes
    if partition_rows:
        kwargs["partition_rows"] = partition_rows
    the_plan = make_plan(list(sources), config, **kwargs)
    result = AuditResult(errors=list(the_plan.errors), partitions=len(the_plan.specs), specs=the_plan.specs)
    if on_start:
        on_start(len(the_plan.specs))
    if not the_plan.specs:
        result.stats = engine.stats
        return result
    # Validate selection and options here, once, so a bad config is one error, not one per worker.
    run = stages.run_spec(config, select, ignore)
    driver_linter = stages.linter_for(run)
    shared = engine.broadcast(run)
    buckets = max(engine.workers * 2, min(len(the_plan.specs), 256))

    linted = engine.read(stages.lint_partition, the_plan.specs, (shared,), on_partition, split=streams)
    # Each stream is dropped (pop) once its last stage has taken it, so a cluster frees it.
    small = engine.collect(linted.pop("small"))
    for row in small:
        tag = row[0]
        if tag == "count":
            result.files += row[1]
            result.posts += row[2]
        elif tag == "err":
            result.errors.append(row[1])
        elif tag == "warn" and row[1] not in result.warnings:
            result.warnings.append(row[1])
    # Post findings are final: written (sorted) first, so they are not held through the shuffles.
    directory = tempfile.mkdtemp(prefix="engagelint-findings-", dir=workdir)
    written = engine.spool(linted.pop("v"), Violation.sort_key, directory, "posts")

    # Corpus rules judged group by group (EL701 text, EL407 normalised text, EL406 platform-day).
    grouped = engine.group(linted.pop("group"), stages.reduce_rule_group, (shared,),
                           buckets, "groups")  # fmt: skip
    # EL702: band keys -> candidate pairs -> shingles meet -> exact Jaccard.
    pairs = engine.group(linted.pop("band"), stages.lsh_pairs, (), buckets, "band keys")
    feats = linted.pop("feat")
    attached = engine.group(engine.concat([pairs, feats]), stages.lsh_attach, (), buckets, "pairs")
    near = engine.group(engine.concat([attached, feats]), stages.lsh_best, (), buckets, "candidates")
    del pairs, feats, attached
    # EL504: the share is global; only promotional posts come back here.
    promo_rows = engine.collect(linted.pop("promo"))
    promo: list = []
    if "EL504" in driver_linter.active:
        total = sum(r[0] for r in promo_rows if len(r) == 1)
        found = [r for r in promo_rows if len(r) == 2]
        promo = stages.promotion_findings(total, found)
    parts = [grouped, near, linted.pop("cf"), linted.pop("sup")]
    if promo:
        parts.append(engine.from_rows(promo))
    del grouped, near
    final = engine.group(engine.concat(parts), stages.finalize, (shared,), buckets, "findings")
    del parts
    written += engine.spool(final, Violation.sort_key, directory, "corpus")
    result.violations = Findings(directory, written)
    result.stats = engine.stats
    return result


def balanced_partition_bytes(sources, workers: int) -> int | None:
    """A JSONL partition size that gives every worker the same number of partitions, at least four
    (5 partitions on 2 workers is 3 rounds for 2.5 rounds of work), never above the default size,
    nor below 1 MiB. None: no JSONL source (the plan's defaults)."""
    from engagelint.audit.sources import DEFAULT_PARTITION_BYTES, JSONL_SUFFIXES

    total = sum(
        os.path.getsize(s) for s in sources if os.path.isfile(s) and s.lower().endswith(JSONL_SUFFIXES)
    )
    if not total:
        return None
    workers = max(1, workers)
    parts = max(4 * workers, -(-total // DEFAULT_PARTITION_BYTES))
    parts = -(-parts // workers) * workers
    return max(1 << 20, -(-total // parts))


def streams(rows: list) -> dict[str, list]:
    """Stage 1's rows cut by tag, where they were made, into the input of each later stage."""
    out: dict[str, list] = {
        name: [] for name in ("small", "group", "band", "feat", "promo", "cf", "sup", "v")
    }
    for row in rows:
        tag = row[0]
        if tag in ("count", "err", "warn"):
            out["small"].append(row)
        elif tag in ("promo_total", "promo"):
            out["promo"].append(row[1:])
        elif tag == "cf":
            out["cf"].append((row[1], ("cf",) + row[2:]))
        elif tag == "v":
            out["v"].append(row[1])
        else:  # group, band, feat, sup: (key, value)
            out[tag].append(row[1:])
    return out


def flagged_texts(result: AuditResult, engine: Engine, limit: int | None = None) -> list[tuple]:
    """(path, text, record or None) of the flagged units (the worst ``limit`` when given), read again
    from the partitions: the HTML report shows them."""
    counts: dict[str, int] = {}
    for v in result.violations:
        counts[v.path] = counts.get(v.path, 0) + 1
    wanted = sorted(counts, key=lambda p: (-counts[p], p))
    wanted = frozenset(wanted[:limit] if limit else wanted)
    if not wanted or not result.specs:
        return []
    coll = engine.read(stages.texts_of, result.specs, (engine.broadcast(wanted),))
    return engine.collect(coll)
