"""Build ``src/engagelint/data/lang_ngrams.json``: character-trigram log-ratios EN vs FR.

The profile is learnt from word LISTS, not running text, shipped in the MIT-licensed
``spacy-lookups-data`` package (no corpus text is redistributed):

- English: the 50,000 most probable lower-case alphabetic words of ``en_lexeme_prob``;
- French: the word forms of ``fr_lemma_lookup``, each lemma's forms sharing a weight of 1,
  so that the many rare verb conjugations do not swamp the profile.

Run: ``python scripts/build_lang_profiles.py`` (needs ``pip install spacy-lookups-data``).
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "engagelint" / "data" / "lang_ngrams.json"
EN_WORDS = 50_000
KEEP = 12_000  # trigrams kept, by how much evidence they carry
SMOOTHING = 0.5
WORD_RE = re.compile(r"^[a-zàâäçéèêëîïôöùûüÿœæ]+$")


def _load(name: str) -> dict:
    data = resources.files("spacy_lookups_data") / "data" / name
    with data.open("rb") as fh:
        return json.load(gzip.open(fh))


def trigrams(word: str) -> list[str]:
    padded = f"^{word}$"
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


def english_counts() -> Counter:
    probs = _load("en_lexeme_prob.json.gz")
    words = [w for w, _ in sorted(probs.items(), key=lambda kv: -kv[1]) if WORD_RE.match(w) and w.isascii()]
    counts: Counter = Counter()
    for word in words[:EN_WORDS]:
        counts.update(trigrams(word))
    return counts


def french_counts() -> Counter:
    lookup = _load("fr_lemma_lookup.json.gz")
    forms_by_lemma: dict[str, set[str]] = defaultdict(set)
    for form, lemmas in lookup.items():
        lemma = lemmas[0] if isinstance(lemmas, list) else lemmas
        for word in (form.lower(), str(lemma).lower()):
            if WORD_RE.match(word):
                forms_by_lemma[str(lemma).lower()].add(word)
    counts: Counter = Counter()
    for forms in forms_by_lemma.values():
        share = 1.0 / len(forms)
        for word in forms:
            for gram in trigrams(word):
                counts[gram] += share
    return counts


def build() -> dict:
    en, fr = english_counts(), french_counts()
    en_total, fr_total = sum(en.values()), sum(fr.values())
    vocab = set(en) | set(fr)
    scored = []
    for gram in vocab:
        p_en = (en[gram] + SMOOTHING) / (en_total + SMOOTHING * len(vocab))
        p_fr = (fr[gram] + SMOOTHING) / (fr_total + SMOOTHING * len(vocab))
        ratio = math.log(p_fr / p_en)
        evidence = abs(ratio) * math.log1p(en[gram] + fr[gram])
        scored.append((evidence, gram, ratio))
    scored.sort(reverse=True)
    return {
        "about": "log P(trigram|fr) - log P(trigram|en); built by scripts/build_lang_profiles.py "
        "from spacy-lookups-data word lists (MIT)",
        "trigrams": {gram: round(ratio, 2) for _, gram, ratio in sorted(scored[:KEEP], key=lambda t: t[1])},
    }


def main() -> None:
    profile = build()
    OUT.write_text(json.dumps(profile, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(profile['trigrams'])} trigrams, {OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
