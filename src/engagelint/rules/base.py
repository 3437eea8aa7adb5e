"""The rule contract: metadata (``RuleInfo``), options, examples, and what a rule sees (``RuleContext``).

A rule is a class with a class attribute ``info`` and one of three entry points, chosen by
``info.scope``:

- ``"post"``: ``check(ctx) -> Iterable[Finding]`` for each post on its own;
- ``"thread"``: ``check_thread(ctxs) -> Iterable[tuple[ctx, Finding]]`` for the posts of one file or CSV row group;
- ``"corpus"``: ``observe(ctx)`` for every post of the run, then ``finish() -> Iterable[Finding]``
  (cross-file rules: duplication, cadence). Findings from ``finish`` must carry a resolved
  ``location`` (call ``ctx.locate(start, end)`` during ``observe``) because posts are not kept in memory.

A rule never reads files, prints, or sees the whole config: only its own validated options and
the brand profile.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from engagelint.models import CATEGORIES, Finding, Location, Post, Severity

# Brand facts live in engagelint.profile (config builds them without importing rules); re-exported here.
from engagelint.profile import BrandProfile, FreezeWindow, Goal  # noqa: F401

if TYPE_CHECKING:  # pragma: no cover
    from engagelint.nlp.entities import Entities

CODE_RE = re.compile(r"^[A-Z]{2,5}[0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
NLP_FEATURES = frozenset({"tokens", "sents", "lemmas", "readability"})


# Larger than any count, limit or number of minutes a rule needs, small enough for any arithmetic.
MAX_OPTION_NUMBER = 1_000_000_000


def _is_instance(value: Any, types: tuple[type, ...]) -> bool:
    if isinstance(value, bool) and bool not in types:
        return False
    return isinstance(value, types)


def _type_names(types: tuple[type, ...]) -> str:
    names = {
        str: "strings",
        int: "whole numbers",
        float: "numbers",
        dict: "tables",
        list: "lists",
        bool: "booleans",
    }
    return " or ".join(dict.fromkeys(names.get(t, t.__name__) for t in types))


def _describe(value: Any) -> str:
    return f"{type(value).__name__} {value!r}"[:80]


def _number(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


def _number_problem(value: Any, low: float, high: float, depth: int) -> str | None:
    import math

    if depth > 8:
        return "nested too deeply"
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return f"expected a finite number, got {value!r}"
        if not low <= value <= high:
            return f"expected a number from {_number(low)} to {_number(high)}, got {value!r}"
        return None
    children = (
        value.values() if isinstance(value, Mapping) else value if isinstance(value, (list, tuple)) else ()
    )
    for child in children:
        problem = _number_problem(child, low, high, depth + 1)
        if problem:
            return problem
    return None


@dataclass(frozen=True)
class Option:
    """One validated rule option: its type(s), default and a one-line description."""

    default: Any
    description: str
    types: tuple[type, ...] = ()
    choices: tuple[Any, ...] = ()
    # Optional extra check: returns an error message (one line) for a bad value, else None.
    validate: Callable[[Any], str | None] | None = None
    # Every number in the value (nested ones too) must be finite and within these bounds.
    minimum: float = 0
    maximum: float = MAX_OPTION_NUMBER
    # Types allowed for the items of a list value, and for the values of a table value.
    items: tuple[type, ...] = (str,)
    values: tuple[type, ...] = (int, float)

    def check(self, value: Any) -> str | None:
        """Why ``value`` (already of an accepted type) is out of range or badly shaped, else None.

        Options come from untrusted front matter and configs: a negative limit, ``.inf``, ``.nan``
        or a list of lists must be one clear error, not a crash deep inside a rule."""
        if isinstance(value, (list, tuple)):
            for item in value:
                if not _is_instance(item, self.items):
                    return f"expected a list of {_type_names(self.items)}, got {_describe(item)} in it"
        elif isinstance(value, Mapping):
            for key, item in value.items():
                if not isinstance(key, str):
                    return f"expected names as keys, got {_describe(key)}"
                if not _is_instance(item, self.values):
                    return f"{key}: expected {_type_names(self.values)}, got {_describe(item)}"
        return _number_problem(value, self.minimum, self.maximum, 0)

    def accepted_types(self) -> tuple[type, ...]:
        if self.types:
            return self.types
        t = type(self.default)
        if t is int:
            return (int,)
        if t is float:
            return (int, float)
        return (t,)


@dataclass(frozen=True)
class Example:
    """A documented, tested example: ``bad`` must fire the rule, ``good`` must not.

    The test linting an example writes ``meta`` (plus ``platform`` and ``lang``) as front matter,
    uses ``options`` as the rule's options and ``config`` as top-level config keys (goals, freeze,
    platforms…). Syntax-rule examples are whole files (``filename`` picks the format).
    """

    bad: str
    good: str
    lang: str = "en"
    platform: str | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    meta: Mapping[str, Any] = field(default_factory=dict)
    config: Mapping[str, Any] = field(default_factory=dict)
    filename: str | None = None
    # Optional, checked by the tests when given: a message the bad example must produce (a part of
    # it is enough), and the bad text once ``--fix`` has applied the rule's fixes.
    message: str | None = None
    fixed: str | None = None


@dataclass(frozen=True)
class RuleInfo:
    code: str
    name: str
    category: str
    severity: Severity
    summary: str
    rationale: str
    examples: tuple[Example, ...] = ()
    options: Mapping[str, Option] = field(default_factory=dict)
    requires: frozenset[str] = frozenset()
    scope: str = "post"
    status: str = "stable"
    aliases: tuple[str, ...] = ()
    fixable: bool = False
    origin: str = "builtin"

    def __post_init__(self) -> None:
        if not CODE_RE.match(self.code):
            raise ValueError(f"rule code {self.code!r} must look like EL101")
        if not NAME_RE.match(self.name):
            raise ValueError(f"rule name {self.name!r} must be kebab-case")
        if self.category not in CATEGORIES:
            raise ValueError(f"rule {self.code}: unknown category {self.category!r}")
        if self.scope not in ("post", "thread", "corpus"):
            raise ValueError(f"rule {self.code}: unknown scope {self.scope!r}")
        unknown = set(self.requires) - NLP_FEATURES
        if unknown:
            raise ValueError(f"rule {self.code}: unknown NLP requirement(s) {sorted(unknown)}")

    def defaults(self) -> dict[str, Any]:
        return {k: o.default for k, o in self.options.items()}


class RuleContext:
    """What a rule sees for one post. Heavy analyses are computed once per post, on demand,
    and shared by every rule (``with_options`` clones share the same cache)."""

    __slots__ = ("post", "options", "profile", "lang", "_doc_factory", "_locator", "_cache")

    def __init__(
        self,
        post: Post,
        options: Mapping[str, Any],
        profile: BrandProfile,
        lang: str,
        doc_factory: Callable[[], Any] | None = None,
        locator: Callable[[int, int], Location] | None = None,
        cache: dict[str, Any] | None = None,
    ) -> None:
        self.post = post
        self.options = options
        self.profile = profile
        self.lang = lang  # "en", "fr" or "und"
        self._doc_factory = doc_factory
        self._locator = locator
        self._cache = cache if cache is not None else {}

    @property
    def text(self) -> str:
        return self.post.prose

    @property
    def platforms(self) -> tuple[str, ...]:
        return self.post.platforms

    @property
    def cache(self) -> dict[str, Any]:
        """Per-post scratch space shared by all rules (e.g. a readability score)."""
        return self._cache

    @property
    def entities(self) -> Entities:
        ents = self._cache.get("entities")
        if ents is None:
            from engagelint.nlp.entities import scan

            ents = self._cache["entities"] = scan(self.post.prose)
        return ents

    @property
    def doc(self) -> Any:
        """The spaCy Doc (only for rules that declared ``tokens``/``sents``/``lemmas``)."""
        doc = self._cache.get("doc")
        if doc is None:
            if self._doc_factory is None:
                raise RuntimeError("this rule did not declare an NLP requirement")
            doc = self._cache["doc"] = self._doc_factory()
        return doc

    def locate(self, start: int, end: int) -> Location:
        """Resolve a prose span to a source location now (for corpus rules)."""
        if self._locator is None:
            raise RuntimeError("no locator available")
        return self._locator(start, end)

    def with_options(self, options: Mapping[str, Any]) -> RuleContext:
        return RuleContext(
            self.post, options, self.profile, self.lang, self._doc_factory, self._locator, self._cache
        )


class Rule:
    """Base class for rules. Subclasses set ``info`` and implement the entry point of their scope."""

    info: RuleInfo

    def check(self, ctx: RuleContext) -> Iterable[Finding]:  # scope "post"
        return ()

    def check_thread(
        self, ctxs: list[RuleContext]
    ) -> Iterable[tuple[RuleContext, Finding]]:  # scope "thread"
        return ()

    def prepare(self, ctx: RuleContext) -> None:  # scope "corpus", optional
        """Per-post work that needs no other post, stored in ``ctx.cache`` under this rule's own keys.

        With ``--jobs``, it runs in the worker that linted the post, and the keys it added travel
        to the main process with the post, so ``observe`` stays cheap there.
        """
        return None

    def observe(self, ctx: RuleContext) -> None:  # scope "corpus"
        return None

    def finish(self) -> Iterable[Finding]:  # scope "corpus"
        return ()

    def reset(self) -> None:
        """Forget corpus state (called before each run)."""
        return None
