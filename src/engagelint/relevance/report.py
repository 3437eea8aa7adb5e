"""Goal scores of every post in files and folders: the data behind ``engagelint goals``.

No printing: ``score_paths`` returns plain dicts (the JSON contract of ``goals --format json``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from engagelint.config import Config
from engagelint.relevance.scorer import scorer_for

REPORT_VERSION = 1


def score_paths(
    paths: Iterable[str | Path], config: Config, with_text: bool = False
) -> tuple[list[dict], list[str]]:
    """``([{"path", "line", "lang", "declared_goals", "scores", "closest"}...], errors)`` for every post found.

    Posts are listed in file order; ``scores`` maps each configured goal id to a score in [0, 1]
    (empty when the post has nothing to judge: only links, numbers or emoji); ``closest`` is the
    goal it matches best (null when not judged), the one that stands out most among goals that
    all score near 1. ``with_text`` adds each post's prose as ``text``. Unreadable paths are
    reported in ``errors`` and skipped.
    """
    from engagelint.nlp.langdetect import detect_language
    from engagelint.reading import read_file
    from engagelint.sources.decode import DecodeError, decode
    from engagelint.sources.discover import discover
    from engagelint.sources.document import parse_source

    goals = config.profile.goals
    from engagelint.relevance.examples import with_archive_examples

    goals = with_archive_examples(goals, config.profile.archive)
    scorer = scorer_for(goals, config.profile.relevance.as_table()) if goals else None
    found = discover([str(p) for p in paths], config.root, config.exclude, config.respect_gitignore)
    errors = [*found.errors, *found.warnings]
    rows: list[dict] = []
    for path in found.files:
        try:
            data, size = read_file(path, config.max_file_size)
            if size > config.max_file_size:
                errors.append(f"{path}: larger than max_file_size; skipped")
                continue
            text = decode(data).text
        except (OSError, DecodeError) as exc:
            errors.append(f"{path}: {exc}")
            continue
        parsed = parse_source(path, text, config.sources)
        for post in parsed.posts:
            lang = post.lang or (config.lang if config.lang != "auto" else detect_language(post.prose))
            line, _ = parsed.line_index.position(post.offsets.to_source(0, 0)[0])
            scores, strengths = scorer.judge(post.prose, lang) if scorer is not None else ({}, {})
            closest = max(scores, key=lambda g: (scores[g], strengths[g])) if scores else None
            rows.append(
                {
                    "path": path,
                    "line": line,
                    "lang": lang,
                    "declared_goals": list(post.goals),
                    "scores": scores,
                    "closest": closest,
                }
            )
            if with_text:
                rows[-1]["text"] = post.prose
    return rows, errors


def report_document(rows: list[dict]) -> dict:
    return {"version": REPORT_VERSION, "posts": rows}
