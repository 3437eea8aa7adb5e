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
from typing import Any

from engagelint.models import PLATFORMS

KEY_ALIASES: dict[str, tuple[str, ...]] = {
    "platform": (
        "platform", "platforms", "network", "networks", "channel", "channels",
        "social", "socials", "social_network", "targets", "target", "plateforme", "plateformes", "plate_forme", "réseau", "reseau", "réseaux", "reseaux",
    ),
    "schedule": (
        "schedule", "scheduled", "scheduled_date", "scheduled_at", "scheduled_for", "scheduled_time",
        "publish_at", "publish_date", "publish_on", "published_at", "publication_date", "publication",
        "post_at", "post_date", "post_time", "send_at", "date", "datetime", "when", "date_de_publication", "publié_le",
    ),
    "lang": ("lang", "language", "locale", "langue"),
    "goals": ("goals", "goal", "objective", "objectives", "objectif", "objectifs"),
    "campaign": ("campaign", "campaigns", "campagne"),
}  # fmt: skip

PLATFORM_ALIASES: dict[str, str] = {
    "x": "x", "twitter": "x", "tw": "x", "x.com": "x", "x/twitter": "x", "twitter/x": "x", "tweet": "x",
    "mastodon": "mastodon", "masto": "mastodon", "fediverse": "mastodon",
    "bluesky": "bluesky", "bsky": "bluesky", "blue sky": "bluesky",
    "threads": "threads",
    "linkedin": "linkedin", "li": "linkedin", "linked-in": "linkedin", "linked in": "linkedin",
    "instagram": "instagram", "insta": "instagram", "ig": "instagram",
    "facebook": "facebook", "fb": "facebook",
    "youtube": "youtube", "yt": "youtube",
}  # fmt: skip

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


@dataclass
class Metadata:
    platforms: tuple[str, ...] = ()
    schedule: datetime | None = None
    lang: str | None = None
    goals: tuple[str, ...] = ()
    campaign: str | None = None
    disabled: frozenset[str] = frozenset()
    rule_settings: Mapping[str, Any] = field(default_factory=dict)
    # (key as written, message) for values that could not be understood
    problems: list[tuple[str, str]] = field(default_factory=list)


def _norm_key(key: str) -> str:
    return re.sub(r"[\s\-]+", "_", key.strip().lower())


_CANONICAL_CACHE: dict[int, tuple[MetadataSettings, dict[str, str]]] = {}


def canonical_keys(settings: MetadataSettings) -> dict[str, str]:
    """Map every accepted spelling of a key to its canonical name (computed once per settings)."""
    cached = _CANONICAL_CACHE.get(id(settings))
    if cached is not None and cached[0] is settings:
        return cached[1]
    out: dict[str, str] = {}
    for canon, aliases in KEY_ALIASES.items():
        for a in (*aliases, *settings.key_aliases.get(canon, ())):
            out[_norm_key(a)] = canon
    _CANONICAL_CACHE[id(settings)] = (settings, out)
    return out


def normalise(raw: Mapping[str, Any], settings: MetadataSettings) -> Metadata:
    keys = canonical_keys(settings)
    meta = Metadata()
    seen: set[str] = set()
    for key, value in raw.items():
        canon = keys.get(_norm_key(str(key)))
        if canon is None:
            if _norm_key(str(key)) == "engagelint":
                _engagelint_settings(key, value, meta)
            continue
        if canon in seen or value is None or value == "":
            continue
        seen.add(canon)
        if canon == "platform":
            meta.platforms = _platforms(key, value, settings, meta)
        elif canon == "schedule":
            meta.schedule = _schedule(key, value, settings, meta)
        elif canon == "lang":
            meta.lang = _lang(key, value, meta)
        elif canon == "goals":
            meta.goals = _string_list(key, value, meta)
        elif canon == "campaign":
            meta.campaign = str(value)
    return meta


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


def parse_datetime(value: Any, formats: tuple[str, ...] = ()) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0))
    text = str(value).strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        pass
    for fmt in (*formats, *DATE_FORMATS):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def _schedule(key: str, value: Any, settings: MetadataSettings, meta: Metadata) -> datetime | None:
    parsed = parse_datetime(value, settings.date_formats)
    if parsed is None:
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
