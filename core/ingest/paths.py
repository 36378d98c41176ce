"""Files named on the command line: checked before they are opened, read no further than the limit.

A FIFO would block, /dev/zero never ends and a sparse file claims gigabytes, so the path's type
and size are looked at first (stat), and reading stops one byte past the size limit whatever the
file claims.
"""

from __future__ import annotations

import stat
from pathlib import Path

from core.ingest.readers import Limits, ReadError


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024 * 1024):.1f} GB" if n >= 1024**3 else f"{n / (1024 * 1024):.1f} MB"


_SPECIAL = {
    stat.S_IFDIR: "a folder", stat.S_IFIFO: "a named pipe", stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device", stat.S_IFSOCK: "a socket",
}  # fmt: skip


def read_path(path: Path, limits: Limits) -> bytes | ReadError:
    """The bytes of a regular file up to the size limit, or the one-sentence reason it can't be read."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return ReadError(f"No such file: {path}")
    except OSError as exc:
        return ReadError(f"The file can't be opened: {exc.strerror or exc}.")
    kind = _SPECIAL.get(stat.S_IFMT(info.st_mode))
    if kind or not stat.S_ISREG(info.st_mode):
        return ReadError(f"{path} is {kind or 'not a regular file'}, not a spreadsheet or CSV file.")
    def too_big(size: str) -> ReadError:
        return ReadError(f"The file is {size}, over the {_mb(limits.max_bytes)} limit: "
                         "split it or remove what is not evidence.")  # fmt: skip

    if info.st_size > limits.max_bytes:
        return too_big(_mb(info.st_size))
    try:
        with path.open("rb") as handle:
            data = handle.read(limits.max_bytes + 1)  # the size on disk may not be the truth
    except OSError as exc:
        return ReadError(f"The file can't be opened: {exc.strerror or exc}.")
    return too_big(f"over {_mb(limits.max_bytes)}") if len(data) > limits.max_bytes else data
