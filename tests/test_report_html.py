"""``engagelint report``: the HTML file rendered by a real headless Chromium (Debian ``chromium``).

Checks that the page parses and paints (a screenshot whose pixels contain the header and chart
colours), that it is self-contained (no network references), and that the counts are right.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from engagelint.cli import cli

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

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
DRAFTS = {
    "en/launch.md": "---\nplatform: [x, linkedin]\nlang: en\n---\nthx for coming! pls share <our> post, u rock\n",
    "fr/lancement.md": "---\nplatform: mastodon\nlang: fr\n---\nMerci pls pour votre soutien & vos partages.\n",
    "en/clean.md": "---\nplatform: x\nlang: en\n---\nThank you for coming to the launch.\n",
}


@pytest.fixture
def report(tmp_path: Path) -> Path:
    (tmp_path / "packs" / "acme").mkdir(parents=True)
    (tmp_path / "packs" / "acme" / "textspeak.yml").write_text(PACK_RULE)
    (tmp_path / "engagelint.toml").write_text('extend = ["packs/acme"]\n')
    for name, text in DRAFTS.items():
        (tmp_path / "drafts" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "drafts" / name).write_text(text)
    out = tmp_path / "report.html"
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        res = CliRunner().invoke(cli, ["report", "drafts", "-o", str(out), "--select", "ACME101"])
    finally:
        os.chdir(old)
    assert res.exit_code == 0, res.output
    return out


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    if CHROMIUM is None:
        pytest.skip(
            "Chromium is not installed (Debian package 'chromium'); cannot check the report in a browser"
        )
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
             f"--user-data-dir={tmp_path / 'chromium-profile'}"]  # fmt: skip
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=120, check=True)


class Dom(HTMLParser):
    """The elements of the DOM Chromium serialised, with each chart's bars grouped by chart."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.bars: dict[str, dict[str, int]] = {}
        self.text: list[str] = []
        self._chart: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a))
        if tag == "figure":
            self._chart = a.get("data-chart")
            self.bars[self._chart] = {}
        elif tag == "g" and a.get("class") == "bar":
            self.bars[self._chart][a["data-label"]] = int(a["data-value"])

    def handle_data(self, data):
        self.text.append(data)

    def find(self, tag: str) -> list[dict[str, str]]:
        return [a for t, a in self.elements if t == tag]


def test_report_renders_in_chromium_with_charts_and_counts(report: Path, tmp_path: Path):
    html = report.read_text(encoding="utf-8")
    # Nothing is loaded (links to the rule docs are only followed when clicked).
    assert not re.search(r"""src=["']?(https?:)?//|<link\b|url\(""", html), (
        "the report must not load anything"
    )

    dumped = chromium(tmp_path, "--dump-dom", report.as_uri()).stdout
    dom = Dom()
    dom.feed(dumped)
    assert set(dom.bars) == {"category", "rule", "platform", "language"}
    assert len(dom.find("svg")) == 4

    cards = dict(re.findall(r'data-stat="(\w+)"><span class="n">(\d+)</span>', dumped))
    assert cards == {"files": "3", "posts": "3", "findings": "4", "error": "0", "warning": "4", "info": "0"}
    # 4 findings: "thx", "pls", "u" in the English draft, "pls" in the French one.
    assert dom.bars["category"]["informality"] == 4 and sum(dom.bars["category"].values()) == 4
    assert dom.bars["rule"] == {"ACME101 acme-textspeak": 4}
    # The English post is for X and LinkedIn: its 3 findings count for both.
    assert dom.bars["platform"] == {"x": 3, "linkedin": 3, "mastodon": 1}
    assert dom.bars["language"] == {"English": 3, "French": 1}

    sections = {a["data-path"]: int(a["data-findings"]) for a in dom.find("section") if "data-path" in a}
    assert sections == {"drafts/en/launch.md": 3, "drafts/fr/lancement.md": 1}
    marks = dom.find("mark")
    assert len(marks) == 4 and {m["class"] for m in marks} == {"warning"}
    assert " share <our> post, " in "".join(dom.text)  # escaped, shown as written


def test_report_paints_header_and_bars(report: Path, tmp_path: Path):
    png = tmp_path / "report.png"
    chromium(tmp_path, f"--screenshot={png}", "--window-size=1200,1400", report.as_uri())
    width, height, pixels = read_png(png.read_bytes())
    assert (width, height) == (1200, 1400)
    colours = set(pixels)
    assert (0x1F, 0x3B, 0x2D) in colours  # the header band
    assert (0x2F, 0x6F, 0x4F) in colours  # category bars
    assert (0x3F, 0x7F, 0xBF) in colours  # rule bars


def read_png(data: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Decode an 8-bit RGB/RGBA, non-interlaced PNG (what Chromium writes) into RGB pixels."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride = zlib.decompress(idat), width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        ftype, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 0xFF
            elif ftype == 2:
                line[i] = (line[i] + b) & 0xFF
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        prev = line
    pixels = [(r[x], r[x + 1], r[x + 2]) for r in rows for x in range(0, stride, bpp)]
    return width, height, pixels
