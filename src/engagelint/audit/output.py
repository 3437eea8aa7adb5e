"""Writing an audit's findings as rows: JSON Lines or Parquet, one finding per row, atomically.

Each row is the JSON contract's violation object (``path`` is the record id for records); in
Parquet a fix is kept as its JSON text in a ``fix`` column (null when there is none).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from engagelint.models import Violation

ROW_SUFFIXES = (".jsonl", ".ndjson", ".parquet")
COLUMNS = (
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "code",
    "name",
    "category",
    "severity",
    "message",
)


def write_rows(violations: Iterable[Violation], path: str) -> None:
    """Write ``violations`` to ``path`` (.jsonl/.ndjson or .parquet); the file appears complete or not at all."""
    lower = path.lower()
    if not lower.endswith(ROW_SUFFIXES):
        raise ValueError(f"{path}: findings are written as .jsonl or .parquet")
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".engagelint-", dir=target.parent if str(target.parent) else ".")
    os.close(fd)
    try:
        if lower.endswith(".parquet"):
            _parquet(violations, tmp)
        else:
            with open(tmp, "w", encoding="utf-8") as fh:
                for v in violations:
                    fh.write(json.dumps(v.to_dict(), ensure_ascii=False) + "\n")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; findings are an ordinary file
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise


def _parquet(violations: Iterable[Violation], tmp: str, batch: int = 50_000) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ValueError("writing Parquet needs pyarrow: pip install 'engagelint[dask]'") from None
    schema = pa.schema(
        [(c, pa.int32() if c in ("line", "column", "end_line", "end_column") else pa.string())
         for c in (*COLUMNS, "fix")]
    )  # fmt: skip

    def empty() -> dict[str, list]:
        return {c: [] for c in (*COLUMNS, "fix")}

    # Row groups of ``batch`` findings: the findings stream through, never all in memory.
    with pq.ParquetWriter(tmp, schema) as writer:
        columns, n, wrote = empty(), 0, False
        for v in violations:
            row = v.to_dict()
            for c in COLUMNS:
                columns[c].append(row[c])
            columns["fix"].append(json.dumps(row["fix"], ensure_ascii=False) if "fix" in row else None)
            n += 1
            if n == batch:
                writer.write_table(pa.table(columns, schema=schema))
                columns, n, wrote = empty(), 0, True
        if n or not wrote:  # the last row group; an audit without findings still has the columns
            writer.write_table(pa.table(columns, schema=schema))
