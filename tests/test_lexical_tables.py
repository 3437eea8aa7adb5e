"""The on-disk word tables give exactly what spaCy gives, and a cold lint needs no spaCy import."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from engagelint.nlp import tables


@pytest.fixture
def cache_root(tmp_path, monkeypatch):
    monkeypatch.setenv("ENGAGELINT_CACHE_DIR", str(tmp_path))
    tables.lemma_lookup.cache_clear()
    tables._phrase_file.cache_clear()
    tables._phrase_memory.clear()
    yield tmp_path
    tables.lemma_lookup.cache_clear()
    tables._phrase_file.cache_clear()
    tables._phrase_memory.clear()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_lemma_table_on_disk_matches_spacy_lookups(cache_root, lang):
    from spacy.lookups import load_lookups

    spacy_table = load_lookups(lang, ["lemma_lookup"]).get_table("lemma_lookup")
    ours = tables.lemma_lookup(lang)
    words = ["cried", "staying", "vibing", "pleuré", "chevaux", "mangeons", "zzzqx", "are", "belles"]
    for word in words:
        assert ours.get(word) == spacy_table.get(word), word
    assert list(cache_root.glob(f"tables/lemma_lookup-{lang}-*.sqlite"))


def test_phrase_words_match_the_tokenizer_and_are_reused_without_spacy(cache_root):
    from engagelint.nlp.pipeline import get_nlp

    phrases = ["stay tuned!", "bon week-end", "dis-moi", "j'ai hâte", "link in bio"]
    cut = tables.phrase_words("fr", phrases)
    tokenizer = get_nlp("fr").tokenizer
    for p in phrases:
        expected = [t.lower_ for t in tokenizer(p) if any(c.isalpha() or c.isdigit() for c in t.text)]
        assert cut[p] == expected
    (stored,) = cache_root.glob("tables/phrase-words-fr-*.json")
    assert json.loads(stored.read_text(encoding="utf-8"))["dis-moi"] == ["dis", "-moi"]


def test_unwritable_cache_dir_still_gives_the_tables(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("ENGAGELINT_CACHE_DIR", str(blocker))
    tables.lemma_lookup.cache_clear()
    tables._phrase_file.cache_clear()
    tables._phrase_memory.clear()
    try:
        assert tables.lemma_lookup("en").get("cried") == "cry"
        assert tables.phrase_words("en", ["stay tuned"])["stay tuned"] == ["stay", "tuned"]
    finally:
        tables.lemma_lookup.cache_clear()
        tables._phrase_file.cache_clear()
        tables._phrase_memory.clear()


def test_second_cold_lint_of_a_draft_imports_neither_spacy_nor_the_lemma_json(tmp_path):
    draft = tmp_path / "a.md"
    draft.write_text("Just shipped our new feature, check it out!\n", encoding="utf-8")
    env = {**os.environ, "ENGAGELINT_CACHE_DIR": str(tmp_path / "cache")}
    probe = (
        "import sys\n"
        "from engagelint.cli import cli\n"
        "try:\n"
        "    cli(['--no-cache', '--now', '2026-11-30T12:00+01:00', sys.argv[1]], prog_name='engagelint')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('SPACY' if 'spacy' in sys.modules else 'NOSPACY', file=sys.stderr)\n"
    )
    first = subprocess.run([sys.executable, "-c", probe, str(draft)], env=env, capture_output=True, text=True)
    second = subprocess.run(
        [sys.executable, "-c", probe, str(draft)], env=env, capture_output=True, text=True
    )
    assert first.stdout == second.stdout
    assert second.stderr.strip().endswith("NOSPACY"), second.stderr
