"""abi-tools: parse, lint, cross-check, render and diff the kernel's Documentation/ABI."""

__version__ = "0.1.0"
