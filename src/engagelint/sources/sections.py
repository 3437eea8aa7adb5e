"""What the headings and label lines of a draft mean: the data-driven recognisers.

Every word list here is a default (EN and FR) that ``[sections]`` in the config extends:
which headings open notes, alternatives, thread parts or replies, and extra label patterns.
A heading is compared on its words only: emoji, numbering and what follows a colon are ignored,
so ``## 📝 Version 2 : Teaser`` is the alternative heading ``version``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

# Headings of sections that are not for publishing.
NOTES = (
    "notes", "note", "remarques", "remarque", "ideas", "idea", "idées", "idees", "sources", "source",
    "references", "références", "image brief", "brief", "visual brief", "visuals", "visuels", "visuel",
    "images", "image", "checklist", "check-list", "metadata", "métadonnées", "metadonnees", "strategy",
    "stratégie", "strategie", "context", "contexte", "todo", "to do", "à faire", "a faire", "research",
    "recherche", "analytics", "analyse", "statistics", "statistiques", "stats", "metrics", "métriques",
    "planning", "calendrier", "schedule", "timing", "objectives", "objectifs", "internal", "interne",
    "hashtags", "publication notes", "notes de publication", "feedback", "retours", "questions",
)  # fmt: skip
# Headings of alternatives of one post: each is checked alone, never as a thread.
ALTERNATIVES = (
    "version", "variant", "variante", "option", "alternative", "draft", "brouillon", "take", "hook options",
    "hooks", "accroches", "hook", "accroche", "headline options", "titres",
)  # fmt: skip
# Headings (and label lines) of the numbered parts of a thread.
THREAD_PARTS = (
    "tweet",
    "post",
    "toot",
    "skeet",
    "publication",
    "part",
    "partie",
    "message",
    "slide",
    "thread",
)
# Headings of a reply to post under the main post.
REPLIES = (
    "comment thread content", "comment thread", "first comment", "comment", "comments", "reply",
    "replies", "premier commentaire", "commentaire", "commentaires", "réponse", "reponse", "réponses",
)  # fmt: skip
# Headings that only name the post text itself ("## Final", "## Contenu publié").
POST_BODY = ("final", "final version", "contenu", "content", "texte", "text", "body", "copy", "corps")
# Alternatives whose heading names a language: versions of the post for another audience.
LANGUAGE_WORDS = {
    "english": "en", "anglaise": "en", "anglais": "en", "en": "en", "uk": "en",
    "french": "fr", "française": "fr", "francaise": "fr", "français": "fr", "francais": "fr", "fr": "fr",
}  # fmt: skip
FLAGS = {"🇬🇧": "en", "🇺🇸": "en", "🇫🇷": "fr", "🇨🇦": None, "🇧🇪": None}

# Bold or blockquote "Key : value" lines whose key is bookkeeping, wherever they appear.
META_LABELS = (
    "date", "statut", "status", "state", "état", "série", "serie", "series", "thème", "theme", "topic",
    "sujet", "timing", "objectif", "objective", "goal", "impressions", "reach", "likes", "longueur",
    "length", "post associé", "related post", "préparé par", "prepared by", "author", "auteur",
    "publié le", "published", "publication", "platform", "plateforme", "réseau", "network", "channel",
    "canal", "question attendue", "expected question", "thématique", "audience", "cible", "target",
    "format", "tags", "cta", "angle", "ton", "tone", "owner", "campaign", "campagne", "lang", "langue",
    "language", "scheduled", "schedule", "programmé", "created", "créé", "last edited", "type",
)  # fmt: skip
# Bold labels that introduce post text on the same line or the next ("**Accroche :** text").
TEXT_LABELS = (
    "accroche",
    "hook",
    "réponse",
    "reponse",
    "answer",
    "reply",
    "texte",
    "text",
    "caption",
    "légende",
)

# Label lines (not post text): "=== TWEET 4 ===", "[TWEET 6]", "Tweet 1:", "**Tweet 2**".
_PART_WORDS = "|".join(THREAD_PARTS)
LABEL_PATTERNS = (
    rf"^[ \t]*={{2,}}[ \t]*(?:{_PART_WORDS})[ \t]*#?(?P<n>\d+)\b[^=\n]*={{2,}}[ \t]*$",
    rf"^[ \t]*\[[ \t]*(?:{_PART_WORDS})[ \t]*#?(?P<n>\d+)[^\]\n]*\][ \t]*:?",
    rf"^[ \t]*(?:\*\*|__)?(?:{_PART_WORDS})[ \t]*#?(?P<n>\d+)(?:[ \t]*/[ \t]*\d+)?(?:[ \t]*\([^)\n]*\))?[ \t]*:?(?:\*\*|__)?:?(?=[ \t]|$)",
)
# Lines that describe media to attach: "[IMAGE: …]", "💡 **[VISUEL : …]**".
BRIEF_LINE = re.compile(
    r"^\W*(?:\*\*|__)?\[(?:image|img|visuel|visual|photo|vidéo|video|gif|media|média|carousel|carrousel|"
    r"infographie|infographic|screenshot|capture)\b[^\]\n]*\](?:\*\*|__)?\s*$",
    re.IGNORECASE,
)
# Numbered thread markers that are published with the post: "1/", "1/5", "(1/5)", "**1/**".
NUMBER_MARKER = re.compile(
    r"^[ \t]*(?:\*\*|__)?\(?(?P<n>\d{1,2})[ \t]*/(?:[ \t]*(?P<of>\d{1,2}))?\)?(?:\*\*|__)?(?=[ \t]|$)"
)


# Files that are about the posts, not posts: a repository's README or NOTICE (the whole name), and
# names with a word saying index, calendar or ideas. ("index" alone is a page bundle's post: Hugo's index.md.)
NOT_POST_NAMES = ("readme", "changelog", "contributing", "license", "licence", "notice", "authors",
                  "code_of_conduct", "security")  # fmt: skip
NOT_POST_FILES = ("ideas", "idees", "calendar", "calendrier", "checklist", "guidelines", "styleguide")


def is_not_post_file(stem: str, extra: tuple[str, ...] = ()) -> str | None:
    """The word that says the file is about posts rather than a post, or None."""
    name = fold(stem).split(".")[0].replace("-", "_")
    if name in NOT_POST_NAMES:
        return name
    words = [w for w in re.split(r"[^a-z0-9]+", fold(stem)) if w]
    for word in (*NOT_POST_FILES, *(fold(e) for e in extra)):
        if word in words:
            return word
    if "index" in words and len(words) > 1:
        return "index"
    return None


@dataclass(frozen=True)
class SectionSettings:
    """``[sections]``: extra heading words per kind and extra label line patterns (regexes)."""

    notes: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    threads: tuple[str, ...] = ()
    replies: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    not_posts: tuple[str, ...] = ()  # extra file-name words of files that hold no post
    # Two empty lines split a thread: "auto" (files whose front matter names accounts, as social
    # bots write them), "always" or "never".
    blank_line_threads: str = "auto"
    _compiled: dict = field(default_factory=dict, compare=False, repr=False)


def fold(text: str) -> str:
    """Lower case without accents, for comparing heading words."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def heading_words(text: str) -> str:
    """``📝 Version 2 : Teaser (À publier)`` -> ``version 2``: words before a colon, no emoji."""
    text = re.split(r"\s[:–—-]\s|:\s|:$|\(", text, maxsplit=1)[0]
    text = re.sub(r"[^\w\s/'-]", " ", text)
    return " ".join(fold(text).split())


@lru_cache(maxsize=32)
def _words(extra: tuple[str, ...], base: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted({fold(w) for w in (*base, *extra)}, key=len, reverse=True))


def _starts(words: str, candidates: tuple[str, ...]) -> str | None:
    for c in candidates:
        if words == c or words.startswith(c + " "):
            return c
    return None


@dataclass(frozen=True)
class HeadingKind:
    kind: str  # "notes", "alternative", "part", "reply", "body", "language", "other"
    number: int | None = None
    lang: str | None = None
    keyword: str = ""


def classify_heading(text: str, settings: SectionSettings) -> HeadingKind:
    words = heading_words(text)
    if not words:
        return HeadingKind("other")
    first = words.split()
    number = next((int(w) for w in first[1:3] if w.isdigit()), None)
    if number is None:
        m = re.match(r"^\w+\s+(\d+)\s*/\s*\d+", words)
        number = int(m.group(1)) if m else None
    reply = _starts(words, _words(settings.replies, REPLIES))
    if reply:
        return HeadingKind("reply", number, keyword=reply)
    alt = _starts(words, _words(settings.alternatives, ALTERNATIVES))
    if alt:
        lang = next((LANGUAGE_WORDS[w] for w in first[1:3] if w in LANGUAGE_WORDS), None)
        if lang:
            return HeadingKind("alternative", number, lang, alt)
        if (
            first[0] == "version"
            and len(first) > 1
            and first[1] in ("finale", "final", "definitive", "publiee")
        ):
            return HeadingKind("body", keyword=alt)
        if alt in ("hook options", "hooks", "accroches", "headline options", "titres"):
            return HeadingKind("hooks", keyword=alt)
        return HeadingKind("alternative", number, keyword=alt)
    part = _starts(words, _words(settings.threads, THREAD_PARTS))
    if part:
        if number is not None:
            return HeadingKind("part", number, keyword=part)
        return HeadingKind("body", keyword=part)
    if first[0] in LANGUAGE_WORDS and len(first) <= 2 and first[-1] in ("version", "text", "texte"):
        return HeadingKind("alternative", None, LANGUAGE_WORDS[first[0]], first[0])
    notes = _starts(words, _words(settings.notes, NOTES))
    if notes:
        return HeadingKind("notes", keyword=notes)
    body = _starts(words, _words((), POST_BODY))
    if body:
        return HeadingKind("body", keyword=body)
    return HeadingKind("other")


def label_patterns(settings: SectionSettings) -> tuple[re.Pattern, ...]:
    cached = settings._compiled.get("labels")
    if cached is None:
        extra_parts = "|".join(re.escape(w) for w in settings.threads)
        pats = list(LABEL_PATTERNS)
        if extra_parts:
            pats = [p.replace(_PART_WORDS, f"{_PART_WORDS}|{extra_parts}") for p in pats]
        cached = tuple(re.compile(p, re.IGNORECASE) for p in (*pats, *settings.labels))
        settings._compiled["labels"] = cached
    return cached


def label_at(line: str, settings: SectionSettings) -> tuple[int, int | None] | None:
    """A label at the start of ``line``: (length of the label, part number or None)."""
    for pat in label_patterns(settings):
        m = pat.match(line)
        if m and m.end() > 0:
            n = m.groupdict().get("n")
            return m.end(), int(n) if n else None
    return None


_BOLD_KEY = re.compile(
    r"^[ \t]*(?P<quote>>[ \t]*)?(?:\*\*|__)(?P<key>[^*_\n]{1,40}?)[ \t]*(?P<c1>:)?[ \t]*(?:\*\*|__)[ \t]*(?P<c2>:)?[ \t]*(?P<value>.*?)[ \t]*\r?$"
)
_QUOTE_KEY = re.compile(
    r"^[ \t]*>[ \t]*(?P<key>[A-Za-zÀ-ÿ][\w À-ÿ'’-]{0,30}?)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*\r?$"
)
_PLAIN_KEY = re.compile(r"^(?P<key>[A-ZÀ-Ý][\w À-ÿ'’-]{0,30}?)[ \t]*:[ \t]+(?P<value>\S.*?)[ \t]*\r?$")


@dataclass(frozen=True)
class KeyLine:
    key: str
    value: str
    style: str  # "blockquote", "bold", "property"
    value_start: int  # index of the value in the line


def key_line(line: str, plain: bool = False) -> KeyLine | None:
    """``> **Platform**: LinkedIn``, ``**Platform:** X``, ``**Statut** : draft`` (and ``Key: value``
    Notion property lines when ``plain``)."""
    m = _BOLD_KEY.match(line)
    if m and (m.group("c1") or m.group("c2")):
        style = "blockquote" if m.group("quote") else "bold"
        return KeyLine(m.group("key").strip(), m.group("value"), style, m.start("value"))
    m = _QUOTE_KEY.match(line)
    if m:
        return KeyLine(m.group("key").strip(), m.group("value"), "blockquote", m.start("value"))
    if plain:
        m = _PLAIN_KEY.match(line)
        if m and len(m.group("key").split()) <= 4:
            return KeyLine(m.group("key").strip(), m.group("value"), "property", m.start("value"))
    return None


def is_meta_label(key: str) -> bool:
    k = fold(key.strip(" *_:"))
    return any(k == fold(w) or k.startswith(fold(w) + " ") for w in META_LABELS)


def is_text_label(key: str) -> bool:
    k = fold(key.strip(" *_:"))
    return any(k == fold(w) or k.startswith(fold(w) + " ") for w in TEXT_LABELS)


def language_marker(line: str) -> str | None | bool:
    """A line opening a language version: a flag emoji or "English version" / "Version française".
    Returns the language (or None when the flag says nothing), False when not a marker."""
    stripped = line.strip().lstrip("*_ ")
    for flag, lang in FLAGS.items():
        if stripped.startswith(flag):
            return lang
    words = heading_words(stripped)
    parts = words.split()
    if 1 < len(parts) <= 3 and "version" in parts:
        for w in parts:
            if w in LANGUAGE_WORDS:
                return LANGUAGE_WORDS[w]
    if words in ("in english", "en francais", "en anglais"):
        return "en" if "english" in words or "anglais" in words else "fr"
    return False


def is_language_label(line: str) -> bool:
    """``🇬🇧 **English Version**``: a line that only names the language version (not post text)."""
    stripped = line.strip()
    for flag in FLAGS:
        stripped = stripped.replace(flag, "")
    words = heading_words(stripped.strip(" *_:"))
    parts = words.split()
    return (
        0 < len(parts) <= 3
        and any(w in LANGUAGE_WORDS for w in parts)
        and ("version" in parts or len(parts) == 1 or words in ("in english", "en francais", "en anglais"))
    )
