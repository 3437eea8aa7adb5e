"""Run every measured evaluation (eval/eval_*.py) and print their tables.

Usage: .venv/bin/python eval/run_all.py   (or: make eval). Each script reads ../shared/data when
present and says so when it is absent.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failed = []
    for script in sorted(HERE.glob("eval_*.py")):
        print(f"\n===== {script.name} =====", flush=True)
        start = time.monotonic()
        proc = subprocess.run([sys.executable, str(script)], cwd=HERE.parent)
        print(f"({script.name}: {time.monotonic() - start:.1f}s, exit {proc.returncode})", flush=True)
        if proc.returncode != 0:
            failed.append(script.name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
