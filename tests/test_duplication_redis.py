"""The archive in a real Redis server (started here on a free loopback port, in a temp folder)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

from engagelint.api import lint_paths
from engagelint.duplication.archive import add, build, open_archive
from engagelint.duplication.features import features
from engagelint.duplication.settings import archive_settings
from engagelint.rules.builtin.duplication_archive import ArchiveWarning

redis = pytest.importorskip("redis", reason="the 'redis' Python package is not installed")

HIRING = "We are hiring two bike mechanics for our new workshop in Lille, apply today"
CAFE = "Join our free repair café every first Saturday of the month at the Lille workshop"
OTHER = "Thanks to everyone who came to the open day, the photos are on our blog"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (Debian package: redis-server)")
    workdir = tmp_path_factory.mktemp("redis")
    port = _free_port()
    proc = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(workdir),
            "--save",
            "",
            "--appendonly",
            "no",
            "--protected-mode",
            "yes",
        ],  # fmt: skip
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.skip(f"redis-server could not be started on port {port}")
            time.sleep(0.05)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def _settings(tmp_path: Path, url: str, prefix: str, source: bool = True):
    table = {"redis_prefix": prefix}
    if source:
        (tmp_path / "published.jsonl").write_text(
            f'{{"id": "li-101", "date": "2025-01-10", "platform": "linkedin", "text": "{HIRING}"}}\n'
            f'{{"id": "li-102", "date": "2026-11-01", "platform": "linkedin", "text": "{CAFE}"}}\n',
            encoding="utf-8",
        )
        table["source"] = "published.jsonl"
    return archive_settings(table, tmp_path, redis_url=url)


def test_build_add_and_query_through_redis(tmp_path, redis_url):
    settings = _settings(tmp_path, redis_url, "t1")
    report = build(settings)
    assert report.posts == 2
    new = tmp_path / "new.jsonl"
    new.write_text(f'{{"id": "x-9", "date": "2026-11-19", "text": "{OTHER}"}}\n', encoding="utf-8")
    assert add(settings, [new]).added == 1
    assert add(settings, [new]).added == 0
    archive, notes = open_archive(settings)
    assert notes == [] and len(archive) == 3
    hits = archive.query_many(
        [features(CAFE + " #repair"), features(HIRING.upper()), features("Something else entirely here")], 0.8
    )
    assert [m.id for m in hits[0]] == ["li-102"] and not hits[0][0].exact and hits[0][0].similarity > 0.8
    assert hits[1][0].id == "li-101" and hits[1][0].exact
    assert hits[2] == []


def test_lint_run_queries_redis(tmp_path, redis_url, monkeypatch):
    settings = _settings(tmp_path, redis_url, "t2")
    build(settings)
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a.md").write_text(f"---\nplatform: linkedin\nlang: en\n---\n{CAFE}\n", encoding="utf-8")
    cfg = tmp_path / "engagelint.toml"
    cfg.write_text('[archive]\nredis_prefix = "t2"\n', encoding="utf-8")
    # The URL comes from the environment, never from the repository's config.
    monkeypatch.setenv("ENGAGELINT_REDIS_URL", redis_url)
    result = lint_paths([str(drafts)], config=cfg, select=["EL703"])
    assert len(result.violations) == 1 and "li-102" in result.violations[0].message


def test_other_version_in_redis_is_rebuilt_with_a_warning(tmp_path, redis_url):
    settings = _settings(tmp_path, redis_url, "t3")
    build(settings)
    redis.Redis.from_url(redis_url).set("t3:params", '{"format": 0}')
    archive, notes = open_archive(settings)
    assert len(notes) == 1 and "another engagelint version" in notes[0] and len(archive) == 2
    no_source, notes = open_archive(_settings(tmp_path, redis_url, "t4", source=False))
    assert no_source is None and "no archive index in Redis" in notes[0]


def test_unreachable_redis_is_skipped_with_a_warning(tmp_path):
    settings = archive_settings({}, tmp_path, redis_url=f"redis://127.0.0.1:{_free_port()}/0")
    archive, notes = open_archive(settings)
    assert archive is None and "cannot reach Redis" in notes[0]
    with warnings.catch_warnings():
        warnings.simplefilter("error", ArchiveWarning)
        assert open_archive(settings)[0] is None  # notes are values; the rule turns them into warnings


def test_redis_archive_without_the_extra_says_what_to_install(tmp_path):
    """datasketch (and scipy) come only with `engagelint[redis]`: without them the archive is skipped with
    one line saying what to install, in a fresh interpreter where importing datasketch really fails."""
    import os
    import sys
    import textwrap

    code = textwrap.dedent(
        f"""
        import sys
        sys.modules["datasketch"] = None  # as if the [redis] extra was not installed: import fails
        from engagelint.duplication.archive import open_archive
        from engagelint.duplication.settings import archive_settings
        settings = archive_settings({{}}, ".", redis_url="redis://127.0.0.1:{_free_port()}/0")
        archive, notes = open_archive(settings)
        assert archive is None
        print(notes[0])
        """
    )
    src = str(Path(__file__).resolve().parents[1] / "src")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": src}, timeout=60)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == (
        "archive skipped: the Redis archive needs the 'datasketch' package: pip install 'engagelint[redis]'"
    )


# -- a pull request's config must not reach other data on a shared Redis (issue 13) -------------
def test_glob_prefix_is_refused_and_other_applications_keys_survive(tmp_path, redis_url):
    from engagelint.duplication.archive import ArchiveError
    from engagelint.duplication.settings import ArchiveConfigError

    client = redis.Redis.from_url(redis_url)
    client.set("billing:invoice:1", "42 EUR")
    client.set("sessions:abc", "user 7")
    for prefix in ("*", "billing*", "a[b]", "x y", ""):
        with pytest.raises(ArchiveConfigError, match="archive.redis_prefix"):
            archive_settings({"redis_prefix": prefix}, tmp_path, redis_url=redis_url)
    # A valid prefix that another application uses is refused, not emptied.
    with pytest.raises(ArchiveError, match="were not written by engagelint; nothing was deleted"):
        build(_settings(tmp_path, redis_url, "billing"))
    assert client.get("billing:invoice:1") == b"42 EUR" and client.get("sessions:abc") == b"user 7"


def test_rebuild_deletes_only_engagelints_own_keys(tmp_path, redis_url):
    client = redis.Redis.from_url(redis_url)
    settings = _settings(tmp_path, redis_url, "t9")
    build(settings)
    client.set("t9:notes-from-another-tool", "keep me")
    assert build(settings).posts == 2  # a rebuild clears and refills the archive
    assert client.get("t9:notes-from-another-tool") == b"keep me"
    assert sorted(k for k in client.scan_iter(match="t9:*") if not k.startswith(b"t9:lsh_")) == [
        b"t9:exact", b"t9:notes-from-another-tool", b"t9:params", b"t9:records",
    ]  # fmt: skip


def test_redis_url_in_the_repository_config_is_an_error_and_no_connection_is_made(tmp_path, redis_url):
    client = redis.Redis.from_url(redis_url)
    before = client.info("stats")["total_connections_received"]
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text(f"{CAFE}\n", encoding="utf-8")
    (tmp_path / "engagelint.toml").write_text(f'[archive]\nredis = "{redis_url}"\n', encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "engagelint", "--no-cache", "drafts"], cwd=tmp_path, capture_output=True,
        text=True, env={**os.environ, "ENGAGELINT_CACHE_DIR": str(tmp_path / "cache")},
    )  # fmt: skip
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        f"engagelint: error: {tmp_path / 'engagelint.toml'}: archive.redis: the Redis URL is not read from "
        "the repository (a pull request could point CI at any host); set ENGAGELINT_REDIS_URL or pass "
        "--redis-url instead"
    ]
    assert client.info("stats")["total_connections_received"] == before  # (this client reuses its connection)


# -- a shared server may hold anything under our keys: never a crash, never a wrong result ---------


def _lint_with_redis(tmp_path: Path, url: str, prefix: str, text: str = CAFE):
    drafts = tmp_path / "drafts"
    drafts.mkdir(exist_ok=True)
    (drafts / "a.md").write_text(f"---\nplatform: linkedin\nlang: en\n---\n{text}\n", encoding="utf-8")
    cfg = tmp_path / "engagelint.toml"
    cfg.write_text(f'[archive]\nredis_prefix = "{prefix}"\n', encoding="utf-8")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("ENGAGELINT_REDIS_URL", url)
        return lint_paths([str(drafts)], config=cfg, select=["EL703"])


@pytest.mark.parametrize(
    "damage",
    [
        lambda c, p: c.hset(f"{p}:params", "format", "1"),  # a hash where our string should be
        lambda c, p: c.set(f"{p}:params", b"\xff{not json"),
    ],
    ids=["params-is-a-hash", "params-not-json"],
)
def test_garbage_params_key_is_a_problem_not_a_crash(tmp_path, redis_url, damage):
    prefix = "g1"
    settings = _settings(tmp_path, redis_url, prefix)
    build(settings)
    client = redis.Redis.from_url(redis_url)
    client.delete(f"{prefix}:params")
    damage(client, prefix)
    note = "the Redis archive parameters are damaged or were not written by engagelint"
    no_source, notes = open_archive(_settings(tmp_path, redis_url, prefix, source=False))
    assert no_source is None and notes == [f"archive skipped: {note} (run `engagelint archive build`)"]
    # With a source it would rebuild, but data it cannot prove is its own is never deleted.
    archive, notes = open_archive(settings)
    assert archive is None and len(notes) == 1 and "nothing was deleted" in notes[0]
    assert client.hlen(f"{prefix}:records") == 2
    client.delete(*client.scan_iter(match=f"{prefix}:*"))


def test_malformed_records_are_ignored_with_a_warning(tmp_path, redis_url):
    prefix = "r1"
    build(_settings(tmp_path, redis_url, prefix))
    client = redis.Redis.from_url(redis_url)
    good = client.hget(f"{prefix}:records", "li-101")
    client.hset(f"{prefix}:records", "li-102", b'{"fp": "x", "h": [-1, "a"], "date": 3}')
    result = _lint_with_redis(tmp_path, redis_url, prefix)
    assert result.violations == []  # the damaged record matches nothing
    assert any("1 damaged record(s) in the Redis archive ignored" in w for w in result.warnings), (
        result.warnings
    )
    for garbage in (b"not json", b"[1, 2]", b'{"fp": 1}', b'{"fp": "x", "h": "abc"}', b"\xff\xfe"):
        client.hset(f"{prefix}:records", "li-101", garbage)
        result = _lint_with_redis(tmp_path, redis_url, prefix, HIRING)
        assert result.violations == [] and any("damaged record" in w for w in result.warnings)
    client.hset(f"{prefix}:records", "li-101", good)
    assert len(_lint_with_redis(tmp_path, redis_url, prefix, HIRING).violations) == 1


def test_a_key_of_the_wrong_type_skips_the_archive_with_a_warning(tmp_path, redis_url):
    prefix = "w1"
    build(_settings(tmp_path, redis_url, prefix))
    client = redis.Redis.from_url(redis_url)
    client.delete(f"{prefix}:exact")
    client.set(f"{prefix}:exact", "a string where a hash should be")
    result = _lint_with_redis(tmp_path, redis_url, prefix)
    assert result.violations == []
    assert any(
        "archive skipped: the Redis archive could not be read (WRONGTYPE" in w for w in result.warnings
    )
