"""The shipped dictionary tables (EL106) match the word lists they are built from."""

from __future__ import annotations

import random

from engagelint.rules.builtin.informality_lexicon import load_words_from_lookups, vocabulary


def test_hash_tables_agree_with_spacy_lookups_data():
    for lang in ("en", "fr"):
        words = sorted(load_words_from_lookups(lang))
        sample = random.Random(0).sample(words, 300)
        table = vocabulary(lang)
        assert all(w in table for w in sample), f"rebuild with scripts/build_vocabulary.py ({lang})"
        assert "zzqxjv" not in table and "notaword" + lang not in table
    assert "maintenant" in vocabulary("und") and "biggest" in vocabulary("und")
