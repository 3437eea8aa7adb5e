"""Measure the near-duplicate rule (EL702) and the archive matcher against exact ground truth.

    python eval/eval_duplication.py [--sample 10000] [--edits 1000] [--seed 0]

1. A 10k-post sample of ../shared/data/perf-corpus/tweeteval, plus injected edits of 1k of them
   (two neighbouring words swapped, one or two hashtags added, a link changed).
2. Ground truth: exact all-pairs Jaccard similarity of the shingle sets (blocked sparse products).
3. Shingle schemes compared: share of injected edits at J >= 0.8, natural (not injected) pairs at
   J >= 0.8, and share of human-judged paraphrases (../shared/data/twitter-url-paraphrase,
   evaluation only) and non-paraphrases at J >= 0.8.
4. The shipped rule (default scheme, LSH parameters and threshold): recall and precision of its
   findings against the ground truth, post level; and pair-level recall of the archive index.

Skips cleanly when ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DATA = ROOT.parent / "shared" / "data"

from engagelint.duplication.features import features  # noqa: E402
from engagelint.duplication.index import ArchiveIndex  # noqa: E402
from engagelint.duplication.minhash import DEFAULT_PARAMS  # noqa: E402
from engagelint.duplication.normalize import fingerprint, tokens  # noqa: E402
from engagelint.duplication.records import ArchiveEntry  # noqa: E402
from engagelint.duplication.shingles import DEFAULT_SCHEME, SCHEMES, hash_shingles, jaccard, shingles  # noqa: E402

THRESHOLD = 0.8
MIN_WORDS = 3


def load_tweets(seed: int, n: int) -> list[str]:
    seen: set[str] = set()
    texts = []
    for f in sorted((DATA / "perf-corpus" / "tweeteval").rglob("*_text.txt")):
        for line in f.read_text(encoding="utf-8").splitlines():
            t = line.strip()
            if t and t not in seen:
                seen.add(t)
                texts.append(t)
    random.Random(seed).shuffle(texts)
    return texts[:n]


def inject(texts: list[str], n: int, seed: int) -> tuple[list[str], list[tuple[int, int, str]]]:
    """Edited copies appended after the originals; returns (all texts, (original, copy, kind))."""
    rng = random.Random(seed)
    out = list(texts)
    pairs = []
    tags = ["#news", "#tbt", "#love", "#mondaymotivation", "#blessed", "#fun"]
    candidates = [i for i, t in enumerate(texts) if len(t.split()) >= 6]
    for k, i in enumerate(rng.sample(candidates, n)):
        words = texts[i].split()
        kind = ("swap", "hashtags", "link")[k % 3]
        base = texts[i]
        if kind == "swap":
            j = rng.randrange(len(words) - 1)
            words[j], words[j + 1] = words[j + 1], words[j]
            edited = " ".join(words)
        elif kind == "hashtags":
            edited = base + " " + " ".join(rng.sample(tags, rng.choice((1, 2))))
        else:  # the original gains a link; the copy points elsewhere
            out[i] = base = base + f" https://example.com/articles/{i}?utm_source=tw"
            edited = texts[i] + f" https://example.com/other/{i}"
        out.append(edited)
        pairs.append((i, len(out) - 1, kind))
    return out, pairs


def hash_sets(texts: list[str], scheme: str) -> list[np.ndarray]:
    return [hash_shingles(shingles(tokens(t), scheme)) for t in texts]


def pairs_at_least(
    sets: list[np.ndarray], eligible: np.ndarray, threshold: float
) -> dict[tuple[int, int], float]:
    """Exact all-pairs Jaccard >= threshold among eligible posts (i < j), by blocked sparse products."""
    from scipy import sparse

    idx = np.nonzero(eligible)[0]
    vocab: dict[int, int] = {}
    rows, cols = [], []
    for r, i in enumerate(idx):
        for h in sets[i].tolist():
            rows.append(r)
            cols.append(vocab.setdefault(h, len(vocab)))
    x = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(idx), len(vocab)))
    sizes = np.asarray(x.sum(axis=1)).ravel()
    xt = x.T.tocsc()
    out: dict[tuple[int, int], float] = {}
    for lo in range(0, len(idx), 1000):
        inter = (x[lo : lo + 1000] @ xt).toarray()
        union = sizes[lo : lo + 1000, None] + sizes[None, :] - inter
        jac = np.where(union > 0, inter / np.maximum(union, 1), 0)
        for a, b in zip(*np.nonzero(jac >= threshold - 1e-9), strict=True):
            i, j = idx[lo + a], idx[b]
            if i < j:
                out[(int(i), int(j))] = float(jac[a, b])
    return out


def paraphrase_pairs() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    path = DATA / "twitter-url-paraphrase" / "Twitter_URL_Corpus_test.txt"
    yes, no = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 4:
            continue
        n = int(parts[2].strip("()").split(",")[0])
        if n >= 4:
            yes.append((parts[0], parts[1]))
        elif n <= 2:
            no.append((parts[0], parts[1]))
    return yes, no


def share_similar(pairs: list[tuple[str, str]], scheme: str) -> float:
    hits = 0
    for a, b in pairs:
        ha, hb = (hash_shingles(shingles(tokens(t), scheme)) for t in (a, b))
        hits += fingerprint(a) == fingerprint(b) or jaccard(ha, hb) >= THRESHOLD
    return hits / len(pairs) if pairs else float("nan")


def run_rule(texts: list[str], threshold: float) -> list[tuple[int, int]]:
    """The shipped EL702 rule, fed one context per post; returns (post, reported other post)."""
    from engagelint.models import Location
    from engagelint.rules.base import BrandProfile, RuleContext
    from engagelint.rules.builtin.duplication_run import NearDuplicatePost
    from engagelint.testing import make_post

    rule = NearDuplicatePost()
    opts = {**rule.info.defaults(), "threshold": threshold}
    profile = BrandProfile()
    for i, t in enumerate(texts):
        path = f"p{i}.txt"
        ctx = RuleContext(make_post(t, path=path), opts, profile, "en",
                          locator=lambda s, e, path=path: Location(path, 1, s + 1, 1, e + 1))  # fmt: skip
        rule.observe(ctx)
    found = []
    for f in rule.finish():
        post = int(f.location.path[1:-4])
        other = int(f.message.split(" of p", 1)[1].split(".txt", 1)[0])
        found.append((post, other))
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=10_000)
    ap.add_argument("--edits", type=int, default=1_000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    if not (DATA / "perf-corpus").is_dir():
        print(f"skipped: {DATA / 'perf-corpus'} not found")
        return 0

    texts, injected = inject(load_tweets(args.seed, args.sample), args.edits, args.seed)
    fps = [fingerprint(t) for t in texts]
    eligible = np.array([len(tokens(t)) >= MIN_WORDS for t in texts])
    injected_pairs = {(a, b) for a, b, _ in injected}
    print(f"corpus: {args.sample} tweeteval posts + {len(injected)} injected edits = {len(texts)} posts "
          f"({int(eligible.sum())} with >= {MIN_WORDS} words); threshold J >= {THRESHOLD}\n")  # fmt: skip

    para_yes, para_no = paraphrase_pairs() if (DATA / "twitter-url-paraphrase").is_dir() else ([], [])
    print("1. Shingle schemes (exact Jaccard, no LSH)")
    print(f"{'scheme':<8}{'edits>=0.8':>12}{'swap':>8}{'hashtags':>10}{'link':>8}{'natural pairs':>15}"
          f"{'paraphrase':>12}{'non-para':>10}")  # fmt: skip
    truth_default: dict[tuple[int, int], float] = {}
    for scheme in SCHEMES:
        sets = hash_sets(texts, scheme)
        truth = pairs_at_least(sets, eligible, THRESHOLD)
        truth = {p: s for p, s in truth.items() if fps[p[0]] != fps[p[1]]}  # exact copies are EL701's
        if scheme == DEFAULT_SCHEME:
            truth_default = truth
        by_kind = {k: [jaccard(sets[a], sets[b]) >= THRESHOLD for a, b, kk in injected if kk == k]
                   for k in ("swap", "hashtags", "link")}  # fmt: skip
        caught = sum(sum(v) for v in by_kind.values()) / len(injected)
        natural = sum(1 for p in truth if p not in injected_pairs)
        print(
            f"{scheme + ('*' if scheme == DEFAULT_SCHEME else ''):<8}{caught:>12.3f}"
            + "".join(
                f"{np.mean(by_kind[k]):>{w}.3f}" for k, w in (("swap", 8), ("hashtags", 10), ("link", 8))
            )
            + f"{natural:>15d}{share_similar(para_yes, scheme):>12.3f}{share_similar(para_no, scheme):>10.3f}"
        )
    print(f"   * default. paraphrase: {len(para_yes)} pairs judged paraphrases by >= 4 of 6 workers; "
          f"non-para: {len(para_no)} pairs judged not (<= 2 of 6).\n")  # fmt: skip

    print(f"2. The shipped rule EL702 (scheme {DEFAULT_SCHEME}, LSH {DEFAULT_PARAMS.bands} bands x "
          f"{DEFAULT_PARAMS.rows} rows, threshold {THRESHOLD})")  # fmt: skip
    t0 = time.perf_counter()
    found = run_rule(texts, THRESHOLD)
    elapsed = time.perf_counter() - t0
    sets = hash_sets(texts, DEFAULT_SCHEME)
    true_posts = {j for _, j in truth_default}  # each later post of a true pair should be reported
    reported = {p for p, _ in found}
    correct = sum(1 for p, o in found if jaccard(sets[p], sets[o]) >= THRESHOLD and fps[p] != fps[o])
    recall = len(reported & true_posts) / len(true_posts) if true_posts else float("nan")
    precision = correct / len(found) if found else float("nan")
    print(f"{'ground-truth posts':>20}{'reported':>10}{'recall':>9}{'precision':>11}{'time (s)':>10}")
    print(f"{len(true_posts):>20d}{len(found):>10d}{recall:>9.3f}{precision:>11.3f}{elapsed:>10.2f}\n")

    print("3. Archive index (the same texts as archive and as drafts), pair level")
    index = ArchiveIndex()
    index.extend(ArchiveEntry(str(i), t) for i, t in enumerate(texts))
    hits = index.query_many([features(t) for t in texts], THRESHOLD)
    got = {
        (min(q, int(m.id)), max(q, int(m.id)))
        for q, ms in enumerate(hits)
        for m in ms
        if int(m.id) != q and not m.exact
    }
    got = {p for p in got if eligible[p[0]] and eligible[p[1]]}
    tp = len(got & set(truth_default))
    print(f"{'ground-truth pairs':>20}{'found':>8}{'recall':>9}{'precision':>11}")
    print(
        f"{len(truth_default):>20d}{len(got):>8d}{tp / max(1, len(truth_default)):>9.3f}{tp / max(1, len(got)):>11.3f}"
    )
    for j in (0.5, 0.6, 0.7, 0.8, 0.9):
        print(f"   P(candidate | J = {j}) = {DEFAULT_PARAMS.candidate_probability(j):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
