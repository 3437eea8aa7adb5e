"""Rule messages in the post's language, without rewriting the rules.

Rules build their messages in English (f-strings). Each template below is such a message with its
variable parts named (``'%(word)s' is textspeak; write '%(fix)s'``); it is a gettext message id, so
the French text lives in the same Babel catalog as the rest. ``translate`` recognises a message by
its template, then fills the French text with the same parts (parts that are themselves catalog
entries, such as "draft marker", are translated too). A message with no template stays English:
``untranslated`` lets a test list them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from engagelint.i18n import N_, in_language

TEMPLATES = (
    # informality (EL101-EL108)
    N_("'%(word)s' is textspeak; write '%(fix)s'"),
    N_("'%(word)s' is textspeak; write the word in full"),
    N_("'%(word)s' is chat slang; say it in words"),
    N_("'%(word)s' is slang; prefer a plainer word"),
    N_("'%(word)s' is profanity"),
    N_("'%(word)s' is in capitals (reads as shouting); use normal case"),
    N_("'%(mark)s' repeats punctuation; one '%(keep)s' is enough"),
    N_("'%(mark)s' repeats punctuation"),
    N_("'%(word)s' is stretched for effect; write the word once"),
    N_("%(n)s emoji in a row (at most %(limit)s); keep one or two"),
    # noise
    N_("%(tag)s repeats %(first)s; keep the word and drop the '#'"),
    N_("%(tag)s repeats %(first)s"),
    N_("'%(hook)s': clickbait hook; say what the reader gets instead"),
    N_("listicle bait: the hook teases the list instead of stating what it offers"),
    N_(
        "headline built like clickbait (%(words)s tease instead of telling); state the news or what the "
        "reader gets, e.g. the result, the figure or the date"
    ),
    N_(
        "headline built like clickbait; state the news or what the reader gets, e.g. the result, the figure "
        "or the date"
    ),
    N_("%(n)s word(s): too short to carry a message; say one concrete thing"),
    # automation (EL401, EL402)
    N_("unfilled %(what)s '%(found)s': fill it in or remove it before this is published"),
    N_("%(what)s '%(found)s' left in the post: finish the draft before it is published"),
    # suppressions (EL004)
    N_("suppression of %(what)s is unused: nothing here triggers it"),
    # fixes
    N_("Replace '%(old)s' with '%(new)s'"),
    N_("Remove the repeated %(tag)s"),
    N_("Write %(word)s without '#'"),
)
# Parts of messages that are words of their own.
PARTS = (N_("draft marker"), N_("placeholder"), N_("placeholder text"), N_("template variable"))

_FIELD = re.compile(r"%\((\w+)\)s")


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    out = []
    for template in TEMPLATES:
        pieces, last = [], 0
        for m in _FIELD.finditer(template):
            pieces.append(re.escape(template[last : m.start()]))
            pieces.append(f"(?P<{m.group(1)}>.+?)")
            last = m.end()
        pieces.append(re.escape(template[last:]))
        out.append((re.compile("^" + "".join(pieces) + "$", re.S), template))
    return tuple(out)


def match(message: str) -> tuple[str, dict[str, str]] | None:
    """The template ``message`` was made from, and its parts."""
    for pattern, template in _patterns():
        m = pattern.match(message)
        if m:
            return template, m.groupdict()
    return None


def translate(message: str, lang: str) -> str:
    """``message`` in ``lang`` (``en`` or ``fr``); unchanged when no template or no translation."""
    if lang != "fr":
        return message
    found = match(message)
    if found is None:
        return message
    template, parts = found
    text = in_language(lang, template)
    if text == template:
        return message
    return text % {k: in_language(lang, v) for k, v in parts.items()}


def untranslated(message: str) -> bool:
    found = match(message)
    return found is None or in_language("fr", found[0]) == found[0]
