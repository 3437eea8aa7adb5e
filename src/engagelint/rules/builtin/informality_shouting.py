"""EL106 shouting: words in capitals beyond acronyms and brand names ("HUGE SALE TODAY")."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import regex

from engagelint.models import Finding, Severity
from engagelint.rules.base import Example, Option, Rule, RuleContext, RuleInfo
from engagelint.rules.builtin.informality_lexicon import (
    known_acronyms,
    lexicon,
    strip_accents,
    vocabulary,
)

_CODE_WORDS = frozenset(
    {"code", "codes", "coupon", "promo", "promocode", "voucher", "password", "keyword", "mot-clé"}
)
_ROMAN = regex.compile(r"^M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
# Only spaces, hyphens and "&" join the words of one shouted run; a comma ends it ("AWS, GCP, OVH" is a list).
_GLUE = regex.compile(r"^[\s&/+\-–—'’]*$")
# Arrows and pipes join the stages of a workflow ("PLAN → BUILD → SHIP"): names, not shouting.
_STAGE_SEP = regex.compile(r"^\s*(?:→|⇒|➡️?|->|=>|>|»|\||·)\s*$")
# Text that another rule explains (placeholders, production briefs, internal notes, merge tags):
# capitals there are an automation problem, reported by EL401/EL402, never shouting.
_ENCLOSED = regex.compile(
    r"\[[^\[\]\n]{1,200}\]|<<[^<>\n]{1,80}>>|\{\{[^{}\n]{1,80}\}\}|\*\|[^|\n]{1,60}\|\*|%[A-Z_]{2,40}%|\$[A-Z_]{2,40}\$"
)
_MINOR = frozenset(
    "a an and as at but by for from in into of on or the to with et de des du la le les".split()
)
_FILE_EXT = regex.compile(r"^\.[A-Za-z0-9]{1,5}(?![\p{L}\p{N}])")
_LABEL_COLON = regex.compile(r"^[ \t\u00a0]*:")


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
            "hashtags, mentions and links are ignored. Short emphatic words (FREE, NOW, YOU, VITE...) shout "
            "on their own. Not shouting: file names (README.md), stages joined by arrows (PLAN → BUILD), "
            "labels opening several lines (AVANT : ... / MAINTENANT : ...), CAPS_WITH_UNDERSCORES and text in "
            "brackets or template markers, which the automation rules report. One finding per run."
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
                bad="Get it FREE today: LAST CHANCE!",
                good="Release notes are in CHANGELOG.md; the flow stays PLAN → BUILD → SHIP.",
                lang="en",
            ),
            Example(
                bad="C'est GRATUIT pour vous, venez VITE !",
                good="AVANT : une équipe débordée.\nMAINTENANT : un flux clair, voir le fichier README.md.",
                lang="fr",
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
            emphatic = _emphatic(ctx.lang)
            strong = [
                w
                for w in counted
                if _is_loud_word(text[w[0] : w[1]], min_letters, ctx.lang)
                or text[w[0] : w[1]].lower() in emphatic
            ]
            if strong or len(counted) >= min_run:
                s, e = counted[0][0], counted[-1][1]
                shown = text[s:e] if e - s <= 40 else text[s : s + 37] + "..."
                yield Finding(s, e, f"'{shown}' is in capitals (reads as shouting); use normal case")

        words = ctx.entities.words
        enclosed = [m.span() for m in _ENCLOSED.finditer(text)]
        labels = _label_lines(text, words)
        file_names = _file_names()
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
                if counts and (
                    "_" in text[w.start - 1 : w.end + 1]  # CAPS_WITH_UNDERSCORES: a field to fill in (EL401)
                    or any(a <= w.start < b for a, b in enclosed)
                    or w.start in labels
                    or _is_file_name(text, w, file_names, protected)
                    or _is_stage(text, words, i)
                    or _is_name_in_title(text, words, i)
                ):
                    counts = False
                run.append((w.start, w.end, counts))
            elif run:
                yield from flush()
                run = []
        if run:
            yield from flush()


@lru_cache(maxsize=4)
def _emphatic(lang: str) -> frozenset[str]:
    table = lexicon()["shouting_emphatic"]
    langs = ("en", "fr") if lang not in ("en", "fr") else (lang,)
    return frozenset(str(w).lower() for k in langs for w in table.get(k, ()))


@lru_cache(maxsize=1)
def _file_names() -> frozenset[str]:
    return frozenset(str(w).lower() for w in lexicon()["shouting_file_names"])


def _is_file_name(text: str, w, file_names: frozenset[str], protected: frozenset[str]) -> bool:
    """ "README.md", "CHANGELOG", "LICENSE.txt": a file name is typed as it is named."""
    ext = _FILE_EXT.match(text[w.end : w.end + 7])
    if ext:
        return True
    return w.text.lower() in file_names and not _sentence_of_capitals(text, w)


def _sentence_of_capitals(text: str, w) -> bool:
    """True when the neighbouring words are in capitals too (then "NEWS" is shouted, not a file)."""
    around = regex.findall(r"\p{L}+", text[max(0, w.start - 20) : w.start] + " " + text[w.end : w.end + 20])
    return sum(a.isupper() and len(a) > 1 for a in around) >= 2


def _is_stage(text: str, words: list, i: int) -> bool:
    """A word joined to its neighbour by an arrow or a pipe: a stage of a workflow."""
    w = words[i]
    before = text[words[i - 1].end : w.start] if i else ""
    after = text[w.end : words[i + 1].start] if i + 1 < len(words) else ""
    return bool(_STAGE_SEP.match(before) and before.strip()) or bool(
        _STAGE_SEP.match(after) and after.strip()
    )


def _is_name_in_title(text: str, words: list, i: int) -> bool:
    """A single word in capitals between Title Case words ("Galaxy and ELIXIR Update"): a styled name."""
    j, k = i - 1, i + 1
    while j > 0 and words[j].text.lower() in _MINOR:
        j -= 1
    while k + 1 < len(words) and words[k].text.lower() in _MINOR:
        k += 1
    if i == 0 or k >= len(words) or j < 0:
        return False
    prev, nxt = words[j].text, words[k].text
    if _is_capitals(prev) or _is_capitals(nxt):
        return False
    titled = [x for x in (prev, nxt) if x[:1].isupper()]
    before = text[max(0, words[j].start - 2) : words[j].start]
    sentence_start = not before.strip() or before.rstrip()[-1:] in ".!?:\n"
    return len(titled) == 2 and not (sentence_start and j == 0)


def _label_lines(text: str, words: list) -> set[int]:
    """Starts of words in capitals that open a line as a label ("AVANT : ...", "INGESTION : ...").

    A post with two or more such lines is laid out as labelled items; a single "HUGE NEWS: ..." is
    still a shouted hook.
    """
    found: list[list[int]] = []
    line_start = True
    current: list[int] = []
    for i, w in enumerate(words):
        gap = text[words[i - 1].end : w.start] if i else text[: w.start]
        if "\n" in gap or i == 0:
            line_start, current = True, []
        if not line_start:
            continue
        if _is_capitals(w.text):
            current.append(w.start)
            if _LABEL_COLON.match(text[w.end :]):
                found.append(current)
                line_start = False
        else:
            line_start = False
    return {s for group in found for s in group} if len(found) >= 2 else set()


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
    if not (prev[:1].isupper() and prev[1:].isalpha() and prev[1:].islower()):
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
