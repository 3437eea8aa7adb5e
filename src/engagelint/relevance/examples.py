"""Published posts that name a goal (or a campaign with the goal's id) become examples of that goal.

A team's archive already says, post by post, what each one was for: an export row with
``goals: launch`` or ``campaign: launch``, or an archived draft with ``goals: [launch]``. Those posts
teach the goal the team's own words, like the ``examples`` written in the config. The archive is
read once per process; a source that cannot be read adds no example (EL703 reports it).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from engagelint.profile import Goal

MAX_EXAMPLES = 12  # per goal: the most recent ones (dates sort as ISO text), beyond that they add little


def with_archive_examples(goals: Sequence[Goal], archive: Any) -> tuple[Goal, ...]:
    """``goals`` with the archive's posts that name them added to their examples (``archive``: the
    validated ``[archive]`` settings, sources resolved in the project, or None)."""
    sources = tuple(archive.sources) if archive is not None else ()
    if not sources or not goals:
        return tuple(goals)
    found = _archive_goal_posts(tuple(str(s) for s in sources))
    out = []
    for goal in goals:
        extra = [t for t in found.get(goal.id.lower(), ()) if t not in goal.examples]
        out.append(dataclasses.replace(goal, examples=(*goal.examples, *extra)) if extra else goal)
    return tuple(out)


@lru_cache(maxsize=4)
def _archive_goal_posts(sources: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    from engagelint.duplication.sources import ArchiveSourceError, read_entries

    by_goal: dict[str, list[tuple[str, str]]] = {}
    for source in sources:
        try:
            for entry in read_entries(Path(source)):
                for name in filter(None, (g.strip().lower() for g in entry.goals.split(","))):
                    by_goal.setdefault(name, []).append((entry.date, entry.text))
        except (ArchiveSourceError, OSError, ValueError):
            continue
    return {
        g: tuple(dict.fromkeys(t for _, t in sorted(posts, reverse=True)))[:MAX_EXAMPLES]
        for g, posts in by_goal.items()
    }
