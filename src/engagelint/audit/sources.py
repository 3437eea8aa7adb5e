"""What an audit reads: JSONL, Parquet, CSV exports and folders of drafts, cut into partitions.

The plan is made here from file sizes and Parquet metadata only (nothing is read); each worker
reads its own partition. A JSONL partition is a byte range (a line belongs to the range where it
starts); a Parquet partition is a run of row groups; drafts and CSV exports are linted as files,
a few hundred per partition (a CSV export is one unit: split very large exports, or convert them
to Parquet). Every unit gets a sequence number that follows the input order, which is the order
"first" and "later" mean in corpus findings, whatever the engine.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engagelint.sources.records import Record, as_record

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.txt")
PARQUET_SUFFIXES = (".parquet", ".pq")
DEFAULT_PARTITION_BYTES = 4 << 20  # about 15k short posts of JSONL
DEFAULT_PARTITION_ROWS = 20_000
FILES_PER_PARTITION = 256


@dataclass(frozen=True)
class Spec:
    """One partition: ``kind`` jsonl (byte range), parquet (rows [start, end)) or files (paths)."""

    index: int
    kind: str
    path: str = ""
    start: int = 0
    end: int = 0
    row_groups: tuple[int, ...] = ()
    paths: tuple[str, ...] = ()


@dataclass
class Plan:
    specs: list[Spec]
    errors: list[str]


def plan(
    sources: list[str],
    config,
    partition_bytes: int = DEFAULT_PARTITION_BYTES,
    partition_rows: int = DEFAULT_PARTITION_ROWS,
    files_per_partition: int = FILES_PER_PARTITION,
) -> Plan:
    """Partitions for ``sources`` (files or folders), in input order; unreadable sources are errors."""
    from engagelint.sources.discover import discover

    specs: list[Spec] = []
    errors: list[str] = []
    pending: list[str] = []

    def flush_files() -> None:
        for i in range(0, len(pending), files_per_partition):
            specs.append(Spec(len(specs), "files", paths=tuple(pending[i : i + files_per_partition])))
        pending.clear()

    for source in sources:
        lower = source.lower()
        if os.path.isfile(source) and lower.endswith(JSONL_SUFFIXES):
            flush_files()
            size = os.path.getsize(source)
            for start in range(0, max(size, 1), partition_bytes):
                specs.append(Spec(len(specs), "jsonl", source, start, min(start + partition_bytes, size)))
        elif os.path.isfile(source) and lower.endswith(PARQUET_SUFFIXES):
            flush_files()
            try:
                groups = _row_groups(source)
            except Exception as exc:  # pyarrow missing or not a Parquet file  # noqa: BLE001
                errors.append(f"{source}: cannot read as Parquet ({exc})")
                continue
            batch: list[int] = []
            first = rows = 0
            for group, n in enumerate(groups):
                batch.append(group)
                rows += n
                if rows - first >= partition_rows:
                    specs.append(Spec(len(specs), "parquet", source, first, rows, tuple(batch)))
                    batch, first = [], rows
            if batch:
                specs.append(Spec(len(specs), "parquet", source, first, rows, tuple(batch)))
        else:
            found = discover([source], config.root, config.exclude, config.respect_gitignore)
            errors.extend(found.errors)
            pending.extend(found.files)
    flush_files()
    return Plan(specs, errors)


def _row_groups(path: str) -> list[int]:
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    return [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]


Unit = tuple[int, "Record | str"]  # (sequence number, a record or a file path)


def read_spec(spec: Spec, errors: list[str]) -> Iterator[Unit]:
    """The units of one partition, with their sequence numbers; bad rows are added to ``errors``."""
    base = spec.index << 32
    if spec.kind == "files":
        for n, path in enumerate(spec.paths):
            yield base + n, path
    elif spec.kind == "jsonl":
        yield from _jsonl(spec, base, errors)
    elif spec.kind == "parquet":
        yield from _parquet(spec, base, errors)


def _jsonl(spec: Spec, base: int, errors: list[str]) -> Iterator[Unit]:
    name = Path(spec.path).name
    try:
        fh = open(spec.path, "rb")  # noqa: SIM115 - closed below, generator
    except OSError as exc:
        errors.append(f"{spec.path}: cannot read ({exc.strerror})")
        return
    with fh:
        if spec.start > 0:
            fh.seek(spec.start - 1)
            fh.readline()  # the line under way at ``start`` belongs to the previous range
        n = 0
        while True:
            offset = fh.tell()
            if offset >= spec.end:
                break
            line = fh.readline()
            if not line:
                break
            if not line.strip():
                continue
            record = _json_record(line, f"{name}@{offset}", f"{spec.path}: record at byte {offset}", errors)
            if record is not None:
                yield base + n, record
                n += 1


def _json_record(line: bytes, default_id: str, where: str, errors: list[str]) -> Record | None:
    try:
        data: Any = json.loads(line)
    except (ValueError, UnicodeDecodeError) as exc:
        errors.append(f"{where}: not valid JSON ({exc}); skipped")
        return None
    if not isinstance(data, dict):
        errors.append(f"{where}: expected a JSON object with a text, got {type(data).__name__}; skipped")
        return None
    return as_record(data, default_id)


def _parquet(spec: Spec, base: int, errors: list[str]) -> Iterator[Unit]:
    import pyarrow.parquet as pq

    name = Path(spec.path).name
    try:
        table = pq.ParquetFile(spec.path).read_row_groups(list(spec.row_groups))
    except Exception as exc:  # noqa: BLE001 - a damaged file is one error line, not a crash
        errors.append(f"{spec.path}: cannot read row groups {spec.row_groups} ({exc})")
        return
    for n, row in enumerate(table.to_pylist()):
        try:
            yield base + n, as_record(row, f"{name}#{spec.start + n}")
        except (TypeError, ValueError) as exc:
            errors.append(f"{spec.path}: row {spec.start + n}: {exc}; skipped")
