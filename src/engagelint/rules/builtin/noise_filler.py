"""EL213 empty-teaser: a post whose only content is a stock teaser or sign-off ("Stay tuned! 👀")."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import regex

from engagelint.models import Finding, Severity
from engagelint.nlp.lexical import PhraseIndex, tokens
from engagelint.rules.base import Example, Rule, RuleContext, RuleInfo
from engagelint.rules.builtin.noise_common import for_lang, load_data
from engagelint.rules.builtin.noise_links import is_reply

# Specific content that keeps a teaser honest: a number or date, a link, a handle, an e-mail.
_SPECIFIC = regex.compile(r"\p{N}|@\w|\w@\w|https?://|www\.", regex.IGNORECASE)


@lru_cache(maxsize=4)
def _lists(lang: str) -> tuple[PhraseIndex, frozenset[str], frozenset[str]]:
    data = load_data("noise_filler.yml")
    langs = ("en", "fr") if lang not in ("en", "fr") else (lang,)
    phrases = [p for k in langs for p in for_lang(data["phrases"], k)]
    vague = frozenset(w.lower() for k in langs for w in for_lang(data["vague"], k))
    offers = frozenset(w.lower() for k in langs for w in for_lang(data["offers"], k))
    return PhraseIndex(lang, phrases), vague, offers


@lru_cache(maxsize=4)
def _stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words, read from their files (importing spacy.lang.fr would load its ~3 s tokenizer table)."""
    import runpy

    import spacy

    base = Path(spacy.__file__).parent / "lang"
    words = {code: runpy.run_path(str(base / code / "stop_words.py"))["STOP_WORDS"] for code in ("en", "fr")}
    return frozenset(words.get(lang, words["en"] | words["fr"]))


class EmptyTeaser(Rule):
    info = RuleInfo(
        code="EL213",
        name="empty-teaser",
        category="noise",
        severity=Severity.WARNING,
        summary='A post that is only a stock teaser or sign-off ("Stay tuned!", "Restez connectés !", "Happy Friday!").',
        rationale=(
            '"Big news coming soon, stay tuned!" asks for attention and gives nothing back: readers learn '
            "to scroll past the account, and the post earns no click, no save and no share. Say what is "
            "coming and when. The rule fires only when the post has nothing specific besides the teaser: a "
            "number or date, a link, a handle, a name, an offer or a few words of real content keep it quiet "
            '("Stay tuned for the timetable on 1 March"). Phrases are matched on lemmas ("staying tuned").'
        ),
        requires=frozenset({"tokens", "sents"}),
        examples=(
            Example(
                bad="Big news coming soon... Stay tuned! 👀",
                good="Stay tuned for the festival timetable, out on 1 March.",
                lang="en",
            ),
            Example(
                bad="Restez connectés, de belles surprises arrivent très bientôt ! ✨",
                good="Restez connectés : le programme du festival sort le 1er mars.",
                lang="fr",
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        if is_reply(ctx) or ctx.entities.urls or _SPECIFIC.search(ctx.text):
            return
        index, vague, offers = _lists(ctx.lang)
        if not index.might_match(ctx):
            return
        toks = [t for t in tokens(ctx) if t.is_word]
        hits = index.find(toks)
        if not hits:
            return
        covered = {k for k, t in enumerate(toks) if any(a <= t.start < b for a, b in hits)}
        stop = _stop_words(ctx.lang)
        content = 0
        for k, t in enumerate(toks):
            if k in covered or t.forms & stop or t.forms & vague:
                continue
            if t.forms & offers:
                return  # an offer is content
            if t.text[:1].isupper() and k and toks[k - 1].sent == t.sent and not _after_break(ctx.text, t):
                return  # a name: "our Lyon store", "with Acme"
            content += 1
        if content > 1:
            return
        start, end = hits[0][0], hits[-1][1]
        shown = ctx.text[start:end] if end - start <= 40 else ctx.text[start : start + 37] + "..."
        yield Finding(
            start,
            end,
            f"'{shown}' is a stock phrase and the post says nothing else; say what is coming and when, "
            "or one concrete thing (a date, a name, an offer)",
        )


def _after_break(text: str, tok) -> bool:
    """A capital after a line break or sentence punctuation is a sentence start, not a name."""
    before = text[: tok.start].rstrip(" \t")
    return not before or before[-1] in "\n.!?…:"


RULES = (EmptyTeaser,)
