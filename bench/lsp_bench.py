"""LSP latency over a real session: spawn ``engagelint lsp``, speak JSON-RPC over its stdio.

- Pull latency: after each edit of a 2 kB draft (``didChange``), the time until the answer to
  ``textDocument/diagnostic`` (pull diagnostics skip the debounce: this is the lint itself).
- Push after an edit: the time until ``publishDiagnostics`` (includes the server's debounce).
- Burst: 20 ``didChange`` sent back to back; how many lints ran (``engagelint.lintCount``) and
  the time from the first edit to the diagnostics of the last.
"""

from __future__ import annotations

import json
import os
import queue
import statistics
import subprocess
import threading
import time
from pathlib import Path


class Client:
    def __init__(self, argv: list[str], cwd: Path) -> None:
        self.proc = subprocess.Popen(
            argv, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.next_id = 0
        self.notifications: list[dict] = []
        self.inbox: queue.Queue = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        try:
            while True:
                self.inbox.put(self._read())
        except (EOFError, ValueError, OSError):
            self.inbox.put(None)

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read(self, timeout: float = 30) -> dict:
        msg = self.inbox.get(timeout=timeout)  # queue.Empty after ``timeout``
        if msg is None:
            raise EOFError("the language server closed its output")
        return msg

    def _read(self) -> dict:
        length = 0
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise EOFError("the language server closed its output")
            if line in (b"\r\n", b"\n"):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        return json.loads(self.proc.stdout.read(length))

    def request(self, method: str, params) -> dict:
        self.next_id += 1
        rid = self.next_id
        self.send({"id": rid, "method": method, "params": params})
        while True:
            msg = self.read()
            if msg.get("id") == rid and "method" not in msg:
                return msg
            if "method" in msg and "id" in msg:  # a request from the server: answer it empty
                self.send({"id": msg["id"], "result": None})
            elif "method" in msg:
                self.notifications.append(msg)

    def notify(self, method: str, params) -> None:
        self.send({"method": method, "params": params})

    def wait_diagnostics(self, uri: str, version: int | None = None, timeout: float = 30) -> dict:
        while True:
            msg = self.read(timeout)
            if msg.get("method") == "textDocument/publishDiagnostics" and msg["params"]["uri"] == uri:
                if version is None or msg["params"].get("version") in (None, version):
                    return msg
            elif "method" in msg and "id" in msg:
                self.send({"id": msg["id"], "result": None})

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
            self.proc.wait()


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]


def measure(exe: list[str], workdir: Path, draft: str, edits: int = 40) -> list[tuple[str, float, str]]:
    """(what, seconds, note) rows for results.md."""
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / "draft.md"
    path.write_text(draft, encoding="utf-8")
    uri = path.resolve().as_uri()
    client = Client([*exe, "lsp"], workdir)
    rows: list[tuple[str, float, str]] = []
    try:
        root = workdir.resolve().as_uri()
        client.request("initialize", {"processId": os.getpid(), "rootUri": root, "capabilities": {}})
        client.notify("initialized", {})
        doc = {"uri": uri, "languageId": "markdown", "version": 1, "text": draft}
        start = time.perf_counter()
        client.notify("textDocument/didOpen", {"textDocument": doc})
        client.wait_diagnostics(uri)
        rows.append(
            ("LSP: first diagnostics after didOpen (loads the pipeline)", time.perf_counter() - start, "")
        )
        version, text = 1, draft
        pulls, pushes = [], []
        for i in range(edits):
            version += 1
            text = text.replace("\n", f" edit{i}\n", 1) if i % 2 else text + f" Word{i}."
            change = {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}
            start = time.perf_counter()
            client.notify("textDocument/didChange", change)
            client.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
            pulls.append(time.perf_counter() - start)
        time.sleep(1.0)  # let any debounced push of the pull loop arrive, then drop it
        while not client.inbox.empty():
            client.inbox.get()
        for i in range(edits):
            version += 1
            text += f" More{i}."
            change = {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}
            start = time.perf_counter()
            client.notify("textDocument/didChange", change)
            client.wait_diagnostics(uri)
            pushes.append(time.perf_counter() - start)
        size = len(draft.encode())
        note = f"{edits} edits of a {size} B draft, median {statistics.median(pulls) * 1000:.0f} ms"
        rows.append(("LSP: pull diagnostics after an edit, p95", _p95(pulls), note))
        rows.append(("LSP: publishDiagnostics after an edit, p95 (incl. debounce)", _p95(pushes), ""))
        before = client.request("workspace/executeCommand", {"command": "engagelint.lintCount"})["result"]
        start = time.perf_counter()
        for _ in range(20):
            version += 1
            text += "x"
            change = {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}
            client.notify("textDocument/didChange", change)
        client.wait_diagnostics(uri, version)
        total = time.perf_counter() - start
        after = client.request("workspace/executeCommand", {"command": "engagelint.lintCount"})["result"]
        lints = (after or 0) - (before or 0)
        rows.append(
            ("LSP: burst of 20 quick edits, until the last one's diagnostics", total, f"{lints} lint(s)")
        )
    finally:
        client.close()
    return rows
