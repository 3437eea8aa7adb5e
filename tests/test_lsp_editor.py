"""The editor keeps up: debounced edits, pull diagnostics, "disable" code actions and findings
across the workspace's drafts, over stdio with a real LSP client (pytest-lsp)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

pytestmark = pytest.mark.slow

SERVER = [sys.executable, "-m", "engagelint", "lsp", "--now", "2026-11-01T10:00:00+00:00"]
CONFIG = 'select = ["EL101", "EL107", "EL701"]\n'
DRAFT = "---\nplatform: x\n---\nThx for reading our recycling guide!!! Three steps at home.\n"
TWIN = "---\nplatform: linkedin\n---\nOur refill stations open in Lyon on Saturday morning.\n"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


async def start(client: LanguageClient, root: Path) -> None:
    await client.initialize_session(
        lsp.InitializeParams(capabilities=client_capabilities("visual-studio-code"), root_uri=root.as_uri())
    )


async def open_and_wait(client: LanguageClient, path: Path) -> list[lsp.Diagnostic]:
    waiter = asyncio.ensure_future(client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS))
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri=path.as_uri(), language_id="markdown", version=1, text=path.read_text())
        )
    )
    await asyncio.wait_for(waiter, timeout=120)
    return client.diagnostics[path.as_uri()]


def project(root: Path) -> Path:
    (root / "engagelint.toml").write_text(CONFIG)
    (root / "drafts").mkdir()
    draft = root / "drafts" / "guide.md"
    draft.write_text(DRAFT)
    return draft


async def pull(client: LanguageClient, uri: str) -> list[lsp.Diagnostic]:
    report = await client.text_document_diagnostic_async(
        lsp.DocumentDiagnosticParams(lsp.TextDocumentIdentifier(uri))
    )
    return report.items


@pytest.mark.asyncio
async def test_twenty_quick_edits_are_one_lint(client: LanguageClient, tmp_path: Path):
    draft = project(tmp_path)
    await start(client, tmp_path)
    await open_and_wait(client, draft)
    before = await client.workspace_execute_command_async(lsp.ExecuteCommandParams("engagelint.lintCount"))
    uri = draft.as_uri()
    waiter = asyncio.ensure_future(client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS))
    for i, ch in enumerate(" pls thx!!! ok u"[:20].ljust(20, ".")):
        end = lsp.Position(3, 59 + i)
        client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(uri=uri, version=2 + i),
                [lsp.TextDocumentContentChangePartial(range=lsp.Range(end, end), text=ch)],
            )
        )
    await asyncio.wait_for(waiter, timeout=60)
    await asyncio.sleep(1.0)  # a second lint, if any, would run within the debounce delay
    after = await client.workspace_execute_command_async(lsp.ExecuteCommandParams("engagelint.lintCount"))
    assert after - before == 1
    # ...and that one lint saw the final text: the typed "thx" is flagged
    codes = sorted((d.code, d.range.start.character) for d in client.diagnostics[uri])
    assert ("EL101", 64) in codes and ("EL101", 0) in codes


@pytest.mark.asyncio
async def test_pull_diagnostics_and_disable_actions(client: LanguageClient, tmp_path: Path):
    draft = project(tmp_path)
    await start(client, tmp_path)
    uri = draft.as_uri()
    await open_and_wait(client, draft)
    items = await pull(client, uri)
    assert sorted((d.code, d.range.start.line, d.range.start.character) for d in items) == [
        ("EL101", 3, 0), ("EL107", 3, 35)
    ]  # fmt: skip
    textspeak = next(d for d in items if d.code == "EL101")
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri), textspeak.range, lsp.CodeActionContext([textspeak])
        )
    )
    titles = [a.title for a in actions if a.kind == "quickfix.engagelint.disable"]
    assert titles == ["Disable EL101 (textspeak) for this line", "Disable EL101 (textspeak) in this file"]

    # Apply "for this line" as the editor does, then ask again.
    line_action = next(a for a in actions if a.title.endswith("for this line"))
    (edit,) = line_action.edit.changes[uri]
    assert edit.new_text == " <!-- engagelint-disable-line EL101 -->" and edit.range.start == lsp.Position(
        3, 59
    )
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            [lsp.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text)],
        )
    )
    items = await pull(client, uri)
    assert [d.code for d in items] == ["EL107"], items

    file_action = next(
        a
        for a in await client.text_document_code_action_async(
            lsp.CodeActionParams(
                lsp.TextDocumentIdentifier(uri), items[0].range, lsp.CodeActionContext(items)
            )
        )
        if a.title == "Disable EL107 (repeated-punctuation) in this file"
    )
    (edit,) = file_action.edit.changes[uri]
    assert edit.range.start == lsp.Position(3, 0)  # below the front matter, which must stay first
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=3),
            [lsp.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text)],
        )
    )
    assert list(await pull(client, uri)) == []


@pytest.mark.asyncio
async def test_duplicates_across_the_workspace_show_in_the_editor(client: LanguageClient, tmp_path: Path):
    project(tmp_path)
    (tmp_path / "drafts" / "a.md").write_text(TWIN)  # never opened: only the workspace lint reads it
    (tmp_path / "drafts" / "b.md").write_text(TWIN)
    await start(client, tmp_path)
    diags = await open_and_wait(client, tmp_path / "drafts" / "b.md")
    dup = [d for d in diags if d.code == "EL701"]
    # as the CLI reports it: on the later draft, naming the earlier one
    assert len(dup) == 1 and "drafts/a.md:4" in dup[0].message, [d.message for d in diags]
    assert dup[0].range.start.line == 3


@pytest.mark.asyncio
async def test_messages_in_french_in_the_editor(client: LanguageClient, tmp_path: Path):
    draft = project(tmp_path)
    (tmp_path / "engagelint.toml").write_text('messages = "fr"\n' + CONFIG)
    await start(client, tmp_path)
    diags = await open_and_wait(client, draft)
    assert sorted(d.message for d in diags) == [
        "« !!! » répète la ponctuation ; un seul « ! » suffit",
        "« Thx » est du langage SMS ; écrivez « Thanks »",
    ]
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(draft.as_uri()), diags[0].range, lsp.CodeActionContext(diags)
        )
    )
    assert any(a.title.startswith("Remplacer «") for a in actions)
    hover = await client.text_document_hover_async(
        lsp.HoverParams(lsp.TextDocumentIdentifier(draft.as_uri()), lsp.Position(3, 1))
    )
    assert "**EL101 textspeak** (warning): « Thx » est du langage SMS" in hover.contents.value
    assert "Abréviations de messagerie à développement unique" in hover.contents.value  # the rule's summary
    assert "Le langage SMS paraît pressé et négligé" in hover.contents.value  # and its rationale
    assert "[Documentation de la règle](" in hover.contents.value


@pytest.mark.asyncio
async def test_platform_findings_and_their_actions_in_french_in_the_editor(
    client: LanguageClient, tmp_path: Path
):
    """A rule converted with the rest (EL304): its diagnostic, its fix and the disable actions in French."""
    (tmp_path / "engagelint.toml").write_text('messages = "fr"\nselect = ["EL304"]\n')
    draft = tmp_path / "post.md"
    draft.write_text(
        "---\nplatform: linkedin\nlang: fr\n---\nNotre **nouvelle** RefillBox arrive samedi à Lyon.\n"
    )
    await start(client, tmp_path)
    diags = await open_and_wait(client, draft)
    assert [d.message for d in diags] == [
        "« **…** » est publié tel quel : les astérisques restent visibles sur LinkedIn ; écrivez du texte simple"
    ]
    assert (diags[0].range.start.line, diags[0].range.start.character) == (4, 6)
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(draft.as_uri()), diags[0].range, lsp.CodeActionContext(diags)
        )
    )
    assert {a.title for a in actions} == {
        "Retirer les « ** » (EL304)",
        "Désactiver EL304 (markdown-markup) sur cette ligne",
        "Désactiver EL304 (markdown-markup) dans ce fichier",
        "Corriger tous les problèmes corrigeables automatiquement par engagelint",
    }
    pulled = await pull(client, draft.as_uri())
    assert [d.message for d in pulled] == [d.message for d in diags]
