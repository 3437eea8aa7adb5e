"""Build the compact dictionaries used by the shouting rule (EL106): src/engagelint/data/vocabulary_{en,fr}.npy.

Each file is a sorted array of 64-bit BLAKE2b hashes of lower-case dictionary words (and their
accent-stripped forms), from spacy-lookups-data's lemma tables (MIT licence) and spaCy's stop-word
lists (MIT). Looking a word up is a binary search: a few MiB in memory and no start-up cost,
instead of ~150 MiB and ~1 s to load the lemma tables themselves at run time.

Run: .venv/bin/python scripts/build_vocabulary.py   (deterministic: same inputs, same bytes)
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from engagelint.rules.builtin.informality_lexicon import load_words_from_lookups, word_hash  # noqa: E402


def main() -> None:
    for lang in ("en", "fr"):
        words = load_words_from_lookups(lang)
        hashes = np.unique(np.array([word_hash(w) for w in words], dtype=np.uint64))
        out = ROOT / "src" / "engagelint" / "data" / f"vocabulary_{lang}.npy"
        np.save(out, hashes, allow_pickle=False)
        print(f"{out.relative_to(ROOT)}: {len(words):,} words, {out.stat().st_size / 1048576:.1f} MiB")


if __name__ == "__main__":
    main()
