"""--fix writes atomically, keeps encoding details, never applies overlapping edits, and is idempotent."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from engagelint.api import lint_paths
from engagelint.config import config_from_toml
from engagelint.fixes import fix_file
from engagelint.models import Edit, Fix, Location, Severity, Violation

PACK = """code: FIX101
name: house-style
category: informality
extends: substitution
summary: Use the house spelling.
rationale: A consistent spelling of product names looks professional on every channel.
swap: {e-mail: email, pls: please}
examples:
  - {lang: en, bad: "Check your e-mail", good: "Check your email"}
  - {lang: fr, bad: "Lisez votre e-mail", good: "Lisez votre email"}
"""


def _cfg(tmp_path: Path):
    (tmp_path / "pack").mkdir(exist_ok=True)
    (tmp_path / "pack" / "FIX101.yml").write_text(PACK)
    return config_from_toml("extend = ['pack']", root=tmp_path)


def _fix(path: Path, cfg) -> int:
    result = lint_paths([str(path)], config=cfg, select=["FIX101"])
    outcome = fix_file(str(path), [v for v in result.violations if v.fix])
    return outcome.applied if outcome else 0


def test_fix_preserves_bom_crlf_and_permissions_and_is_idempotent(tmp_path: Path):
    cfg = _cfg(tmp_path)
    draft = tmp_path / "d.md"
    draft.write_bytes("\ufeff---\r\nlang: en\r\n---\r\nSend an e-mail pls 🚀\r\nThanks\r\n".encode())
    os.chmod(draft, 0o640)
    assert _fix(draft, cfg) == 2
    assert (
        draft.read_bytes() == "\ufeff---\r\nlang: en\r\n---\r\nSend an email please 🚀\r\nThanks\r\n".encode()
    )
    assert stat.S_IMODE(draft.stat().st_mode) == 0o640
    assert _fix(draft, cfg) == 0  # a second run changes nothing
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".engagelint-")]  # no temp files left


def test_overlapping_edits_are_not_applied_together(tmp_path: Path):
    path = tmp_path / "o.txt"
    path.write_text("abcdef")
    loc = Location(str(path), 1, 1, 1, 1)

    def v(s, e, c):
        return Violation(
            str(path), 1, 1, 1, 1, "X", "x", "noise", Severity.WARNING, "m", Fix("f", (Edit(s, e, c, loc),))
        )

    outcome = fix_file(str(path), [v(0, 3, "X"), v(2, 4, "Y"), v(4, 6, "Z")])
    assert outcome.applied == 2 and path.read_text() == "XdZ"
