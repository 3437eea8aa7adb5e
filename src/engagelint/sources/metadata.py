"""Normalise the metadata people actually write: ``platform: twitter``, ``publish_at:``, several
platforms in one field, ``Platform: LinkedIn`` header lines outside YAML.

Unknown keys are kept untouched in ``Post.meta``; values of known keys that cannot be understood
become ``EL002`` problems instead of crashes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any

from engagelint.models import PLATFORMS
from engagelint.platforms.table import alias_table

KEY_ALIASES: dict[str, tuple[str, ...]] = {
    "platform": (
        "platform", "platforms", "network", "networks", "channel", "channels",
        "social", "socials", "social_network", "targets", "target", "plateforme", "plateformes", "plate_forme", "réseau", "reseau", "réseaux", "reseaux",
    ),
    "schedule": (
        "schedule", "scheduled", "scheduled_date", "scheduled_at", "scheduled_for", "scheduled_time",
        "publish_at", "publish_date", "publish_on", "published_at", "publication_date", "publication",
        "post_at", "post_date", "post_time", "send_at", "date", "datetime", "when", "date_de_publication", "publié_le",
        "date_suggérée", "publication_suggérée", "suggested_date", "planned_date", "planned_for", "date_prévue",
    ),
    "lang": ("lang", "language", "locale", "langue"),
    "goals": ("goals", "goal", "objective", "objectives", "objectif", "objectifs"),
    "campaign": ("campaign", "campaigns", "campagne"),
    "status": ("status", "statut", "state", "état", "etat", "stage", "étape"),
    "accounts": ("media", "accounts", "account", "comptes", "profiles"),
}  # fmt: skip

# Date keys that usually say when a draft was written or went out, not when it is due: they are a
# schedule only when the status says the post is still to be published at that date.
WEAK_SCHEDULE_KEYS = frozenset(
    "date datetime when published_at publication_date publication publié_le publie_le post_date "
    "date_suggérée publication_suggérée suggested_date planned_date planned_for date_prévue".split()
)
_DUE_WITHOUT_STATUS = frozenset("date datetime when post_date publication_date publication".split())
STATUS_VALUES: dict[str, str] = {
    "published": "published", "posted": "published", "publié": "published", "publiée": "published",
    "publie": "published", "publiee": "published", "publiés": "published", "publies": "published",
    "live": "published", "sent": "published", "envoyé": "published", "done": "published", "archived": "published",
    "scheduled": "scheduled", "programmé": "scheduled", "programme": "scheduled", "planifié": "scheduled",
    "queued": "scheduled", "planned": "scheduled", "planifie": "scheduled",
    "ready": "ready", "prêt": "ready", "pret": "ready", "approved": "ready", "validé": "ready", "valide": "ready",
    "final": "final", "finale": "final",
    "draft": "draft", "brouillon": "draft", "wip": "draft", "en préparation": "draft", "en preparation": "draft",
    "in progress": "draft", "review": "draft", "relecture": "draft", "todo": "draft",
    "idea": "idea", "idée": "idea", "idee": "idea", "backlog": "idea",
}  # fmt: skip
# Statuses of posts that are still to go out (a schedule in the past is a problem only for these).
PENDING_STATUSES = frozenset({"scheduled", "ready", "final", "draft", "idea"})
SCHEDULING_STATUSES = frozenset({"scheduled", "ready"})

# Every name people write for a platform -> its key (data/platforms.toml).
PLATFORM_ALIASES: dict[str, str] = alias_table()

LANG_ALIASES = {
    "en": "en", "eng": "en", "english": "en", "anglais": "en",
    "fr": "fr", "fra": "fr", "fre": "fr", "french": "fr", "français": "fr", "francais": "fr",
}  # fmt: skip

DATE_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d", "%Y-%m-%d")

_SPLIT = re.compile(r"\s*(?:[,;|+&/]|\band\b|\bet\b)\s*|\s+", re.IGNORECASE)


@dataclass(frozen=True)
class MetadataSettings:
    """The configurable part: extra key and platform aliases, extra date formats."""

    key_aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    platform_aliases: Mapping[str, str] = field(default_factory=dict)
    date_formats: tuple[str, ...] = ()
    # account id -> platform, for social bots whose front matter names accounts (media: [...])
    accounts: Mapping[str, str] = field(default_factory=dict)
    platform_from_path: bool = True


@dataclass
class Metadata:
    platforms: tuple[str, ...] = ()
    schedule: datetime | None = None
    lang: str | None = None
    goals: tuple[str, ...] = ()
    campaign: str | None = None
    status: str | None = None
    schedule_has_time: bool = True
    dated: datetime | None = None  # a date that is not a schedule (written, published)
    disabled: frozenset[str] = frozenset()
    rule_settings: Mapping[str, Any] = field(default_factory=dict)
    # (key as written, message) for values that could not be understood
    problems: list[tuple[str, str]] = field(default_factory=list)


@lru_cache(maxsize=4096)  # called for every alias of every key, once per file
def _norm_key(key: str) -> str:
    return re.sub(r"[\s\-]+", "_", key.strip().lower())


_CANONICAL_CACHE: dict[int, tuple[MetadataSettings, dict[str, str]]] = {}


def canonical_keys(settings: MetadataSettings) -> dict[str, str]:
    """Map every accepted spelling of a key to its canonical name (computed once per settings)."""
    if not settings.key_aliases:  # the usual case, whatever the settings object: one shared map
        return _builtin_canonical_keys()
    cached = _CANONICAL_CACHE.get(id(settings))
    if cached is not None and cached[0] is settings:
        return cached[1]
    out = _key_map(settings.key_aliases)
    if len(_CANONICAL_CACHE) >= 64:  # settings are few per run; bound it so a long run cannot grow it
        _CANONICAL_CACHE.clear()
    _CANONICAL_CACHE[id(settings)] = (settings, out)
    return out


@lru_cache(maxsize=1)
def _builtin_canonical_keys() -> dict[str, str]:
    return _key_map({})


def _key_map(extra: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for canon, aliases in KEY_ALIASES.items():
        for a in (*aliases, *extra.get(canon, ())):
            out[_norm_key(a)] = canon
    return out


def normalise(
    raw: Mapping[str, Any], settings: MetadataSettings, strict: bool = True, status: str | None = None
) -> Metadata:
    """``strict`` reports values that cannot be read (YAML, header lines); metadata written as
    prose (bold or blockquote lines) is read where it can be and otherwise left alone.
    ``status`` is the post's status when another source (the folder, the config) gave it."""
    keys = canonical_keys(settings)
    meta = Metadata(status=status)
    seen: set[str] = set()
    weak: tuple[str, Any] | None = None
    for key, value in raw.items():
        canon = keys.get(_norm_key(str(key)))
        if canon == "status" and value not in (None, ""):
            meta.status = parse_status(value)
    for key, value in raw.items():
        canon = keys.get(_norm_key(str(key)))
        if canon is None:
            if _norm_key(str(key)) == "engagelint":
                _engagelint_settings(key, value, meta)
            continue
        if canon in seen or value is None or value == "":
            continue
        if canon == "schedule" and _norm_key(str(key)) in WEAK_SCHEDULE_KEYS:
            if weak is None:
                weak = (key, value)
            continue
        seen.add(canon)
        problems_before = len(meta.problems)
        if canon == "platform":
            meta.platforms = _platforms(key, value, settings, meta)
        elif canon == "accounts":
            if not meta.platforms:
                meta.platforms = account_platforms(value, settings)
        elif canon == "status":
            pass
        elif canon == "schedule":
            meta.schedule = _schedule(key, value, settings, meta)
            meta.schedule_has_time = has_time(value)
        elif canon == "lang":
            meta.lang = _lang(key, value, meta)
        elif canon == "goals":
            goals = _string_list(key, value, meta)
            # in prose metadata an "Objectif : montrer notre expertise" is a sentence, not goal ids
            if strict or all(re.fullmatch(r"[\w-]+", g) for g in goals):
                meta.goals = goals
        elif canon == "campaign":
            meta.campaign = str(value)
        if not strict:
            del meta.problems[problems_before:]
    if weak is not None:
        key, value = weak
        problems_before = len(meta.problems)
        when = _schedule(key, value, settings, meta)
        if not strict or meta.schedule is not None:
            del meta.problems[problems_before:]
        if (
            meta.schedule is None
            and meta.status in SCHEDULING_STATUSES | {None}
            and when is not None
            and (meta.status is not None or _norm_key(str(key)) in _DUE_WITHOUT_STATUS)
        ):
            # no status: a plain ``date:`` is still read as the schedule (what most tools mean)
            meta.schedule, meta.schedule_has_time = when, has_time(value)
        else:
            meta.dated = when
    if meta.status == "published" and meta.schedule is not None:
        meta.dated, meta.schedule = meta.schedule, None  # it went out: a publication date
    return meta


def parse_status(value: Any) -> str:
    """``✅ Publié``, ``⏳ En préparation``, ``Scheduled`` -> published, draft, scheduled…"""
    from engagelint.sources.sections import fold

    text = " ".join(re.sub(r"[^\w\s-]", " ", str(value)).split()).lower()
    if text in STATUS_VALUES:
        return STATUS_VALUES[text]
    for word, status in sorted(STATUS_VALUES.items(), key=lambda kv: -len(kv[0])):
        if text.startswith(word) or fold(text).startswith(fold(word)):
            return status
    return text


def account_platforms(value: Any, settings: MetadataSettings) -> tuple[str, ...]:
    """Platforms of account ids (``linkedin-galaxyproject``, ``bluesky-brc``): the configured map,
    else the id's first word when it names a platform. Ids of other services are ignored."""
    items = value if isinstance(value, (list, tuple)) else re.split(r"[,\s]+", str(value))
    aliases = {**PLATFORM_ALIASES, **{k.lower(): v for k, v in settings.platform_aliases.items()}}
    out: list[str] = []
    for item in items:
        ident = str(item).strip().lower()
        name = {k.lower(): v for k, v in settings.accounts.items()}.get(ident)
        if name is None:
            name = aliases.get(re.split(r"[-_.:@/]", ident, maxsplit=1)[0])
        if name and name not in out:
            out.append(name)
    return tuple(out)


def has_time(value: Any) -> bool:
    """False for a bare date (``2026-03-14``): it names a day, not 00:00."""
    if isinstance(value, datetime):
        return True
    if isinstance(value, date):
        return False
    text = str(value).strip()
    return bool(re.search(r"\d[:h]\d\d|\d\s*h\b|\d{1,2}\s*(?:am|pm)\b", text, re.IGNORECASE))


def parse_platforms(value: Any, settings: MetadataSettings) -> tuple[tuple[str, ...], list[str]]:
    """Platforms named in ``value`` (string or list) and the names not recognised."""
    aliases = {**PLATFORM_ALIASES, **{k.lower(): v for k, v in settings.platform_aliases.items()}}
    items = value if isinstance(value, (list, tuple)) else [value]
    found: list[str] = []
    unknown: list[str] = []
    for item in items:
        text = str(item).strip()
        whole = aliases.get(text.lower())
        parts = [text] if whole else [p for p in _SPLIT.split(text) if p]
        for part in parts:
            name = aliases.get(part.lower().strip("@#"))
            if name is None and part.lower() in PLATFORMS:
                name = part.lower()
            if name is None:
                unknown.append(part)
            elif name not in found:
                found.append(name)
    return tuple(found), unknown


def _platforms(key: str, value: Any, settings: MetadataSettings, meta: Metadata) -> tuple[str, ...]:
    found, unknown = parse_platforms(value, settings)
    for name in unknown:
        meta.problems.append(
            (
                key,
                f"unknown platform {name!r} in '{key}' (known: {', '.join(PLATFORMS)}; "
                "map other names with [metadata] platform_aliases)",
            )
        )
    return found


# Schedules are moved between time zones and by days or minutes; far enough from datetime's
# limits (years 1 and 9999), that arithmetic can never overflow.
EARLIEST = datetime(2, 1, 1)
LATEST = datetime(9998, 12, 31, 23, 59, 59)
RANGE_TEXT = "years 0002 to 9998"


def in_range(moment: datetime) -> bool:
    return EARLIEST <= moment.replace(tzinfo=None) <= LATEST


def parse_datetime(value: Any, formats: tuple[str, ...] = ()) -> datetime | None:
    """The date and time ``value`` stands for; None when it is not one, or outside ``RANGE_TEXT``."""
    moment = _parse_datetime(value, formats)
    return moment if moment is not None and in_range(moment) else None


def _parse_datetime(value: Any, formats: tuple[str, ...]) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0))
    text = str(value).strip()
    if not text or len(text) > 64:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        pass
    for fmt in (*formats, *DATE_FORMATS):
        try:
            return datetime.strptime(text, fmt)
        except (ValueError, re.error):  # re.error: a format such as "%Y%Y"
            continue
    return _worded_date(text)


_MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
_WORDED = re.compile(
    r"^(?:[a-zé]+\.?,?\s+)?(?:(?P<d1>\d{1,2})(?:er|st|nd|rd|th)?\s+(?P<m1>[a-zéû]+)|(?P<m2>[a-zéû]+)\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?)"
    r"\s+(?P<y>\d{4})(?:\s*(?:,|à|at)?\s*(?P<h>\d{1,2})\s*[h:]\s*(?P<mi>\d{2})?)?\s*$",
    re.IGNORECASE,
)


def _worded_date(text: str) -> datetime | None:
    """``Lundi 5 janvier 2026, 10h00``, ``16 décembre 2025``, ``March 14, 2026``."""
    m = _WORDED.match(text.strip())
    if not m:
        return None
    month = _MONTHS.get((m.group("m1") or m.group("m2") or "").lower())
    if month is None:
        return None
    try:
        return datetime(int(m.group("y")), month, int(m.group("d1") or m.group("d2")),
                        int(m.group("h") or 0), int(m.group("mi") or 0))  # fmt: skip
    except ValueError:
        return None


def _schedule(key: str, value: Any, settings: MetadataSettings, meta: Metadata) -> datetime | None:
    parsed = parse_datetime(value, settings.date_formats)
    if parsed is None and _parse_datetime(value, settings.date_formats) is not None:
        meta.problems.append((key, f"{str(value)!r} in '{key}' is outside the {RANGE_TEXT}"))
    elif parsed is None:
        meta.problems.append(
            (
                key,
                f"cannot read {str(value)!r} in '{key}' as a date and time (use ISO 8601: 2025-03-01T09:30)",
            )
        )
    return parsed


def _lang(key: str, value: Any, meta: Metadata) -> str | None:
    text = str(value).strip().lower().replace("_", "-")
    code = LANG_ALIASES.get(text) or LANG_ALIASES.get(text.split("-")[0])
    if code is None:
        meta.problems.append((key, f"unsupported language {value!r} in '{key}' (engagelint knows en and fr)"))
    return code


def _string_list(key: str, value: Any, meta: Metadata) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(v for v in re.split(r"\s*[,;]\s*", value.strip()) if v)
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value if v is not None)
    meta.problems.append((key, f"'{key}' should be a name or a list of names, not {type(value).__name__}"))
    return ()


def _engagelint_settings(key: str, value: Any, meta: Metadata) -> None:
    if not isinstance(value, dict):
        meta.problems.append((key, f"'{key}' should be a mapping such as {{disable: [EL101]}}"))
        return
    for k, v in value.items():
        k = str(k).lower()  # `Engagelint: {Rules: ...}` as well as `engagelint: {rules: ...}`
        if k == "disable":
            meta.disabled = frozenset(_string_list(f"{key}.disable", v, meta))
        elif k == "rules" and isinstance(v, dict):
            meta.rule_settings = {str(name): opts for name, opts in v.items() if isinstance(opts, dict)}
        else:
            meta.problems.append((key, f"unknown setting '{k}' under '{key}' (expected disable or rules)"))


_HEADER_LINE = re.compile(r"^([A-Za-zÀ-ÿ _\-]{2,30}):[ \t]*(.*?)[ \t]*\r?$")


def header_block(text: str, start: int, settings: MetadataSettings) -> tuple[dict[str, str], int]:
    """Metadata written as ``Key: value`` lines at the top of a draft, outside YAML.

    Only recognised keys count (so ``Note: call Anna`` stays prose), and the block must end with a
    blank line. Returns the raw mapping and the source index where the body starts.
    """
    keys = canonical_keys(settings)
    found: dict[str, str] = {}
    pos = start
    while pos < len(text):
        nl = text.find("\n", pos)
        line = text[pos : len(text) if nl == -1 else nl]
        if not line.strip():
            return (found, (len(text) if nl == -1 else nl + 1)) if found else ({}, start)
        m = _HEADER_LINE.match(line)
        if not m or _norm_key(m.group(1)) not in keys:
            return {}, start
        found[m.group(1).strip()] = m.group(2)
        if nl == -1:
            break
        pos = nl + 1
    return {}, start
