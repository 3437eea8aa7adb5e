"""Derived word tables kept on disk, so a cold process (one draft, pre-commit) needs no spaCy import.

- ``lemma_lookup(lang)``: spacy-lookups-data's ``lemma_lookup`` table (the one spaCy's lookup
  lemmatizer reads), converted once into an SQLite file queried word by word: a one-line draft looks
  up ten words instead of decoding 200k French entries (~0.7 s).
- ``phrase_words(lang, phrases)``: each listed phrase cut into lower-case words by the project's
  spaCy tokenizer, computed once and stored; only phrases not seen before import spaCy.

Files live under the user cache dir (``<cache root>/tables``), named after what they were derived
from (package versions, data file size and time, the tokenizer module's source), so an upgrade
rebuilds them. Every failure to read or write falls back to computing in memory.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
import threading
from functools import cache
from pathlib import Path
from typing import Any

from engagelint._version import __version__

_lock = threading.Lock()


def _tables_dir() -> Path:
    from engagelint.cache import default_cache_root

    return default_cache_root() / "tables"


def _short_hash(*parts: Any) -> str:
    return hashlib.sha256("\0".join(map(str, parts)).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _write_atomic(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# -- lemma lookup ---------------------------------------------------------------------------------
def _lookup_source(lang: str) -> Path | None:
    """spacy-lookups-data's ``{lang}_lemma_lookup.json[.gz]``, found without importing spaCy."""
    import importlib.util

    spec = importlib.util.find_spec("spacy_lookups_data")
    if spec is None or not spec.submodule_search_locations:
        return None
    base = Path(next(iter(spec.submodule_search_locations))) / "data" / f"{lang}_lemma_lookup.json"
    for path in (base, base.with_suffix(".json.gz")):  # the order spaCy's load_language_data tries
        if path.exists():
            return path
    return None


def _read_json(path: Path) -> dict:
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    data = json.loads(raw)
    return data if isinstance(data, dict) else {}


class _MemoryTable:
    def __init__(self, data: dict) -> None:
        self._data = data

    def get(self, word: str) -> Any:
        return self._data.get(word)


class _SqliteTable:
    """Read-only word -> lemma(s) table; one connection per process (workers may be forked)."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._conn: Any = None
        self._pid = -1

    def _connection(self) -> Any:
        if self._conn is None or self._pid != os.getpid():
            import sqlite3

            uri = self._path.resolve().as_uri() + "?mode=ro&immutable=1"
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._conn

    def get(self, word: str) -> Any:
        row = self._connection().execute("SELECT v FROM t WHERE k = ?", (word,)).fetchone()
        return None if row is None else json.loads(row[0])


def _build_sqlite(source: Path, target: Path) -> None:
    import sqlite3

    data = _read_json(source)

    def write(tmp: str) -> None:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID")
            conn.executemany("INSERT OR REPLACE INTO t VALUES (?, ?)",
                             ((str(k), json.dumps(v, ensure_ascii=False)) for k, v in data.items()))  # fmt: skip
            conn.commit()
        finally:
            conn.close()

    _write_atomic(target, write)


@cache
def lemma_lookup(lang: str) -> Any:
    """An object with ``get(word)`` giving the lookup lemma (str or list) of ``word``, or None."""
    source = _lookup_source(lang)
    if source is None:
        return _MemoryTable({})
    with _lock:
        try:
            st = source.stat()
            target = (
                _tables_dir()
                / f"lemma_lookup-{lang}-{_short_hash(source, st.st_size, st.st_mtime_ns)}.sqlite"
            )
            if not target.exists():
                _build_sqlite(source, target)
            return _SqliteTable(target)
        except Exception:  # read-only or full cache dir, broken file: the table in memory
            try:
                return _MemoryTable(_read_json(source))
            except Exception:
                return _MemoryTable({})


# -- phrase words ---------------------------------------------------------------------------------
def _tokenizer_key() -> str:
    """What decides how a phrase is cut: engagelint's tokenizer settings and spaCy's version."""
    from importlib import metadata

    try:
        spacy_version = metadata.version("spacy")
    except metadata.PackageNotFoundError:
        spacy_version = "none"
    pipeline_source = Path(__file__).with_name("pipeline.py").read_bytes()
    return _short_hash(__version__, spacy_version, hashlib.sha256(pipeline_source).hexdigest())


@cache
def _phrase_file(lang: str) -> Path:
    return _tables_dir() / f"phrase-words-{lang}-{_tokenizer_key()}.json"


_phrase_memory: dict[str, dict[str, list[str]]] = {}


def _tokenize(lang: str, phrases: list[str]) -> dict[str, list[str]]:
    from engagelint.nlp.pipeline import get_nlp

    tokenizer = get_nlp(lang).tokenizer
    return {
        p: [t.lower_ for t in tokenizer(p) if any(c.isalpha() or c.isdigit() for c in t.text)]
        for p in phrases
    }


def phrase_words(lang: str, phrases: list[str]) -> dict[str, list[str]]:
    """Each phrase's word tokens (lower-case, punctuation dropped), as the spaCy tokenizer cuts them."""
    with _lock:
        known = _phrase_memory.get(lang)
        path: Path | None = None
        if known is None:
            known = {}
            try:
                path = _phrase_file(lang)
                if path.exists():
                    loaded = json.loads(path.read_text(encoding="utf-8"))
                    if isinstance(loaded, dict):
                        known = loaded
            except Exception:  # unreadable or foreign file: recompute (and rewrite) it
                known = {}
            _phrase_memory[lang] = known
        missing = [p for p in dict.fromkeys(phrases) if p not in known]
        if missing:
            known.update(_tokenize(lang, missing))
            try:
                path = path or _phrase_file(lang)
                text = json.dumps(known, ensure_ascii=False)
                _write_atomic(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
            except Exception:  # read-only cache dir: keep the words for this process only
                pass
        return {p: known[p] for p in phrases}
