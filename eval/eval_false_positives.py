"""False positives of the whole default rule set on professional brand replies.

Data: IBM customer-care agent turns (25 brands on Twitter) in ../shared/data/perf-corpus
(evaluation only; nothing is copied into the project). Each reply is linted as an X post, once
with the formal register and once with the neutral one, through the real engine and the default
rule selection. Target (issue 4): at most 2 error-level findings per 100 posts.

Usage: .venv/bin/python eval/eval_false_positives.py [--show N]
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ENGAGELINT_SHARED_DATA points at shared/data when the checkout is not beside it (e.g. a worktree).
DATA = Path(os.environ.get("ENGAGELINT_SHARED_DATA") or ROOT.parent / "shared" / "data")
IBM = DATA / "perf-corpus" / "ibm-twitter-customer-care"


def replies() -> list[str]:
    texts: dict[str, None] = {}
    for path in sorted(IBM.glob("*.json")):
        for conv in json.loads(path.read_text(encoding="utf-8")):
            for turn in conv.get("dialogContent", ()):
                if "agent" in turn and turn.get("message", "").strip():
                    texts.setdefault(turn["message"].strip(), None)
            url_reply = (conv.get("agentURL") or {}).get("url_utterance", "").strip()
            if url_reply:
                texts.setdefault(url_reply, None)
    return list(texts)


def main() -> int:
    if not IBM.is_dir():
        print(f"skipped: {IBM} not found (the evaluation needs ../shared/data)")
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    from engagelint.api import lint_bytes
    from engagelint.config import config_from_toml

    show = int(sys.argv[sys.argv.index("--show") + 1]) if "--show" in sys.argv else 0
    posts = replies()
    print(f"{len(posts)} brand replies (IBM customer care, 25 brands)\n")
    print(f"{'register':<9} {'errors/100':>10} {'warnings/100':>12} {'info/100':>9}  most frequent rules")
    for register in ("formal", "neutral"):
        cfg = config_from_toml(f"register = '{register}'\nplatforms = ['x']")
        sev: Counter = Counter()
        rules: Counter = Counter()
        examples = []
        for text in posts:
            doc = f"---\nplatform: x\n---\n{text}\n".encode()
            for v in lint_bytes(doc, path="reply.md", config=cfg).violations:
                sev[str(v.severity)] += 1
                rules[f"{v.code} {v.name}"] += 1
                if len(examples) < show:
                    examples.append((v.code, v.message, text[:120]))
        n = len(posts) / 100
        top = ", ".join(f"{r} ({c})" for r, c in rules.most_common(4))
        print(
            f"{register:<9} {sev['error'] / n:>10.2f} {sev['warning'] / n:>12.2f} {sev['info'] / n:>9.2f}  {top}"
        )
        for code, message, text in examples:
            print(f"    {code}: {message}\n        {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
