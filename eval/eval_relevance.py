"""Relevance to goals (EL601-EL603): ROC AUC, nearest-goal accuracy and off-goal precision/recall.

Three sets:

- TweetTopic-XL English (../shared/data/tweet-topic-xl-en): 19 topics; each topic becomes a goal
  (its name and a one-line description written here); a tweet is on-goal when labelled with it.
  Reported on ``en_test`` (800 tweets); ``en_train``/``en_validation`` were used for tuning.
- SIB-200 (../shared/data/sib200-en-fr): 7 topics, English goal descriptions scored against the
  English AND the French sentences (the same items, translated). Reported on ``test`` (204);
  ``train``/``dev`` were used for tuning.
- The hand-written set eval/relevance_set.yml (5 fictional brands, English goals, EN and FR drafts,
  hard cases): never used for tuning.

AUC is over every (post, goal) pair; nearest-goal accuracy counts on-goal posts whose best-scoring
goal is one of theirs; off-goal precision/recall is EL601's decision at its default threshold.

Run: ``PYTHONPATH=src python eval/eval_relevance.py [--backend static|e5] [--split test|dev]``
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
DATA = ROOT.parent / "shared" / "data"
TWEETS = DATA / "tweet-topic-xl-en"
SIB = DATA / "sib200-en-fr"
HAND = ROOT / "eval" / "relevance_set.yml"
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


def evaluate(scorer: GoalScorer, texts: list[str], gold: list[set[int]]) -> dict[str, float]:
    s = scorer.score_array(texts)
    labels = np.zeros_like(s, dtype=bool)
    for i, g in enumerate(gold):
        labels[i, list(g)] = True
    has = [i for i, g in enumerate(gold) if g]
    nearest = np.mean([int(np.argmax(s[i])) in gold[i] for i in has]) if has else float("nan")
    per_goal = [auc(s[:, j], labels[:, j]) for j in range(s.shape[1]) if 0 < labels[:, j].sum() < len(s)]
    return {"n": len(texts), "auc": auc(s.ravel(), labels.ravel()), "macro": float(np.mean(per_goal)),
            "nearest": float(nearest)}  # fmt: skip


def tweet_topic(backend, split: str) -> list[tuple[str, dict]]:
    if not TWEETS.exists():
        return []
    files = ["en_test.jsonl"] if split == "test" else ["en_train.jsonl", "en_validation.jsonl"]
    rows = [json.loads(line) for f in files for line in (TWEETS / f).read_text().splitlines() if line.strip()]
    names = list(TWEET_GOALS)
    scorer = GoalScorer(goal_list(TWEET_GOALS), backend)
    gold = [{names.index(t) for t in r["topics"]} for r in rows]
    return [("TweetTopic (en)", evaluate(scorer, [r["text"] for r in rows], gold))]


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
        out.append((f"SIB-200 ({lang}, English goals)", evaluate(scorer, [r["text"] for r in rows], gold)))
    return out


def hand_set(backend) -> tuple[list[tuple[str, dict]], dict[str, float]]:
    data = yaml.safe_load(HAND.read_text(encoding="utf-8"))
    per_lang: dict[str, list] = {"en": [], "fr": []}
    hard: dict[str, list] = {"no-keyword": [], "other-sense": []}
    off_true, off_pred = [], []
    for brand in data["brands"]:
        goals = [Goal(id=g["id"], description=g["description"], keywords=tuple(g.get("keywords", ())))
                 for g in brand["goals"]]  # fmt: skip
        scorer = GoalScorer(goals, backend)
        ids = [g.id for g in goals]
        s = scorer.score_array([p["text"] for p in brand["posts"]])
        for post, row in zip(brand["posts"], s, strict=True):
            gold = {ids.index(post["goal"])} if post["goal"] else set()
            item = (row, gold)
            per_lang[post["lang"]].append(item)
            if post.get("hard"):
                hard[post["hard"]].append(item)
            off_true.append(not gold)
            off_pred.append(float(row.max()) < THRESHOLD)

    def summarise(items) -> dict[str, float]:
        scores = np.concatenate([r for r, _ in items])
        labels = np.concatenate([[i in g for i in range(len(r))] for r, g in items]).astype(bool)
        has = [(r, g) for r, g in items if g]
        nearest = np.mean([int(np.argmax(r)) in g for r, g in has]) if has else float("nan")
        return {"n": len(items), "auc": auc(scores, labels), "nearest": float(nearest)}

    rows = [("hand-written (all)", summarise(per_lang["en"] + per_lang["fr"]))]
    rows += [(f"hand-written ({lang})", summarise(items)) for lang, items in per_lang.items()]
    rows.append(("hand-written, on-goal sharing no keyword", summarise(hard["no-keyword"] + [
        it for it in per_lang["en"] + per_lang["fr"] if not it[1]])))  # fmt: skip
    t, p = np.array(off_true), np.array(off_pred)
    off = {
        "threshold": THRESHOLD,
        "precision": float((t & p).sum() / max(p.sum(), 1)),
        "recall": float((t & p).sum() / max(t.sum(), 1)),
        "flagged": int(p.sum()),
        "off_goal": int(t.sum()),
        "other_sense_flagged": float(np.mean([float(r.max()) < THRESHOLD for r, _ in hard["other-sense"]])),
    }
    return rows, off


def speed(backend) -> float:
    """Posts scored per second by one process against 4 goals (the per-post cost a lint adds)."""
    texts = [
        p["text"] for b in yaml.safe_load(HAND.read_text(encoding="utf-8"))["brands"] for p in b["posts"]
    ]
    texts = (texts * (3000 // len(texts) + 1))[:3000]
    scorer = GoalScorer([Goal(id=f"g{i}", description=t) for i, t in enumerate(texts[:4])], backend)
    start = time.perf_counter()
    for t in texts:
        scorer.score_array([t])
    return len(texts) / (time.perf_counter() - start)


def main() -> int:
    ap = argparse.ArgumentParser(description="Relevance-to-goal evaluation")
    ap.add_argument("--backend", default="static", help="static (default), e5 or spacy")
    ap.add_argument("--model", default="", help="model for the spacy backend")
    ap.add_argument("--split", default="test", choices=("test", "dev"), help="dev = the tuning splits")
    args = ap.parse_args()
    backend = load_backend(args.backend, args.model)
    rows = tweet_topic(backend, args.split) + sib(backend, args.split)
    if not rows:
        print(f"note: {DATA} not found: public proxies skipped")
    hand_rows, off = hand_set(backend)
    rows += hand_rows
    print(f"backend: {args.backend}   split: {args.split}")
    print(f"{'set':<44} {'n':>5} {'ROC AUC':>8} {'per-goal':>8} {'nearest':>8}")
    for name, r in rows:
        macro = f"{r['macro']:>8.3f}" if "macro" in r else f"{'-':>8}"
        print(f"{name:<44} {r['n']:>5} {r['auc']:>8.3f} {macro} {r['nearest']:>8.3f}")
    print(
        "ROC AUC: over all (post, goal) pairs; per-goal: mean of each goal's AUC; nearest: top goal is a gold one"
    )
    print(
        f"\nEL601 off-goal at threshold {off['threshold']}: precision {off['precision']:.3f}, "
        f"recall {off['recall']:.3f} ({off['flagged']} flagged, {off['off_goal']} off-goal drafts; "
        f"{off['other_sense_flagged']:.0%} of 'other-sense' off-goal drafts flagged)"
    )
    print(f"scoring speed: {speed(backend):,.0f} posts/s (one process, 4 goals)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
