"""Over-informality rules (EL1xx), measured on real text and printed as tables.

1. CoCoA-MT EN->FR (../shared/data/cocoa-mt-en-fr-formality, test + train): each English segment has a
   formal and an informal French reference written by professional translators. Each text gets an
   informality score from the rules (sum of finding weights: error 3, warning 2, info 1; register
   "formal") plus register cues (+0.5 per "tu" form, -0.5 per "vous" form, from
   ``informality_register.address_spans``). A pair passes when the informal reference scores strictly
   higher; ties fail and are counted (identical formal/informal references are reported apart).
   Also: the share of formal references with any informality finding.
2. False positives: informality findings per 100 professional brand replies (IBM customer-care agent
   turns and agentURL.url_utterance in ../shared/data/perf-corpus/ibm-twitter-customer-care).

Everything runs through the real engine (``engagelint.api.lint_text``). Data are read in place.
Run: ``PYTHONPATH=src python eval/eval_informality.py`` (``--show N`` prints N findings per table).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
COCOA = DATA / "cocoa-mt-en-fr-formality"
IBM = DATA / "perf-corpus" / "ibm-twitter-customer-care"
WEIGHT = {"error": 3, "warning": 2, "info": 1}
CUE = 0.5


def cocoa_pairs() -> dict[str, list[tuple[str, str]]]:
    """{"test/call_center": [(formal, informal), ...], ...}"""
    out: dict[str, list[tuple[str, str]]] = {}
    for formal in sorted(COCOA.glob("*/en-fr/*.formal")) + sorted(COCOA.glob("*/en-fr/*.formal.fr")):
        informal = formal.with_name(formal.name.replace(".formal", ".informal"))
        domain = formal.name.split(".")[2]
        f_lines = formal.read_text(encoding="utf-8").splitlines()
        i_lines = informal.read_text(encoding="utf-8").splitlines()
        out[f"{formal.parts[-3]}/{domain}"] = list(zip(f_lines, i_lines, strict=True))
    return out


def ibm_replies() -> list[str]:
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


class Scorer:
    def __init__(self, lang: str, register: str) -> None:
        from engagelint.config.schema import build_config

        self.lang = lang
        self.config = build_config({"lang": lang, "register": register}, None, Path.cwd())

    def findings(self, text: str):
        from engagelint.api import lint_text

        # A .txt draft is one post; blank lines inside a reply stay in the same post.
        result = lint_text(
            text.replace("\n\n", "\n"), path="draft.txt", config=self.config, select=["informality"]
        )
        return [v for v in result.violations if v.category == "informality"]

    def score(self, text: str) -> tuple[float, float, list]:
        from engagelint.rules.builtin.informality_register import address_spans

        found = self.findings(text)
        rules = sum(WEIGHT[str(v.severity)] for v in found)
        cues = CUE * (len(address_spans(text, self.lang, False)) - len(address_spans(text, self.lang, True)))
        return rules + cues, rules, found


def eval_cocoa(show: int) -> None:
    scorer = Scorer("fr", "formal")
    print("\n## CoCoA-MT EN->FR: informal reference scores strictly more informal than the formal one")
    print(f"{'split/domain':<24}{'pairs':>6}{'pass':>7}{'rate':>8}{'ties':>6}{'(same)':>8}{'rev':>5}"
          f"{'rules-only':>11}{'formal w/ finding':>19}")  # fmt: skip
    totals = Counter()
    fired_on_formal: Counter = Counter()
    examples: list[str] = []
    for name, pairs in cocoa_pairs().items():
        c = Counter()
        for formal, informal in pairs:
            f_score, f_rules, f_found = scorer.score(formal)
            i_score, i_rules, _ = scorer.score(informal)
            c["pairs"] += 1
            c["pass"] += i_score > f_score
            c["tie"] += i_score == f_score
            c["same"] += i_score == f_score and formal.strip() == informal.strip()
            c["rev"] += i_score < f_score
            c["rules_pass"] += i_rules > f_rules
            c["formal_flagged"] += bool(f_found)
            for v in f_found:
                fired_on_formal[v.code] += 1
                if len(examples) < show:
                    examples.append(f"  {v.code} {v.message}  <- {formal[:100]}")
        totals.update(c)
        _cocoa_row(name, c)
    _cocoa_row("ALL", totals)
    differing = totals["pairs"] - totals["same"]
    print(f"pairs whose references differ: {differing}, pass rate on them "
          f"{totals['pass'] / max(1, differing):.3f}")  # fmt: skip
    print(f"findings on formal references by rule: {dict(fired_on_formal) or 'none'}")
    for line in examples:
        print(line)


def _cocoa_row(name: str, c: Counter) -> None:
    n = max(1, c["pairs"])
    print(f"{name:<24}{c['pairs']:>6}{c['pass']:>7}{c['pass'] / n:>8.3f}{c['tie']:>6}{c['same']:>8}{c['rev']:>5}"
          f"{c['rules_pass'] / n:>11.3f}{c['formal_flagged'] / n:>19.3f}")  # fmt: skip


def eval_ibm(show: int) -> None:
    replies = ibm_replies()
    print(f"\n## False positives: IBM customer-care brand replies ({len(replies)} posts, English)")
    print(
        f"{'register':<10}{'errors/100':>11}{'warnings/100':>13}{'info/100':>9}{'posts flagged':>14}  by rule"
    )
    for register in ("neutral", "formal"):
        scorer = Scorer("en", register)
        sev = Counter()
        by_rule = Counter()
        flagged = 0
        examples: list[str] = []
        for text in replies:
            found = scorer.findings(text)
            flagged += bool(found)
            for v in found:
                sev[str(v.severity)] += 1
                by_rule[v.code] += 1
                if len(examples) < show:
                    examples.append(f"  {v.code} {v.message}  <- {text[:110]!r}")
        n = len(replies) / 100
        print(f"{register:<10}{sev['error'] / n:>11.2f}{sev['warning'] / n:>13.2f}{sev['info'] / n:>9.2f}"
              f"{flagged:>14}  {dict(sorted(by_rule.items()))}")  # fmt: skip
        for line in examples:
            print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print this many findings per table")
    args = parser.parse_args(argv)
    ran = False
    if COCOA.is_dir():
        eval_cocoa(args.show)
        ran = True
    else:
        print(f"skipped CoCoA-MT: {COCOA} not found")
    if IBM.is_dir():
        eval_ibm(args.show)
        ran = True
    else:
        print(f"skipped IBM replies: {IBM} not found")
    if not ran:
        print("no data under ../shared/data: nothing to evaluate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
