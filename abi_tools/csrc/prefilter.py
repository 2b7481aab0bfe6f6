"""Which files are worth scanning: a byte-level test run on every file of a tree.

Nine files in ten of a kernel tree declare nothing, and the whole-tree scan
reads all 1.3 GB; this test is the only thing that looks at most of those bytes,
so it is written for speed: a substring search for the two literals every
declaration macro's name contains, then a look at the one word around each
occurrence.  Files that pass are decoded and scanned in full (scanner.py).
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable

from abi_tools.csrc.macros import MACROS

#: Every declaration macro's name contains one of these.
PREFILTER: tuple[bytes, ...] = (b"ATTR", b"_param")

_CALL_TAIL = re.compile(rb"(\w*)\s*\(")
_WORD_BYTES = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
_MACROS_B: frozenset[bytes] = frozenset(m.encode() for m in MACROS)

Finder = Callable[[bytes, int], int]


def _load_memmem() -> Callable[..., int | None] | None:
    try:
        memmem = ctypes.CDLL(None).memmem
    except (OSError, AttributeError, TypeError):
        return None  # no C library memmem here: bytes.find does the job, slower
    memmem.restype = ctypes.c_void_p
    memmem.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t]
    return memmem


# glibc's memmem finds these short needles two to three times faster than
# bytes.find (0.5 s instead of 1.1 s for both literals over a whole tree).
_memmem = _load_memmem()


def _finder(data: bytes | bytearray, end: int, use_memmem: bool = True) -> Finder:
    """``find(needle, start)``: like ``data.find(needle, start, end)``."""
    memmem = _memmem if use_memmem else None
    if memmem is None or end <= 0:
        return lambda needle, start: data.find(needle, start, end)
    if isinstance(data, bytearray):
        base = ctypes.addressof(ctypes.c_char.from_buffer(data))
    else:
        base = ctypes.cast(ctypes.c_char_p(data), ctypes.c_void_p).value or 0

    def find(needle: bytes, start: int) -> int:
        # data is kept alive by this closure, and end <= len(data) by the caller.
        hit = memmem(base + start, end - start, needle, len(needle))
        return -1 if hit is None else hit - base

    return find


def has_decl_call_bytes(data: bytes | bytearray, end: int | None = None, use_memmem: bool = True) -> bool:
    """Whether ``data[:end]`` calls a declaration macro (scanner.has_decl_call()
    on undecoded bytes).  ``data`` may be a reused read buffer holding older
    bytes after ``end``.

    PASS: ``static DEVICE_ATTR_RO(version);``, ``module_param_named (x, y, int, 0);``
    FAIL: ``IB_QP_ATTR_STATE,`` (no call), ``MY_DEVICE_ATTR_RO(x);`` (not a macro of ours)
    """
    end = len(data) if end is None else min(end, len(data))
    find = _finder(data, end, use_memmem)
    for needle in PREFILTER:
        pos = find(needle, 0)
        while pos >= 0:
            after = pos + len(needle)
            # Most occurrences are not followed by "(": enum constants, struct names.
            tail = _CALL_TAIL.match(data, after, end)
            if tail is not None:
                start = pos
                while start > 0 and data[start - 1] in _WORD_BYTES:
                    start -= 1
                if bytes(data[start : tail.end(1)]) in _MACROS_B:
                    return True
            pos = find(needle, after)
    return False
