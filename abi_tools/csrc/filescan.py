"""One file's scan: its bytes through the prefilter, then the scanner proper.

Everything here decides a file's result, so it is part of the scanner version
the cache is keyed by; the tree walk and the worker pool around it are not.
The scanner module is imported on first use: a cached run of a whole tree
never needs it, and its import is a twentieth of such a run.
"""

from __future__ import annotations

from abi_tools.csrc.kbuild import kbuild_module
from abi_tools.csrc.model import ScanResult
from abi_tools.csrc.prefilter import has_decl_call_bytes
from abi_tools.csrc.reading import decode, read_file


def scan_bytes(data: bytes | bytearray, end: int, display: str, path: str | None = None) -> ScanResult | None:
    """The result for the file in ``data[:end]``, None when it declares nothing."""
    if not has_decl_call_bytes(data, end):
        return None
    if data.find(b"\0", 0, end) >= 0:
        return ScanResult(display, error="binary file (contains NUL bytes), not scanned")
    from abi_tools.csrc.scanner import module_name_guess, scan_text

    kmod = kbuild_module(path) if path is not None else None
    result = scan_text(
        decode(data, end), display, module_name_guess(display), prechecked=True, kbuild_module=kmod
    )
    return result if result.declarations or result.unexpanded else None


def scan_file(path: str, text: str | None = None, display_path: str | None = None) -> ScanResult:
    """Scan one file; ``text`` skips reading it.  Never raises for unreadable input."""
    display = display_path if display_path is not None else path
    if text is not None:
        from abi_tools.csrc.scanner import module_name_guess, scan_text

        return scan_text(text, display, module_name_guess(display))
    try:
        data = read_file(path)
    except OSError as exc:
        return ScanResult(display, error=f"cannot read: {exc.strerror or exc}")
    return scan_bytes(data, len(data), display, path) or ScanResult(display)
