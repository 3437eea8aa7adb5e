"""Bytes -> text, refusing what is not a text draft (binary, undecodable) with a clear reason."""

from __future__ import annotations

import codecs
from dataclasses import dataclass


class DecodeError(Exception):
    """The file cannot be read as text; the message says why in one line."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16-le", "utf-16-be" (UTF-16 always with its BOM)
    newline: str  # "\r\n" when the file uses CRLF, else "\n"


_BINARY_SIGNATURES = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF")


def decode(data: bytes) -> Decoded:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        try:
            text = data[2:].decode(encoding)
        except UnicodeDecodeError as exc:
            raise DecodeError(f"invalid UTF-16 ({exc.reason} at byte {exc.start + 2})") from None
        return Decoded(text, encoding, _newline(text))
    if data.startswith(_BINARY_SIGNATURES) or b"\x00" in data[:8192]:
        raise DecodeError("binary file (not a text draft)")
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DecodeError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} on line {line}); save the file as UTF-8"
        ) from None
    return Decoded(text, encoding, _newline(text))


def _newline(text: str) -> str:
    i = text.find("\n")
    return "\r\n" if i > 0 and text[i - 1] == "\r" else "\n"


def encode(text: str, encoding: str) -> bytes:
    """Re-encode text exactly as it was read (BOM included)."""
    if encoding == "utf-16-le":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if encoding == "utf-16-be":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    return text.encode(encoding)
