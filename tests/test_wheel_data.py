"""The wheel ships the data files engagelint reads at run time: French catalogs and presets."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_contains_the_compiled_catalog_and_the_presets(tmp_path: Path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)  # fmt: skip
    (wheel,) = tmp_path.glob("engagelint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "engagelint/locale/fr/LC_MESSAGES/engagelint.mo" in names
    assert {
        f"engagelint/config/preset_data/{p}.toml" for p in ("strict", "relaxed", "personal-brand")
    } <= names
