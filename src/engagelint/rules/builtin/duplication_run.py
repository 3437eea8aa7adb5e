"""EL701 and EL702: a draft that repeats another draft of the same run, exactly or nearly.

Corpus rules: ``observe`` keeps a digest, the shingle hashes and a location per post; ``finish``
reports each later post against the first earlier one it repeats. Near-duplicates are found with
MinHash LSH (numpy band keys, in memory) and confirmed by exact Jaccard similarity of the shingles.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from itertools import islice

from engagelint.models import Finding, Severity
from engagelint.rules.base import Example, Option, Rule, RuleContext, RuleInfo
from engagelint.rules.builtin.duplication_common import (
    DuplicationBudgetWarning,
    Seen,
    post_features,
    same_audience,
    same_post,
    seen,
    where,
)

# How many earlier exact copies EL701 tries when looking for one that reaches the same audience.
EARLIER_COPIES_CAP = 32
_EN_TEXT = "Our spring workshop on bike repair opens on Saturday in Lille, book your seat now"
_FR_TEXT = "Notre atelier de printemps sur la réparation de vélos ouvre samedi à Lille, réservez votre place"


class DuplicatePost(Rule):
    info = RuleInfo(
        code="EL701",
        name="duplicate-post",
        category="duplication",
        severity=Severity.WARNING,
        scope="corpus",
        summary="Two drafts carry the same text (ignoring case, spacing, link tracking and tag order).",
        rationale=(
            "Followers notice recycled posts, and platforms down-rank repeated text as spam. A copy "
            "usually means a draft was duplicated by mistake or a scheduler queued it twice; keep one."
        ),
        options={"min_words": Option(3, "ignore posts shorter than this many words")},
        examples=(
            Example(
                bad=f"{_EN_TEXT} #bikes #Lille\n---\n{_EN_TEXT.upper()}   #lille #bikes",
                good=f"{_EN_TEXT} #bikes\n---\nThanks to everyone who came to the workshop, see you in June!",
                lang="en",
            ),
            Example(
                bad=f"{_FR_TEXT} https://example.org/atelier?utm_source=x\n---\n{_FR_TEXT} https://www.example.org/atelier/",
                good=f"{_FR_TEXT}\n---\nMerci à toutes les personnes venues à l'atelier, rendez-vous en juin !",
                lang="fr",
            ),
        ),
    )

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self._posts: list[Seen] = []

    def prepare(self, ctx: RuleContext) -> None:
        post_features(ctx)

    def observe(self, ctx: RuleContext) -> None:
        s = seen(ctx)
        if s.features.words >= int(ctx.options.get("min_words", 3)):
            self._posts.append(s)

    def finish(self) -> Iterable[Finding]:
        groups: dict[str, list[Seen]] = {}
        for s in self._posts:
            groups.setdefault(s.features.fingerprint, []).append(s)
        for members in groups.values():
            for i, later in enumerate(members[1:], 1):
                # The first earlier copy for the same audience; looking further than a few is
                # quadratic on thousands of copies for disjoint platforms.
                earlier = islice(members, min(i, EARLIER_COPIES_CAP))
                first = next(
                    (
                        m
                        for m in earlier
                        if same_audience(m.platforms, later.platforms) and not same_post(m, later)
                    ),
                    None,
                )
                if first is not None:
                    yield Finding(0, 0, f"duplicate of {where(first.where)} (same text after normalising case, "
                                        "spacing, links and tag order): rewrite this one or drop it", location=later.where)  # fmt: skip
        self.reset()


class NearDuplicatePost(Rule):
    info = RuleInfo(
        code="EL702",
        name="near-duplicate-post",
        category="duplication",
        severity=Severity.WARNING,
        scope="corpus",
        summary="Two drafts say nearly the same thing (their word sets at least `threshold` similar).",
        rationale=(
            "Swapping a word, adding a hashtag or changing the link does not make a post new to your "
            "followers. Near-copies dilute engagement and look automated; merge them or rewrite one."
        ),
        options={
            "threshold": Option(
                0.8,
                "Jaccard similarity of the posts' word sets that counts as a near-duplicate (0.5-1)",
                maximum=1,
            ),
            "min_words": Option(3, "ignore posts shorter than this many words"),
        },
        examples=(
            Example(
                bad=f"{_EN_TEXT}\n---\n{_EN_TEXT} #cycling",
                good=f"{_EN_TEXT}\n---\nThanks to everyone who came to the workshop, see you in June!",
                lang="en",
            ),
            Example(
                bad=f"{_FR_TEXT}\n---\n{_FR_TEXT.replace('réservez votre place', 'réservez vite votre place')}",
                good=f"{_FR_TEXT}\n---\nMerci à toutes les personnes venues à l'atelier, rendez-vous en juin !",
                lang="fr",
            ),
        ),
    )

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self._posts: list[Seen] = []
        self._thresholds: list[float] = []  # each post's own file's threshold (front matter is local)
        self.stats = None  # SearchStats of the last finish (posts, comparisons), for benchmarks and tests

    def prepare(self, ctx: RuleContext) -> None:
        post_features(ctx)

    def observe(self, ctx: RuleContext) -> None:
        s = seen(ctx)
        if s.features.words >= int(ctx.options.get("min_words", 3)) and s.features.has_shingles:
            self._posts.append(s)
            self._thresholds.append(float(ctx.options.get("threshold", 0.8)))

    def finish(self) -> Iterable[Finding]:
        posts, thresholds = self._posts, self._thresholds
        self.reset()
        if len(posts) < 2:
            return
        from engagelint.duplication.near import Item, near_duplicates

        # LSH with the archive's numpy band keys, bounded work (see engagelint.duplication.near;
        # no datasketch import: it pulls in scipy, ~1 s of start-up).
        items = [Item(p.features.hashes, p.features.fingerprint, p.platforms) for p in posts]
        found: dict[int, tuple[int, float]] = {}
        # One search per distinct threshold (usually one): a post is judged with its own threshold
        # against the same candidates, whatever other files set.
        for threshold in sorted(set(thresholds)):
            found_t, stats = near_duplicates(
                items, threshold, same_audience, excluded=lambda j, i: same_post(posts[j], posts[i])
            )
            found.update((i, m) for i, m in found_t.items() if thresholds[i] == threshold)
            if self.stats is None:
                self.stats = stats
            else:
                self.stats.comparisons += stats.comparisons
                self.stats.exhausted = self.stats.exhausted or stats.exhausted
        if self.stats.exhausted:
            warnings.warn(DuplicationBudgetWarning(
                f"near-duplicate search (EL702) stopped after {self.stats.comparisons:,} comparisons "
                f"over {len(posts):,} posts: some near-copies may be unreported"), stacklevel=2)  # fmt: skip
        for i in sorted(found):
            j, sim = found[i]
            yield Finding(0, 0, near_message(posts[j], sim, thresholds[i]), location=posts[i].where)


def may_repeat(earlier: Seen, later: Seen) -> bool:
    """Whether ``later`` can be reported as a near-copy of ``earlier`` (before any similarity): other
    wording (an exact copy is EL701's), a shared audience, and not two stages of one post."""
    return (
        earlier.features.fingerprint != later.features.fingerprint
        and same_audience(earlier.platforms, later.platforms)
        and not same_post(earlier, later)
    )


def closest_earlier(post: Seen, candidates: Iterable[Seen], threshold: float) -> tuple[Seen, float] | None:
    """EL702's exact check of one post against its candidates (earlier posts, in input order): the
    most similar one at or over ``threshold`` (ties: the earliest), with its Jaccard similarity.
    The audit runs it where a post meets the candidates its band keys found."""
    from engagelint.duplication.shingles import jaccard

    best, best_sim = None, 0.0
    for other in candidates:
        if not may_repeat(other, post):
            continue
        sim = jaccard(post.features.hashes, other.features.hashes)
        if sim >= threshold and sim > best_sim:
            best, best_sim = other, sim
    return None if best is None else (best, best_sim)


def near_message(earlier: Seen, similarity: float, threshold: float) -> str:
    """EL702's message (one wording for a check and an audit)."""
    return (
        f"near-duplicate of {where(earlier.where)} ({similarity:.0%} similar; threshold {threshold:.0%}): "
        "rewrite this one or drop it"
    )


RULES = (DuplicatePost, NearDuplicatePost)
