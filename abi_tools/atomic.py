"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import contextlib
import os


def write_bytes_atomic(path: str, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename it into place."""
    # Imported here: tempfile (with random and shutil) is 4 ms of a start-up
    # that usually writes nothing.
    import tempfile

    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".abi-tools-", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_text_atomic(path: str, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))
