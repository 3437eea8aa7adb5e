"""One scan per post for the word lists of every YAML rule: which rules can match at all.

Each rule keeps its own exact matcher (Unicode word boundaries, case, leftmost-longest spans),
but most posts contain none of a rule's words. The prefilter compiles the words of every rule
of a registry into one multi-pattern database per language and scans each post once; a rule
whose words do not occur skips its own scan. The database only ever answers "may match": texts
and words are case-folded (plus the dotted/dotless i that ``regex`` treats as case variants) and
word boundaries are ignored, so it finds a superset of what the rules find and no finding changes.

Backends (measured on 5k posts of the perf corpus, shipped packs: 295 words): RE2's ``Set``
compiles in 1 ms and scans ~80k posts/s; Hyperscan scans ~145k posts/s but takes 20 ms to import
and 120 ms to compile. So RE2 serves lists below ``HYPERSCAN_MIN_WORDS`` and Hyperscan (where
its wheel installs) the large lists of big packs, its database stored under the cache's
``tables/`` keyed by the patterns and the Hyperscan version. Otherwise every rule scans.
The rules' RE2 ``patterns`` are not prefiltered: a Set of them would need a DFA larger than
RE2 can guarantee, and a Set that runs out of memory silently reports no match.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from pathlib import Path


def _import(name: str):
    """Backends are imported on the first scan (a cold ``rules`` listing never needs them)."""
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError:  # pragma: no cover - optional: platforms without a wheel
        return None


# ``regex``'s IGNORECASE matches "ı" with "I" and "İ" with "i"; casefold() does not.
_FOLD = str.maketrans({"ı": "i", "İ": "i"})
_SPACES = re.compile(r"\s+")
HYPERSCAN_MIN_WORDS = 2000


def fold(text: str) -> str:
    return text.translate(_FOLD).casefold()


def _literal(word: str) -> str:
    """A word as a pattern of its folded pieces, any whitespace between them (as the rules' ``\\s+``)."""
    return r"\s+".join(re.escape(piece) for piece in _SPACES.split(fold(word)) if piece)


class Prefilter:
    """``may_match(index, lang, text)``: may rule ``index`` (see ``add``) match ``text`` of ``lang``?"""

    def __init__(self) -> None:
        self._words: list[Callable[[str], Sequence[str]]] = []
        self._scanners: dict[str, _Scanner | None] = {}
        self._last: tuple[str, str, frozenset[int] | None] | None = None
        self._lock = threading.Lock()

    def add(self, words: Callable[[str], Sequence[str]]) -> int:
        """Register a rule by its word list per language; returns its index."""
        self._words.append(words)
        self._scanners.clear()
        return len(self._words) - 1

    def may_match(self, index: int, lang: str, text: str) -> bool:
        hits = self._hits(lang, text)
        return hits is None or index in hits

    def _hits(self, lang: str, text: str) -> frozenset[int] | None:
        last = self._last
        if last is not None and last[0] == lang and last[1] is text:
            return last[2]  # the rules of one post ask in turn: one scan serves them all
        try:
            folded = fold(text).encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates: no valid UTF-8 to scan, every rule scans
            return None
        with self._lock:
            if lang not in self._scanners:
                self._scanners[lang] = _Scanner.build([w(lang) for w in self._words])
            scanner = self._scanners[lang]
            hits = None if scanner is None else scanner.scan(folded)
        self._last = (lang, text, hits)
        return hits


class _Scanner:
    """One compiled database over the folded words of every rule (a rule without words is never a hit)."""

    def __init__(self, scan: Callable[[bytes], set[int]]) -> None:
        self._scan = scan

    def scan(self, folded: bytes) -> frozenset[int]:
        return frozenset(self._scan(folded))

    @classmethod
    def build(cls, lists: list[Sequence[str]]) -> _Scanner | None:
        expressions: list[str] = []
        ids: list[int] = []
        for index, words in enumerate(lists):
            for w in dict.fromkeys(_literal(str(w)) for w in words if str(w).strip()):
                if w:
                    expressions.append(w)
                    ids.append(index)
        if not expressions:
            return cls(lambda _: set())
        # RE2's Set reports no match when its DFA runs out of memory, so it only takes lists
        # far below that; a larger list without Hyperscan is not prefiltered.
        order = [("hyperscan", cls._hyperscan)]
        if len(expressions) < HYPERSCAN_MIN_WORDS:
            order.insert(0, ("re2", cls._re2_set))
        for name, build in order:
            module = _import(name)
            if module is not None:
                try:
                    return build(module, expressions, ids)
                except Exception:  # a compile error: fall back rather than lose a rule
                    continue
        return None

    @classmethod
    def _hyperscan(cls, hs, expressions: list[str], ids: list[int]) -> _Scanner:
        db = _stored_database(hs, expressions, ids)

        def scan(folded: bytes) -> set[int]:
            found: set[int] = set()
            db.scan(folded, match_event_handler=lambda pid, *_: found.add(pid))
            return found

        return cls(scan)

    @classmethod
    def _re2_set(cls, re2, expressions: list[str], ids: list[int]) -> _Scanner:
        opts = re2.Options()
        opts.max_mem = 64 << 20
        rset = re2.Set.SearchSet(opts)
        for e in expressions:
            rset.Add(e)
        rset.Compile()

        def scan(folded: bytes) -> set[int]:
            return {ids[i] for i in rset.Match(folded) or ()}

        return cls(scan)


def _stored_database(hs, expressions: list[str], ids: list[int]):
    """The compiled database, read from the cache's ``tables/`` when an earlier run stored it."""
    from engagelint.nlp.tables import _short_hash, _tables_dir, _write_atomic

    version = getattr(hs, "__version__", "?")
    path = _tables_dir() / f"prefilter-{_short_hash(version, expressions, ids)}.hsdb"
    try:
        db = hs.loadb(path.read_bytes(), hs.HS_MODE_BLOCK)
        db.scratch = hs.Scratch(db)
        return db
    except Exception:  # absent, truncated or from another build: compile it
        pass
    db = hs.Database()
    db.compile(
        expressions=[e.encode("utf-8") for e in expressions], ids=ids, elements=len(expressions),
        flags=hs.HS_FLAG_UTF8 | hs.HS_FLAG_UCP | hs.HS_FLAG_SINGLEMATCH,
    )  # fmt: skip
    try:
        data = hs.dumpb(db)
        _write_atomic(path, lambda tmp: Path(tmp).write_bytes(data))
    except Exception:  # a read-only cache: compile again next time
        pass
    return db
