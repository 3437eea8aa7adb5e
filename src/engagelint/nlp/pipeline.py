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
        nlp = spacy.blank(code)
        # Keep #tag, @user and $TICKER whole even before trailing punctuation.
        prefixes = [p for p in nlp.Defaults.prefixes if p not in ("#", "@", "\\$", "$")]
        nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
        nlp.add_pipe("sentencizer")
        if lemmas and code in SUPPORTED:
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
