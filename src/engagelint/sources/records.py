"""Posts that are not files: a ``Record`` (one row of an archive, a scheduler's API) -> a parsed source.

A record is parsed like a plain-text draft whose metadata came from front matter: the text goes
through the plain-text prose extraction (so positions are exact on the record's text), and the
fields go through the same metadata normalisation (``platform: twitter`` -> ``x``, dates, languages).
The record's id stands where a file path would: it is the ``path`` of its posts and findings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from engagelint.models import Post
from engagelint.offsets import LineIndex, ProseBuilder, trimmed
from engagelint.sources.document import ParsedSource, SourceSettings
from engagelint.sources.metadata import normalise
from engagelint.sources.plaintext import text_prose
from engagelint.sources.problems import SourceProblem

# Record fields that are post metadata, under the names front matter uses.
META_FIELDS = ("platform", "schedule", "lang", "goals", "campaign")


@dataclass(frozen=True, slots=True)
class Record:
    """One post that is not a file. ``platform`` and ``goals`` may be one name or several
    (``"x, linkedin"`` or a list); ``schedule`` is ISO 8601 text or a datetime; ``source`` says
    where the record came from (a client, an export) and is kept as metadata only."""

    id: str
    text: str
    platform: str | tuple[str, ...] | None = None
    lang: str | None = None
    schedule: str | datetime | None = None
    goals: str | tuple[str, ...] | None = None
    campaign: str | None = None
    source: str | None = None


_NAMES = tuple(f.name for f in fields(Record))
# Common spellings in exports, read as the record's own fields.
_ALIASES = {"platforms": "platform", "network": "platform", "language": "lang", "goal": "goals",
            "scheduled_at": "schedule", "publish_at": "schedule", "date": "schedule",
            "content": "text", "message": "text", "body": "text"}  # fmt: skip


def as_record(item: Record | Mapping[str, Any], default_id: str) -> Record:
    """A ``Record`` from a record or a mapping (unknown keys are ignored, missing id -> ``default_id``)."""
    if isinstance(item, Record):
        return item
    if not isinstance(item, Mapping):
        raise TypeError(f"a record must be a mapping or an engagelint Record, not {type(item).__name__}")
    values: dict[str, Any] = {}
    for key, value in item.items():
        name = str(key).strip().lower()
        name = name if name in _NAMES else _ALIASES.get(name, "")
        if name and name not in values and not _missing(value):
            values[name] = value
    values["id"] = str(values.get("id", default_id))
    text = values.get("text", "")
    values["text"] = text if isinstance(text, str) else str(text)
    for key in ("platform", "goals"):
        if isinstance(values.get(key), list):
            values[key] = tuple(str(v) for v in values[key])
    if isinstance(values.get("schedule"), date) and not isinstance(values["schedule"], datetime):
        values["schedule"] = datetime(
            values["schedule"].year, values["schedule"].month, values["schedule"].day
        )
    return Record(**values)


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:  # NaN: an empty cell of a Parquet/pandas column
        return True
    return isinstance(value, str) and not value.strip()


def parse_record(record: Record, settings: SourceSettings | None = None) -> ParsedSource:
    """The record as a parsed source with at most one post (none when its text is blank)."""
    settings = settings or SourceSettings()
    raw: dict[str, Any] = {}
    for name in META_FIELDS:
        value = getattr(record, name)
        if value is not None:
            raw[name] = list(value) if isinstance(value, tuple) else value
    meta = normalise(raw, settings.metadata)
    problems = [SourceProblem("EL002", message, 0, 0) for _key, message in meta.problems]
    if record.source is not None:
        raw["source"] = record.source
    text = record.text
    builder = ProseBuilder()
    text_prose(text, 0, len(text), builder)
    prose, offsets = trimmed(*builder.build())
    posts = []
    if prose:
        posts.append(
            Post(
                path=record.id,
                index=0,
                prose=prose,
                offsets=offsets,
                meta=raw,
                platforms=meta.platforms,
                lang=meta.lang,
                goals=meta.goals,
                schedule=meta.schedule,
                campaign=meta.campaign,
                kind="text",
                thread_key=record.id,
            )
        )
    return ParsedSource(record.id, text, posts, problems, LineIndex(text), "text")
