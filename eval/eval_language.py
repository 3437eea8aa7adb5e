"""Language-detection accuracy of engagelint.nlp.langdetect, printed as a table.

Data (read in place, never copied): ../shared/data/sib200-en-fr (eng_Latn vs fra_Latn sentences)
and ../shared/data/perf-corpus (tweeteval English tweets vs xlm-t French tweets).
The detector's constants were tuned on SIB-200 ``dev`` and the tweets' ``val`` split, and the tweets'
``train`` split was read for error analysis; SIB-200 ``train``/``test`` and the tweets' ``test`` split are
held out.

Run: ``PYTHONPATH=src python eval/eval_language.py``
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SIB = DATA / "sib200-en-fr"
TWEETS_EN = DATA / "perf-corpus" / "tweeteval"
TWEETS_FR = DATA / "perf-corpus" / "xlm-t-french"


def sib_split(split: str) -> tuple[list[str], list[str]]:
    def read(lang: str) -> list[str]:
        with (SIB / lang / f"{split}.tsv").open(encoding="utf-8", newline="") as fh:
            return [row["text"] for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)]

    return read("eng_Latn"), read("fra_Latn")


def _lines(paths: list[Path]) -> list[str]:
    seen: dict[str, None] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                seen.setdefault(line.strip(), None)
    return list(seen)


def tweet_split(split: str) -> tuple[list[str], list[str]]:
    name = "val" if split == "val" else split
    english = _lines(sorted(TWEETS_EN.rglob(f"{name}_text.txt")))
    french = _lines([TWEETS_FR / f"{name}_text.txt"])
    return english, french


def evaluate(english: list[str], french: list[str]) -> dict[str, float]:
    from engagelint.nlp.langdetect import detect

    counts = {(gold, pred): 0 for gold in ("en", "fr") for pred in ("en", "fr", "und")}
    for gold, texts in (("en", english), ("fr", french)):
        for text in texts:
            counts[gold, detect(text)[0]] += 1
    n_en, n_fr = len(english), len(french)
    n = n_en + n_fr
    und = counts["en", "und"] + counts["fr", "und"]
    decided = n - und

    def precision(lang: str) -> float:
        predicted = counts["en", lang] + counts["fr", lang]
        return counts[lang, lang] / predicted if predicted else float("nan")

    return {
        "n_en": n_en,
        "n_fr": n_fr,
        "acc_en": counts["en", "en"] / n_en,
        "acc_fr": counts["fr", "fr"] / n_fr,
        "acc": (counts["en", "en"] + counts["fr", "fr"]) / n,
        "acc_decided": (counts["en", "en"] + counts["fr", "fr"]) / decided if decided else float("nan"),
        "und": und / n,
        "p_en": precision("en"),
        "p_fr": precision("fr"),
    }


def throughput(texts: list[str], repeats: int = 3) -> float:
    """Posts per second, best of ``repeats`` runs (each with a cold word cache): the machine may be busy."""
    from engagelint.nlp import langdetect

    langdetect.detect("warm up the data files")
    best = float("inf")
    for _ in range(repeats):
        langdetect._word_cache.clear()
        start = time.perf_counter()
        for text in texts:
            langdetect.detect(text)
        best = min(best, time.perf_counter() - start)
    return len(texts) / best


def main() -> int:
    if not SIB.is_dir() or not TWEETS_EN.is_dir() or not TWEETS_FR.is_dir():
        print(f"skipped: evaluation data not found under {DATA}")
        return 0
    rows = []
    for split in ("train", "dev", "test"):
        rows.append(
            (f"sib200 {split}" + (" (tuning)" if split == "dev" else ""), evaluate(*sib_split(split)))
        )
    for split in ("train", "val", "test"):
        note = {"val": " (tuning)", "train": " (err. analysis)"}.get(split, "")
        rows.append((f"tweets {split}{note}", evaluate(*tweet_split(split))))
    header = f"{'dataset':<27}{'n_en':>7}{'n_fr':>6}{'acc':>8}{'acc_en':>8}{'acc_fr':>8}{'und':>7}{'acc|dec':>9}{'P_en':>8}{'P_fr':>8}"
    print(header)
    print("-" * len(header))
    for name, r in rows:
        print(
            f"{name:<27}{r['n_en']:>7}{r['n_fr']:>6}{r['acc']:>8.2%}{r['acc_en']:>8.2%}{r['acc_fr']:>8.2%}"
            f"{r['und']:>7.2%}{r['acc_decided']:>9.2%}{r['p_en']:>8.2%}{r['p_fr']:>8.2%}"
        )
    print()
    print("acc = correct / all (und counts as wrong); acc|dec = correct / decided; P = precision.")
    english, french = tweet_split("test")
    sample = (english + french) * 3
    print(
        f"throughput: {throughput(sample):,.0f} posts/s on {len(sample):,} tweets (one core, cold word cache, best of 3 runs)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
