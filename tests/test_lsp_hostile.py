"""The language server against a hostile or broken client, over raw stdio framing.

pytest-lsp's client always sends well-formed messages; these tests write the bytes themselves:
requests whose params do not fit, a message far over the size limit, a ``Content-Length`` of
10^20 bytes, and a 40 MB document (linting it took 2.3 GiB).
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


class RawClient:
    def __init__(self, cwd: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "engagelint", "lsp"],
            cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        self.messages: list[dict] = []
        self.arrived = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
                if line in (b"\r\n", b"\n"):
                    break
            message = json.loads(out.read(length))
            with self.arrived:
                self.messages.append(message)
                self.arrived.notify_all()

    def send_raw(self, header_length: int, body: bytes) -> None:
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % header_length + body)
        self.proc.stdin.flush()

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.send_raw(len(body), body)

    def wait_for(self, predicate, timeout: float = 120) -> dict:
        with self.arrived:
            ok = self.arrived.wait_for(lambda: any(predicate(m) for m in self.messages), timeout)
        assert ok, f"no such message; got {[m.get('method', m.get('id')) for m in self.messages]}"
        return next(m for m in self.messages if predicate(m))

    def initialize(self, root: Path) -> None:
        self.send({"id": 1, "method": "initialize", "params": {"capabilities": {}, "rootUri": root.as_uri()}})
        self.wait_for(lambda m: m.get("id") == 1)
        self.send({"method": "initialized", "params": {}})

    def peak_rss_mib(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise AssertionError("no VmHWM")


@pytest.fixture
def client(tmp_path: Path):
    c = RawClient(tmp_path)
    c.initialize(tmp_path)
    yield c
    if c.proc.poll() is None:
        c.proc.kill()
    c.proc.wait(timeout=30)


def test_request_with_invalid_params_gets_an_error_response(client: RawClient):
    client.send({"id": 7, "method": "textDocument/hover", "params": {"textDocument": 5}})
    reply = client.wait_for(lambda m: m.get("id") == 7)
    assert reply["error"]["code"] == -32602  # Invalid Params
    client.send({"id": 8, "method": "shutdown"})  # still serving
    assert "error" not in client.wait_for(lambda m: m.get("id") == 8)


def test_a_message_over_the_limit_is_skipped_and_the_next_one_served(client: RawClient):
    body = b" " * (70 * 1024 * 1024)  # over the 64 MiB message limit
    client.send_raw(len(body), body)
    log = client.wait_for(lambda m: m.get("method") == "window/logMessage")
    assert "ignored a message of 73,400,320 bytes" in log["params"]["message"]
    client.send({"id": 9, "method": "shutdown"})
    assert "error" not in client.wait_for(lambda m: m.get("id") == 9)
    assert client.peak_rss_mib() < 500  # skipped in chunks, never read whole


def test_a_huge_content_length_does_not_crash_the_server(client: RawClient):
    client.send_raw(10**20, b'{"jsonrpc": "2.0", "id": 3, "method": "shutdown"}')
    client.proc.stdin.close()  # the claimed bytes never come: the stream ends
    assert client.proc.wait(timeout=60) == 0
    stderr = client.proc.stderr.read().decode()
    assert "Traceback" not in stderr, stderr


def test_a_document_over_max_file_size_gets_one_diagnostic(client: RawClient, tmp_path: Path):
    text = "---\nplatform: x\n---\n" + "thx u guys, pls share the news with everyone you know\n\n" * 800_000
    assert len(text) > 40_000_000
    uri = (tmp_path / "huge.md").as_uri()
    client.send({"method": "textDocument/didOpen",
                 "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}})  # fmt: skip
    published = client.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    assert [(d["code"], d["message"]) for d in published["params"]["diagnostics"]] == [
        ("EL005", "document is 42.0 MiB, over max_file_size (10.0 MiB); not linted")
    ]
    # Linting it took 2.3 GiB; holding it (JSON body, parsed text, workspace copy) takes a few hundred MiB.
    assert client.peak_rss_mib() < 1024
