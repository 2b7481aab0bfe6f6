"""The vocabulary shared by every stage: spans, entries, files, trees, diagnostics.

Plain dataclasses, frozen for the type checker (:func:`record`); nothing
here does I/O.  Lines and columns are 1-based, as editors and compilers print
them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import TypeVar, dataclass_transform

_T = TypeVar("_T")


@dataclass_transform(frozen_default=True)
def record(*, order: bool = False) -> Callable[[type[_T]], type[_T]]:
    """A dataclass that mypy treats as frozen: assigning a field is a type error.

    At run time it is a plain dataclass with the hash a frozen one has.  A
    frozen dataclass's ``__init__`` sets each field through
    ``object.__setattr__``: building the model and the findings of 6.12 that
    way was a tenth of the instructions of a lint run.
    """

    def wrap(cls: type[_T]) -> type[_T]:
        return dataclass(order=order, unsafe_hash=True)(cls)

    return wrap


#: The tags an ABI entry may carry, in their canonical spelling.
TAGS: tuple[str, ...] = ("What", "Date", "KernelVersion", "Contact", "Description", "Users")

#: Folders of Documentation/ABI that give an entry its stability level.
LEVELS: tuple[str, ...] = ("stable", "testing", "obsolete", "removed")


class Severity(Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls(text.strip().lower())


@record(order=True)
class Span:
    """A place in a file. ``end_line`` is inclusive; equal to ``line`` for one line."""

    path: str
    line: int
    column: int = 1
    end_line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    @property
    def last_line(self) -> int:
        return self.end_line or self.line


@record()
class What:
    """One documented symbol (a path, possibly with wildcards)."""

    path: str
    span: Span
    #: True when the line had no ``What:`` tag of its own (a path under a What).
    continuation: bool = False
    #: The tag as written, with its separator: ``What:``, ``what:``, ``What;``,
    #: ``What`` (no colon).  Empty for continuation lines.
    raw_tag: str = "What:"


@record()
class Field:
    """A tagged field other than What.

    ``tag`` is the canonical tag name; ``raw_tag`` is what the file said
    (``contact``, ``WDate``, ``KernelVersion`` without a colon, ...).
    ``value`` is the text after the tag with continuation lines joined by
    newlines and outer whitespace stripped; for Description it is the
    normalised ReST text (see :mod:`abi_tools.parse`).
    """

    tag: str
    value: str
    span: Span
    #: The tag as written, with its separator when there was one:
    #: ``Contact:``, ``contact:``, ``WDate:``, ``KernelVersion`` (no colon).
    raw_tag: str = ""
    #: Column where the value starts on the tag line (1-based), 0 when empty.
    value_column: int = 0
    #: For Description: file line of each line of ``value``.
    line_map: tuple[int, ...] = ()

    @property
    def value_span(self) -> Span:
        """Where the value starts on the tag line (column 1 when it is empty)."""
        return Span(self.span.path, self.span.line, self.value_column or 1)


@record()
class AbiEntry:
    """An entry: one or more Whats plus its fields, in file order."""

    whats: tuple[What, ...]
    fields: tuple[Field, ...]
    span: Span
    level: str

    @functools.cached_property
    def _by_tag(self) -> dict[str, tuple[Field, ...]]:
        # Every rule asks for fields by tag; a lint of 6.12 asked 55,000 times.
        out: dict[str, list[Field]] = {}
        for f in self.fields:
            out.setdefault(f.tag, []).append(f)
        return {tag: tuple(fields) for tag, fields in out.items()}

    def get(self, tag: str) -> Field | None:
        """The first field with this canonical tag, or None."""
        got = self._by_tag.get(tag)
        return got[0] if got else None

    def all(self, tag: str) -> tuple[Field, ...]:
        """Every field with this canonical tag, in file order."""
        return self._by_tag.get(tag, ())

    def value(self, tag: str) -> str | None:
        f = self.get(tag)
        return None if f is None else f.value

    @property
    def description(self) -> str | None:
        return self.value("Description")

    @property
    def what_paths(self) -> tuple[str, ...]:
        return tuple(w.path for w in self.whats)


@record()
class Diagnostic:
    """A finding: which rule, how bad, where, what is wrong, what to write instead."""

    rule_id: str
    name: str
    severity: Severity
    span: Span
    message: str
    hint: str = ""
    #: For a finding in a patch (``span`` is in the patch file): the same place in
    #: the file the patch produces, e.g. ``Documentation/ABI/testing/sysfs-foo:12``
    #: (for a line the patch deletes: where it was in the file before).
    file_span: Span | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.span.path, self.span.line, self.span.column, self.rule_id)


@record()
class AbiFile:
    """One parsed ABI file.

    ``path`` is the path as reported to the user (relative to the tree root
    when a tree was given); ``lines`` keeps the raw text lines, without
    their line endings, for rules that look at layout.
    """

    path: str
    level: str
    entries: tuple[AbiEntry, ...]
    preamble: str = ""
    lines: tuple[str, ...] = ()
    #: Problems found while reading and parsing (encoding, syntax).
    diagnostics: tuple[Diagnostic, ...] = ()
    #: Orphan fields: fields before the first What of the file.
    orphans: tuple[Field, ...] = ()
    has_crlf: bool = False
    has_bom: bool = False
    ends_with_newline: bool = True


@record()
class AbiTree:
    """Every ABI file read from one root, plus problems with files that could not be read."""

    root: str
    files: tuple[AbiFile, ...]
    diagnostics: tuple[Diagnostic, ...] = field(default=())

    def entries(self) -> Iterator[tuple[AbiFile, AbiEntry]]:
        for f in self.files:
            for e in f.entries:
                yield f, e

    @property
    def entry_count(self) -> int:
        return sum(len(f.entries) for f in self.files)
