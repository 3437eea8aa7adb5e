"""EL113 oversharing: a first-person marker near private-life vocabulary, judged clause by clause.

Not fixed phrases: "my terrible hangover", "I'm still so hungover", "j'ai encore pleuré", "ma belle-mère
ronfle" are found from a marker, a few allowed words in between and a private word, within one sentence
(spaCy tokens, sentence boundaries and lookup lemmas, shared with the other rules). Word lists live in
``engagelint/data/informality_oversharing.yml``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import regex

from engagelint.models import Finding, Severity
from engagelint.nlp.lexical import PhraseIndex, Tok, tokens
from engagelint.rules.base import Example, Rule, RuleContext, RuleInfo
from engagelint.rules.builtin.noise_common import load_data

_QUOTED = regex.compile(r"«[^»\n]{1,300}»|“[^”\n]{1,300}”|\"[^\"\n]{1,300}\"")
_FAMILY_ROUTE_ONLY = "family habits"


@dataclass(frozen=True)
class _Lists:
    possessive: frozenset[str]
    subject: frozenset[str]
    linking: frozenset[str]
    family: frozenset[str]
    private: tuple[tuple[str, PhraseIndex], ...]  # (category, index)


@lru_cache(maxsize=4)
def _lists(lang: str) -> _Lists | None:
    data = load_data("informality_oversharing.yml").get(lang)
    if not data:
        return None

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower().replace("’", "'") for w in data[key])

    private = tuple(
        (category, PhraseIndex(lang, [str(w) for w in items]))
        for category, items in data["categories"].items()
    )
    return _Lists(words("possessive"), words("subject"), words("linking"), words("family"), private)


class Oversharing(Rule):
    info = RuleInfo(
        code="EL113",
        name="oversharing",
        category="informality",
        severity=Severity.WARNING,
        summary="First-person private-life details in a brand voice (hangovers, illness, break-ups, therapy, crying).",
        rationale=(
            "\"Don't be too personal\": a brand account speaks for an organisation. A community manager's "
            "hangover, illness and medication, break-up, therapy or tears, or a relative's body and habits, "
            "undermine credibility, can embarrass the person later and invite replies the brand cannot handle. "
            "Judged per sentence: a first-person marker (my, I'm, mon, je, j'ai) with a private word a few "
            'words later ("my terrible hangover", "je suis encore complètement bourré", "ma belle-mère '
            'ronfle"), in any inflection. Posts about a product or an event ("our hangover kit", "soirée sans '
            'alcool") and quotations stay quiet.'
        ),
        requires=frozenset({"tokens", "sents"}),
        examples=(
            Example(
                bad="Sorry for the slow replies today, I'm still so hungover.",
                good="Sorry for the slow replies today; we're catching up now. Try our hangover kit!",
                lang="en",
            ),
            Example(
                bad="Long day: my husband's snoring kept me up all night.",
                good="Long day at the fair: our team met 300 visitors.",
                lang="en",
            ),
            Example(
                bad="Désolés pour le retard, je suis complètement crevé après ma rupture.",
                good="Désolés pour le retard, nous revenons vers vous rapidement.",
                lang="fr",
            ),
            Example(
                bad="J'ai encore pleuré ce matin, dur de reprendre le travail.",
                good="Notre soirée sans alcool a réuni 80 personnes ce vendredi.",
                lang="fr",
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        lists = _lists(ctx.lang)
        if lists is None or not any(index.might_match(ctx) for _, index in lists.private):
            return
        toks = [t for t in tokens(ctx) if not t.is_word or t.text.strip()]
        quoted = [m.span() for m in _QUOTED.finditer(ctx.text)]
        private = _private_tokens(lists, toks)
        if not private:
            return
        for i, t in enumerate(toks):
            if not t.is_word or any(a <= t.start < b for a, b in quoted):
                continue
            hit = _judge(lists, toks, i, private)
            if hit is not None:
                end, category = hit
                s, e = t.start, toks[end].end
                shown = ctx.text[s:e]
                yield Finding(
                    s,
                    e,
                    f"'{shown}' shares private life ({category}) in the brand's voice; keep personal details "
                    "out and say what the reader needs to know",
                )
                return  # one finding per post is enough to act on


def _private_tokens(lists: _Lists, toks: list[Tok]) -> dict[int, tuple[int, str]]:
    """Index of the first token of each private word or phrase -> (index of its last token, category)."""
    by_start = {t.start: i for i, t in enumerate(toks)}
    by_end = {t.end: i for i, t in enumerate(toks)}
    out: dict[int, tuple[int, str]] = {}
    for category, index in lists.private:
        for s, e in index.find(toks):
            if s in by_start and e in by_end:
                out.setdefault(by_start[s], (by_end[e], category))
    return out


def _judge(
    lists: _Lists, toks: list[Tok], i: int, private: dict[int, tuple[int, str]]
) -> tuple[int, str] | None:
    tok = toks[i]
    sent = tok.sent
    if tok.lower in lists.possessive:
        # "my terrible hangover", "ma rupture" (up to three words in between, same sentence)
        for j in range(i + 1, min(i + 6, len(toks))):
            if toks[j].sent != sent:
                break
            if not toks[j].is_word:
                if toks[j].lower in ("-", "–", "'s", "’s"):
                    continue  # "belle-mère", "husband's"
                break
            hit = private.get(j)
            if hit and hit[1] != _FAMILY_ROUTE_ONLY:
                return hit
            if toks[j].lower in lists.family:
                return _family_habit(toks, j, private)
        return None
    if tok.lower in lists.subject:
        # "I'm still so hungover", "j'ai encore pleuré": only linking words in between
        for j in range(i + 1, min(i + 7, len(toks))):
            if toks[j].sent != sent:
                break
            hit = private.get(j)
            if hit and hit[1] != _FAMILY_ROUTE_ONLY:
                return hit
            if not (
                toks[j].lower in lists.linking or not toks[j].is_word and toks[j].lower in ("'", "’", "-")
            ):
                break
    return None


def _family_habit(toks: list[Tok], j: int, private: dict[int, tuple[int, str]]) -> tuple[int, str] | None:
    """ "my husband's snoring", "ma belle-mère ronfle": a relative, then a body or habit word nearby."""
    for k in range(j + 1, min(j + 7, len(toks))):
        if toks[k].sent != toks[j].sent:
            break
        hit = private.get(k)
        if hit:
            return hit[0], "family" if hit[1] == _FAMILY_ROUTE_ONLY else hit[1]
    return None


RULES = (Oversharing,)
