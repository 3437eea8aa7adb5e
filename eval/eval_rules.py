"""Per-rule judgement: firing rate on clean professional posts, recall on labelled bad/good posts.

1. Clean professional posts (the default rule set should stay quiet on them):
   - English: IBM customer-care brand replies (25 brands on Twitter, Apache-2.0) in
     shared/data/perf-corpus/ibm-twitter-customer-care, linted as X posts;
   - French: the formal French references of CoCoA-MT (call-center and telephony test domains,
     professional translators' customer-care turns, CDLA-Sharing-1.0) in
     shared/data/cocoa-mt-en-fr-formality, linted as LinkedIn posts.
   Both are read in place, never copied. Reported: share of posts with any warning or error, and
   the rules that fire, per 100 posts.
2. Labelled posts written for this project (eval/rules_set.yml), per category and language: recall
   (bad posts with at least one finding of their category) and false alarms (good posts with one).
   Items are split in two halves by sha1(text); half A was looked at while writing the rules, half B
   is reported separately as held out.

Usage: ENGAGELINT_SHARED_DATA=/path/to/shared/data python eval/eval_rules.py [--show]
(default data folder: ../shared/data beside the repository). Runs through the real engine.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_false_positives import replies as brand_replies  # noqa: E402  (one loader of the IBM replies)

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("ENGAGELINT_SHARED_DATA") or ROOT.parent / "shared" / "data")
IBM = DATA / "perf-corpus" / "ibm-twitter-customer-care"
COCOA = DATA / "cocoa-mt-en-fr-formality" / "test" / "en-fr"
CATEGORIES = ("informality", "noise", "automation", "platform")


def cocoa_formal_french() -> list[str]:
    texts: dict[str, None] = {}
    for domain in ("call_center", "telephony"):
        path = COCOA / f"formality-control.test.{domain}.en-fr.formal"
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    texts.setdefault(line.strip(), None)
    return list(texts)


def half(text: str) -> str:
    return "A" if hashlib.sha1(text.encode("utf-8")).digest()[0] % 2 == 0 else "B"


def draft(text: str, lang: str, platform: str | None = None, reply_to: str | None = None) -> bytes:
    front = [f"lang: {lang}"]
    if platform:
        front.append(f"platform: {platform}")
    if reply_to:
        front.append(f"reply_to: {json.dumps(reply_to)}")
    return ("---\n" + "\n".join(front) + "\n---\n" + text + "\n").encode("utf-8")


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from engagelint.api import lint_bytes
    from engagelint.config import config_from_toml

    show = "--show" in sys.argv
    cfg = config_from_toml("")

    def violations(data: bytes):
        return [
            v for v in lint_bytes(data, path="post.md", config=cfg).violations if str(v.severity) != "info"
        ]

    print("== Clean professional posts (default rules; warnings and errors) ==")
    for label, posts, lang, platform in (
        ("EN IBM brand replies (X)", brand_replies() if IBM.is_dir() else [], "en", "x"),
        (
            "FR CoCoA-MT formal customer care (LinkedIn)",
            cocoa_formal_french() if COCOA.is_dir() else [],
            "fr",
            "linkedin",
        ),
    ):
        if not posts:
            print(f"{label}: skipped (data not found under {DATA})")
            continue
        fired_posts = 0
        rules: Counter = Counter()
        examples: dict[str, str] = {}
        for text in posts:
            found = violations(draft(text, lang, platform))
            fired_posts += bool(found)
            for code in {f"{v.code} {v.name}" for v in found}:
                rules[code] += 1
                examples.setdefault(code, text[:100])
        n = len(posts)
        print(f"{label}: {n} posts, {fired_posts / n * 100:.1f}% with a finding")
        for code, count in rules.most_common():
            print(
                f"    {code:<32} {count / n * 100:5.2f} per 100 posts"
                + (f"   e.g. {examples[code]!r}" if show else "")
            )

    items = yaml.safe_load((ROOT / "eval" / "rules_set.yml").read_text(encoding="utf-8"))["items"]
    stats: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # bad, found, good, false alarms
    misses = []
    for item in items:
        cat, lang, text = item["category"], item["lang"], item["text"]
        found = violations(draft(text, lang, item.get("platform"), item.get("reply_to")))
        in_cat = [v for v in found if v.category == cat]
        for key in ((cat, lang, half(text)), (cat, lang, "all")):
            s = stats[key]
            if item["bad"]:
                s[0] += 1
                s[1] += bool(in_cat)
            else:
                s[2] += 1
                s[3] += bool(in_cat)
        if bool(in_cat) != bool(item["bad"]):
            misses.append(
                (cat, lang, "missed" if item["bad"] else "false alarm", text, [v.code for v in in_cat])
            )
    print("\n== Labelled set (eval/rules_set.yml): recall on bad posts, false alarms on good posts ==")
    print(f"{'category':<12} {'lang':<4} {'half':<4} {'recall':>12} {'false alarms':>14}")
    for cat in CATEGORIES:
        for lang in ("en", "fr"):
            for h in ("A", "B", "all"):
                bad, found, good, fa = stats[(cat, lang, h)]
                if not bad and not good:
                    continue
                recall = f"{found}/{bad} {found / bad:.2f}" if bad else "-"
                alarms = f"{fa}/{good}" if good else "-"
                print(f"{cat:<12} {lang:<4} {h:<4} {recall:>12} {alarms:>14}")
    if show:
        for cat, lang, kind, text, codes in misses:
            print(f"  {kind:<11} {cat}/{lang}: {text[:90]!r} {codes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
