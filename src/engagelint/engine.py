"""The linter: parsed sources in, violations out. It reads no files and prints nothing.

For each file: posts are checked by post rules, then thread rules see each thread; corpus rules
observe every post and report in ``finish``. Findings are mapped to source positions through
each post's OffsetMap, filtered by suppressions, and stamped with code, name and severity.
"""

from __future__ import annotations

import copy
import fnmatch
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from engagelint.config.schema import Config, ConfigError, did_you_mean
from engagelint.models import Edit, Finding, Fix, Location, Post, Severity, Violation
from engagelint.rules.base import Option, Rule, RuleContext
from engagelint.rules.registry import ActiveRule, Registry, registry_for
from engagelint.sources.document import ParsedSource
from engagelint.sources.frontmatter import key_span, split_front_matter
from engagelint.sources.problems import SourceProblem
from engagelint.suppress import Suppressions, parse_suppressions

SYNTAX_FROM_ENGINE = ("EL000", "EL001", "EL002", "EL003", "EL004", "EL005")
INTERNAL_ERROR = "internal-error"  # reported under EL000: the file could not be checked
REPORT_TO = "https://github.com/engagelint/engagelint/issues"
# The longest platform limit is 63,206 characters (Facebook); anything far beyond is not a post.
MAX_POST_CHARS = 200_000


# Per-post analyses recomputed on demand if a thread rule asks for them again.
_HEAVY_CACHE_KEYS = ("doc", "lexical:tokens", "lexical:word_forms")


@dataclass
class FileReport:
    """The result of linting one file, self-contained and picklable (it crosses ``--jobs`` workers).

    ``observations`` are the (post, language, options by code) that corpus rules still have to
    see; ``suppressions`` are kept so corpus findings can be suppressed and unused ones reported.
    """

    path: str
    posts: int = 0
    violations: list[Violation] = field(default_factory=list)
    observations: list[tuple[Post, str, dict[str, Mapping[str, Any]], dict[str, Any]]] = field(
        default_factory=list
    )
    suppressions: Suppressions | None = None
    line_index: Any = None
    text: str = ""
    digest: str | None = None  # content key of the bytes linted (``cache.content_key``)
    partial: bool = False  # one batch of a streamed CSV export, not its last (``csv_stream``)


def internal_error(
    path: str,
    what: str,
    exc: BaseException,
    line: int = 1,
    column: int = 1,
    culprit: str = "engagelint",
    missing: str = "for this file",
) -> Violation:
    """One finding for an unexpected exception: the run goes on and the user knows what was not checked.

    Always reported (not subject to rule selection): silently missing checks would read as "All clear"."""
    detail = " ".join(str(exc).split())[:160]
    detail = "".join(c if c.isprintable() else "?" for c in detail)
    message = (
        f"engagelint failed while {what} ({type(exc).__name__}{': ' + detail if detail else ''}); "
        f"that check is missing {missing}. This is a bug in {culprit}: please report it"
        + (f" at {REPORT_TO}" if culprit == "engagelint" else "")
    )
    return Violation(
        path, line, column, line, column, "EL000", INTERNAL_ERROR, "syntax", Severity.ERROR, message
    )


def _rule_label(rule: Rule) -> str:
    origin = "" if rule.info.origin == "builtin" else f" from {rule.info.origin}"
    return f"{rule.info.code} {rule.info.name}{origin}"


def _culprit(rule: Rule) -> str:
    """Who can fix a rule that raises: a plugin's authors, else engagelint (packs are data)."""
    origin = rule.info.origin
    return f"the plugin {origin.split(':', 1)[1]!r}" if origin.startswith("plugin:") else "engagelint"


def validate_options(
    rule: Rule, settings: Mapping[str, Any], where: str
) -> tuple[Severity | None, dict[str, Any]]:
    """Split a rule's settings into a severity override and validated options."""
    info = rule.info
    options = info.defaults()
    severity = None
    for key, value in settings.items():
        if key == "severity":
            try:
                severity = Severity.parse(value)
            except ValueError as exc:
                raise ConfigError(f"{where}.severity: {exc}") from None
            continue
        opt: Option | None = info.options.get(key)
        if opt is None:
            known = ", ".join(["severity", *info.options]) or "severity"
            raise ConfigError(
                f"{where}.{key}: unknown option for {info.code} {info.name} (expected: {known})"
            )
        types = opt.accepted_types()
        if isinstance(value, bool) and bool not in types:
            ok = False
        else:
            ok = isinstance(value, types)
        if not ok:
            names = " or ".join(t.__name__ for t in types)
            raise ConfigError(f"{where}.{key}: expected {names}, got {type(value).__name__} {value!r}")
        if opt.choices and value not in opt.choices:
            raise ConfigError(
                f"{where}.{key}: expected one of {', '.join(map(str, opt.choices))}, got {value!r}"
            )
        problem = opt.check(value)
        if problem is None and opt.validate is not None:
            problem = opt.validate(value)
        if problem:
            raise ConfigError(f"{where}.{key}: {problem}")
        options[key] = value
    return severity, options


class Linter:
    def __init__(
        self,
        config: Config,
        registry: Registry | None = None,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = (),
        extend_select: Iterable[str] = (),
    ) -> None:
        self.config = config
        try:
            self.registry = registry or registry_for(config)
        except Exception as exc:  # RegistryError: a broken rule pack is a config error
            raise ConfigError(f"{config.label}: {exc}") from None
        self.active = self._resolve(select, tuple(ignore), tuple(extend_select))
        self._per_file_cache: dict[str, dict[str, ActiveRule]] = {}
        self._corpus = [a for a in self.active.values() if a.rule.info.scope == "corpus"]
        self._suppressions: dict[str, Suppressions] = {}
        # Files with suppressions, kept until corpus rules have reported (for EL004).
        self._line_indexes: dict[str, tuple[Any, str]] = {}
        # Corpus rules that raised in observe (not asked to finish) and what to report about them.
        self._broken: set[str] = set()
        self._internal: list[Violation] = []
        self._first_path: str | None = None
        self._needs_lemmas = any("lemmas" in a.rule.info.requires for a in self.active.values())

    # -- selection --------------------------------------------------------------------------
    def _expand(self, selectors: Iterable[str], where: str) -> set[str]:
        out: set[str] = set()
        for sel in selectors:
            try:
                out |= self.registry.expand(sel)
            except KeyError:
                hint = did_you_mean(sel, [*self.registry.rules, *self.registry._names])
                raise ConfigError(f"{where}: unknown rule code, name or category {sel!r}{hint}") from None
        return out

    def _resolve(self, select, ignore, extend_select) -> dict[str, ActiveRule]:
        cfg = self.config
        label = cfg.label
        if select is not None and list(select):
            enabled = self._expand(select, "--select")
        elif cfg.select:
            enabled = self._expand(cfg.select, f"{label}: select")
        else:
            enabled = {c for c, r in self.registry.rules.items() if r.info.status == "stable"}
        enabled |= self._expand(cfg.extend_select, f"{label}: extend_select")
        enabled |= self._expand(extend_select, "--extend-select")
        enabled -= self._expand(cfg.ignore, f"{label}: ignore")
        enabled -= self._expand(ignore, "--ignore")
        settings_by_code: dict[str, Mapping[str, Any]] = {}
        for key, settings in cfg.rules.items():
            code = self.registry.resolve(key)
            if code is None:
                hint = did_you_mean(key, [*self.registry.rules, *self.registry._names])
                raise ConfigError(f"{label}: rules.{key}: unknown rule code or name{hint}")
            settings_by_code[code] = settings
        for pf in cfg.per_file:
            self._expand(pf.select, f"{label}: per_file select")
            self._expand(pf.ignore, f"{label}: per_file ignore")
        active: dict[str, ActiveRule] = {}
        # Every rule's configured severity and options, also for rules a [[per_file]] table enables.
        self._configured: dict[str, ActiveRule] = {}
        for code in sorted(self.registry.rules):
            rule = self.registry.rules[code]
            if rule.info.scope == "corpus":
                # Corpus rules collect state over a run: this linter gets its own instances, so two
                # linters in one process (the LSP, a library user, threads) never share a run.
                rule = copy.copy(rule)
                rule.reset()
            severity, options = validate_options(
                rule, settings_by_code.get(code, {}), f"{label}: rules.{key_for(rule, cfg.rules)}"
            )
            self._configured[code] = ActiveRule(rule, severity or rule.info.severity, options)
            if code in enabled:
                active[code] = self._configured[code]
        return active

    def rules_for(self, path: str) -> dict[str, ActiveRule]:
        if not self.config.per_file:
            return self.active
        cached = self._per_file_cache.get(path)
        if cached is not None:
            return cached
        rel = _relative(path, str(self.config.root))
        active = dict(self.active)
        for pf in self.config.per_file:
            if any(fnmatch.fnmatch(rel, p) or PurePath(rel).match(p) for p in pf.patterns):
                for code in self._expand(pf.ignore, "per_file"):
                    active.pop(code, None)
                for code in self._expand(pf.select, "per_file"):
                    if code not in active:
                        active[code] = self._configured[code]
        self._per_file_cache[path] = active
        return active

    # -- linting ----------------------------------------------------------------------------
    def problem_violation(
        self, path: str, line_index, text: str, problem: SourceProblem, active=None
    ) -> Violation | None:
        active = active if active is not None else self.rules_for(path)
        a = active.get(problem.code)
        if a is None:
            return None
        line, col = line_index.position(problem.start)
        eline, ecol = line_index.position(max(problem.end, problem.start))
        info = a.rule.info
        return self.said(Violation.at(Location(path, line, col, eline, ecol), info, a.severity, problem.message,
                                      text=text[problem.start:problem.end]))  # fmt: skip

    def lint_source(self, parsed: ParsedSource) -> FileReport:
        path, text, li = parsed.path, parsed.text, parsed.line_index
        active = self.rules_for(path)
        report = FileReport(path, posts=len(parsed.posts))
        out = report.violations
        problems = list(parsed.problems)

        overrides = self.file_overrides(parsed.posts[0] if parsed.posts else None, active, problems)

        # (rule, code, options) once per file: the options of a rule are the same for every post.
        post_rules = [
            (a, a.rule.info.code, overrides.get(a.rule.info.code, (None, a.options))[1])
            for a in active.values()
            if a.rule.info.scope == "post"
        ]
        thread_rules = [a for a in active.values() if a.rule.info.scope == "thread"]
        corpus_rules = [a for a in active.values() if a.rule.info.scope == "corpus"]
        threads: dict[str, list[RuleContext]] = {}
        failed: set[str] = set()  # rules that raised on this file: one finding, not one per post

        def crashed(a: ActiveRule, post: Post | None, stage: str, exc: Exception) -> None:
            failed.add(a.rule.info.code)
            line = li.position(post.offsets.source_index(0))[0] if post is not None and post.prose else 1
            out.append(
                self.said(
                    internal_error(
                        path, f"{stage} {_rule_label(a.rule)}", exc, line, culprit=_culprit(a.rule)
                    )
                )
            )

        for post in parsed.posts:
            if len(post.prose) > MAX_POST_CHARS:
                # Not a social post; analysing megabytes of prose would only burn memory.
                s = post.offsets.source_index(0)
                problems.append(
                    SourceProblem(
                        "EL005",
                        f"post of {len(post.prose):,} characters is too long to analyse (limit {MAX_POST_CHARS:,}); not linted",
                        s,
                        s,
                    )
                )
                continue
            base = self._context(post, parsed)
            for a, code, options in post_rules:
                if code in failed:
                    continue
                ctx = base.with_options(options)
                try:
                    found = [
                        self._violation(parsed, post, a, f, overrides, base.lang) for f in a.rule.check(ctx)
                    ]
                except ConfigError:  # a setting found wrong only when used: exit 2, as at load
                    raise
                except Exception as exc:  # a rule bug must not cost the other rules and files
                    crashed(a, post, "checking this post with", exc)
                    continue
                out.extend(found)
            if thread_rules:
                threads.setdefault(post.thread_key, []).append(base)
            if corpus_rules:
                opts = {
                    a.rule.info.code: overrides.get(a.rule.info.code, (None, a.options))[1]
                    for a in corpus_rules
                }
                before = set(base.cache)
                for a in corpus_rules:
                    if a.rule.info.code in failed:
                        continue
                    try:
                        a.rule.prepare(base.with_options(opts[a.rule.info.code]))
                    except ConfigError:  # a setting found wrong only when used: exit 2, as at load
                        raise
                    except Exception as exc:
                        crashed(a, post, "preparing this post for", exc)
                prepared = {k: v for k, v in base.cache.items() if k not in before}
                report.observations.append((post, base.lang, opts, prepared))
            if thread_rules:
                # Thread rules read a whole thread at the end of the file: keep each post's light
                # results, not its spaCy Doc and tokens (a 100k-row CSV would hold them all).
                for key in _HEAVY_CACHE_KEYS:
                    base.cache.pop(key, None)
        for a in thread_rules:
            for ctxs in threads.values():
                if a.rule.info.code in failed:
                    break
                opts = overrides.get(a.rule.info.code, (None, a.options))[1]
                try:
                    found = [
                        self._violation(parsed, ctx.post, a, finding, overrides, ctx.lang)
                        for ctx, finding in a.rule.check_thread([c.with_options(opts) for c in ctxs])
                    ]
                except ConfigError:  # a setting found wrong only when used: exit 2, as at load
                    raise
                except Exception as exc:
                    crashed(a, ctxs[0].post, "checking this thread with", exc)
                    continue
                out.extend(found)

        for problem in problems:
            v = self.problem_violation(path, li, text, problem, active)
            if v is not None:
                out.append(v)

        suppressions = self._parse_suppressions(parsed, out)
        if suppressions.directives:
            out[:] = [v for v in out if v.code == "EL004" or not suppressions.suppresses(v.code, v.line)]
            if corpus_rules:  # unused ones can only be judged once corpus rules have reported
                report.suppressions, report.text = suppressions, text
            else:
                out.extend(self._unused(path, li, text, suppressions, active))
        if report.observations or report.suppressions is not None:
            report.line_index = li
        out.sort(key=Violation.sort_key)
        return report

    def file_overrides(
        self, first: Post | None, active: Mapping[str, ActiveRule], problems: list[SourceProblem]
    ) -> dict[str, tuple[Severity | None, dict[str, Any]]]:
        """Per-file rule settings from front matter (``engagelint: {rules: {...}}``), validated like
        the config's; a bad one is an EL002 problem appended to ``problems`` and not applied."""
        overrides: dict[str, tuple[Severity | None, dict[str, Any]]] = {}
        for key, settings in _front_matter_rule_settings(first).items():
            code = self.registry.resolve(key)
            if code is None or code not in active:
                problems.append(
                    SourceProblem("EL002", f"engagelint.rules: unknown or disabled rule {key!r}", 0, 0)
                )
                continue
            try:
                sev, opts = validate_options(
                    active[code].rule, {**active[code].options, **settings}, "engagelint.rules." + key
                )
            except ConfigError as exc:
                problems.append(SourceProblem("EL002", str(exc), 0, 0))
                continue
            overrides[code] = (sev, opts)
        return overrides

    def absorb(self, report: FileReport) -> None:
        """Feed a file's posts to the corpus rules and keep what ``finish`` needs (main process)."""
        li, path = report.line_index, report.path
        if self._first_path is None:
            self._first_path = path
        if report.suppressions is not None:
            self._suppressions[path] = report.suppressions
            self._line_indexes[path] = (li, report.text)
        if not report.observations:
            return
        by_code = {a.rule.info.code: a for a in self._corpus}
        for post, lang, options, prepared in report.observations:
            base = RuleContext(
                post, {}, self.config.profile, lang, None, _locator(post, li, path), dict(prepared)
            )
            for code, opts in options.items():
                a = by_code.get(code)
                if a is None or code in self._broken:
                    continue
                try:
                    a.rule.observe(base.with_options(opts))
                except ConfigError:  # a setting found wrong only when used: exit 2, as at load
                    raise
                except Exception as exc:  # its cross-file findings would be wrong: report, stop feeding it
                    self._broken.add(code)
                    line = li.position(post.offsets.source_index(0))[0] if post.prose else 1
                    self._internal.append(
                        self.said(
                            internal_error(
                                path,
                                f"reading this post for {_rule_label(a.rule)}",
                                exc,
                                line,
                                culprit=_culprit(a.rule),
                            )
                        )
                    )
        report.observations = []

    def _parse_suppressions(self, parsed: ParsedSource, out: list[Violation]) -> Suppressions:
        text, li = parsed.text, parsed.line_index
        first = parsed.posts[0] if parsed.posts else None
        disables = tuple(first.disabled) if first is not None else ()
        span = (0, 0)
        if disables:
            fm = split_front_matter(text)
            span = key_span(text, fm, "engagelint")
        unknown: list[tuple[str, int, int]] = []
        sup = parse_suppressions(text, li.position, self.registry.resolve, disables, span, unknown)
        active = self.rules_for(parsed.path)
        for code, s, e in unknown:
            v = self.problem_violation(
                parsed.path,
                li,
                text,
                SourceProblem("EL004", f"unknown rule {code!r} in suppression", s, e),
                active,
            )
            if v is not None:
                out.append(v)
        return sup

    def _unused(self, path: str, li, text: str, sup: Suppressions, active) -> list[Violation]:
        out = []
        if "EL004" not in active:
            return out
        for directive, what in sup.unused():
            msg = f"suppression of {what} is unused: nothing here triggers it" + (
                f" (reason: {directive.reason})" if directive.reason else ""
            )
            v = self.problem_violation(
                path, li, text, SourceProblem("EL004", msg, directive.start, directive.end), active
            )
            if v is not None:
                out.append(v)
        return out

    def finish(self) -> list[Violation]:
        """Corpus rule findings and unused suppressions, once every file has been linted."""
        out: list[Violation] = list(self._internal)
        self._internal.clear()
        for a in self._corpus:
            info = a.rule.info
            if info.code in self._broken:
                continue
            try:
                findings = list(a.rule.finish())
            except ConfigError:  # a setting found wrong only when used: exit 2, as at load
                raise
            except Exception as exc:  # one finding on the first file, the other rules still report
                what = f"comparing the drafts with {_rule_label(a.rule)}"
                out.append(
                    self.said(
                        internal_error(
                            self._first_path or ".",
                            what,
                            exc,
                            culprit=_culprit(a.rule),
                            missing="for every file",
                        )
                    )
                )
                continue
            for finding in findings:
                loc = finding.location
                if loc is None:
                    continue
                if loc.path in self._suppressions and self._suppressions[loc.path].suppresses(
                    info.code, loc.line
                ):
                    continue
                active = self.rules_for(loc.path)
                if info.code not in active:
                    continue
                out.append(self.said(Violation.at(loc, info, a.severity, finding.message)))
        for path, sup in self._suppressions.items():
            li, text = self._line_indexes.get(path, (None, ""))
            if li is not None:
                out.extend(self._unused(path, li, text, sup, self.rules_for(path)))
        self._suppressions.clear()
        out.sort(key=Violation.sort_key)
        return out

    # -- helpers ----------------------------------------------------------------------------
    def _context(self, post: Post, parsed: ParsedSource) -> RuleContext:
        lang = post.lang or (self.config.lang if self.config.lang != "auto" else detect_language(post.prose))
        lemmas = self._needs_lemmas
        li = parsed.line_index
        path = parsed.path

        def doc_factory():
            from engagelint.nlp.pipeline import get_nlp

            return get_nlp(lang, lemmas)(post.prose)

        return RuleContext(post, {}, self.config.profile, lang, doc_factory, _locator(post, li, path))

    def message_language(self, post_lang: str | None = None) -> str:
        """``messages``: en or fr as set; auto: the post's language, else the locale's."""
        from engagelint import i18n

        setting = self.config.messages
        if setting == "auto" and post_lang in i18n.LANGUAGES:
            return post_lang
        return i18n.resolve(setting)

    def said(self, v: Violation, post_lang: str | None = None) -> Violation:
        """``v`` (built in English) with its message and fix title in the configured language. A finding
        with no flagged text is known to baselines by its message: it keeps the English one there, so a
        baseline does not depend on the message language."""
        from dataclasses import replace

        if self.message_language(post_lang) == "en":
            return v
        message = self._say(v.message, post_lang)
        fix = v.fix and replace(v.fix, message=self._say(v.fix.message, post_lang))
        if message == v.message and fix == v.fix:
            return v
        return replace(v, message=message, fix=fix, text=v.text or v.message)

    def _say(self, message: str, post_lang: str | None = None) -> str:
        from engagelint.finding_messages import translate

        return translate(message, self.message_language(post_lang))

    def _violation(
        self, parsed: ParsedSource, post: Post, a: ActiveRule, finding: Finding, overrides, lang=None
    ) -> Violation:
        return self.said(self._english_violation(parsed, post, a, finding, overrides), lang)

    def _english_violation(
        self, parsed: ParsedSource, post: Post, a: ActiveRule, finding: Finding, overrides
    ) -> Violation:
        info = a.rule.info
        severity = overrides.get(info.code, (None,))[0] or a.severity
        if finding.location is not None:
            loc = finding.location
            return Violation.at(loc, info, severity, finding.message)
        li = parsed.line_index
        if finding.source_start is not None:
            s, e = (
                finding.source_start,
                finding.source_end if finding.source_end is not None else finding.source_start,
            )
            line, col = li.position(s)
            eline, ecol = li.position(e)
            fix = None
            if finding.replacement is not None and e > s:
                edits = [Edit(s, e, finding.replacement, Location(parsed.path, line, col, eline, ecol))]
                for xs, xe, content in finding.extra_edits:
                    edits.append(
                        Edit(xs, xe, content, Location(parsed.path, *li.position(xs), *li.position(xe)))
                    )
                fix = Fix(finding.fix_message or f"Replace with '{finding.replacement}'", tuple(edits))
            where = Location(parsed.path, line, col, eline, ecol)
            return Violation.at(where, info, severity, finding.message, fix, parsed.text[s:e])
        s, e = post.offsets.to_source(finding.start, finding.end)
        line, col = li.position(s)
        eline, ecol = li.position(e)
        fix = None
        fs = finding.start if finding.fix_start is None else finding.fix_start
        fe = finding.end if finding.fix_end is None else finding.fix_end
        if finding.replacement is not None and fe > fs and post.offsets.is_contiguous(fs, fe):
            es, ee = post.offsets.to_source(fs, fe)
            loc = Location(parsed.path, *li.position(es), *li.position(ee))
            fix = Fix(finding.fix_message or f"Replace with '{finding.replacement}'",
                      (Edit(es, ee, finding.replacement, loc),))  # fmt: skip
        where = Location(parsed.path, line, col, eline, ecol)
        return Violation.at(where, info, severity, finding.message, fix, parsed.text[s:e])


def _locator(post: Post, li, path: str):
    def locate(start: int, end: int) -> Location:
        s, e = post.offsets.to_source(start, end)
        line, col = li.position(s)
        eline, ecol = li.position(e)
        return Location(path, line, col, eline, ecol)

    return locate


def key_for(rule: Rule, table: Mapping[str, Any]) -> str:
    for k in table:
        if k in (rule.info.code, rule.info.name, *rule.info.aliases):
            return k
    return rule.info.code


def _front_matter_rule_settings(post: Post | None) -> Mapping[str, Mapping[str, Any]]:
    if post is None:
        return {}
    if not isinstance(post.meta, Mapping):
        return {}
    # Keys are matched case-insensitively, as for ``disable`` (``Engagelint: {Rules: ...}``).
    raw = next((v for k, v in post.meta.items() if str(k).lower() == "engagelint"), None)
    if not isinstance(raw, Mapping):
        return {}
    rules = next((v for k, v in raw.items() if str(k).lower() == "rules"), None)
    if isinstance(rules, Mapping):
        return {str(k): v for k, v in rules.items() if isinstance(v, Mapping)}
    return {}


def _relative(path: str, root: str) -> str:
    import os

    try:
        rel = os.path.relpath(os.path.abspath(path), root)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel.replace(os.sep, "/")


def detect_language(text: str) -> str:
    # Imported on first use: a run whose posts all declare their language never loads the profiles.
    from engagelint.nlp.langdetect import detect_language as detect

    return detect(text)
