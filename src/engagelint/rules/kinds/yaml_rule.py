"""Build a Rule from a YAML file: ``extends`` picks the kind (existence, substitution, occurrence, metric)."""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import regex
import yaml

from engagelint.models import Finding, Severity
from engagelint.rules.base import Example, Option, Rule, RuleContext, RuleInfo
from engagelint.rules.kinds.matching import Matcher, PatternError, compile_pattern

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


class YamlRuleError(ValueError):
    pass


# A rule pack comes from the repository: bounded size, no YAML aliases (a 1.4 KB alias bomb
# expands to gigabytes), bounded lists, and message fields without width or padding
# ("{match:>2000000000}" would build a 2 GB string per finding).
MAX_RULE_FILE_BYTES = 1 << 20
MAX_LIST_ITEMS = 20_000
MAX_ITEM_CHARS = 1_000
LIST_KEYS = ("tokens", "patterns", "swap", "examples", "exclude", "aliases")
TEMPLATE_KEYS = ("message", "fix_message")
_FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FIELD_SPEC = re.compile(r"(\.\d)?[%dfeg]?")  # at most a one-digit precision: "{value:.0%}"


COMMON_KEYS = {
    "code", "name", "category", "severity", "summary", "rationale", "extends", "lang", "ignorecase",
    "message", "examples", "status", "aliases", "scope", "options", "exclude", "lemmas",
}  # fmt: skip
KIND_KEYS = {
    "existence": {"tokens", "patterns", "masked"},
    "substitution": {"swap", "fix", "fix_message"},
    "occurrence": {"tokens", "patterns", "pattern", "entity", "max", "min"},
    "metric": {"metric", "max", "min", "min_words"},
}
ENTITIES = ("hashtags", "mentions", "urls", "emoji", "cashtags")
METRICS = (
    "words",
    "chars",
    "hashtags",
    "mentions",
    "urls",
    "emoji",
    "emoji_ratio",
    "hashtag_ratio",
    "caps_ratio",
)


class _SafeDict(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fmt(template: str, **values: Any) -> str:
    try:
        return template.format_map(_SafeDict(values))
    except (ValueError, IndexError, AttributeError):
        return template


def _by_lang(value: Any, where: str) -> dict[str, list]:
    """A list for all languages, or {lang: list}; stored as {"*": [...], "en": [...], ...}."""
    if value is None:
        return {}
    if isinstance(value, list):
        return {"*": value}
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        if all(isinstance(v, (list, dict)) for v in value.values()) and set(value) <= {
            "en",
            "fr",
            "*",
            "all",
        }:
            return {("*" if k == "all" else k): v for k, v in value.items()}
        return {"*": value}
    raise YamlRuleError(f"{where}: expected a list or a mapping of language to list")


class YamlRule(Rule):
    """A rule defined as data. Matching uses ``ctx.entities.plain_text`` unless ``scope: raw``."""

    def __init__(self, info: RuleInfo, spec: Mapping[str, Any], path: str) -> None:
        self.info = info
        self.spec = spec
        self.kind = spec["extends"]
        self.path = path
        self.langs = tuple(spec.get("lang") or ())
        self.ignorecase = bool(spec.get("ignorecase", True))
        self.message = str(spec.get("message") or info.summary)
        self.raw_scope = spec.get("scope") == "raw"
        self._check_name = f"_check_{self.kind}"
        self._matchers: dict[tuple[str, tuple], Matcher] = {}
        # ``lemmas: true``: listed words also match their inflections ("chelou" -> "chelous",
        # "vibe" -> "vibing"), through the per-post tokens and lemmas every rule shares.
        self.lemmas = bool(spec.get("lemmas")) and self.kind == "existence"
        self._indexes: dict[str, Any] = {}
        # ``masked``: stems whose masked or leet spellings are matched too ("b***ing", "sh!t", "m3rde").
        self._masked: dict[str, Any] = {}
        self._lower_swap: dict[str, dict[str, str]] = {}
        # (prefilter, this rule's index in it), set by the registry that holds the rule.
        self.prefilter: tuple[Any, int] | None = None
        # Validate RE2 patterns now so a broken pack fails at load time, not mid-run; the word
        # lists themselves are compiled on first use (keeps `engagelint rules` fast).
        patterns = [p for lang in ("en", "fr") for p in self._lists("patterns", lang)]
        if self.spec.get("pattern"):
            patterns.append(str(self.spec["pattern"]))
        for pattern in dict.fromkeys(patterns):
            try:
                compile_pattern(str(pattern), self.ignorecase)
            except PatternError as exc:
                raise YamlRuleError(f"{path}: {exc}") from None

    # -- matching ---------------------------------------------------------------------------
    def _lists(self, key: str, lang: str) -> list:
        table = _by_lang(self.spec.get(key), f"{self.path}: {key}")
        out = list(table.get("*", []))
        if lang in ("en", "fr"):
            out += list(table.get(lang, []))
        return out

    def _swap(self, lang: str) -> dict[str, str]:
        table = self.spec.get("swap") or {}
        merged: dict[str, str] = {}
        if set(table) <= {"en", "fr", "*", "all"} and all(isinstance(v, dict) for v in table.values()):
            for k in ("*", "all", lang):
                merged.update({str(a): str(b) for a, b in (table.get(k) or {}).items()})
        else:
            merged.update({str(a): str(b) for a, b in table.items()})
        return merged

    def literal_words(self, lang: str) -> list[str]:
        """The words and phrases this rule's matcher looks for in ``lang`` (what the prefilter compiles)."""
        if self.kind == "substitution":
            return list(self._swap(lang))
        if self.kind == "metric" or self.spec.get("entity"):
            return []
        return [str(t) for t in self._lists("tokens", lang)]

    def _matcher(self, lang: str, extra: tuple) -> Matcher:
        key = (lang, extra)
        m = self._matchers.get(key)
        if m is None:
            tokens = self._lists("tokens", lang)
            if self.kind == "substitution":
                tokens = list(self._swap(lang))
            patterns = self._lists("patterns", lang)
            if self.spec.get("pattern"):
                patterns.append(str(self.spec["pattern"]))
            m = self._matchers[key] = Matcher(
                [str(t) for t in tokens], [str(p) for p in patterns], self.ignorecase
            )
        return m

    def _lemma_spans(self, ctx: RuleContext) -> list[tuple[int, int]]:
        from engagelint.nlp.lexical import PhraseIndex, tokens

        index = self._indexes.get(ctx.lang)
        if index is None:
            index = self._indexes[ctx.lang] = PhraseIndex(
                ctx.lang, [str(t) for t in self._lists("tokens", ctx.lang)]
            )
        if not index or not index.might_match(ctx):
            return []
        spans = index.find(tokens(ctx))
        if not self.ignorecase:  # case-sensitive lists: "AF" (Air France) is not "af"
            spans = [(s, e) for s, e in spans if not (ctx.text[s:e].isupper() and e - s > 1)]
        return spans

    def _masked_words(self, lang: str) -> Any:
        words = self._masked.get(lang)
        if words is None:
            spec = self.spec.get("masked") or {}
            stems = _by_lang(spec.get("stems"), f"{self.path}: masked.stems")
            suffixes = _by_lang(spec.get("suffixes"), f"{self.path}: masked.suffixes")
            langs = (lang,) if lang in ("en", "fr") else ("en", "fr")
            found: set[str] = set()
            for code in ("*", *langs):
                ends = ["", *map(str, suffixes.get("*", [])), *map(str, suffixes.get(code, []))]
                for stem in stems.get(code, []):
                    found.update(str(stem).lower() + end for end in ends)
            words = self._masked[lang] = _MaskedWords(found)
        return words

    def _all_spans(self, ctx: RuleContext, text: str) -> list[tuple[int, int]]:
        # The registry's prefilter scanned the post once for every rule's words: skip our own
        # scan of the word list when none of them occurs (the patterns are still searched).
        shared = self.prefilter
        literals = shared is None or shared[0].may_match(shared[1], ctx.lang, text)
        spans = list(self._matcher(ctx.lang, ()).finditer(text, literals=literals))
        extra: list[tuple[int, int]] = []
        if self.spec.get("masked"):
            extra += self._masked_words(ctx.lang).find(text)
        if self.lemmas:
            extra += [sp for sp in self._lemma_spans(ctx) if text[sp[0] : sp[1]].strip()]
        if not extra:
            return spans
        merged: list[tuple[int, int]] = []
        for s, e in sorted(spans + extra, key=lambda sp: (sp[0], -sp[1])):
            if merged and s < merged[-1][1]:
                continue
            merged.append((s, e))
        return merged

    def _spans(self, ctx: RuleContext) -> Iterable[tuple[int, int]]:
        text = ctx.text if self.raw_scope else ctx.entities.plain_text
        protected = ctx.profile.protected_words
        excluded = {str(w).lower() for w in ctx.options.get("exclude", ())}
        for s, e in self._all_spans(ctx, text):
            word = ctx.text[s:e].lower()
            if word in protected or word in excluded:
                continue
            yield s, e

    # -- kinds ------------------------------------------------------------------------------
    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        if self.langs and ctx.lang not in self.langs:
            return ()
        return getattr(self, self._check_name)(ctx)

    def _check_existence(self, ctx: RuleContext) -> Iterable[Finding]:
        for s, e in self._spans(ctx):
            yield Finding(s, e, _fmt(self.message, match=ctx.text[s:e]))

    def _check_substitution(self, ctx: RuleContext) -> Iterable[Finding]:
        swap = self._lower_swap.get(ctx.lang)
        if swap is None:
            swap = self._lower_swap[ctx.lang] = {k.lower(): v for k, v in self._swap(ctx.lang).items()}
        offer_fix = bool(self.spec.get("fix", True))
        for s, e in self._spans(ctx):
            found = ctx.text[s:e]
            replacement = swap.get(" ".join(found.lower().split()))
            if replacement is None:
                continue
            replacement = _match_case(found, replacement)
            yield Finding(
                s,
                e,
                _fmt(self.message, match=found, replacement=replacement),
                replacement=replacement if offer_fix else None,
                fix_message=_fmt(
                    str(self.spec.get("fix_message") or "Replace '{match}' with '{replacement}'"),
                    match=found,
                    replacement=replacement,
                ),  # fmt: skip
            )

    def _check_occurrence(self, ctx: RuleContext) -> Iterable[Finding]:
        entity = self.spec.get("entity")
        if entity:
            spans = [(sp.start, sp.end) for sp in getattr(ctx.entities, entity)]
        else:
            spans = list(self._spans(ctx))
        count = len(spans)
        lo, hi = ctx.options.get("min"), ctx.options.get("max")
        if hi is not None and count > hi:
            s, e = spans[hi][0], spans[-1][1]
            yield Finding(s, e, _fmt(self.message, count=count, max=hi, min=lo, match=ctx.text[s:e]))
        elif lo is not None and count < lo:
            yield Finding(0, len(ctx.text), _fmt(self.message, count=count, max=hi, min=lo))

    def _check_metric(self, ctx: RuleContext) -> Iterable[Finding]:
        words = len(ctx.entities.words)
        if words < int(ctx.options.get("min_words", 0) or 0):
            return
        value = compute_metric(self.spec["metric"], ctx)
        lo, hi = ctx.options.get("min"), ctx.options.get("max")
        if (hi is not None and value > hi) or (lo is not None and value < lo):
            yield Finding(0, len(ctx.text), _fmt(self.message, value=value, max=hi, min=lo))


# A word with a mask or leet character among its letters: "f*ck", "b***ing", "sh!t", "m3rde".
_MASKED_CANDIDATE = regex.compile(
    r"(?<![\p{L}\p{N}*#@$%!_.])[\p{L}\p{N}*#@$%!_.]*[*#@$%!_.\p{N}][\p{L}\p{N}*#@$%!_.]*"
)
_LEET = str.maketrans(
    {"1": "i", "!": "i", "3": "e", "4": "a", "@": "a", "0": "o", "5": "s", "$": "s", "7": "t"}
)
_MASK_RUN = regex.compile(r"[*#%_.]+")


class _MaskedWords:
    """Masked spellings of listed words: leet digits and symbols read as letters, runs of ``*``
    stand for one to a few letters; the whole word must then be a listed word."""

    def __init__(self, words: set[str]) -> None:
        self.words = frozenset(words)
        self.by_first: dict[str, list[str]] = {}
        for w in self.words:
            self.by_first.setdefault(w[:1], []).append(w)

    def find(self, text: str) -> list[tuple[int, int]]:
        out = []
        for m in _MASKED_CANDIDATE.finditer(text):
            raw = m.group().rstrip("!.")  # "shit!" keeps its exclamation mark out
            if sum(c.isalpha() for c in raw) < 2 or not raw[:1].isalpha():  # "C#", "F#" are languages
                continue
            if raw.isalpha() or raw.replace(".", "").isalnum() and not any(c.isdigit() for c in raw):
                continue
            if self._is_listed(raw.lower()):
                out.append((m.start(), m.start() + len(raw)))
        return out

    def _is_listed(self, raw: str) -> bool:
        plain = raw.translate(_LEET)
        if plain in self.words:
            return True
        if not _MASK_RUN.search(plain):
            return False
        parts = _MASK_RUN.split(plain)
        masks = _MASK_RUN.findall(plain)
        pattern = "".join(
            regex.escape(p) + (f"[a-zàâçéèêëîïôûùüÿœ]{{1,{len(masks[i]) + 2}}}" if i < len(masks) else "")
            for i, p in enumerate(parts)
        )
        compiled = regex.compile(pattern)
        return any(compiled.fullmatch(w) for w in self.by_first.get(plain[:1], ()))


def _match_case(found: str, replacement: str) -> str:
    if found.isupper() and len(found) > 1:
        return replacement.upper()
    if found[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def compute_metric(name: str, ctx: RuleContext) -> float:
    ents = ctx.entities
    words = len(ents.words)
    simple: dict[str, Callable[[], float]] = {
        "words": lambda: words,
        "chars": lambda: len(ctx.text),
        "hashtags": lambda: len(ents.hashtags),
        "mentions": lambda: len(ents.mentions),
        "urls": lambda: len(ents.urls),
        "emoji": lambda: len(ents.emoji),
        "emoji_ratio": lambda: len(ents.emoji) / max(1, len(ents.emoji) + words),
        "hashtag_ratio": lambda: len(ents.hashtags) / max(1, len(ents.hashtags) + words),
        "caps_ratio": lambda: _caps_ratio(ents.plain_text),
    }
    return float(simple[name]())


def _caps_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


def _options(spec: Mapping[str, Any], kind: str) -> dict[str, Option]:
    opts: dict[str, Option] = {"exclude": Option([], "words this rule must never flag", (list,))}
    for key in ("max", "min", "min_words"):
        if key in KIND_KEYS[kind] and key in spec:
            opts[key] = Option(spec[key], f"{key.replace('_', ' ')} threshold", (int, float))
    return opts


def _read_rule_file(path: Path, where: str) -> str:
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_RULE_FILE_BYTES + 1)
        if len(data) > MAX_RULE_FILE_BYTES:
            raise YamlRuleError(f"{where}: rule file is over {MAX_RULE_FILE_BYTES // 1024} KiB; not loaded")
        return data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlRuleError(f"{where}: cannot read rule file ({exc})") from None


def _no_aliases(text: str, where: str) -> None:
    """Anchors and aliases are refused before anything is built from the document."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            line = event.start_mark.line + 1 if event.start_mark else 0
            raise YamlRuleError(
                f"{where}:{line}: YAML anchors and aliases (& and *) are not allowed in rule packs"
            )


def _check_sizes(spec: Mapping[str, Any], where: str) -> None:
    def items(value: Any) -> Iterable[Any]:
        if isinstance(value, dict):
            if set(value) <= {"en", "fr", "*", "all"} and all(
                isinstance(v, (list, dict)) for v in value.values()
            ):
                for v in value.values():
                    yield from items(v)
                return
            yield from value.keys()
            yield from value.values()
        elif isinstance(value, list):
            yield from value
        elif value is not None:
            yield value

    for key in LIST_KEYS:
        count = 0
        for item in items(spec.get(key)):
            count += 1
            if count > MAX_LIST_ITEMS:
                raise YamlRuleError(f"{where}: '{key}' has more than {MAX_LIST_ITEMS} entries")
            if key != "examples" and isinstance(item, (list, dict)):
                raise YamlRuleError(f"{where}: '{key}' entries must be words or patterns, not lists")
            if isinstance(item, str) and len(item) > MAX_ITEM_CHARS and key != "examples":
                raise YamlRuleError(f"{where}: a '{key}' entry is over {MAX_ITEM_CHARS} characters")


def check_template(template: str, key: str, where: str) -> None:
    """Message fields are plain names ({match}) with at most a short precision ({value:.0%})."""
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise YamlRuleError(f"{where}: '{key}': {exc}") from None
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if not _FIELD_NAME.fullmatch(name) or conversion or not _FIELD_SPEC.fullmatch(spec or ""):
            shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            raise YamlRuleError(
                f"{where}: '{key}': field {shown[:60]!r} is not allowed; write {{match}}, {{count}} or "
                "{value:.0%} (no width, padding, attribute or index)"
            )


def load_yaml_rule(path: Path, origin: str = "pack") -> YamlRule:
    where = str(path)
    text = _read_rule_file(path, where)
    try:
        _no_aliases(text, where)
        spec = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise YamlRuleError(f"{where}: invalid YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(spec, dict):
        raise YamlRuleError(f"{where}: a rule file must be a mapping")
    _check_sizes(spec, where)
    for key in TEMPLATE_KEYS:
        if spec.get(key) is not None:
            check_template(str(spec[key]), key, where)
    if not spec.get("message") and spec.get("summary"):
        check_template(str(spec["summary"]), "summary", where)  # the summary is the default message
    kind = spec.get("extends")
    if kind not in KIND_KEYS:
        raise YamlRuleError(f"{where}: 'extends' must be one of {', '.join(KIND_KEYS)}, got {kind!r}")
    unknown = set(spec) - COMMON_KEYS - KIND_KEYS[kind]
    if unknown:
        raise YamlRuleError(f"{where}: unknown key(s) for a {kind} rule: {', '.join(sorted(unknown))}")
    for required in ("code", "name", "category", "summary", "rationale", "examples"):
        if not spec.get(required):
            raise YamlRuleError(f"{where}: missing required key '{required}'")
    if kind == "metric" and spec.get("metric") not in METRICS:
        raise YamlRuleError(f"{where}: 'metric' must be one of {', '.join(METRICS)}")
    if kind == "occurrence" and spec.get("entity") and spec["entity"] not in ENTITIES:
        raise YamlRuleError(f"{where}: 'entity' must be one of {', '.join(ENTITIES)}")
    examples = []
    for i, ex in enumerate(spec["examples"] or []):
        if not isinstance(ex, dict) or "bad" not in ex or "good" not in ex:
            raise YamlRuleError(f"{where}: examples[{i}] needs 'bad' and 'good'")
        examples.append(
            Example(
                bad=str(ex["bad"]),
                good=str(ex["good"]),
                lang=str(ex.get("lang", "en")),
                platform=ex.get("platform"),
                options=ex.get("options") or {},
                message=None if ex.get("message") is None else str(ex["message"]),
                fixed=None if ex.get("fixed") is None else str(ex["fixed"]),
            )
        )
    try:
        info = RuleInfo(
            code=str(spec["code"]),
            name=str(spec["name"]),
            category=str(spec["category"]),
            severity=Severity.parse(spec.get("severity", "warning")),
            summary=str(spec["summary"]).strip(),
            rationale=str(spec["rationale"]).strip(),
            examples=tuple(examples),
            options=_options(spec, kind),
            status=str(spec.get("status", "stable")),
            aliases=tuple(spec.get("aliases") or ()),
            fixable=kind == "substitution" and bool(spec.get("fix", True)),
            requires=frozenset({"tokens", "sents"}) if spec.get("lemmas") else frozenset(),
            origin=origin,
        )
    except ValueError as exc:
        raise YamlRuleError(f"{where}: {exc}") from None
    return YamlRule(info, spec, where)


KINDS = tuple(KIND_KEYS)
