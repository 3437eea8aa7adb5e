"""EL106 shouting: words in capitals beyond acronyms and brand names ("HUGE SALE TODAY")."""

from __future__ import annotations

from collections.abc import Iterable

import regex

from engagelint.models import Finding, Severity
from engagelint.rules.base import Example, Option, Rule, RuleContext, RuleInfo
from engagelint.rules.builtin.informality_lexicon import known_acronyms, strip_accents, vocabulary

_CODE_WORDS = frozenset(
    {"code", "codes", "coupon", "promo", "promocode", "voucher", "password", "keyword", "mot-clé"}
)
_ROMAN = regex.compile(r"^M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
# Only spaces, hyphens and "&" join the words of one shouted run; a comma ends it ("AWS, GCP, OVH" is a list).
_GLUE = regex.compile(r"^[\s&/+\-–—'’]*$")


class Shouting(Rule):
    info = RuleInfo(
        code="EL106",
        name="shouting",
        category="informality",
        severity=Severity.WARNING,
        summary="Words written in capitals to shout, beyond acronyms and brand names.",
        rationale=(
            "Capitals read as shouting, look like spam, and are harder to read (and screen readers may spell "
            "them out letter by letter). Emphasis belongs in the wording. Acronyms are left alone: a word of "
            "two to four capitals is only counted inside a run of several capitalised words, a longer one only "
            "when it is a dictionary word (so unknown acronyms like TAFTA stay quiet), known acronyms "
            "(NASA, SNCF, UNESCO...) and the brand terms and allowed words from the config never count, and "
            "hashtags, mentions and links are ignored. One finding per run of shouted words."
        ),
        options={
            "min_letters": Option(
                5, "a word in capitals with at least this many letters is shouting on its own"
            ),
            "min_run": Option(
                3, "this many consecutive words in capitals are shouting even when each is short"
            ),
        },
        examples=(
            Example(
                bad="Our BIGGEST sale of the year starts now!",
                good="Our biggest sale of the year starts now, says our CEO.",
                lang="en",
            ),
            Example(
                bad="THIS IS HUGE, see you there",
                good="Big news from NASA and the ESA: see you there",
                lang="en",
            ),
            Example(
                bad="Les soldes commencent MAINTENANT !",
                good="Les soldes commencent maintenant, annonce la SNCF.",
                lang="fr",
            ),
        ),
    )

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        min_letters = int(ctx.options.get("min_letters", 5))
        min_run = int(ctx.options.get("min_run", 3))
        protected = ctx.profile.protected_words
        acronyms = known_acronyms()
        text = ctx.text
        run: list[tuple[int, int, bool]] = []  # (start, end, counts as shouting)

        def flush() -> Iterable[Finding]:
            counted = [w for w in run if w[2]]
            if not counted:
                return
            strong = [w for w in counted if _is_loud_word(text[w[0] : w[1]], min_letters, ctx.lang)]
            if strong or len(counted) >= min_run:
                s, e = counted[0][0], counted[-1][1]
                shown = text[s:e] if e - s <= 40 else text[s : s + 37] + "..."
                yield Finding(s, e, f"'{shown}' is in capitals (reads as shouting); use normal case")

        words = ctx.entities.words
        for i, w in enumerate(words):
            word = w.text
            if _is_capitals(word):
                if run and not _GLUE.match(text[run[-1][1] : w.start]):
                    yield from flush()
                    run = []
                key = word.upper()
                counts = not (
                    key in acronyms
                    or word.lower() in protected
                    or _ROMAN.match(key)
                    or _letters(word) < 2
                    or any(c.isdigit() for c in word)
                )
                if counts and not run and _looks_like_surname(words, i, ctx.lang):
                    counts = False  # "Ségolène ROYAL": the French convention for surnames
                if counts and i and words[i - 1].text.lower() in _CODE_WORDS:
                    counts = False  # "use code SPRING20", "code promo BIENVENUE": a code, typed as given
                if counts and not run and _is_rubric(text, words, i):
                    counts = False  # "POLITIQUE - ...", "EMPLOI: ...": a newswire rubric at the start
                run.append((w.start, w.end, counts))
            elif run:
                yield from flush()
                run = []
        if run:
            yield from flush()


def _is_loud_word(word: str, min_letters: int, lang: str) -> bool:
    """A long word in capitals that is an ordinary dictionary word ("BIGGEST", "MAINTENANT"), not an
    acronym the lists do not know ("TAFTA", "CHSLD")."""
    if _letters(word) < min_letters:
        return False
    vocab = vocabulary(lang)
    if not vocab:
        return True
    parts = [p for p in regex.split(r"[-'’]", word.lower()) if p]
    return all(p in vocab or strip_accents(p) in vocab for p in parts)


def _looks_like_surname(words: list, i: int, lang: str) -> bool:
    """A word in capitals right after a capitalised word that is not in the dictionary (a first name)."""
    if i == 0:
        return False
    prev = words[i - 1].text
    if not (prev[:1].isupper() and prev[1:].islower()):
        return False
    vocab = vocabulary(lang)
    return prev.lower() not in vocab and strip_accents(prev.lower()) not in vocab


def _is_rubric(text: str, words: list, i: int) -> bool:
    """A single first word followed by ':', '-' or '|' ("POLITIQUE - ...", "EMPLOI: ...")."""
    return i == 0 and regex.match(r"\s*[:\-–—|]", text[words[i].end :]) is not None


def _letters(word: str) -> int:
    return sum(c.isalpha() for c in word)


def _is_capitals(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


RULES = (Shouting,)
