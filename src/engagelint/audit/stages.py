"""The audit's stages, as functions an engine runs on workers (all module-level, all picklable).

1. ``lint_partition``: read a partition, lint every unit with post and thread rules (the worker's
   linter is built once per process), and turn what corpus rules need into keyed rows.
2. Corpus rules, each by the shuffle that fits it:
   - EL701 duplicates by text fingerprint, EL407 cross-posts by normalised text, EL406 cadence by
     (platform, local day): each group is judged by a fresh instance of the rule itself, fed the
     group's posts in input order, so the findings are the rule's own, message for message;
   - EL702 near-duplicates by MinHash band: band keys are shuffled by (band, key) into candidate
     pairs, pairs meet the posts' shingles by two shuffles on post id, and the exact Jaccard
     similarity is checked where both sides meet;
   - EL703 (the published archive) per partition: each post is matched on its own;
   - EL504 self-promotion share: counted per partition, the promotional posts sorted at the end;
   - any other corpus rule (a plugin): one group holding all its posts.
3. ``finalize``: corpus findings meet their file's suppressions (shuffle by path), as ``Linter.finish``.

Rows are ``(key, value)`` pairs; values are tuples whose first item says what they are.
"""

from __future__ import annotations

import copy
import hashlib
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from engagelint.audit import wire
from engagelint.audit.sources import Spec, read_spec
from engagelint.engine import FileReport, Linter
from engagelint.models import Location, Post, Violation
from engagelint.offsets import OffsetMap
from engagelint.rules.base import RuleContext

wire.register()  # rows cross processes between every stage: pickle their dataclasses fast

# How each built-in corpus rule is distributed (see the module docstring); others: "global".
FAMILY = {
    "EL701": "fingerprint",
    "EL702": "lsh",
    "EL406": "cadence",
    "EL407": "crosspost",
    "EL504": "promotion",
    "EL703": "partition",
}


@dataclass(frozen=True)
class RunSpec:
    """What every worker needs to lint like the driver: sent once (broadcast) per run."""

    key: str
    config: Any
    select: tuple[str, ...] | None
    ignore: tuple[str, ...]


def run_spec(config, select=None, ignore=()) -> RunSpec:
    select_t = tuple(select) if select else None
    digest = hashlib.blake2b(pickle.dumps((config, select_t, tuple(ignore))), digest_size=16).hexdigest()
    return RunSpec(digest, config, select_t, tuple(ignore))


_LINTERS: dict[str, Linter] = {}


def linter_for(run: RunSpec) -> Linter:
    """This process's linter for the run, built on first use (spaCy, vectors, goal scorer once)."""
    linter = _LINTERS.get(run.key)
    if linter is None:
        _LINTERS.clear()  # one run at a time per worker: do not keep old configs' models alive
        linter = _LINTERS[run.key] = Linter(run.config, select=run.select, ignore=run.ignore)
    return linter


def fresh(rule):
    """An instance of ``rule`` with its own, empty corpus state (never the registry's shared one)."""
    instance = copy.copy(rule)
    instance.reset()
    return instance


# -- stage 1: lint a partition ---------------------------------------------------------------


def lint_partition(spec: Spec, run: RunSpec) -> list[tuple]:
    """Every row the later stages need from one partition (see ``ROW_TAGS`` in the pipeline)."""
    from engagelint.api import capture_warnings
    from engagelint.runner import lint_one
    from engagelint.sources.records import parse_record

    linter = linter_for(run)
    corpus = {c: a for c, a in linter.active.items() if a.rule.info.scope == "corpus"}
    probes = {c: fresh(a.rule) for c, a in corpus.items() if FAMILY.get(c) != "lsh"}
    errors: list[str] = []
    rows: list[tuple] = []
    collector = _Collector(linter, corpus, probes, rows)
    files = posts = 0
    with capture_warnings() as caught:
        for seq, unit in read_spec(spec, errors):
            if isinstance(unit, str):
                report = lint_one(linter, unit)
            else:
                report = linter.lint_source(parse_record(unit, linter.config.sources))
            files += 1
            posts += report.posts
            rows.extend(("v", v) for v in report.violations)
            if report.suppressions is not None:
                rows.append(
                    ("sup", report.path, ("sup", report.suppressions, report.line_index, report.text))
                )
            collector.add(seq, report)
        collector.finish_partition()
    rows.append(("count", files, posts))
    rows.extend(("err", e) for e in errors)
    rows.extend(("warn", w) for w in caught)
    return rows


class _Collector:
    """Turns a partition's corpus observations into the keyed rows of each rule's shuffle."""

    def __init__(self, linter: Linter, corpus: dict, probes: dict, rows: list) -> None:
        self.linter, self.corpus, self.probes, self.rows = linter, corpus, probes, rows
        self.profile = linter.config.profile
        self.lsh: list[tuple[Any, Any, float]] = []  # (seq, Seen, threshold)
        self.partition_obs: dict[str, list] = {}
        self.units: dict[str, list] = {}  # EL504: unit key -> [when, promo location, first seq]

    def add(self, seq: int, report: FileReport) -> None:
        from engagelint.engine import _locator

        for post, lang, options, prepared in report.observations:
            spans: dict[tuple[int, int], Location] = {}
            real = _locator(post, report.line_index, report.path)

            def record(start: int, end: int, real=real, spans=spans) -> Location:
                loc = spans[(start, end)] = real(start, end)
                return loc

            ctx = RuleContext(post, {}, self.profile, lang, None, record, dict(prepared))
            key = (seq, post.index)
            slim = None
            for code, opts in options.items():
                if code not in self.corpus:
                    continue  # enabled for this file only ([[per_file]]): corpus rules ignore it, as in a lint
                family = FAMILY.get(code, "global")
                if family == "lsh":
                    self._lsh(key, ctx.with_options(opts), opts)
                    continue
                if family == "promotion":
                    self._promotion(key, ctx.with_options(opts))
                    continue
                self.probes[code].observe(ctx.with_options(opts))  # records the spans the rule locates
                if slim is None:
                    slim = replace(post, offsets=OffsetMap(), meta={}, links=())
                value = ("obs", key, code, slim, lang, opts, prepared, spans)
                if family == "partition":
                    self.partition_obs.setdefault(code, []).append(value)
                elif family == "fingerprint":
                    feats = prepared.get("duplication.features")
                    if feats is not None:
                        self.rows.append(("group", (code, feats.fingerprint), value))
                elif family == "crosspost":
                    if "crosspost" in prepared:
                        self.rows.append(("group", (code, prepared["crosspost"][1]), value))
                elif family == "cadence":
                    self._cadence(code, post, slim, value)
                else:
                    self.rows.append(("group", (code,), value))
        report.observations = []

    def _cadence(self, code: str, post: Post, slim: Post, value: tuple) -> None:
        from engagelint.rules.builtin.automation_common import is_first_of_thread, localise

        if not is_first_of_thread(post) or post.schedule is None or not post.platforms:
            return  # the rule counts only these
        day = localise(post.schedule, self.profile.timezone).date().isoformat()
        for platform in post.platforms:
            # one platform per group: the rule sees this post on this platform's day only
            one = value[:3] + (replace(slim, platforms=(platform,)),) + value[4:]
            self.rows.append(("group", (code, platform, day), one))

    def _lsh(self, key, ctx: RuleContext, opts) -> None:
        from engagelint.rules.builtin.duplication_common import seen

        s = seen(ctx)
        if s.features.words >= int(opts.get("min_words", 3)) and len(s.features.hashes):
            self.lsh.append((key, s, float(opts.get("threshold", 0.8))))

    def _promotion(self, key, ctx: RuleContext) -> None:
        from engagelint.rules.builtin.automation_common import localise, locate
        from engagelint.rules.builtin.strategy_promotion import _NEVER, promotional_cue

        post = ctx.post
        unit_key = post.thread_key if post.is_thread and post.thread_key else f"{post.path}#{post.index}"
        unit = self.units.setdefault(unit_key, [_NEVER, None, key, 1 / 3, 6])
        # a draft is judged against its own file's limits (a front-matter override stays local)
        unit[3] = float(ctx.options.get("max_ratio", 1 / 3))
        unit[4] = int(ctx.options.get("min_posts", 6))
        if post.schedule is not None:
            unit[0] = min(unit[0], localise(post.schedule, ctx.profile.timezone).replace(tzinfo=None))
        if unit[1] is None:
            cue = (
                ctx.cache["promotion.cue"]
                if "promotion.cue" in ctx.cache
                else promotional_cue(ctx.text, ctx.lang)
            )
            if cue is not None:
                unit[1] = locate(ctx, *cue)

    def finish_partition(self) -> None:
        profile = self.profile
        for code, values in self.partition_obs.items():
            self.rows.extend(("cf",) + f for f in judge_group(self.corpus[code].rule, values, profile))
        if self.units:
            self.rows.append(("promo_total", len(self.units)))
            self.rows.extend(("promo", (u[0], u[1].path, u[1].line, u[2]), (u[1], u[3], u[4]))
                             for u in self.units.values() if u[1] is not None)  # fmt: skip
        if self.lsh:
            from engagelint.duplication.minhash import DEFAULT_PARAMS, band_keys, signatures

            sigs = signatures([s.features.hashes for _, s, _ in self.lsh], DEFAULT_PARAMS)
            keys = band_keys(sigs, DEFAULT_PARAMS).tolist()
            for (key, s, threshold), bands in zip(self.lsh, keys, strict=True):
                fp = int(s.features.fingerprint, 16)
                self.rows.append(("feat", key, ("feat", s, threshold)))
                for band, band_key in enumerate(bands):
                    self.rows.append(("band", (band, band_key), (key, fp, s.platforms)))


def judge_group(rule, values: Iterable[tuple], profile) -> list[tuple]:
    """Feed a fresh instance of ``rule`` the observations in input order; its findings as rows
    ``(path, code, location, message)``."""
    instance = fresh(rule)
    code = rule.info.code
    for _tag, _key, _code, post, lang, opts, prepared, spans in sorted(values, key=lambda v: v[1]):
        ctx = RuleContext(post, opts, profile, lang, None, _replay(spans), dict(prepared))
        instance.observe(ctx)
    return [
        (f.location.path, code, f.location, f.message) for f in instance.finish() if f.location is not None
    ]


def _replay(spans: dict[tuple[int, int], Location]):
    def locate(start: int, end: int) -> Location:
        return spans[(start, end)]

    return locate


# -- stage 2: reducers -----------------------------------------------------------------------


def reduce_rule_group(key: tuple, values: list, run: RunSpec) -> list[tuple]:
    linter = linter_for(run)
    rule = linter.active[key[0]].rule
    return [(path, ("cf", code, loc, message)) for path, code, loc, message in
            judge_group(rule, values, linter.config.profile)]  # fmt: skip


def lsh_pairs(_bucket: tuple, members: list) -> list[tuple]:
    """Posts sharing a band bucket: each later one is a candidate of the first post of each of the
    bucket's first ``BUCKET_CAP`` distinct (text, networks) pairs (row keyed by the earlier post);
    exact copies and posts for other networks are left out, as in a lint. The cap is the lint's
    (``near.BUCKET_CAP``): without it a bucket of m posts made m x m pairs, and the buckets of short,
    common texts grow with the archive (8 pairs per post at 1M posts against 1.9 at 100k)."""
    from engagelint.duplication.near import BUCKET_CAP
    from engagelint.rules.builtin.duplication_common import same_audience

    members = sorted(members, key=lambda m: m[0])
    firsts: list[tuple] = []  # (seq, fingerprint, platforms): the first post of each text and audience
    texts: set = set()
    out = []
    for later, fp, platforms in members:
        for earlier, other_fp, other_platforms in firsts:
            if other_fp != fp and same_audience(other_platforms, platforms):
                out.append((earlier, ("pair", later)))
        if (fp, platforms) not in texts and len(firsts) < BUCKET_CAP:
            texts.add((fp, platforms))
            firsts.append((later, fp, platforms))
    return out


def lsh_attach(earlier: tuple, values: list) -> list[tuple]:
    """The earlier post's shingles travel to each post that has it as a candidate."""
    feat = next((v for v in values if v[0] == "feat"), None)
    if feat is None:
        return []
    later = sorted({v[1] for v in values if v[0] == "pair"})
    return [(post, ("cand", earlier, feat[1])) for post in later]


def lsh_best(key: tuple, values: list) -> list[tuple]:
    """The exact Jaccard check where a post meets its candidates: EL702's own ``closest_earlier``
    and message, on the candidates in input order."""
    from engagelint.rules.builtin.duplication_run import closest_earlier, near_message

    feat = next((v for v in values if v[0] == "feat"), None)
    if feat is None:
        return []
    _tag, post, threshold = feat
    cands = sorted({v[1]: v[2] for v in values if v[0] == "cand"}.items(), key=lambda kv: kv[0])
    found = closest_earlier(post, (other for _seq, other in cands), threshold)
    if found is None:
        return []
    return [(post.where.path, ("cf", "EL702", post.where, near_message(found[0], found[1], threshold)))]


def promotion_findings(total: int, promos: list[tuple]) -> list[tuple]:
    """EL504 over the whole audit: ``promos`` are (sort key, (location, max_ratio, min_posts)) of the
    promotional units, judged by the rule's own ``over_the_limit``."""
    from engagelint.rules.builtin.strategy_promotion import over_the_limit

    units = ((key, loc, max_ratio, min_posts) for key, (loc, max_ratio, min_posts) in promos)
    return [(loc.path, ("cf", "EL504", loc, message)) for loc, message in over_the_limit(total, units)]


def finalize(path: str, values: list, run: RunSpec) -> list[Violation]:
    """Corpus findings of one file or record, filtered by its suppressions; then its unused ones
    (in the configured language of messages, as ``Linter.finish`` writes them)."""
    linter = linter_for(run)
    sup = next((v[1:] for v in values if v[0] == "sup"), None)
    active = linter.rules_for(path)
    out: list[Violation] = []
    findings = sorted((v for v in values if v[0] == "cf"), key=lambda v: (v[1], _loc_key(v[2]), v[3]))
    for _tag, code, loc, message in findings:
        if sup is not None and sup[0].suppresses(code, loc.line):
            continue
        if code not in active or code not in linter.active:
            continue
        a = linter.active[code]
        info = a.rule.info
        out.append(linter.said(Violation(loc.path, loc.line, loc.column, loc.end_line, loc.end_column, info.code,
                                         info.name, info.category, a.severity, message)))  # fmt: skip
    if sup is not None:
        suppressions, line_index, text = sup
        out.extend(linter._unused(path, line_index, text, suppressions, active))
    return out


def _loc_key(loc: Location) -> tuple:
    return (loc.line, loc.column, loc.end_line, loc.end_column)


# -- for the HTML report: the texts of flagged units -------------------------------------------


def texts_of(spec: Spec, wanted) -> list[tuple]:
    """(path, text, record or None) of this partition's units whose path is in ``wanted``."""
    from engagelint.reading import read_file
    from engagelint.sources.decode import DecodeError, decode

    out = []
    for _seq, unit in read_spec(spec, []):
        if isinstance(unit, str):
            if unit not in wanted:
                continue
            try:
                data, size = read_file(unit, 64 << 20)
                text = decode(data).text if size <= 64 << 20 else ""
            except (OSError, DecodeError):
                text = ""  # unreadable: already an EL000 finding
            out.append((unit, text, None))
        elif unit.id in wanted:
            out.append((unit.id, unit.text, unit))
    return out
