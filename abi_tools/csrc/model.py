"""What the C scanner reports: declarations, things it could not expand, per-file results.

Plain frozen dataclasses, no I/O.  ``to_json()`` gives plain dicts so that the
CLI, the cache and the cross-checker can share one serialised form.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass(frozen=True)
class Declaration:
    """One sysfs-visible attribute declared in C source.

    ``line`` is 1-based.  For a declaration found by expanding a same-file
    ``#define`` wrapper, ``line`` is the line of the wrapper's *use* and
    ``via_wrapper`` names the wrapper.
    """

    file: str
    line: int
    macro: str
    name: str
    mode: str | None  # "RO" / "RW" / "WO", None when unknown or 0
    octal: int | None  # permission bits (& 0o777), None when not evaluable
    family: str  # see macros.FAMILIES
    array: str | None = None  # the `struct attribute *X[]` listing it
    group: str | None = None  # the attribute_group variable using that array
    group_name: str | None = None  # the group's .name string literal
    module: str | None = None  # module_param*: KBUILD_MODNAME guessed from the file name
    via_wrapper: str | None = None  # same-file #define it was expanded from
    # Extra over the brief: a group .name that is not a string literal (a macro or
    # variable) is kept here verbatim, so a consumer can tell "no name" from "unknown name".
    group_name_expr: str | None = None
    # The C variable the macro defines (dev_attr_foo, ...), None for anonymous initializers.
    variable: str | None = None
    # The callbacks a macro that takes them as arguments passes non-NULL:
    # "show", "store" or "show+store" ("" for neither); None when the macro
    # implies them (DEVICE_ATTR_RW) or takes none.  0644 without a store is
    # read-only in effect: sysfs refuses the write.
    callbacks: str | None = None

    def to_json(self) -> dict[str, Any]:
        # Not dataclasses.asdict: it deep-copies every value, and a whole
        # tree has twenty thousand declarations.
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Declaration:
        return cls(**data)


@dataclass(frozen=True)
class Unexpanded:
    """A declaration macro the scanner saw but could not turn into a Declaration."""

    file: str
    line: int
    macro: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Unexpanded:
        return cls(**data)


@dataclass(frozen=True)
class Registration:
    """A name the file registers something under (see :mod:`abi_tools.csrc.context`).

    ``kind``: driver, bus, class, misc, pmu, hwmon, iio, kobject, device, configfs,
    or name (a ``.name`` of some other struct).  ``name`` is empty for a marker
    call that names nothing (``devm_iio_device_register``).  ``via`` is the
    struct type or function the name came from.
    """

    kind: str
    name: str
    line: int
    via: str = ""

    def to_json(self) -> list[Any]:
        return [self.kind, self.name, self.line, self.via]

    @classmethod
    def from_json(cls, data: list[Any]) -> Registration:
        return cls(str(data[0]), str(data[1]), int(data[2]), str(data[3]))


@dataclass(frozen=True)
class ScanResult:
    """Everything found in one file; ``error`` is set when the file could not be read.

    ``registrations`` and ``kbuild_module`` (the module the file is linked into,
    from its Makefile, when that could be read) are only filled in for files that
    declare something: they are context for matching those declarations.
    """

    file: str
    declarations: tuple[Declaration, ...] = field(default_factory=tuple)
    unexpanded: tuple[Unexpanded, ...] = field(default_factory=tuple)
    error: str | None = None
    registrations: tuple[Registration, ...] = field(default_factory=tuple)
    kbuild_module: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "declarations": [d.to_json() for d in self.declarations],
            "unexpanded": [u.to_json() for u in self.unexpanded],
            "error": self.error,
            "registrations": [r.to_json() for r in self.registrations],
            "kbuild_module": self.kbuild_module,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ScanResult:
        return cls(
            file=data["file"],
            declarations=tuple(Declaration.from_json(d) for d in data["declarations"]),
            unexpanded=tuple(Unexpanded.from_json(u) for u in data["unexpanded"]),
            error=data.get("error"),
            registrations=tuple(Registration.from_json(r) for r in data.get("registrations", ())),
            kbuild_module=data.get("kbuild_module"),
        )
