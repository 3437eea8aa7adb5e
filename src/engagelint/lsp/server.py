"""The engagelint language server (pygls): diagnostics, quick fixes and rule help in the editor.

- Diagnostics on open, change and save, with exact ranges. Our columns count code points; LSP
  counts UTF-16 code units unless the client agrees to UTF-32, which we prefer when offered
  (the conversion goes through pygls's position codec either way, so emoji never shift ranges).
- Quick-fix code actions for findings that carry a fix, and "fix all" for the document.
- Hover over a flagged span shows the rule's summary and rationale with a link to its docs.
- Bursts of edits are debounced: typing 20 characters quickly is one lint, after the last.
- Pull diagnostics (``textDocument/diagnostic``) for clients that ask instead of listening.
- "Disable for this line" / "disable in this file" code actions (Markdown drafts).
- Findings across drafts (near-duplicates, cadence, promotion ratio...) come from a lint of the
  whole workspace, with the cache, on open and on save, so the editor shows what the CLI shows.
- The process stays up between edits: the spaCy pipeline and rule registry are cached, and the
  config is cached per file and re-read when its modification time changes.
- Untrusted input never takes it down: a document over ``max_file_size`` gets one diagnostic
  instead of being linted, a message over ``MAX_MESSAGE`` bytes is skipped in bounded memory
  (whatever its ``Content-Length`` says), and a request whose params do not fit its method gets
  a JSON-RPC error response (the client would otherwise wait forever).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.io_ import StdinAsyncReader, StdoutWriter, run_async
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from engagelint import rule_texts
from engagelint._version import __version__
from engagelint.i18n import N_, in_language
from engagelint.models import Edit, Severity, Violation

log = logging.getLogger(__name__)

SOURCE = "engagelint"
# Seconds without a new edit before a changed document is linted.
DEBOUNCE_SECONDS = float(os.environ.get("ENGAGELINT_LSP_DEBOUNCE", "0.25"))
DISABLE_KIND = "quickfix.engagelint.disable"
MARKDOWN = (".md", ".markdown")
CONFIG_NAMES = ("engagelint.toml", ".engagelint.toml", "pyproject.toml")
SEVERITIES = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}


# The largest JSON-RPC message read: a document at the default max_file_size (10 MiB), JSON-escaped.
MAX_MESSAGE = 64 * 1024 * 1024
SKIPPED = "$/engagelint/skippedMessage"
_DISCARD_CHUNK = 1 << 20


class BoundedStdinReader(StdinAsyncReader):
    """Reads message bodies of at most ``MAX_MESSAGE`` bytes. A longer one is read in chunks and
    dropped (the next message still starts where it should); its ``Content-Length`` is never
    allocated at once, so a header claiming 10^20 bytes cannot crash the server."""

    def readexactly(self, n: int):
        if n <= MAX_MESSAGE:
            return super().readexactly(n)
        return self.loop.run_in_executor(self.executor, self._skip, n)

    def _skip(self, n: int) -> bytes:
        left = n
        while left > 0:
            chunk = self.stdin.read(min(left, _DISCARD_CHUNK))
            if not chunk:
                return b""  # end of input: the server stops as on any closed stream
            left -= len(chunk)
        # Handed to the protocol like any message: the main loop tells the client (SKIPPED).
        return json.dumps({"jsonrpc": "2.0", "method": SKIPPED, "params": {"bytes": n}}).encode()


class EngagelintProtocol(LanguageServerProtocol):
    """Prefers UTF-32 positions (our native unit) whenever the client offers them."""

    def structure_message(self, data):
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            msg_id = data.get("id")
            if "method" in data and isinstance(msg_id, (int, str)) and not isinstance(msg_id, bool):
                self._send_response(msg_id, error=exc.to_response_error())  # a request waits for an answer
            raise

    @lsp_method(lsp.INITIALIZE)
    def lsp_initialize(self, params: lsp.InitializeParams):
        general = params.capabilities.general
        offered = list(general.position_encodings or []) if general else []
        if lsp.PositionEncodingKind.Utf32 in offered:
            offered.remove(lsp.PositionEncodingKind.Utf32)
            general.position_encodings = [lsp.PositionEncodingKind.Utf32, *offered]
        return (yield from super().lsp_initialize(params))


@dataclass
class _CachedConfig:
    path: Path | None
    mtime_ns: int
    config: Any


class EngagelintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "engagelint",
            __version__,
            text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental,
            protocol_cls=EngagelintProtocol,
        )
        self._configs: dict[Path, _CachedConfig] = {}
        self.results: dict[str, list[Violation]] = {}
        # `engagelint lsp --now` (or ENGAGELINT_NOW) pins the clock; otherwise each lint reads it.
        self.now = None
        self._pending: dict[str, asyncio.TimerHandle] = {}
        self.lint_count = 0  # lints run (the debounce test reads it through a custom request)
        # Findings of cross-draft rules from the last workspace lint, by file path.
        self.workspace_findings: dict[str, list[Violation]] | None = None
        self._corpus_codes: set[str] = set()

    # -- configuration -------------------------------------------------------------------
    def language_for(self, path: Path) -> str:
        """The language of engagelint's own words (code action titles) for this draft: ``messages``, the
        locale's language for ``auto``; English when the config cannot be read (its error is shown)."""
        from engagelint import i18n
        from engagelint.config import ConfigError

        try:
            return i18n.resolve(self.config_for(path).messages)
        except ConfigError:
            return "en"

    def config_for(self, path: Path):
        """The config for a draft, re-read only when the config file changed on disk."""
        from engagelint.config import load_config
        from engagelint.config.loader import find_config

        found = find_config(path)
        mtime = found.stat().st_mtime_ns if found is not None else 0
        key = found or Path("<defaults>")
        cached = self._configs.get(key)
        if cached is None or cached.mtime_ns != mtime:
            config = load_config(config_path=found) if found else load_config(start=path)
            cached = self._configs[key] = _CachedConfig(found, mtime, config)
            log.info("engagelint: loaded config %s", found or "(defaults)")
        return cached.config

    def rule_info(self, code: str, path: Path):
        from engagelint.rules.registry import registry_for

        config = self.config_for(path)
        rule = registry_for(config).get(code)
        return rule.info if rule else None

    # -- linting -------------------------------------------------------------------------
    def compute(self, doc: TextDocument) -> list[Violation]:
        """Lint the document's current text; cross-draft findings from the workspace lint."""
        from engagelint.api import lint_text
        from engagelint.config import ConfigError

        self.cancel_pending(doc.uri)
        path = document_path(doc.uri)
        if path.name in CONFIG_NAMES:
            return []  # the config itself is not a draft (saving it re-lints the open drafts)
        self.lint_count += 1
        try:
            config = self.config_for(path)
            source = doc.source
            size = len(source.encode("utf-8", "surrogatepass"))
            if size > config.max_file_size:
                self.results[doc.uri] = []
                return [too_large(path, size, config.max_file_size, config.messages)]
            result = lint_text(source, path=str(path), config=config, now=self.now)
        except ConfigError as exc:
            self.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Error, f"engagelint: {exc}"))
            self.results[doc.uri] = []
            return []
        violations = result.violations
        if self.workspace_findings is not None and self._in_workspace(path):
            own = [v for v in violations if v.code not in self._corpus_codes]
            violations = sorted(
                own + self.workspace_findings.get(os.path.abspath(path), []), key=Violation.sort_key
            )
        self.results[doc.uri] = violations
        return violations

    def lint(self, doc: TextDocument) -> None:
        violations = self.compute(doc)
        diagnostics = [to_diagnostic(doc, v) for v in violations]
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(doc.uri, diagnostics, doc.version)
        )

    def lint_soon(self, uri: str) -> None:
        """Lint after DEBOUNCE_SECONDS without another change to this document."""
        self.cancel_pending(uri)

        def run() -> None:
            self._pending.pop(uri, None)
            if uri in self.workspace.text_documents:
                self.lint(self.workspace.get_text_document(uri))

        self._pending[uri] = asyncio.get_running_loop().call_later(DEBOUNCE_SECONDS, run)

    def cancel_pending(self, uri: str) -> None:
        handle = self._pending.pop(uri, None)
        if handle is not None:
            handle.cancel()

    def relint_all(self) -> None:
        for uri in list(self.results):
            if uri in self.workspace.text_documents:
                self.lint(self.workspace.get_text_document(uri))

    # -- the workspace -------------------------------------------------------------------
    def workspace_root(self) -> Path | None:
        root = self.workspace.root_path
        return Path(root) if root else None

    def _in_workspace(self, path: Path) -> bool:
        root = self.workspace_root()
        return root is not None and Path(os.path.abspath(path)).is_relative_to(root.resolve())

    def lint_workspace(self) -> None:
        """Lint every draft of the workspace (as `engagelint ROOT`, with the cache) and keep the
        findings of cross-draft rules; open documents are then re-published."""
        from engagelint.api import lint_paths
        from engagelint.config import ConfigError
        from engagelint.rules.registry import registry_for

        root = self.workspace_root()
        if root is None:
            return
        try:
            config = self.config_for(root / "engagelint.toml")
            result = lint_paths([str(root)], config=config, cache=True, now=self.now)
            registry = registry_for(config)
        except (ConfigError, OSError) as exc:
            log.warning("engagelint: workspace lint failed: %s", exc)
            return
        self._corpus_codes = {code for code, r in registry.rules.items() if r.info.scope == "corpus"}
        found: dict[str, list[Violation]] = {}
        for v in result.violations:
            if v.code in self._corpus_codes:
                found.setdefault(os.path.abspath(v.path), []).append(v)
        self.workspace_findings = found


def too_large(path: Path, size: int, limit: int, messages: str = "en") -> Violation:
    """One finding instead of a lint: analysing megabytes would take gigabytes."""
    from engagelint import i18n
    from engagelint.finding_messages import translate

    message = translate(
        f"document is {size / 1048576:.1f} MiB, over max_file_size ({limit / 1048576:.1f} MiB); not linted",
        i18n.resolve(messages),
    )
    return Violation(str(path), 1, 1, 1, 1, "EL005", "file-skipped", "syntax", Severity.WARNING, message)


def document_path(uri: str) -> Path:
    fs = to_fs_path(uri)
    return Path(fs) if fs else Path.cwd() / "untitled.md"


def to_range(doc: TextDocument, line: int, column: int, end_line: int, end_column: int) -> lsp.Range:
    """1-based code-point columns -> 0-based positions in the client's units."""
    codec, lines = doc.position_codec, doc.lines
    start = codec.position_to_client_units(lines, lsp.Position(line - 1, column - 1))
    end = codec.position_to_client_units(lines, lsp.Position(end_line - 1, end_column - 1))
    return lsp.Range(start, end)


def rule_docs_url(code: str) -> str:
    from engagelint.formatters.sarif import rule_docs_url as url

    return url(code)


def to_diagnostic(doc: TextDocument, v: Violation) -> lsp.Diagnostic:
    return lsp.Diagnostic(
        range=to_range(doc, v.line, v.column, v.end_line, v.end_column),
        message=v.message,
        severity=SEVERITIES[v.severity],
        code=v.code,
        code_description=lsp.CodeDescription(href=rule_docs_url(v.code)),
        source=SOURCE,
        data={"name": v.name, "fixable": v.fix is not None},
    )


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    def key(p: lsp.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def text_edit(doc: TextDocument, e: Edit) -> lsp.TextEdit:
    loc = e.location
    return lsp.TextEdit(to_range(doc, loc.line, loc.column, loc.end_line, loc.end_column), e.content)


def fix_edits(doc: TextDocument, v: Violation) -> list[lsp.TextEdit]:
    return [text_edit(doc, e) for e in v.fix.edits] if v.fix is not None else []


server = EngagelintServer()


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: EngagelintServer, params: lsp.DidOpenTextDocumentParams) -> None:
    if ls.workspace_findings is None:
        ls.lint_workspace()
    ls.lint(ls.workspace.get_text_document(params.text_document.uri))


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: EngagelintServer, params: lsp.DidChangeTextDocumentParams) -> None:
    ls.lint_soon(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: EngagelintServer, params: lsp.DidSaveTextDocumentParams) -> None:
    ls.lint_workspace()  # the saved draft may now duplicate, or no longer duplicate, another one
    if document_path(params.text_document.uri).name in CONFIG_NAMES:
        ls.relint_all()  # the config changed: every open draft may have new findings
    else:
        ls.relint_all()
        ls.lint(ls.workspace.get_text_document(params.text_document.uri))


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: EngagelintServer, params: lsp.DidCloseTextDocumentParams) -> None:
    ls.cancel_pending(params.text_document.uri)
    ls.results.pop(params.text_document.uri, None)
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(params.text_document.uri, []))


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: EngagelintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    ls.lint_workspace()
    ls.relint_all()


@server.feature(
    lsp.TEXT_DOCUMENT_DIAGNOSTIC,
    lsp.DiagnosticOptions(identifier=SOURCE, inter_file_dependencies=True, workspace_diagnostics=False),
)
def pull_diagnostics(ls: EngagelintServer, params: lsp.DocumentDiagnosticParams):
    """Diagnostics on request (LSP 3.17 pull model): the document as it is now, debounce skipped."""
    doc = ls.workspace.get_text_document(params.text_document.uri)
    if ls.workspace_findings is None:
        ls.lint_workspace()
    items = [to_diagnostic(doc, v) for v in ls.compute(doc)]
    return lsp.RelatedFullDocumentDiagnosticReport(items=items)


@server.command("engagelint.lintCount")
def lint_count(ls: EngagelintServer, *args) -> int:
    """How many lints ran: lets a client (and the tests) see that bursts of edits are debounced."""
    return ls.lint_count


@server.feature(
    lsp.TEXT_DOCUMENT_CODE_ACTION,
    lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, DISABLE_KIND, lsp.CodeActionKind.SourceFixAll]
    ),
)
def code_action(ls: EngagelintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    uri = params.text_document.uri
    doc = ls.workspace.get_text_document(uri)
    fixable = [v for v in ls.results.get(uri, []) if v.fix is not None]
    lang = ls.language_for(document_path(uri))
    actions: list[lsp.CodeAction] = disable_actions(doc, ls.results.get(uri, []), params.range, lang)
    for v in fixable:
        diagnostic = to_diagnostic(doc, v)
        if not _overlaps(diagnostic.range, params.range):
            continue
        actions.append(
            lsp.CodeAction(
                title=f"{v.fix.message} ({v.code})",
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                is_preferred=True,
                edit=lsp.WorkspaceEdit(changes={uri: fix_edits(doc, v)}),
            )
        )
    if fixable:
        from engagelint.fixes import plan_edits

        # The same plan as `engagelint --fix`: overlapping edits wait for the next round.
        edits = [text_edit(doc, e) for e in plan_edits(fixable)]
        actions.append(
            lsp.CodeAction(
                title=in_language(lang, N_("Fix all auto-fixable engagelint problems")),
                kind=lsp.CodeActionKind.SourceFixAll,
                edit=lsp.WorkspaceEdit(changes={uri: edits}),
            )
        )
    return actions


def disable_actions(
    doc: TextDocument, violations: list[Violation], where: lsp.Range, lang: str = "en"
) -> list[lsp.CodeAction]:
    """Suppression comments a writer can add instead of changing the text (Markdown only: an
    HTML comment is invisible when the post is rendered)."""
    if document_path(doc.uri).suffix.lower() not in MARKDOWN:
        return []
    from engagelint.sources.frontmatter import split_front_matter

    fm = split_front_matter(doc.source)
    body_line = doc.source.count("\n", 0, fm.body_start) if fm.present else 0
    out: list[lsp.CodeAction] = []
    seen: set[tuple[str, int]] = set()
    for v in violations:
        diagnostic = to_diagnostic(doc, v)
        if not _overlaps(diagnostic.range, where) or v.line - 1 < body_line or (v.code, v.line) in seen:
            continue
        seen.add((v.code, v.line))
        line = v.line - 1
        end = len(doc.lines[line].rstrip("\r\n")) if line < len(doc.lines) else 0
        at_end = doc.position_codec.position_to_client_units(doc.lines, lsp.Position(line, end))
        comment = f" <!-- engagelint-disable-line {v.code} -->"
        words = {"code": v.code, "name": v.name}
        out.append(
            lsp.CodeAction(
                title=in_language(lang, N_("Disable %(code)s (%(name)s) for this line")) % words,
                kind=DISABLE_KIND,
                diagnostics=[diagnostic],
                edit=lsp.WorkspaceEdit(changes={doc.uri: [lsp.TextEdit(lsp.Range(at_end, at_end), comment)]}),
            )
        )
        top = lsp.Position(body_line, 0)
        out.append(
            lsp.CodeAction(
                title=in_language(lang, N_("Disable %(code)s (%(name)s) in this file")) % words,
                kind=DISABLE_KIND,
                diagnostics=[diagnostic],
                edit=lsp.WorkspaceEdit(
                    changes={
                        doc.uri: [
                            lsp.TextEdit(lsp.Range(top, top), f"<!-- engagelint-disable {v.code} -->\n")
                        ]
                    }
                ),
            )
        )
    return out


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: EngagelintServer, params: lsp.HoverParams) -> lsp.Hover | None:
    uri = params.text_document.uri
    doc = ls.workspace.get_text_document(uri)
    here = lsp.Range(params.position, params.position)
    lang = ls.language_for(document_path(uri))
    parts = []
    for v in ls.results.get(uri, []):
        rng = to_range(doc, v.line, v.column, v.end_line, v.end_column)
        if not _overlaps(rng, here):
            continue
        info = ls.rule_info(v.code, document_path(uri))
        lines = [f"**{v.code} {v.name}** ({v.severity}): {v.message}"]
        if info is not None:
            lines += [
                "",
                rule_texts.summary(info, lang),
                "",
                " ".join(rule_texts.rationale(info, lang).split()),
            ]
        docs = in_language(lang, N_("Rule documentation"))
        lines += ["", f"[{docs}]({rule_docs_url(v.code)})"]
        parts.append("\n".join(lines))
    if not parts:
        return None
    return lsp.Hover(contents=lsp.MarkupContent(lsp.MarkupKind.Markdown, "\n\n---\n\n".join(parts)))


@server.feature(SKIPPED)
def skipped_message(ls: EngagelintServer, params) -> None:
    n = params.bytes if hasattr(params, "bytes") else params.get("bytes", 0)
    ls.window_log_message(
        lsp.LogMessageParams(
            lsp.MessageType.Error, f"engagelint: ignored a message of {n:,} bytes (limit {MAX_MESSAGE:,})"
        )
    )


def serve(now=None) -> None:
    """Run over stdio until the client disconnects (pygls's ``start_io`` with a bounded reader);
    ``now`` pins the clock of every lint."""
    import sys

    server.now = now
    logging.basicConfig(level=os.environ.get("ENGAGELINT_LSP_LOG", "WARNING").upper())

    server._stop_event = threading.Event()
    reader = BoundedStdinReader(sys.stdin.buffer, server.thread_pool)
    server.protocol.set_writer(StdoutWriter(sys.stdout.buffer))
    try:
        asyncio.run(run_async(stop_event=server._stop_event, reader=reader, protocol=server.protocol,
                              logger=log, error_handler=server.report_server_error))  # fmt: skip
    except BrokenPipeError:
        log.error("engagelint: the client closed the connection")
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.shutdown()
