"""The language server, end to end over stdio with a real LSP client (pytest-lsp).

The server runs as users run it (``python -m engagelint lsp``); the client impersonates VS Code
(UTF-16 positions) and Neovim 0.11 (offers UTF-32, which the server prefers).
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

pytestmark = pytest.mark.slow

PACK_RULE = """\
code: ACME101
name: acme-textspeak
category: informality
severity: warning
summary: Chat abbreviations such as "u" or "pls".
rationale: Textspeak reads as careless in a brand voice.
extends: substitution
swap: {u: you, pls: please, thx: thanks}
message: "'{match}' is textspeak; write '{replacement}'"
examples:
  - {lang: en, bad: "thx u guys, pls share", good: "Thank you all; please share."}
"""
CONFIG = 'extend = ["packs/acme"]\nselect = ["ACME101"]\n'
# "😀" is 1 code point but 2 UTF-16 units: the final "u" is at code point 28, UTF-16 unit 29.
DRAFT = "---\nplatform: x\n---\nthx for coming! pls share 😀 u\n"
SERVER = [sys.executable, "-m", "engagelint", "lsp"]


def make_content(root: Path) -> Path:
    (root / "packs" / "acme").mkdir(parents=True)
    (root / "packs" / "acme" / "textspeak.yml").write_text(PACK_RULE)
    (root / "engagelint.toml").write_text(CONFIG)
    (root / "drafts").mkdir()
    draft = root / "drafts" / "launch.md"
    draft.write_text(DRAFT)
    return draft


async def session(client: LanguageClient, spec: str, root: Path) -> lsp.InitializeResult:
    return await client.initialize_session(
        lsp.InitializeParams(capabilities=client_capabilities(spec), root_uri=root.as_uri())
    )


async def diagnostics_after(client: LanguageClient, send) -> None:
    waiter = asyncio.ensure_future(client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS))
    send()
    await asyncio.wait_for(waiter, timeout=60)


def spans(diags) -> list[tuple[str, int, int, int]]:
    return [(d.code, d.range.start.line, d.range.start.character, d.range.end.character) for d in diags]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_vscode_diagnostics_fix_hover_edit_and_config_reload(client: LanguageClient, tmp_path: Path):
    draft = make_content(tmp_path)
    result = await session(client, "visual-studio-code", tmp_path)
    assert result.capabilities.position_encoding in (None, lsp.PositionEncodingKind.Utf16)
    uri = draft.as_uri()

    await diagnostics_after(
        client,
        lambda: client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(
                lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=DRAFT)
            )
        ),
    )
    diags = client.diagnostics[uri]
    # Line 3 (0-based), UTF-16 columns: "thx" 0-3, "pls" 16-19, "u" after the emoji 29-30.
    assert spans(diags) == [("ACME101", 3, 0, 3), ("ACME101", 3, 16, 19), ("ACME101", 3, 29, 30)]
    first = diags[0]
    assert first.severity == lsp.DiagnosticSeverity.Warning and first.source == "engagelint"
    assert first.message == "'thx' is textspeak; write 'thanks'"
    assert first.code_description.href.endswith("#acme101")

    # Quick fix on the "u": apply its edit as an editor would (an incremental change).
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri), diags[2].range, lsp.CodeActionContext(diagnostics=[diags[2]])
        )
    )
    quick = [a for a in actions if a.kind == lsp.CodeActionKind.QuickFix]
    assert [a.title for a in quick] == ["Replace 'u' with 'you' (ACME101)"]
    (edit,) = quick[0].edit.changes[uri]
    assert (edit.range.start.character, edit.range.end.character, edit.new_text) == (29, 30, "you")
    assert any(a.kind == lsp.CodeActionKind.SourceFixAll for a in actions)

    await diagnostics_after(
        client,
        lambda: client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
                [lsp.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text)],
            )
        ),
    )
    assert spans(client.diagnostics[uri]) == [("ACME101", 3, 0, 3), ("ACME101", 3, 16, 19)]

    hover = await client.text_document_hover_async(
        lsp.HoverParams(lsp.TextDocumentIdentifier(uri), lsp.Position(3, 17))
    )
    assert "ACME101 acme-textspeak" in hover.contents.value
    assert "careless in a brand voice" in hover.contents.value  # the rule's rationale
    assert await client.text_document_hover_async(
        lsp.HoverParams(lsp.TextDocumentIdentifier(uri), lsp.Position(3, 8))
    ) is None  # fmt: skip

    # Another edit: type a new "pls" at the end of the line.
    await diagnostics_after(
        client,
        lambda: client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(uri=uri, version=3),
                [
                    lsp.TextDocumentContentChangePartial(
                        range=lsp.Range(lsp.Position(3, 32), lsp.Position(3, 32)), text=" pls"
                    )
                ],  # fmt: skip
            )
        ),
    )
    assert spans(client.diagnostics[uri])[-1] == ("ACME101", 3, 33, 36)

    # The team raises the rule to an error: the server re-reads its config and re-lints.
    (tmp_path / "engagelint.toml").write_text(CONFIG + '\n[rules.acme-textspeak]\nseverity = "error"\n')
    await diagnostics_after(
        client,
        lambda: client.workspace_did_change_watched_files(
            lsp.DidChangeWatchedFilesParams(
                [lsp.FileEvent((tmp_path / "engagelint.toml").as_uri(), lsp.FileChangeType.Changed)]
            )
        ),
    )
    assert {d.severity for d in client.diagnostics[uri]} == {lsp.DiagnosticSeverity.Error}


@pytest.mark.asyncio
async def test_neovim_gets_utf32_positions(client: LanguageClient, tmp_path: Path):
    draft = make_content(tmp_path)
    result = await session(client, "neovim@v0.11.0", tmp_path)
    assert result.capabilities.position_encoding == lsp.PositionEncodingKind.Utf32
    uri = draft.as_uri()
    await diagnostics_after(
        client,
        lambda: client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(
                lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=DRAFT)
            )
        ),
    )
    # Code points: the emoji counts once.
    assert spans(client.diagnostics[uri])[-1] == ("ACME101", 3, 28, 29)
