"""A rule's summary, rationale and option descriptions in engagelint's current language (or a given one).

Rules declare them in English; the English text is the gettext message id (``make messages`` extracts them
with engagelint/i18n_extract.py), so a rule from a plugin or a user's pack, which the catalog does not know,
stays in its own words. Codes, names and option keys are never translated.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from engagelint.i18n import N_, current, in_language

if TYPE_CHECKING:  # pragma: no cover
    from engagelint.rules.base import Option, RuleInfo

# Option descriptions built at run time (YAML rule kinds, the platform rules' ``limits``): the extractor
# cannot see them, so they are listed here as the rules build them.
BUILT_DESCRIPTIONS = (
    N_("max threshold"), N_("min threshold"), N_("min words threshold"),
    N_("your own maximum lengths per platform, replacing engagelint's (data/platforms.toml), e.g. "
       "{ x = 25000, mastodon = 5000 }"),
    N_("your own maximum link counts per platform, replacing engagelint's (data/platforms.toml), e.g. "
       "{ threads = 3 }"),
    N_("your own maximum hashtag counts per platform, replacing engagelint's (data/platforms.toml), e.g. "
       "{ instagram = 30 }"),
)  # fmt: skip


def _say(text: str, lang: str | None) -> str:
    return in_language(lang or current(), text) if text else text


def summary(info: RuleInfo, lang: str | None = None) -> str:
    return _say(info.summary, lang)


def rationale(info: RuleInfo, lang: str | None = None, width: int | None = None) -> str:
    """The rationale; a translated one is re-wrapped to ``width`` columns (the English keeps its own lines)."""
    text = _say(info.rationale, lang)
    if width is None or text == info.rationale:
        return text
    return "\n\n".join(_fill(" ".join(p.split()), width) for p in text.split("\n\n"))


# French puts a space inside « » and before : ; ? ! that a line must never break at.
_KEEP_TOGETHER = (("« ", "«\u00a0"), (" »", "\u00a0»"), (" :", "\u00a0:"), (" ;", "\u00a0;"), (" ?", "\u00a0?"),
                  (" !", "\u00a0!"))  # fmt: skip


def _fill(text: str, width: int) -> str:
    for space, glued in _KEEP_TOGETHER:
        text = text.replace(space, glued)
    return textwrap.fill(text, width, break_on_hyphens=False).replace("\u00a0", " ")


def option_description(option: Option, lang: str | None = None) -> str:
    return _say(option.description, lang)


def untranslated(info: RuleInfo) -> list[str]:
    """The English texts of ``info`` that have no French in the catalog (for the tests)."""
    texts = [info.summary, info.rationale, *(o.description for o in info.options.values())]
    return [t for t in texts if t and in_language("fr", t) == t]
