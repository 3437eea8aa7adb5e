"""The spaCy pipeline: imported lazily, built once per process and language.

The default path is ``spacy.blank(lang)`` + ``sentencizer`` (+ lookup lemmas from
spacy-lookups-data), which needs no model download. The tokenizer keeps URLs, #hashtags,
@mentions (incl. @user@instance) and $cashtags whole, which spaCy's defaults split.
"""

from __future__ import annotations

import threading
from functools import cache
from typing import Any

import regex

SUPPORTED = ("en", "fr")
_lock = threading.Lock()

# One token each: URLs, #hashtags, @mentions (Mastodon-style too), $cashtags.
_TOKEN_MATCH = regex.compile(
    r"^(?:(?:https?://|www\.)\S+|[#＃][\p{L}\p{M}\p{N}_]+|@[A-Za-z0-9_]+(?:@[A-Za-z0-9.-]+)?|\$[A-Za-z]{1,6})$"
)


@cache
def get_nlp(lang: str, lemmas: bool = False) -> Any:
    """A spaCy Language for ``lang`` ("en"/"fr"; anything else gets a multi-language blank).

    Lookup lemmas cost ~1-3 s of table loading, so they are added only when a rule asks.
    """
    with _lock:
        import spacy
        from spacy.util import compile_prefix_regex

        code = lang if lang in SUPPORTED else "xx"
        # French: importing spacy.lang.fr costs ~3 s per process (its tokenizer exceptions table), so the
        # French pipeline is the multi-language one with French elision and hyphen rules ("j'ai" -> "j'",
        # "ai"; "dis-moi" -> "dis", "-moi"). Phrases are tokenized by the same pipeline, so they still match.
        nlp = spacy.blank("xx" if code == "fr" else code)
        # Keep #tag, @user and $TICKER whole even before trailing punctuation.
        prefixes = [p for p in nlp.Defaults.prefixes if p not in ("#", "@", "\\$", "$")]
        if code == "fr":
            _add_french_rules(nlp, prefixes)
        nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
        nlp.add_pipe("sentencizer")
        if lemmas and code == "en":
            try:
                nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
                nlp.initialize()
            except Exception:  # lookups data missing: lemmas fall back to lower-case forms
                if "lemmatizer" in nlp.pipe_names:
                    nlp.remove_pipe("lemmatizer")
        default_match = nlp.tokenizer.token_match

        def token_match(text: str):
            return _TOKEN_MATCH.match(text) or (default_match(text) if default_match else None)

        nlp.tokenizer.token_match = token_match
        nlp.tokenizer.url_match = None
        return nlp


def _add_french_rules(nlp: Any, prefixes: list[str]) -> None:
    """French elision and hyphenated clitics, as in spaCy's French punctuation rules."""
    from spacy.lang.char_classes import ALPHA, merge_chars
    from spacy.util import compile_infix_regex, compile_suffix_regex

    elision = "'’"
    prefixes.append(rf"(?:([dlnDLN])[{elision}])(?=[{ALPHA}])")
    clitics = "ce clés elle en il ils je là moi nous on t vous toi te le la les lui leur y"
    clitics = merge_chars(clitics + " " + clitics.upper())
    suffixes = [*nlp.Defaults.suffixes, rf"(?<=[{ALPHA}])[-–‐]({clitics})"]
    infixes = [*nlp.Defaults.infixes, rf"(?<=[{ALPHA}][{elision}])(?=[{ALPHA}])"]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
