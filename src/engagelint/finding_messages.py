"""Rule messages in the post's language, without rewriting the rules.

Rules build their messages in English (f-strings). Each template below is such a message with its
variable parts named (``'%(word)s' is textspeak; write '%(fix)s'``); it is a gettext message id, so
the French text lives in the same Babel catalog as the rest. ``translate`` recognises a message by
the most specific template it fits (the one with the most literal text), then fills the French text
with the same parts. Parts stay as written (the writer's words, file names, numbers) except in a few
fields that hold engagelint's own words: a kind of leftover, a register, a day (``PARTS``) or a phrase
with a part of its own (``PHRASES``); ordinals, quoted lists and percentages get French typography.
A message with no template, or a template or word with no French, stays English: ``untranslated`` lets
a test list them (tests/test_rule_messages_fr.py runs every rule's bad examples through it).
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
    N_("suppression of %(rules)s is unused: nothing here triggers it"),
    N_("'%(mark)s' is a run of %(n)s dots; an ellipsis is '%(keep)s'"),
    # informality: register, oversharing (EL110-EL113)
    N_("emoji make up %(share)s of this post (at most %(max)s); let the words carry the message"),
    N_("addresses the reader as 'tu' (%(words)s) but the register here is %(register)s; use 'vous'"),
    N_(
        "addresses the reader as informally (%(words)s) but the register here is %(register)s; address readers "
        "neutrally"
    ),
    N_(
        "addresses the reader formally (%(words)s) but the register here is casual; use 'tu' if 'vous' is not a "
        "plural"
    ),
    N_(
        "addresses the reader formally (%(words)s) but the register here is casual; address readers as you would talk"
    ),
    N_(
        "'%(phrase)s' shares private life (%(topic)s) in the brand's voice; keep personal details out and say what "
        "the reader needs to know"
    ),
    # noise (EL201-EL213)
    N_("%(n)s hashtags (at most %(limit)s on %(platform)s); keep the few that name what the post is about"),
    N_("%(n)s hashtags (at most %(limit)s); keep the few that name what the post is about"),
    N_("hashtags make up %(share)s of this post (at most %(max)s); let words carry the message"),
    N_("%(n)s @mentions (at most %(limit)s); tag only the accounts the post is about"),
    N_("a link with %(n)s word(s) of context; say what it is and why it matters to the reader"),
    N_(
        "hard to read on %(platform)s: this sentence has %(n)s words; split it in two or three and prefer everyday words"
    ),
    N_(
        "hard to read on %(platform)s: too many long words (sentences of %(n)s words on average); prefer everyday "
        "words and shorter sentences"
    ),
    N_("%(n)s links in one post (at most %(limit)s); keep the one that matters most and drop the others"),
    N_("%(n)s links with only %(words)s words of context; give each link a reason or keep one"),
    N_("'%(match)s' is engagement bait; give readers a reason to react instead of asking for it"),
    N_("'%(match)s' is an empty superlative; show the fact behind it instead"),
    N_("'%(match)s' is corporate jargon; say what it means for the reader"),
    N_(
        "'%(phrase)s' is a stock phrase and the post says nothing else; say what is coming and when, or one "
        "concrete thing (a date, a name, an offer)"
    ),
    # platform (EL301-EL304)
    N_("too long for %(platform)s: %(length)s/%(max)s (%(counting)s); cut at least %(over)s"),
    N_("title is %(n)s characters; %(platform)s allows %(max)s"),
    N_("%(n)s links; %(platform)s allows at most %(limit)s per post"),
    N_("%(n)s hashtags; %(platform)s allows at most %(limit)s"),
    N_("'**…**' is published as typed: %(platform)s shows the stars; write plain text"),
    N_("'**…**' is published as typed: %(platform)s shows the stars (%(n)s in this post); write plain text"),
    N_("'#' headings are published as typed: %(platform)s shows the hashes; write plain text"),
    N_(
        "'#' headings are published as typed: %(platform)s shows the hashes (%(n)s in this post); write plain text"
    ),
    N_("'[text](url)' is published as typed: %(platform)s shows brackets and parentheses; write plain text"),
    N_(
        "'[text](url)' is published as typed: %(platform)s shows brackets and parentheses (%(n)s in this post); "
        "write plain text"
    ),
    # schedule and automation (EL403-EL407)
    N_(
        "scheduled for %(when)s (%(tz)s), inside the freeze window %(start)s to %(end)s: \u201c%(reason)s\u201d; "
        "hold or reschedule this post"
    ),
    N_(
        "not scheduled, so it goes out when published; today (%(when)s %(tz)s) is inside the freeze window "
        "%(start)s to %(end)s: \u201c%(reason)s\u201d; hold or reschedule this post"
    ),
    N_("scheduled for %(when)s (%(tz)s), which is already past: pick a new date"),
    N_("scheduled on a %(weekday)s (%(when)s %(tz)s); posting days are %(days)s: move it to one of them"),
    N_(
        "scheduled at %(time)s %(tz)s (%(when)s), outside posting hours %(start)s\u2013%(end)s: move it into those hours"
    ),
    N_(
        "%(nth)s of %(n)s posts scheduled on %(platform)s for %(day)s (at most %(limit)s a day; this one at "
        "%(time)s %(tz)s): spread them out or drop the weakest"
    ),
    N_("the same text goes unchanged to %(n)s networks (%(platforms)s): adapt it to each platform"),
    N_("same text as %(where)s (%(platforms)s), unchanged for %(others)s: adapt it to this platform"),
    # strategy (EL501-EL504)
    N_(
        "this draft targets %(names)s, which is not among the brand's platforms (%(chosen)s): add it to the "
        "config on purpose or drop it"
    ),
    N_(
        "this draft targets %(names)s, which are not among the brand's platforms (%(chosen)s): add it to the "
        "config on purpose or drop it"
    ),
    N_("this draft has no goal: say what it is for with 'goals:' in its front matter"),
    N_("this draft has no goal: say what it is for with 'goals:' in its front matter (one of: %(known)s)"),
    N_("goal %(goals)s is not defined in the config (known goals: %(known)s)"),
    N_(
        "%(n)s of %(total)s drafts in this run are promotional (%(share)s, at most %(max)s); this is one of the "
        "%(over)s over the limit: turn it into a useful or conversational post, or move it to a later run"
    ),
    # relevance (EL601-EL603)
    N_(
        "reads as unrelated to every goal; the closest is `%(goal)s` (%(hint)s): say what the post "
        "brings to it, or leave it out"
    ),
    N_(
        "reads as unrelated to every goal; the closest is `%(goal)s`: say what the post brings to it, or leave it out"
    ),
    N_(
        "reads as unrelated to its goal `%(goal)s` (%(hint)s): say what the post does for it, or "
        "change its goals"
    ),
    N_("reads as unrelated to its goal `%(goal)s`: say what the post does for it, or change its goals"),
    N_(
        "reads as unrelated to its goals %(goals)s; the closest is `%(goal)s` (%(hint)s): say what "
        "the post does for it, or change its goals"
    ),
    N_(
        "reads as unrelated to its goals %(goals)s; the closest is `%(goal)s`: say what the post does for it, or "
        "change its goals"
    ),
    N_(
        "declares goal `%(goal)s` but reads much closer to goal `%(other)s`: change its goals, or rewrite it for "
        "the goal it declares"
    ),
    N_(
        "thread drifts off its goal here: the first post serves `%(goal)s`, this one no longer does; bring it "
        "back to that goal or move it to a post of its own"
    ),
    N_(
        "thread drifts off its goal here: the first post serves `%(goal)s`, this one none of the thread's goals "
        "(closest: `%(other)s`); bring it back to `%(goal2)s` or move it to a post of its own"
    ),
    # duplication (EL701-EL703)
    N_(
        "duplicate of %(where)s (same text after normalising case, spacing, links and tag order): rewrite this one "
        "or drop it"
    ),
    N_(
        "near-duplicate of %(where)s (%(similarity)s similar; threshold %(threshold)s): rewrite this one or drop it"
    ),
    N_(
        "already published: same text as archived post %(id)s on %(date)s (%(platform)s); write something new or "
        "drop this draft"
    ),
    N_(
        "already published: same text as archived post %(id)s on %(date)s; write something new or drop this draft"
    ),
    N_(
        "already published: same text as archived post %(id)s (%(platform)s); write something new or drop this draft"
    ),
    N_("already published: same text as archived post %(id)s; write something new or drop this draft"),
    N_(
        "%(similarity)s similar to archived post %(id)s on %(date)s (%(platform)s) (threshold %(threshold)s): say "
        "something new or drop this draft"
    ),
    N_(
        "%(similarity)s similar to archived post %(id)s on %(date)s (threshold %(threshold)s): say something new or "
        "drop this draft"
    ),
    N_(
        "%(similarity)s similar to archived post %(id)s (%(platform)s) (threshold %(threshold)s): say something new "
        "or drop this draft"
    ),
    N_(
        "%(similarity)s similar to archived post %(id)s (threshold %(threshold)s): say something new or drop this draft"
    ),
    # input and internal errors (EL000-EL005)
    N_("binary file (not a text draft)"),
    N_("not valid UTF-8 (byte %(byte)s on line %(line)s); save the file as UTF-8"),
    N_("invalid UTF-16 (%(reason)s at byte %(byte)s)"),
    N_("cannot read file (%(reason)s)"),
    N_(
        "engagelint failed while %(what)s (%(error)s); that check is missing %(missing)s. This is a bug in "
        "%(culprit)s: please report it at %(url)s"
    ),
    N_(
        "engagelint failed while %(what)s (%(error)s); that check is missing %(missing)s. This is a bug in "
        "%(culprit)s: please report it"
    ),
    N_("front matter opened with '---' on line 1 is never closed (add a line '---' after it)"),
    N_("front matter is larger than 64 KiB"),
    N_("front matter is not valid YAML: %(detail)s (line %(line)s)"),
    N_("front matter cannot be read: %(detail)s"),
    N_("front matter must be a mapping of keys to values, not a %(type)s"),
    N_("%(value)s in '%(key)s' is outside the years 0002 to 9998"),
    N_("cannot read %(value)s in '%(key)s' as a date and time (use ISO 8601: 2025-03-01T09:30)"),
    N_("unsupported language %(value)s in '%(key)s' (engagelint knows en and fr)"),
    N_("'%(key)s' should be a name or a list of names, not %(type)s"),
    N_("'%(key)s' should be a mapping such as {disable: [EL101]}"),
    N_("unknown setting '%(setting)s' under '%(key)s' (expected disable or rules)"),
    N_(
        "unknown platform %(name)s in '%(key)s' (known: %(known)s; map other names with [metadata] "
        "platform_aliases)"
    ),
    N_("engagelint.rules: unknown or disabled rule %(rule)s"),
    N_(
        "no text column (looked for %(wanted)s; header has %(header)s); set [csv] text_column or [csv] preset in "
        "the config"
    ),
    N_("unclosed quote: this cell runs to the end of the file"),
    N_("row has %(n)s cells but the header has %(m)s"),
    N_("unknown rule %(code)s in suppression"),
    N_("suppression of %(rules)s is unused: nothing here triggers it (reason: %(reason)s)"),
    N_("file is %(size)s MiB, over max_file_size (%(max)s MiB); not linted"),
    N_("file is over max_file_size (%(max)s MiB); not linted"),
    N_("document is %(size)s MiB, over max_file_size (%(max)s MiB); not linted"),
    N_("post of %(n)s characters is too long to analyse (limit %(limit)s); not linted"),
    # run warnings (printed once after the findings)
    N_(
        "near-duplicate search (EL702) stopped after %(n)s comparisons over %(posts)s posts: some near-copies may "
        "be unreported"
    ),
    N_(
        "archive search (EL703) stopped after %(n)s comparisons over %(posts)s drafts: some repeats of published "
        "posts may be unreported"
    ),
    N_("archive skipped: %(reason)s"),
    N_("archive skipped: %(reason)s (run `engagelint archive build`)"),
    N_("archive skipped: %(path)s: %(reason)s; set [archive] source to rebuild it"),
    N_("archive skipped: the Redis archive could not be read (%(error)s)"),
    N_("archive index %(path)s not found: building it from the source"),
    N_("archive index %(path)s %(why)s: rebuilding it from the source"),
    # fixes
    N_("Replace '%(old)s' with '%(new)s'"),
    N_("Remove the repeated %(tag)s"),
    N_("Write %(word)s without '#'"),
    N_("Remove the ** markers"),
    N_("Remove the ** markers everywhere in this post"),
    N_("Remove the # marker"),
    N_("Remove the # marker everywhere in this post"),
    N_("Write the text then the URL"),
    N_("Write the text then the URL everywhere in this post"),
)
# Parts of messages that are words of their own.
PARTS = (
    N_("draft marker"), N_("placeholder"), N_("placeholder text"), N_("template variable"),
    # registers (EL111, EL112) and private-life topics (EL113)
    N_("formal"), N_("neutral"), N_("casual"),
    N_("drinking"), N_("health"), N_("mental health"), N_("relationships"), N_("exhaustion"), N_("crying"),
    N_("family habits"), N_("family"),
    # kinds of leftovers (EL401, EL402)
    N_("merge tag"), N_("link placeholder"), N_("production brief"), N_("internal note"),
    # how a platform counts characters (EL301)
    N_("X counting: links 23, emoji and CJK 2"), N_("links count 23"), N_("characters as users see them"),
    N_("characters"), N_("UTF-16 units"),
    # days (EL405)
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"),
    N_("mon"), N_("tue"), N_("wed"), N_("thu"), N_("fri"), N_("sat"), N_("sun"),
    # what was being done when engagelint failed (EL000 internal-error), and what was suppressed (EL004)
    N_("reading this file"), N_("for this file"), N_("for every file"), N_("all rules"),
    # why the duplicate archive index is rebuilt
    N_("the archive source changed since the index was built"),
)  # fmt: skip
# Phrases with a variable part of their own, inside other messages.
PHRASES = (
    N_("checking this post with %(rule)s"),
    N_("preparing this post for %(rule)s"),
    N_("checking this thread with %(rule)s"),
    N_("reading this post for %(rule)s"),
    N_("comparing the drafts with %(rule)s"),
    N_("the plugin %(name)s"),  # who can fix a rule that failed (EL000 internal-error)
    # what EL601 says about the goal to write towards
    N_("keywords: %(words)s; weaker than each of its example posts"),
    N_("keywords: %(words)s; weaker than %(n)s in 10 of its example posts"),
    N_("keywords: %(words)s"),
    N_("weaker than each of its example posts"),
    N_("weaker than %(n)s in 10 of its example posts"),
)

_FIELD = re.compile(r"%\((\w+)\)s")
_QUOTED = re.compile(r"'([^']*)'")
# Fields whose value is a list of quoted words ('tu', 'ta'): French quotes them with guillemets.
_QUOTED_LISTS = ("words", "goals")
# Fields whose value is one of engagelint's own words (PARTS) or phrases (PHRASES); other parts are the
# user's text, names or numbers and stay as they are (a front matter key called 'platform' is not translated).
_WORD_FIELDS = ("what", "missing", "register", "topic", "counting", "weekday", "hint", "why")
# Shares and similarities: French puts a space before '%'.
_PERCENT_FIELDS = ("share", "max", "similarity", "threshold")


def _compile(templates) -> tuple[tuple[re.Pattern[str], str], ...]:
    out = []
    for template in templates:
        pieces, last = [], 0
        for m in _FIELD.finditer(template):
            pieces.append(re.escape(template[last : m.start()].replace("%%", "%")))
            pieces.append(f"(?P<{m.group(1)}>.+?)")
            last = m.end()
        pieces.append(re.escape(template[last:].replace("%%", "%")))
        out.append((re.compile("^" + "".join(pieces) + "$", re.S), template))
    return tuple(out)


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return _compile(TEMPLATES)


@lru_cache(maxsize=1)
def _phrase_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return _compile(PHRASES)


def _match(message: str, patterns) -> tuple[str, dict[str, str]] | None:
    """The most specific template that ``message`` fits (most literal text), so that "'%(mark)s' repeats
    punctuation; one '%(keep)s' is enough" wins over "%(tag)s repeats %(first)s" whatever their order."""
    best, best_size = None, -1
    for pattern, template in patterns:
        m = pattern.match(message)
        if m:
            size = len(_FIELD.sub("", template))
            if size > best_size:
                best, best_size = (template, m.groupdict()), size
    return best


def match(message: str) -> tuple[str, dict[str, str]] | None:
    """The template ``message`` was made from, and its parts."""
    return _match(message, _patterns())


def _ordinal_fr(value: str) -> str:
    """1st, 2nd... of N posts: 1re, 2e (une publication)."""
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", value)
    if m is None:
        return value
    return "1re" if m.group(1) == "1" else f"{m.group(1)}e"


def _part(lang: str, field: str, value: str) -> str:
    """One variable part in ``lang``: a word or phrase of the catalog, a list of days, an ordinal, quotes."""
    if field in _WORD_FIELDS:
        phrase = _match(value, _phrase_patterns())
        if phrase is not None:
            return in_language(lang, phrase[0]) % phrase[1]
        return in_language(lang, value)
    if field == "rules":  # a rule code, or "all rules"
        return in_language(lang, value)
    if field == "culprit":  # engagelint, or the plugin 'name'
        phrase = _match(value, _phrase_patterns())
        return in_language(lang, phrase[0]) % phrase[1] if phrase else value
    if field == "nth":
        return _ordinal_fr(value)
    if field == "days":
        return ", ".join(in_language(lang, d) for d in value.split(", "))
    if field == "hook":  # several hooks are joined as 'a', 'b'
        return value.replace("', '", " », « ")
    if field in _QUOTED_LISTS:
        value = value.replace(" more", " autres").replace(" and ", " et ")
        return _QUOTED.sub(lambda m: f"« {m.group(1)} »", value)
    if field in _PERCENT_FIELDS:
        return re.sub(r"(\d)%$", r"\1 %", value)
    return value


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
    return text % {k: _part(lang, k, v) for k, v in parts.items()}


def untranslated(message: str) -> bool:
    """No French for ``message``: no template, no translation of it, or one of its words (a placeholder
    kind, a register, a day...) missing from the catalog."""
    found = match(message)
    if found is None or in_language("fr", found[0]) == found[0]:
        return True
    for field, value in found[1].items():
        if field in _WORD_FIELDS and _part("fr", field, value) == value:
            return True
        if field == "days" and any(in_language("fr", d) == d for d in value.split(", ")):
            return True
    return False
