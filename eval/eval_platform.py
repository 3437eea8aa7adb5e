"""Platform-fit evaluation: twitter-text conformance per section, and false alarms on published tweets.

Run from the repository root:  python eval/eval_platform.py
Reads ../shared/data (beside the repository); prints a note and exits 0 when it is absent.

1. Conformance: the weighted-length sections of validate.yml (upstream runs them with config v2, v3
   and the default v3) and the URL-extraction sections of extract.yml / tlds.yml.
2. Published tweets (perf-corpus: TweetEval, French DEFT 2017): every one was accepted by Twitter,
   so each EL301 finding for platform "x" is a false alarm (an upper bound: the corpora replace
   mentions with @user, which only shortens them, and keep HTML entities such as &amp;, which lengthen).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import yaml  # noqa: E402

from engagelint.platforms import TWITTER_V2, TWITTER_V3, extract_urls, measure, parse_tweet  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
CONFORMANCE = DATA / "twitter-text-conformance"
WEIGHTED = {
    "WeightedTweetsCounterTest": TWITTER_V2,
    "WeightedTweetsWithDiscountedEmojiCounterTest": TWITTER_V3,
    "UnicodeDirectionalMarkerCounterTest": TWITTER_V3,
}
EXTRACT = ("urls", "urls_with_indices", "urls_with_directional_markers", "tco_urls_with_params")
FIELDS = {
    "weightedLength": "weighted_length",
    "valid": "valid",
    "permillage": "permillage",
    "displayRangeStart": "display_range_start",
    "displayRangeEnd": "display_range_end",
    "validRangeStart": "valid_range_start",
    "validRangeEnd": "valid_range_end",
}


def _load(name: str) -> dict:
    return yaml.safe_load((CONFORMANCE / name).read_text(encoding="utf-8"))["tests"]


def conformance_rows() -> list[tuple[str, int, int]]:
    rows = []
    validate = _load("validate.yml")
    for section, config in WEIGHTED.items():
        cases = validate[section]
        ok = 0
        for case in cases:
            got = parse_tweet(case["text"], config)
            ok += all(getattr(got, attr) == case["expected"][key] for key, attr in FIELDS.items())
        rows.append((f"validate.yml {section} ({config.version and f'v{config.version}'})", ok, len(cases)))
    extract = _load("extract.yml")
    for section in EXTRACT:
        cases = extract[section]
        ok = 0
        for case in cases:
            spans = extract_urls(case["text"])
            if section in ("urls", "tco_urls_with_params"):
                got = [u.url for u in spans]
            else:
                got = [{"url": u.url, "indices": [u.start, u.end]} for u in spans]
            ok += got == case["expected"]
        rows.append((f"extract.yml {section}", ok, len(cases)))
    for section, cases in _load("tlds.yml").items():
        ok = sum([u.url for u in extract_urls(c["text"])] == c["expected"] for c in cases)
        rows.append((f"tlds.yml {section}", ok, len(cases)))
    return rows


def published_rows() -> list[tuple[str, int, int]]:
    corpus = DATA / "perf-corpus"
    groups = {
        "TweetEval (EN)": sorted((corpus / "tweeteval").rglob("*_text.txt")),
        "DEFT 2017 (FR)": sorted((corpus / "xlm-t-french").glob("*_text.txt")),
    }
    rows = []
    for label, files in groups.items():
        tweets = {
            line.strip() for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()
        }
        flagged = sum(measure(t, "twitter-v3", 280).over for t in tweets)
        rows.append((label, flagged, len(tweets)))
    return rows


def main() -> int:
    if not CONFORMANCE.exists():
        print(f"skipped: {CONFORMANCE} is absent (../shared/data beside the repository)")
        return 0
    print("twitter-text conformance (commit 30e2430)")
    print(f"{'section':<66} {'pass':>6} {'cases':>6} {'rate':>8}")
    for name, ok, total in conformance_rows():
        print(f"{name:<66} {ok:>6} {total:>6} {ok / total:>8.1%}")
    if (DATA / "perf-corpus").exists():
        print()
        print("EL301 on published tweets, platform x (every finding is a false alarm)")
        print(f"{'corpus':<30} {'flagged':>8} {'tweets':>8} {'rate':>8}")
        for name, flagged, total in published_rows():
            print(f"{name:<30} {flagged:>8} {total:>8} {flagged / total:>8.3%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
