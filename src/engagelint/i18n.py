"""engagelint's own words in the team's language: gettext catalogs (``locale/LANG/LC_MESSAGES/
engagelint.mo``, compiled with Babel from ``.po`` files), English when a catalog lacks a message.

``messages = "fr" | "en" | "auto"`` (config) or ``--messages``: ``auto`` follows the locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``, ``LANGUAGE``) for everything but findings, which follow the
post's own language.
"""

from __future__ import annotations

import gettext
import os
from functools import lru_cache
from importlib import resources

DOMAIN = "engagelint"
LANGUAGES = ("en", "fr")
_current = "en"


def locale_dir() -> str:
    return str(resources.files("engagelint") / "locale")


@lru_cache(maxsize=8)
def translations(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, locale_dir(), languages=[lang], fallback=True)


def locale_language(env=None) -> str:
    """The language of the user's locale, if engagelint speaks it; else English."""
    env = os.environ if env is None else env
    for key in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(key, "")
        for part in value.split(":"):
            code = part.split("_")[0].split(".")[0].lower()
            if code in LANGUAGES:
                return code
            if code and code not in ("c", "posix"):
                return "en"
    return "en"


def resolve(setting: str | None, env=None) -> str:
    """``en``/``fr`` as given; ``auto`` or nothing: the locale's language."""
    if setting in LANGUAGES:
        return setting
    return locale_language(env)


def set_language(lang: str) -> None:
    global _current
    _current = lang if lang in LANGUAGES else "en"


def current() -> str:
    return _current


def _(message: str) -> str:
    """``message`` in the current language."""
    return translations(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_current).ngettext(singular, plural, n)


def in_language(lang: str, message: str) -> str:
    return translations(lang if lang in LANGUAGES else "en").gettext(message)


def N_(message: str) -> str:
    """Marks a word translated later, at run time (Babel extracts it; nothing happens here)."""
    return message


# Words looked up at run time: severities, rule statuses and categories.
RUNTIME_WORDS = (
    N_("error"), N_("warning"), N_("info"), N_("stable"), N_("preview"), N_("syntax"), N_("informality"),
    N_("noise"), N_("platform"), N_("automation"), N_("strategy"), N_("relevance"), N_("duplication"),
)  # fmt: skip
