"""The VS Code extension folder: its schema is the one `engagelint config --schema` prints, its
manifest starts `engagelint lsp`, and its script is valid JavaScript."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXT = Path(__file__).resolve().parents[1] / "editors" / "vscode"


def test_shipped_schema_is_current():
    printed = subprocess.run([sys.executable, "-m", "engagelint", "config", "--schema"], capture_output=True,
                             text=True, check=True).stdout  # fmt: skip
    assert json.loads((EXT / "engagelint.schema.json").read_text()) == json.loads(printed), (
        "regenerate: engagelint config --schema > editors/vscode/engagelint.schema.json"
    )


def test_manifest_activates_on_drafts_and_starts_the_server():
    manifest = json.loads((EXT / "package.json").read_text())
    assert "onLanguage:markdown" in manifest["activationEvents"]
    assert manifest["contributes"]["tomlValidation"][0]["url"] == "./engagelint.schema.json"
    script = (EXT / manifest["main"]).read_text()
    assert '["lsp", ...settings.get("args", [])]' in script
    assert "vscode-languageclient" in manifest["dependencies"]


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_extension_script_parses():
    subprocess.run(["node", "--check", str(EXT / "extension.js")], check=True)
