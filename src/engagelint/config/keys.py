"""Every configuration key, described once as data.

The validator (``config.schema``) takes its lists of allowed keys from here, and
``config.jsonschema`` turns the same description into the JSON Schema editors use, so the two
cannot drift: a key added here is accepted and documented; a key missing here is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engagelint.models import PLATFORMS

REGISTERS = ("formal", "neutral", "casual")
SEVERITIES = ("error", "warning", "info")
LANGS = ("auto", "en", "fr")
MESSAGE_LANGS = ("auto", "en", "fr")


@dataclass(frozen=True)
class Key:
    """One key. ``kind`` is one of: string, strings (a string or a list of them), bool, int,
    size, hours, table (``fields`` known), tables (a list of tables with ``fields``), map
    (free keys whose values are ``value``), date, any."""

    name: str
    kind: str
    help: str
    choices: tuple[str, ...] = ()
    fields: tuple[Key, ...] = ()
    required: tuple[str, ...] = ()
    value: Key | None = None
    default: Any = None

    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


GOAL = (
    Key("id", "string", "A single word naming the goal (letters, digits, - or _)."),
    Key("description", "string", "What posts serving this goal talk about, in a sentence."),
    Key("keywords", "strings", "Words that mark a post as serving this goal (any language)."),
    Key("examples", "strings", "Example posts serving this goal."),
    Key("lang", "string", "The language of the description, when not detected.", choices=("en", "fr")),
)
FREEZE = (
    Key("from", "date", "First day (or date-time) of the window, e.g. 2026-12-24."),
    Key("to", "date", "Last day (or date-time) of the window; a date means the whole day."),
    Key("reason", "string", "Why nothing may be posted then (shown in the finding)."),
)
PER_FILE = (
    Key("files", "strings", "Glob(s) of the files this table applies to, relative to the config."),
    Key("select", "strings", "Rules enabled for these files on top of the selection."),
    Key("ignore", "strings", "Rules disabled for these files."),
    Key("platform", "strings", "Default platform(s) of matching drafts (their front matter still wins)."),
    Key("lang", "string", "Default language of matching drafts.", ("en", "fr")),
    Key("goals", "strings", "Default goals of matching drafts."),
    Key("campaign", "string", "Default campaign of matching drafts."),
    Key("status", "string", "Default status of matching drafts (draft, scheduled, published...)."),
)
METADATA = (
    Key(
        "keys",
        "map",
        "Other front-matter/CSV key names for platform, schedule, lang, goals, campaign.",
        value=Key("", "strings", "Alternative names."),
    ),  # fmt: skip
    Key(
        "platform_aliases",
        "map",
        'Your names for platforms, e.g. twitter = "x".',
        value=Key("", "string", "A platform."),
    ),  # fmt: skip
    Key("date_formats", "strings", 'strptime formats for schedule dates, e.g. "%d/%m/%Y %H:%M".'),
    Key(
        "accounts",
        "map",
        'Account ids of social-publishing bots and the platform each is on, e.g. linkedin-ourorg = "linkedin".',
        value=Key("", "string", "A platform."),
    ),  # fmt: skip
    Key(
        "platform_from_path",
        "bool",
        "A folder named after a platform (x/, linkedin/) gives it.",
        default=True,
    ),
)
METADATA_KEY_TARGETS = ("platform", "schedule", "lang", "goals", "campaign")
CSV = (
    Key("text_column", "string", "The column holding the post text."),
    Key("date_column", "string", "The column holding the schedule."),
    Key("platform_column", "string", "The column holding the platform(s)."),
    Key("delimiter", "string", "The field delimiter, when not detected."),
    Key(
        "preset",
        "string",
        "The scheduler export format, when not detected from the header.",
        ("buffer", "hootsuite", "zoho", "later", "sprout"),
    ),
)
ARCHIVE = (
    Key("source", "strings", "Published posts (JSONL, CSV or folders) to compare drafts with (EL703)."),
    Key(
        "index", "string", "Where `engagelint archive build` keeps the index.", default=".engagelint/archive"
    ),
    Key("repost_after_days", "int", "A post published longer ago than this may be reposted."),
    Key("redis_prefix", "string", "Key prefix in Redis.", default="engagelint:archive"),
)
RELEVANCE = (
    Key(
        "backend",
        "string",
        "How closeness to goals is measured: auto (the best installed encoder, else static), static, e5, use, spacy.",
        ("auto", "static", "e5", "use", "spacy"),
        default="auto",
    ),
    Key("model", "string", "The backend's model name, when it has several."),
)
SECTIONS = (
    Key("notes", "strings", "Headings of sections that are not published (notes, ideas, sources)."),
    Key("alternatives", "strings", "Headings whose sections are alternative versions of one post."),
    Key("threads", "strings", "Heading or label words that number the parts of a thread (Tweet, Post)."),
    Key("replies", "strings", "Headings whose sections are a first comment or reply."),
    Key("labels", "strings", "Regular expressions of label lines that are not post text."),
    Key("not_posts", "strings", "File names (globs) that hold no post (README, index)."),
    Key(
        "blank_line_threads",
        "string",
        "Whether two empty lines split a thread.",
        ("auto", "always", "never"),
        default="auto",
    ),
)
RULE_SETTINGS = Key("", "any", "A rule's settings: severity and its options (see `engagelint rule CODE`).")

TOP_LEVEL_KEYS: tuple[Key, ...] = (
    Key("lang", "string", "The posts' language: detected per post (auto), or forced.", LANGS, default="auto"),
    Key(
        "messages",
        "string",
        "The language of engagelint's messages: en, fr, or auto (each post's language "
        "for findings, the locale for the rest).",
        MESSAGE_LANGS,
        default="auto",
    ),  # fmt: skip
    Key(
        "platforms",
        "strings",
        "Where the brand is present; drafts for other platforms are flagged (EL501). "
        f"Known: {', '.join(PLATFORMS)} (and their usual aliases, such as twitter).",
    ),  # fmt: skip
    Key(
        "goals",
        "tables",
        "What posts should serve (EL502, EL503, EL601-EL603).",
        fields=GOAL,
        required=("id", "description"),
    ),  # fmt: skip
    Key("require_goal", "bool", "Every draft must name a goal in its front matter (EL502).", default=False),
    Key("brand_terms", "strings", "Words never flagged (spelling, shouting, slang)."),
    Key("allowed_words", "strings", "More words never flagged as informal."),
    Key("register", "string", "How the brand speaks.", REGISTERS, default="neutral"),
    Key(
        "register_by_platform",
        "map",
        'A register per platform, e.g. instagram = "casual".',
        value=Key("", "string", "A register.", REGISTERS),
    ),  # fmt: skip
    Key("select", "strings", "Only these rules (codes, names, categories or prefixes)."),
    Key("extend_select", "strings", "Rules enabled on top of the selection (e.g. preview rules)."),
    Key("ignore", "strings", "Rules never run."),
    Key("fail_on", "string", "Lowest severity that makes the exit status 1.", SEVERITIES, default="warning"),
    Key("exclude", "strings", "Globs of files and folders not linted."),
    Key("respect_gitignore", "bool", "Skip files ignored by git.", default=True),
    Key(
        "extend",
        "strings",
        "Presets (strict, relaxed, personal-brand) and rule packs (folders of YAML rules) to build on.",
    ),  # fmt: skip
    Key("rules", "map", "Settings per rule code or name: severity and options.", value=RULE_SETTINGS),
    Key(
        "per_file",
        "tables",
        "Rules enabled or disabled for some files.",
        fields=PER_FILE,
        required=("files",),
    ),
    Key(
        "per_file_ignores",
        "map",
        "Glob -> rules disabled for matching files (ruff style).",
        value=Key("", "strings", "Rules."),
    ),  # fmt: skip
    Key(
        "freeze",
        "tables",
        "Windows in which nothing may be scheduled (EL403).",
        fields=FREEZE,
        required=("from", "to"),
    ),  # fmt: skip
    Key("posting_hours", "hours", 'Hours posts may be scheduled in, e.g. [9, 18] or "9-18" (EL405).'),
    Key("timezone", "string", "The time zone of schedules without one, e.g. Europe/Paris.", default="UTC"),
    Key("metadata", "table", "How front matter and CSV columns are named.", fields=METADATA),
    Key("csv", "table", "Scheduler CSV exports: which columns hold what.", fields=CSV),
    Key("max_file_size", "size", 'Larger files are skipped (EL005): bytes or "10MB".', default="10MB"),
    Key("archive", "table", "Published posts drafts must not repeat (EL703).", fields=ARCHIVE),
    Key("relevance", "table", "How relevance to goals is measured.", fields=RELEVANCE),
    Key("sections", "table", "How drafts are split into posts, notes and alternatives.", fields=SECTIONS),
    Key(
        "cache",
        "bool",
        "Keep results in .engagelint/cache so unchanged drafts are not re-linted.",
        default=True,
    ),  # fmt: skip
)

TOP_LEVEL = tuple(k.name for k in TOP_LEVEL_KEYS)
BY_NAME = {k.name: k for k in TOP_LEVEL_KEYS}


def fields_of(name: str) -> tuple[str, ...]:
    """The allowed keys of a table or of the tables in a list (``metadata``, ``goals``…)."""
    return BY_NAME[name].field_names()
