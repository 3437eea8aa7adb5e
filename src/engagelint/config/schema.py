"""The resolved, validated configuration. Validation errors name the file, the key and what was expected."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from engagelint.config.keys import LANGS, MESSAGE_LANGS, METADATA_KEY_TARGETS, REGISTERS, TOP_LEVEL, fields_of
from engagelint.i18n import _
from engagelint.models import PLATFORMS, Severity
from engagelint.profile import BrandProfile, FreezeWindow, Goal, RelevanceSettings
from engagelint.sources.csvfile import CsvSettings
from engagelint.sources.document import SourceSettings
from engagelint.sources.metadata import MetadataSettings, parse_datetime, parse_platforms
from engagelint.sources.paths import PathDefaults
from engagelint.sources.sections import SectionSettings


class ConfigError(Exception):
    """A problem in the configuration: one line, naming the file and the key."""


DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024
MAX_FILE_SIZE_LIMIT = 1024**3  # a bigger "draft" cannot be held in memory anyway


@dataclass(frozen=True)
class PerFile:
    patterns: tuple[str, ...]
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    lang: str = "auto"
    messages: str = "en"
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    extend: tuple[str, ...] = ()
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    per_file: tuple[PerFile, ...] = ()
    profile: BrandProfile = field(default_factory=BrandProfile)
    sources: SourceSettings = field(default_factory=SourceSettings)
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    # Paths in the config may leave the project folder only when the user says so (CLI flag).
    allow_outside_root: bool = False
    redis_url: str | None = None  # from the environment or the CLI, never from the repository
    presets: tuple[str, ...] = ()
    # Where each key set came from: the config file or "preset NAME"; absent keys are defaults.
    origins: Mapping[str, str] = field(default_factory=dict)
    # The table the values were read from, presets merged (``engagelint config`` shows it).
    data: Mapping[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return str(self.path) if self.path else "configuration"


def _norm(key: str) -> str:
    return key.replace("-", "_")


class _Validator:
    def __init__(self, label: str) -> None:
        self.label = label

    def fail(self, key: str, message: str) -> ConfigError:
        return ConfigError(f"{self.label}: {key}: {message}")

    def str_(self, key: str, value: Any, choices: tuple[str, ...] = ()) -> str:
        if not isinstance(value, str):
            raise self.fail(key, _("expected a string, got %(value)s") % {"value": _describe(value)})
        if choices and value not in choices:
            raise self.fail(
                key,
                _("expected one of %(choices)s, got %(value)r")
                % {"choices": ", ".join(choices), "value": value},
            )
        return value

    def bool_(self, key: str, value: Any) -> bool:
        if not isinstance(value, bool):
            raise self.fail(key, _("expected true or false, got %(value)s") % {"value": _describe(value)})
        return value

    def strs(self, key: str, value: Any) -> tuple[str, ...]:
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, _("expected a list of strings, got %(value)s") % {"value": _describe(value)})
        return tuple(value)

    def table(self, key: str, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(key, _("expected a table, got %(value)s") % {"value": _describe(value)})
        return value

    def keys(self, key: str, table: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
        for k in table:
            if _norm(k) not in allowed:
                hint = did_you_mean(_norm(k), allowed)
                raise self.fail(
                    f"{key}.{k}" if key else k,
                    _("unknown key%(hint)s (expected one of: %(keys)s)")
                    % {"hint": hint, "keys": ", ".join(allowed)},
                )


def did_you_mean(word: str, choices) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.75)
    return _("; did you mean '%(word)s'?") % {"word": close[0]} if close else ""


def _describe(value: Any) -> str:
    return f"{type(value).__name__} {value!r}"[:80]


PER_FILE_DEFAULTS = ("platform", "lang", "goals", "campaign", "status")


def build_config(
    data: Mapping[str, Any],
    path: Path | None,
    root: Path,
    now: datetime | None = None,
    *,
    allow_outside_root: bool = False,
    redis_url: str | None = None,
) -> Config:
    """``root`` is the project folder: config paths (archive, rule packs, relevance model) must
    stay inside it unless ``allow_outside_root``. ``redis_url`` comes from the caller's
    environment (a config cannot name a Redis server)."""
    label = str(path) if path else "configuration"
    v = _Validator(label)
    data = {_norm(k): val for k, val in data.items()}
    v.keys("", data, TOP_LEVEL)
    from engagelint.config.presets import apply_presets

    data, origins, presets = apply_presets(data, label)

    lang = v.str_("lang", data.get("lang", "auto"), LANGS)
    messages = v.str_("messages", data.get("messages", "en"), MESSAGE_LANGS)
    platforms: tuple[str, ...] = ()
    if "platforms" in data:
        found, unknown = parse_platforms(list(v.strs("platforms", data["platforms"])), MetadataSettings())
        if unknown:
            raise v.fail(
                "platforms", f"unknown platform(s) {', '.join(unknown)} (known: {', '.join(PLATFORMS)})"
            )
        platforms = found
    goals = _goals(v, data.get("goals", []))
    register = v.str_("register", data.get("register", "neutral"), REGISTERS)
    by_platform = {}
    for name, reg in v.table("register_by_platform", data.get("register_by_platform", {})).items():
        found, unknown = parse_platforms(name, MetadataSettings())
        if unknown or not found:
            raise v.fail(f"register_by_platform.{name}", f"unknown platform (known: {', '.join(PLATFORMS)})")
        by_platform[found[0]] = v.str_(f"register_by_platform.{name}", reg, REGISTERS)
    posting_hours = _hours(v, data.get("posting_hours"))
    timezone = v.str_("timezone", data.get("timezone", "UTC"))
    try:
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(timezone)
    except Exception:
        raise v.fail(
            "timezone", f"unknown time zone {timezone!r} (use a name such as Europe/Paris)"
        ) from None
    freeze = _freeze(v, data.get("freeze", []), zone)

    try:
        fail_on = Severity.parse(v.str_("fail_on", data.get("fail_on", "warning")))
    except ValueError as exc:
        raise v.fail("fail_on", str(exc)) from None

    rules: dict[str, dict[str, Any]] = {}
    for key, settings in v.table("rules", data.get("rules", {})).items():
        rules[key] = dict(v.table(f"rules.{key}", settings))

    per_file = list(_per_file(v, data.get("per_file", [])))
    defaults = tuple(_per_file_defaults(v, data.get("per_file", [])))
    for pattern, codes in v.table("per_file_ignores", data.get("per_file_ignores", {})).items():
        per_file.append(PerFile((pattern,), ignore=v.strs(f"per_file_ignores.{pattern}", codes)))

    meta_tbl = v.table("metadata", data.get("metadata", {}))
    v.keys("metadata", meta_tbl, fields_of("metadata"))
    key_aliases = {
        k: v.strs(f"metadata.keys.{k}", val)
        for k, val in v.table("metadata.keys", meta_tbl.get("keys", {})).items()
    }
    for k in key_aliases:
        if k not in METADATA_KEY_TARGETS:
            raise v.fail(f"metadata.keys.{k}", f"expected one of {', '.join(METADATA_KEY_TARGETS)}")
    aliases = {}
    for k, val in v.table("metadata.platform_aliases", meta_tbl.get("platform_aliases", {})).items():
        target = v.str_(f"metadata.platform_aliases.{k}", val)
        found, unknown = parse_platforms(target, MetadataSettings())
        if unknown or not found:
            raise v.fail(
                f"metadata.platform_aliases.{k}", f"{target!r} is not a platform ({', '.join(PLATFORMS)})"
            )
        aliases[k] = found[0]
    date_formats = v.strs("metadata.date_formats", meta_tbl.get("date_formats", []))
    for i, fmt in enumerate(date_formats):
        problem = _date_format_problem(fmt)
        if problem:
            raise v.fail(f"metadata.date_formats[{i}]", problem)
    accounts = {}
    for k, val in v.table("metadata.accounts", meta_tbl.get("accounts", {})).items():
        target = v.str_(f"metadata.accounts.{k}", val)
        found, unknown = parse_platforms(target, MetadataSettings())
        if unknown or not found:
            raise v.fail(f"metadata.accounts.{k}", f"{target!r} is not a platform ({', '.join(PLATFORMS)})")
        accounts[k] = found[0]
    metadata = MetadataSettings(
        key_aliases,
        aliases,
        date_formats,
        accounts,
        v.bool_("metadata.platform_from_path", meta_tbl.get("platform_from_path", True)),
    )
    sections = _sections(v, data.get("sections", {}))

    csv_tbl = v.table("csv", data.get("csv", {}))
    v.keys("csv", csv_tbl, fields_of("csv"))
    from engagelint.sources.csvfile import PRESETS

    if "preset" in csv_tbl:
        v.str_("csv.preset", csv_tbl["preset"], tuple(PRESETS))
    csv = CsvSettings(**{_norm(k): v.str_(f"csv.{k}", val) for k, val in csv_tbl.items()})
    if csv.delimiter is not None and (len(csv.delimiter) != 1 or csv.delimiter in '"\r\n'):
        raise v.fail("csv.delimiter", f"expected one character such as , ; or a tab, got {csv.delimiter!r}")

    size = data.get("max_file_size", DEFAULT_MAX_FILE_SIZE)
    max_file_size = _size(v, size)

    archive = v.table("archive", data.get("archive", {}))
    from engagelint.duplication.settings import ArchiveConfigError, archive_settings

    try:
        archive_obj = (
            archive_settings(archive, root, allow_outside=allow_outside_root, redis_url=redis_url)
            if archive or redis_url
            else None
        )
    except ArchiveConfigError as exc:
        raise ConfigError(f"{label}: {exc}") from None
    relevance = v.table("relevance", data.get("relevance", {}))
    v.keys("relevance", relevance, fields_of("relevance"))
    from engagelint.relevance.settings import BackendError, backend_key, resolve_model

    try:
        backend_key(relevance)
        relevance = resolve_model(relevance, root, allow_outside_root)
    except BackendError as exc:
        raise ConfigError(f"{label}: {exc}") from None
    profile = BrandProfile(
        platforms=platforms,
        goals=goals,
        brand_terms=v.strs("brand_terms", data.get("brand_terms", [])),
        allowed_words=v.strs("allowed_words", data.get("allowed_words", [])),
        register=register,
        platform_register=by_platform,
        freeze=freeze,
        posting_hours=posting_hours,
        timezone=timezone,
        require_goal=v.bool_("require_goal", data.get("require_goal", False)),
        now=now,
        archive=archive_obj,
        relevance=RelevanceSettings(str(relevance.get("backend", "auto")), str(relevance.get("model", ""))),
        cache=v.bool_("cache", data.get("cache", True)),
    )
    return Config(
        path=path,
        root=root,
        lang=lang,
        messages=messages,
        select=v.strs("select", data.get("select", [])),
        extend_select=v.strs("extend_select", data.get("extend_select", [])),
        ignore=v.strs("ignore", data.get("ignore", [])),
        fail_on=fail_on,
        exclude=v.strs("exclude", data.get("exclude", [])),
        respect_gitignore=v.bool_("respect_gitignore", data.get("respect_gitignore", True)),
        extend=v.strs("extend", data.get("extend", [])),
        rules=rules,
        per_file=tuple(per_file),
        profile=profile,
        sources=SourceSettings(
            metadata=metadata, csv=csv, sections=sections, defaults=defaults, root=str(root)
        ),
        max_file_size=max_file_size,
        allow_outside_root=allow_outside_root,
        redis_url=redis_url,
        presets=presets,
        origins=origins,
        data=data,
    )


def _goals(v: _Validator, value: Any) -> tuple[Goal, ...]:
    if not isinstance(value, list):
        raise v.fail("goals", f"expected a list of goal tables, got {_describe(value)}")
    goals = []
    seen = set()
    for i, item in enumerate(value):
        key = f"goals[{i}]"
        tbl = v.table(key, item)
        v.keys(key, tbl, fields_of("goals"))
        if "id" not in tbl or "description" not in tbl:
            raise v.fail(key, "each goal needs an id and a description")
        gid = v.str_(f"{key}.id", tbl["id"])
        if not re.match(r"^[\w\-]+$", gid):
            raise v.fail(f"{key}.id", f"goal ids are single words (letters, digits, - or _), got {gid!r}")
        if gid in seen:
            raise v.fail(f"{key}.id", f"duplicate goal id {gid!r}")
        seen.add(gid)
        goals.append(
            Goal(
                id=gid,
                description=v.str_(f"{key}.description", tbl["description"]),
                keywords=v.strs(f"{key}.keywords", tbl.get("keywords", [])),
                examples=v.strs(f"{key}.examples", tbl.get("examples", [])),
                lang=v.str_(f"{key}.lang", tbl["lang"], ("en", "fr")) if "lang" in tbl else None,
            )
        )
    return tuple(goals)


def _date_format_problem(fmt: str) -> str | None:
    """Why ``fmt`` cannot read the dates it writes (``%Y%Y``, ``%Q``), else None."""
    sample = datetime(2025, 3, 1, 9, 30)
    try:
        datetime.strptime(sample.strftime(fmt), fmt)
    except Exception:  # ValueError, re.error: strptime compiles the format to a regex
        return f"{fmt!r} is not a date format that can read back the dates it writes (such as %d/%m/%Y %H:%M)"
    return None


def _freeze(v: _Validator, value: Any, zone) -> tuple[FreezeWindow, ...]:
    if not isinstance(value, list):
        raise v.fail("freeze", f"expected a list of {{from, to, reason}} tables, got {_describe(value)}")
    out = []
    for i, item in enumerate(value):
        key = f"freeze[{i}]"
        tbl = v.table(key, item)
        v.keys(key, tbl, fields_of("freeze"))
        if "from" not in tbl or "to" not in tbl:
            raise v.fail(key, "a freeze window needs 'from' and 'to' dates")
        start = parse_datetime(tbl["from"])
        end = parse_datetime(tbl["to"])
        if start is None or end is None:
            raise v.fail(key, "'from' and 'to' must be dates such as 2025-03-01 or 2025-03-01T09:00")
        # A bound without a time zone is local time in the brand's zone (as EL403 reads it).
        if _aware(end, zone) < _aware(start, zone):
            raise v.fail(key, "'to' is before 'from'")
        if (
            end.hour == 0
            and end.minute == 0
            and not isinstance(tbl["to"], datetime)
            and "T" not in str(tbl["to"])
        ):
            end = end.replace(hour=23, minute=59, second=59)  # a date means the whole day
        out.append(FreezeWindow(start, end, v.str_(f"{key}.reason", tbl.get("reason", "freeze window"))))
    return tuple(out)


def _aware(moment: datetime, zone) -> datetime:
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


def _hours(v: _Validator, value: Any) -> tuple[int, int] | None:
    if value is None:
        return None
    if isinstance(value, str) and re.match(r"^\d{1,2}\s*-\s*\d{1,2}$", value):
        value = [int(x) for x in value.split("-")]
    if not (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(x, int) and 0 <= x <= 24 for x in value)
    ):
        raise v.fail(
            "posting_hours", f"expected [start_hour, end_hour] such as [9, 18], got {_describe(value)}"
        )
    return int(value[0]), int(value[1])


def _per_file(v: _Validator, value: Any):
    if not isinstance(value, list):
        raise v.fail("per_file", f"expected a list of tables, got {_describe(value)}")
    for i, item in enumerate(value):
        key = f"per_file[{i}]"
        tbl = v.table(key, item)
        v.keys(key, tbl, fields_of("per_file"))
        if "files" not in tbl:
            raise v.fail(key, "needs 'files' (a glob or a list of globs)")
        yield PerFile(v.strs(f"{key}.files", tbl["files"]), v.strs(f"{key}.select", tbl.get("select", [])),
                      v.strs(f"{key}.ignore", tbl.get("ignore", [])))  # fmt: skip


def _per_file_defaults(v: _Validator, value: Any):
    """Metadata defaults of ``[[per_file]]`` tables (front matter still wins)."""
    for i, tbl in enumerate(value):
        key = f"per_file[{i}]"
        values: list[tuple[str, Any]] = []
        for name in PER_FILE_DEFAULTS:
            if name not in tbl:
                continue
            item = tbl[name]
            if name == "platform":
                found, unknown = parse_platforms(list(v.strs(f"{key}.platform", item)), MetadataSettings())
                if unknown or not found:
                    raise v.fail(
                        f"{key}.platform", f"unknown platform {item!r} (known: {', '.join(PLATFORMS)})"
                    )
                item = list(found)
            elif name == "lang":
                item = v.str_(f"{key}.lang", item, ("en", "fr"))
            elif name == "goals":
                item = list(v.strs(f"{key}.goals", item))
            else:
                item = v.str_(f"{key}.{name}", item)
            values.append((name, item))
        if values:
            yield PathDefaults(v.strs(f"{key}.files", tbl["files"]), tuple(values))


SECTION_KEYS = fields_of("sections")


def _sections(v: _Validator, value: Any) -> SectionSettings:
    tbl = v.table("sections", value)
    v.keys("sections", tbl, SECTION_KEYS)
    labels = v.strs("sections.labels", tbl.get("labels", []))
    for pattern in labels:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise v.fail(
                "sections.labels", f"{pattern!r} is not a valid regular expression ({exc})"
            ) from None
    return SectionSettings(
        notes=v.strs("sections.notes", tbl.get("notes", [])),
        alternatives=v.strs("sections.alternatives", tbl.get("alternatives", [])),
        threads=v.strs("sections.threads", tbl.get("threads", [])),
        replies=v.strs("sections.replies", tbl.get("replies", [])),
        labels=labels,
        not_posts=v.strs("sections.not_posts", tbl.get("not_posts", [])),
        blank_line_threads=v.str_(
            "sections.blank_line_threads", tbl.get("blank_line_threads", "auto"), ("auto", "always", "never")
        ),
    )


def _size(v: _Validator, value: Any) -> int:
    size = None
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        size = value
    elif isinstance(value, str) and len(value) < 40:
        m = re.match(r"^\s*(\d+(?:\.\d+)?)\s*([KMG]i?B|B)?\s*$", value, re.IGNORECASE)
        if m:
            unit = (m.group(2) or "B").upper().replace("I", "")
            mult = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}[unit]
            size = int(float(m.group(1)) * mult)
    if size is None or size <= 0:
        raise v.fail("max_file_size", f'expected a size such as 10485760 or "10MB", got {_describe(value)}')
    if size > MAX_FILE_SIZE_LIMIT:
        raise v.fail("max_file_size", f"at most 1GB (1073741824), got {_describe(value)}")
    return size
