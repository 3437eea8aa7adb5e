"""Near-duplicates within one run: MinHash LSH candidates confirmed by exact Jaccard, with bounded work.

Templated posts (a scheduler export of 20,000 rows that differ by one word, a thread of 10,000
"Tip N" posts) share most LSH buckets, so comparing each post with every earlier post in its
buckets is quadratic (minutes of CI). The work is bounded, at the price of reporting a post
against a likely earlier copy rather than always the most similar one:

- posts with the same shingle set (and platforms) form one group, searched once; each later member
  is reported against the first member with other wording (similarity 100%, no comparison);
- a bucket keeps its first ``BUCKET_CAP`` groups; a group compares at most ``CANDIDATE_CAP``
  candidates, those sharing the most bands first, and stops at the first match;
- the run stops comparing after ``RUN_BUDGET`` comparisons (``SearchStats.exhausted``: the rule warns).

So comparisons <= ``CANDIDATE_CAP`` x posts, whatever the posts say.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from engagelint.duplication.minhash import DEFAULT_PARAMS, LshParams, band_keys, signatures
from engagelint.duplication.shingles import jaccard

KEY_BLOCK = 4096  # posts whose MinHash signatures are computed together
SHINGLE_BLOCK = 8192  # shingles hashed at once: (shingles x permutations) uint64 temporaries stay ~4 MB

CANDIDATE_CAP = 32
BUCKET_CAP = 32
RUN_BUDGET = 1_000_000
EARLIEST_TRIES = 8  # members of a group tried when the first ones are excluded


@dataclass(frozen=True, slots=True)
class Item:
    """What the search needs of a post."""

    hashes: np.ndarray  # sorted unique shingle hashes
    fingerprint: str  # digest of the exact form (equal: an exact duplicate, not a near one)
    platforms: tuple[str, ...]


@dataclass
class SearchStats:
    posts: int = 0
    groups: int = 0  # distinct shingle sets
    comparisons: int = 0  # exact Jaccard computations
    exhausted: bool = False  # RUN_BUDGET was hit: later groups were not compared


LINKS_PER_GROUP = 4  # matches kept per group before the search of that group stops


def near_duplicates(
    items: Sequence[Item],
    threshold: float,
    same_audience: Callable[[tuple[str, ...], tuple[str, ...]], bool],
    params: LshParams = DEFAULT_PARAMS,
    candidate_cap: int = CANDIDATE_CAP,
    bucket_cap: int = BUCKET_CAP,
    budget: int | None = None,
    excluded: Callable[[int, int], bool] = lambda j, i: False,
) -> tuple[dict[int, tuple[int, float]], SearchStats]:
    """``{i: (j, similarity)}``: post ``i`` nearly repeats the earlier post ``j`` (``j < i``).
    ``excluded(j, i)``: the two posts may not be reported against each other (one post's versions)."""
    budget = RUN_BUDGET if budget is None else budget
    stats = SearchStats(posts=len(items))
    group_of: dict[tuple[bytes, tuple[str, ...]], int] = {}
    members: list[list[int]] = []
    for i, item in enumerate(items):
        g = group_of.setdefault((item.hashes.tobytes(), item.platforms), len(members))
        if g == len(members):
            members.append([])
        members[g].append(i)
    stats.groups = len(members)
    reps = [items[m[0]] for m in members]

    # links[g]: groups similar to g (in both directions: a later member of g may follow them).
    links: list[list[tuple[int, float]]] = [[] for _ in members]
    if len(members) > 1:
        # Band keys a block of posts at a time: the signatures of 100k posts are never all held.
        keys = np.concatenate([
            band_keys(signatures([r.hashes for r in reps[k : k + KEY_BLOCK]], params, SHINGLE_BLOCK), params)
            for k in range(0, len(reps), KEY_BLOCK)
        ])  # fmt: skip
        order, run_start, rank = _buckets(keys)
        for g, rep in enumerate(reps):
            overlap: Counter[int] = Counter()
            for band, (start, earlier) in enumerate(
                zip(run_start[g].tolist(), rank[g].tolist(), strict=True)
            ):
                # The bucket as it stood when g came: the first groups (up to the cap) with its key.
                overlap.update(order[band, start : start + min(earlier, bucket_cap)].tolist())
            if stats.exhausted or not overlap:
                continue
            ranked = sorted(overlap.items(), key=lambda hc: (-hc[1], hc[0]))[:candidate_cap]
            for h, _ in ranked:
                if not same_audience(reps[h].platforms, rep.platforms):
                    continue
                if stats.comparisons >= budget:
                    stats.exhausted = True
                    break
                stats.comparisons += 1
                sim = jaccard(rep.hashes, reps[h].hashes)
                if sim >= threshold:
                    links[g].append((h, sim))
                    if len(links[h]) <= candidate_cap:  # for h's later members; the earliest suffice
                        links[h].append((g, sim))
                    # A few matches, not one: the first may be this post at another stage (excluded).
                    if len(links[g]) >= LINKS_PER_GROUP:
                        break

    # The earliest member of each group, and its earliest member with other wording: the only
    # posts a later post can be reported against (O(1) per post, however large the group).
    firsts = [m[0] for m in members]
    others = [next((j for j in m if items[j].fingerprint != items[m[0]].fingerprint), None) for m in members]

    def earliest(h: int, i: int, fp: str) -> int | None:
        # The earliest post of group h before i with other wording, that is not i itself at
        # another stage (``excluded``); among a few candidates only, so large groups cost O(1).
        for j in sorted(
            {firsts[h], *([others[h]] if others[h] is not None else []), *members[h][:EARLIEST_TRIES]}
        ):
            if j >= i:
                return None
            if items[j].fingerprint != fp and not excluded(j, i):
                return j
        return None

    found: dict[int, tuple[int, float]] = {}
    for g, group in enumerate(members):
        for i in group:
            fp = items[i].fingerprint
            twin = earliest(g, i, fp)  # same words, other order, tags or links: 100% similar
            if twin is not None:
                found[i] = (twin, 1.0)
                continue
            best: tuple[int, float] | None = None
            for h, sim in links[g]:
                j = earliest(h, i, fp)
                if j is not None and (best is None or (-sim, j) < (-best[1], best[0])):
                    best = (j, sim)
            if best is not None:
                found[i] = best
    return found, stats


def _buckets(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """LSH buckets as arrays, not a dict of lists per band (16 x 100k of those is ~300 MiB):
    ``order[band]`` lists the groups sorted by that band's key (ties in group order), so a bucket
    is a run of it; ``run_start[g, band]`` is where g's run begins and ``rank[g, band]`` how many
    groups of the run come before g."""
    n, bands = keys.shape
    order = np.ascontiguousarray(np.argsort(keys, axis=0, kind="stable").T.astype(np.int32))
    run_start = np.empty((n, bands), dtype=np.int32)
    rank = np.empty((n, bands), dtype=np.int32)
    positions = np.arange(n, dtype=np.int32)
    for band in range(bands):
        o = order[band]
        sorted_keys = keys[o, band]
        first = np.ones(n, dtype=bool)
        first[1:] = sorted_keys[1:] != sorted_keys[:-1]
        starts = np.maximum.accumulate(np.where(first, positions, 0))
        position_of = np.empty(n, dtype=np.int32)
        position_of[o] = positions
        run_start[:, band] = starts[position_of]
        rank[:, band] = position_of - run_start[:, band]
    return order, run_start, rank
