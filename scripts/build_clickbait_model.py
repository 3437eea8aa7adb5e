"""Build engagelint's English clickbait model (EL206) from the Chakraborty et al. 2016 headlines.

Data: ../shared/data/clickbait-chakraborty2016 (MIT licence, Copyright (c) 2016 Abhijnan Chakraborty,
Bhargavi Paranjape, Sourya Kakarla, Niloy Ganguly; "Stop Clickbait: Detecting and Preventing Clickbaits
in Online News Media", ASONAM 2016). Only the learned weights are shipped, with that attribution.

Split (deterministic, by the SHA-1 of the headline): bucket 0 = test (held out, reported by
eval/eval_clickbait.py), bucket 1 = validation (picks the threshold), buckets 2-4 = training.

Model: L2-regularised logistic regression on unigrams + bigrams (engagelint's own featuriser),
fitted by full-batch gradient descent with numpy; features seen fewer than MIN_COUNT times in
training are dropped, and so are tiny weights, so the shipped file stays small and readable.

Run: ``PYTHONPATH=src python scripts/build_clickbait_model.py`` (writes src/engagelint/data/noise_clickbait_model.json).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "clickbait-chakraborty2016"
OUT = ROOT / "src" / "engagelint" / "data" / "noise_clickbait_model.json"
MIN_COUNT = 3
L2 = 1e-4
STEPS = 400
MIN_WEIGHT = 0.05
TARGET_PRECISION = 0.95  # on validation; leaves a margin for the 0.90 target on test


def bucket(headline: str) -> int:
    return int(hashlib.sha1(headline.strip().encode("utf-8")).hexdigest(), 16) % 5


def split(name: str) -> str:
    return {0: "test", 1: "val"}.get(bucket(name), "train")


def load() -> list[tuple[str, int]]:
    """(headline, label) pairs, de-duplicated; a headline found in both files is dropped."""
    seen: dict[str, set[int]] = {}
    for label, fname in ((1, "clickbait_data.txt"), (0, "non_clickbait_data.txt")):
        for line in (DATA / fname).read_text(encoding="utf-8").splitlines():
            if line.strip():
                seen.setdefault(line.strip(), set()).add(label)
    return [(h, next(iter(labels))) for h, labels in seen.items() if len(labels) == 1]


def fit(rows, labels, n_feats):
    import numpy as np

    r = np.concatenate([np.full(len(f), i) for i, f in enumerate(rows)])
    c = np.concatenate([np.array(f, dtype=np.int64) for f in rows])
    y = np.array(labels, dtype=np.float64)
    w = np.zeros(n_feats)
    b = 0.0
    g2w = np.full(n_feats, 1e-8)
    g2b = 1e-8
    lr = 0.5
    for _ in range(STEPS):  # Adagrad, full batch
        z = b + np.bincount(r, weights=w[c], minlength=len(rows))
        p = 1 / (1 + np.exp(-z))
        err = (p - y) / len(rows)
        gw = np.bincount(c, weights=err[r], minlength=n_feats) + L2 * w
        gb = err.sum()
        g2w += gw**2
        g2b += gb**2
        w -= lr * gw / np.sqrt(g2w)
        b -= lr * gb / np.sqrt(g2b)
    return b, w


def prf(scored, threshold):
    tp = sum(1 for p, y in scored if p >= threshold and y)
    fp = sum(1 for p, y in scored if p >= threshold and not y)
    pos = sum(y for _, y in scored)
    return tp / max(1, tp + fp), tp / max(1, pos)


def main() -> int:
    from engagelint.rules.builtin.noise_clickbait_model import ClickbaitModel, features

    if not DATA.is_dir():
        print(f"data not found: {DATA}")
        return 1
    data = load()
    train = [(h, y) for h, y in data if split(h) == "train"]
    val = [(h, y) for h, y in data if split(h) == "val"]
    counts = Counter(f for h, _ in train for f in features(h))
    vocab = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(vocab)}
    rows = [[index[f] for f in features(h) if f in index] for h, _ in train]
    bias, w = fit(rows, [y for _, y in train], len(vocab))
    weights = {f: round(float(w[i]), 3) for f, i in index.items() if abs(w[i]) >= MIN_WEIGHT}
    model = ClickbaitModel(round(float(bias), 3), weights, 0.5)
    scored = [(model.probability(h), y) for h, y in val]
    threshold = 0.5
    for t in [x / 100 for x in range(50, 100)]:
        p, _ = prf(scored, t)
        if p >= TARGET_PRECISION:
            threshold = t
            break
    p, r = prf(scored, threshold)
    OUT.write_text(
        json.dumps(
            {
                "about": "English clickbait model for engagelint EL206; built by scripts/build_clickbait_model.py",
                "source": "Chakraborty et al. 2016, https://github.com/bhargaviparanjape/clickbait (MIT licence, "
                "Copyright (c) 2016 Abhijnan Chakraborty, Bhargavi Paranjape, Sourya Kakarla, Niloy Ganguly)",
                "split": "sha1(headline) % 5: 0 test (held out), 1 validation (threshold), 2-4 training",
                "train_size": len(train),
                "validation": {"precision": round(p, 4), "recall": round(r, 4)},
                "threshold": threshold,
                "bias": model.bias,
                "weights": dict(sorted(weights.items())),
            },
            ensure_ascii=False,
            indent=0,
        )
        + "\n",
        encoding="utf-8",
    )
    print(
        f"train {len(train)}  features {len(weights)}/{len(vocab)}  threshold {threshold}  val P {p:.3f} R {r:.3f}"
    )
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
