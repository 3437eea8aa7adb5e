"""EL703: a draft that repeats a post already published (the ``[archive]`` of the config).

The archive is a persisted index (``engagelint archive build`` / ``add``) or a Redis server; it is
opened once per run in ``finish``. A stale, damaged or missing file index is rebuilt from the
configured source, with a warning (``ArchiveWarning``) saying why. ``repost_after_days`` lets
evergreen content come back after that many days.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from datetime import UTC, datetime
from importlib import resources
from typing import TYPE_CHECKING

from engagelint.duplication.settings import ArchiveSettings
from engagelint.models import Finding, Severity
from engagelint.rules.base import Example, Option, Rule, RuleContext, RuleInfo
from engagelint.rules.builtin.automation_common import now, post_schedule
from engagelint.rules.builtin.duplication_common import Seen, post_features, same_audience, seen

if TYPE_CHECKING:
    from engagelint.duplication.records import ArchiveMatch


class ArchiveWarning(UserWarning):
    """The archive was rebuilt or skipped; the message says why."""


_EXAMPLE_ARCHIVE = str(resources.files("engagelint.duplication") / "example_archive.jsonl")
_EXAMPLE_CONFIG = {"archive": {"source": _EXAMPLE_ARCHIVE}}


class ArchivedDuplicate(Rule):
    info = RuleInfo(
        code="EL703",
        name="already-published",
        category="duplication",
        severity=Severity.WARNING,
        scope="corpus",
        summary="The draft repeats, exactly or nearly, a post already published (the configured archive).",
        rationale=(
            "Your audience has seen it: a repeated post earns less each time and signals there is "
            "nothing new to say. Refresh the angle, or set `repost_after_days` in [archive] to bring "
            "evergreen content back on purpose."
        ),
        options={
            "threshold": Option(
                0.8, "Jaccard similarity of the posts' word sets that counts as a repeat (0.5-1)", maximum=1
            ),
            "min_words": Option(3, "ignore drafts shorter than this many words"),
        },
        examples=(
            Example(
                bad="Our spring workshop on bike repair opens on Saturday in Lille, book your seat now #cycling",
                good="Thanks to everyone who came to the bike repair workshop, see you in June!",
                lang="en",
                config=_EXAMPLE_CONFIG,
            ),
            Example(
                bad="Notre atelier de printemps sur la réparation de vélos ouvre samedi à Lille, réservez votre place",
                good="Merci à toutes les personnes venues à l'atelier de réparation, rendez-vous en juin !",
                lang="fr",
                config=_EXAMPLE_CONFIG,
            ),
        ),
    )

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self._posts: list[tuple[Seen, datetime]] = []
        self._settings: ArchiveSettings | None = None

    def prepare(self, ctx: RuleContext) -> None:
        post_features(ctx)

    def observe(self, ctx: RuleContext) -> None:
        if self._settings is None:
            self._settings = ctx.profile.archive
        if self._settings is None:  # neither [archive] nor a Redis URL
            return
        # Each draft keeps its own file's threshold: a front-matter override stays local.
        threshold = float(ctx.options.get("threshold", 0.8))
        s = seen(ctx)
        if s.features.words >= int(ctx.options.get("min_words", 3)):
            self._posts.append((s, _reference_time(ctx), threshold))

    def finish(self) -> Iterable[Finding]:
        posts, raw = self._posts, self._settings
        self.reset()
        if not posts or raw is None:
            return
        settings = raw  # validated with the config: a bad [archive] never reaches a lint
        from engagelint.duplication.archive import open_archive  # numpy: only when an archive is used

        archive, notes = open_archive(settings)
        for note in notes:
            warnings.warn(ArchiveWarning(note), stacklevel=2)
        if archive is None:
            return
        results: list = [None] * len(posts)
        for threshold in sorted({t for _, _, t in posts}):  # usually one: the config's
            group = [i for i, (_, _, t) in enumerate(posts) if t == threshold]
            found = archive.query_many([posts[i][0].features for i in group], threshold)
            for i, matches in zip(group, found, strict=True):
                results[i] = matches
        for note in getattr(archive, "notes", ()):  # damaged data read back from a shared store
            warnings.warn(ArchiveWarning(note), stacklevel=2)
        stats = getattr(archive, "stats", None)
        if stats is not None and stats.exhausted:
            warnings.warn(ArchiveWarning(
                f"archive search (EL703) stopped after {stats.comparisons:,} comparisons over "
                f"{len(posts):,} drafts: some repeats of published posts may be unreported"), stacklevel=2)  # fmt: skip
        for (s, when, threshold), matches in zip(posts, results, strict=True):
            match = next((m for m in matches if self._counts(m, s, when, settings)), None)
            if match is not None:
                yield Finding(0, 0, _message(match, threshold), location=s.where)

    @staticmethod
    def _counts(match: ArchiveMatch, s: Seen, when: datetime, settings: ArchiveSettings) -> bool:
        if not same_audience(match.platforms, s.platforms):
            return False
        days = settings.repost_after_days
        published = match.published
        if days is not None and published is not None:
            return _days_between(published, when) < days
        return True


def _reference_time(ctx: RuleContext) -> datetime:
    """When the draft goes out: its schedule, else the run's clock."""
    return post_schedule(ctx.post) or now(ctx)


def _days_between(earlier: datetime, later: datetime) -> float:
    if (earlier.tzinfo is None) != (later.tzinfo is None):  # read naive times as UTC
        earlier = earlier if earlier.tzinfo else earlier.replace(tzinfo=UTC)
        later = later if later.tzinfo else later.replace(tzinfo=UTC)
    return (later - earlier).total_seconds() / 86400


def _message(m: ArchiveMatch, threshold: float) -> str:
    when = f" on {m.date}" if m.date else ""
    where = f" ({m.platform})" if m.platform else ""
    if m.exact:
        return f"already published: same text as archived post {m.id}{when}{where}; write something new or drop this draft"
    return f"{m.similarity:.0%} similar to archived post {m.id}{when}{where} (threshold {threshold:.0%}): say something new or drop this draft"


RULES = (ArchivedDuplicate,)
