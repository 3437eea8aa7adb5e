"""Load a numpy ``.npz`` archive that may come from a pull request, without trusting its sizes.

A committed index or vectors file can be a deflate bomb (1.9 MB that inflates to 3.9 GiB) or
declare arrays larger than its data. Before anything is inflated, every member's declared size
(zip central directory) and every array's declared shape (npy header) are checked against a cap;
``zipfile`` never inflates a member past its declared size, so the caps bound memory.
"""

from __future__ import annotations

import io
import math
import zipfile
from typing import IO

import numpy as np

MAX_MEMBERS = 64


class NpzRefused(ValueError):
    """The archive is over the caps or inconsistent; the message says which, in one line."""


def _mib(n: int) -> str:
    return f"{n / 1048576:.0f} MiB" if n >= 1048576 else f"{n / 1024:.0f} KiB"


def load_npz(
    source: bytes | str | IO[bytes], max_bytes: int, stored_only: bool = False
) -> dict[str, np.ndarray]:
    """The arrays of an ``.npz`` (no pickles), or NpzRefused when it declares more than
    ``max_bytes`` of data in total, an array larger than its member, or (``stored_only``) a
    compressed member."""
    if isinstance(source, bytes):
        source = io.BytesIO(source)
    try:
        with zipfile.ZipFile(source) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_MEMBERS:
                raise NpzRefused(f"has {len(infos)} members (at most {MAX_MEMBERS})")
            declared = sum(i.file_size for i in infos)
            if declared > max_bytes:
                raise NpzRefused(f"declares {_mib(declared)} of arrays, over the {_mib(max_bytes)} limit")
            if stored_only and any(i.compress_type != zipfile.ZIP_STORED for i in infos):
                raise NpzRefused("has compressed members (engagelint writes them uncompressed)")
            arrays = {}
            for info in infos:
                with zf.open(info) as fh:
                    _check_header(fh, info)
                with zf.open(info) as fh:
                    name = info.filename[:-4] if info.filename.endswith(".npy") else info.filename
                    arrays[name] = np.lib.format.read_array(fh, allow_pickle=False)
            return arrays
    except zipfile.BadZipFile as exc:
        raise NpzRefused(f"not a valid .npz ({exc})") from None


def _check_header(fh: IO[bytes], info: zipfile.ZipInfo) -> None:
    version = np.lib.format.read_magic(fh)
    if version == (1, 0):
        shape, _, dtype = np.lib.format.read_array_header_1_0(fh)
    elif version == (2, 0):
        shape, _, dtype = np.lib.format.read_array_header_2_0(fh)
    else:
        raise NpzRefused(f"{info.filename}: unsupported npy format {version}")
    if dtype.hasobject:
        raise NpzRefused(f"{info.filename}: holds Python objects (never unpickled)")
    nbytes = math.prod(shape) * dtype.itemsize
    if nbytes > info.file_size:
        raise NpzRefused(f"{info.filename}: declares {_mib(nbytes)} in a {_mib(info.file_size)} member")
