"""Tokens and lemmas of a post, computed once and shared by every rule that matches word lists.

``tokens(ctx)`` turns the post's spaCy Doc (``spacy.blank(lang)`` + sentencizer, built once per
language and process) into light ``Tok`` records, cached in ``ctx.cache``. Each token carries its
lookup lemma (spacy-lookups-data ``lemma_lookup``, loaded once per language and process) plus
a few suffix-stripped candidates for words the tables do not know (slang: "chelous" -> "chelou",
"vibing" -> "vibe"), so a listed word also matches its plural, feminine and verb forms.

``PhraseIndex`` is the shared matcher for multi-word lists: phrases are tokenized by the same
tokenizer and matched on forms or lemmas, longest first, in one pass over the tokens (a dict
from first word to candidate phrases, as fast as spaCy's PhraseMatcher for lists this size).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})
_PARTS = re.compile(r"['\-]")


@dataclass(frozen=True, slots=True)
class Tok:
    text: str
    start: int
    end: int
    lower: str
    forms: frozenset[str]  # lower-case form, lookup lemma and suffix candidates
    sent: int  # index of the sentence the token belongs to
    is_word: bool


def _lemma_table(lang: str) -> Any:
    """The lookup lemma table of ``lang`` (empty when spacy-lookups-data is missing), read from disk."""
    if lang not in ("en", "fr"):
        return _NO_LEMMAS
    from engagelint.nlp.tables import lemma_lookup

    return lemma_lookup(lang)


_NO_LEMMAS: dict[str, str] = {}


# Inflection endings stripped for words the tables do not know; candidates only ever match listed words.
_SUFFIXES = {
    "en": (("ies", "y"), ("ing", ""), ("ing", "e"), ("ied", "y"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", "")),
    "fr": (
        ("euses", "eur"), ("euse", "eur"), ("ives", "if"), ("ive", "if"), ("aux", "al"), ("ées", "é"),
        ("ée", "é"), ("és", "é"), ("es", ""), ("e", ""), ("s", ""), ("x", ""),
    ),
}  # fmt: skip


@lru_cache(maxsize=65536)
def forms_of(lang: str, lower: str) -> frozenset[str]:
    """The lower-case word, its lookup lemma(s) and its suffix-stripped candidates."""
    lower = lower.translate(_APOSTROPHES)
    out = {lower}
    langs = (lang,) if lang in ("en", "fr") else ()
    for code in langs:
        out.update(_lemmas(code, lower))
        for suffix, repl in _SUFFIXES[code]:
            if len(lower) > len(suffix) + 2 and lower.endswith(suffix):
                stem = lower[: -len(suffix)] + repl
                out.add(stem)
                if suffix == "ing" and not repl and len(stem) > 3 and stem[-1] == stem[-2]:
                    out.add(stem[:-1])  # "stopping" -> "stop"
    return frozenset(out)


def tokens(ctx) -> list[Tok]:
    """The post's tokens with forms and sentence numbers, computed once per post (shared cache)."""
    key = "lexical:tokens"
    cached = ctx.cache.get(key)
    if cached is not None:
        return cached
    doc = ctx.doc
    out: list[Tok] = []
    sent = 0
    for t in doc:
        if t.is_space:
            continue
        if t.is_sent_start and out:
            sent += 1
        lower = t.lower_.translate(_APOSTROPHES)
        is_word = any(c.isalpha() for c in lower)
        forms = forms_of(ctx.lang, lower) if is_word else frozenset((lower,))
        out.append(Tok(t.text, t.idx, t.idx + len(t.text), lower, forms, sent, is_word))
    ctx.cache[key] = out
    return out


def word_forms(ctx) -> frozenset[str]:
    """Every form and lemma of the post's words (regex words split at apostrophes and hyphens), once per post."""
    key = "lexical:word_forms"
    cached = ctx.cache.get(key)
    if cached is not None:
        return cached
    out: set[str] = set()
    lang = ctx.lang
    for w in ctx.entities.words:
        out.update(_forms_of_word(lang, w.text))
    frozen = ctx.cache[key] = frozenset(out)
    return frozen


@lru_cache(maxsize=32768)  # a word's forms, once per process: most words recur across posts
def _forms_of_word(lang: str, text: str) -> frozenset[str]:
    lower = text.lower().translate(_APOSTROPHES)
    out = {lower}
    for part in _PARTS.split(lower):
        if part:
            out.update(forms_of(lang, part))
    if "'" in lower:  # "j'ai" -> "j", "can't" -> "ca" + "n't", as the tokenizer cuts them
        head, _, tail = lower.partition("'")
        if tail == "t" and head.endswith("n"):
            out.update(("n't", head[:-1]))
    return frozenset(out)


class PhraseIndex:
    """Word lists matched on token forms or lemmas, punctuation ignored ("bon week-end", "stay tuned!").

    ``find(tokens)`` gives the (start, end) character spans of the matches, leftmost and longest first.
    """

    def __init__(self, lang: str, phrases: Iterable[str]) -> None:
        from engagelint.nlp.tables import phrase_words

        self.lang = lang
        self._by_first: dict[str, list[tuple[frozenset[str], ...]]] = {}
        unique = list(dict.fromkeys(p.strip() for p in phrases if p and p.strip()))
        # The spaCy tokenizer's cut of each phrase, stored on disk: no spaCy import once it is known.
        cut = phrase_words(lang, unique)
        for phrase in unique:
            words = [w.translate(_APOSTROPHES) for w in cut[phrase]]
            if not words:
                continue
            # Each phrase word matches its own lemma too ("staying tuned" for "stay tuned").
            seq = tuple(_word_keys(lang, w) for w in words)
            for key in seq[0]:
                self._by_first.setdefault(key, []).append(seq)
        for seqs in self._by_first.values():
            seqs.sort(key=len, reverse=True)
        # For the pre-check on regex words: clitic marks stripped ("-vous" -> "vous", "'m" -> "m", "j'" -> "j").
        self._loose: dict[str, list[tuple[frozenset[str], ...]]] = {}
        for seqs in self._by_first.values():
            for seq in seqs:
                loose = tuple(frozenset(k.strip("-'") or k for k in keys) for keys in seq)
                for key in loose[0]:
                    self._loose.setdefault(key, []).append(loose)

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def might_match(self, ctx) -> bool:
        """Cheap pre-check on the post's regex words (no spaCy): are all words of some phrase present?

        Most posts contain no listed phrase, so the shared Doc is only built when one might match.
        """
        present = word_forms(ctx)
        loose = self._loose
        # Intersect from the smaller side: a tweet has a few dozen forms, a list hundreds of keys.
        keys = [k for k in present if k in loose] if len(present) < len(loose) else loose.keys() & present
        for key in keys:
            for seq in self._loose[key]:
                if all(not keys.isdisjoint(present) for keys in seq):
                    return True
        return False

    def find(self, toks: list[Tok]) -> list[tuple[int, int]]:
        toks = [t for t in toks if t.is_word or t.lower.isdigit()]
        out: list[tuple[int, int]] = []
        i = 0
        n = len(toks)
        while i < n:
            best = 0
            candidates = {id(s): s for f in toks[i].forms for s in self._by_first.get(f, ())}
            for seq in candidates.values():
                k = len(seq)
                if k > best and i + k <= n and all(seq[j] & toks[i + j].forms for j in range(k)):
                    best = k
            if best:
                out.append((toks[i].start, toks[i + best - 1].end))
                i += best
            else:
                i += 1
        return out


def _lemmas(lang: str, word: str) -> list[str]:
    """Lookup lemmas that share the word's stem ("cried" -> "cry", "pleuré" -> "pleurer"). Suppletive and
    clitic lemmas ("are" -> "be", "ai" of "ain't" -> "be", "n't" -> "not") would make unrelated words meet."""
    if len(word) < 3 or not word.isalpha():
        return []
    lemma = _lemma_table(lang).get(word)
    if not lemma:
        return []
    return [x for x in ([lemma] if isinstance(lemma, str) else lemma) if x[:2] == word[:2]]


def _word_keys(lang: str, word: str) -> frozenset[str]:
    """A phrase word matches tokens that share its form or its lookup lemma (not its suffix guesses)."""
    keys = {word}
    if lang in ("en", "fr"):
        keys.update(_lemmas(lang, word))
    return frozenset(keys)
