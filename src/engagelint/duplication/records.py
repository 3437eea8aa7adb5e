"""Archive entries (published posts) and the matches found for a draft."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from engagelint.sources.metadata import MetadataSettings, parse_datetime, parse_platforms


@dataclass(frozen=True, slots=True)
class ArchiveEntry:
    id: str
    text: str
    date: str = ""  # ISO 8601 as exported, or "" when unknown
    platform: str = ""  # comma-separated platform names
    url: str = ""
    goals: str = ""  # comma-separated goals or campaigns the post served (relevance examples)


@dataclass(frozen=True, slots=True)
class ArchiveMatch:
    id: str
    date: str
    platform: str
    url: str
    similarity: float
    exact: bool

    @property
    def published(self) -> datetime | None:
        return parse_date(self.date)

    @property
    def platforms(self) -> tuple[str, ...]:
        return parse_platforms(self.platform, MetadataSettings())[0] if self.platform else ()


def parse_date(value: str) -> datetime | None:
    if not value:
        return None
    try:
        return parse_datetime(value)
    except (ValueError, TypeError):
        return None
