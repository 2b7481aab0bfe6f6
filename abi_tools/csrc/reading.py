"""Reading source files whole, as bytes: one file for scan_file(), a reused
buffer for the thousands a tree scan reads."""

from __future__ import annotations

import os


def read_file(path: str) -> bytes:
    # os.read with the size from fstat: no buffered-file objects, no over-allocation.
    fd = os.open(path, os.O_RDONLY)
    try:
        size = os.fstat(fd).st_size
        chunks = []
        while True:
            chunk = os.read(fd, max(size + 1, 65536))
            if not chunk:
                break
            chunks.append(chunk)
            if len(chunk) <= size:
                size -= len(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


class Reader:
    """Reads whole files into one buffer that is reused from file to file.

    A fresh bytes object per file cost a third more than the read itself on a
    whole tree (allocation and page faults for 1.3 GB), and most files are
    rejected by the prefilter without ever needing their own copy."""

    def __init__(self, size: int = 1 << 20) -> None:
        self.buf = bytearray(size)

    def read(self, path: str) -> tuple[int, int, int]:
        """(length, size, mtime_ns) of the file now in ``self.buf[:length]``."""
        fd = os.open(path, os.O_RDONLY)
        try:
            st = os.fstat(fd)
            if st.st_size >= len(self.buf):
                self.buf = bytearray(st.st_size + (1 << 20))
            n = os.readv(fd, [self.buf])
            # A short read before the size fstat gave, or a file that grew since:
            # read on until end of file, as a plain read() of it would.
            while 0 < n < st.st_size or n == len(self.buf):
                if n == len(self.buf):
                    grown = bytearray(2 * n)
                    grown[:n] = self.buf
                    self.buf = grown
                with memoryview(self.buf) as view:
                    k = os.readv(fd, [view[n:]])
                if not k:
                    break
                n += k
            return n, st.st_size, st.st_mtime_ns
        finally:
            os.close(fd)


def decode(data: bytes | bytearray, end: int) -> str:
    # Kernel source is UTF-8 with the odd Latin-1 byte in a comment: never fail on it.
    with memoryview(data) as view:
        return str(view[:end], "utf-8", "replace")
