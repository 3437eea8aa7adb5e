"""Waiting for drafts to change (``--watch``), by polling ``os.stat``: no dependency, works on
every file system (network drives and containers included), cheap for a few thousand files."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable

Snapshot = dict[str, tuple[int, int]]


def snapshot(files: Iterable[str]) -> Snapshot:
    """Modification time and size of each file that exists."""
    out: Snapshot = {}
    for path in files:
        try:
            st = os.stat(path)
        except OSError:
            continue
        out[path] = (st.st_mtime_ns, st.st_size)
    return out


def changes(before: Snapshot, after: Snapshot) -> list[str]:
    """Files added, removed or modified, sorted."""
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


def wait_for_change(
    list_files: Callable[[], Iterable[str]],
    before: Snapshot,
    interval: float = 0.3,
    settle: float = 0.1,
) -> tuple[Snapshot, list[str]]:
    """Block until a file listed by ``list_files`` (called each time: new drafts count) changes.

    Once a change is seen, wait ``settle`` seconds and look again, so an editor's save in
    several writes (truncate, write, rename) is one change.
    """
    while True:
        time.sleep(interval)
        now = snapshot(list_files())
        if changes(before, now):
            time.sleep(settle)
            now = snapshot(list_files())
            return now, changes(before, now)
