"""The kernel's MAINTAINERS file: who is reachable at which address, which lists exist.

Only what a Contact check needs is kept: the mailing lists (``L:`` lines),
and the people (``M:`` maintainers and ``R:`` reviewers) with their
addresses.  A person may appear under several sections, sometimes with
different addresses (a company one and a kernel.org one): all are kept.

    m = parse_maintainers(open("MAINTAINERS").read())
    m.is_list("linux-coco@lists.linux.dev")        # True in 6.13 and later
    m.addresses_of("Jane Doe")                      # {"jane@example.org"}
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from email.utils import parseaddr
from functools import cached_property

_FIELD = re.compile(r"^([A-Z]):\s*(.*?)\s*$")


def normal_name(name: str) -> str:
    """A name as compared: quotes and case ignored, runs of blanks made one."""
    return " ".join(name.replace('"', " ").split()).casefold()


def domain_of(address: str) -> str:
    return address.rpartition("@")[2].lower()


@dataclass
class Maintainers:
    #: Mailing-list address -> line of its first ``L:`` entry.
    lists: dict[str, int] = field(default_factory=dict)
    #: Normalised person name -> their addresses (``M:``/``R:``), lower case.
    people: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    #: Address (lower case) of any person -> line of its first entry.
    person_addresses: dict[str, int] = field(default_factory=dict)
    #: How the name was written, for messages.
    display_names: dict[str, str] = field(default_factory=dict)

    def is_list(self, address: str) -> bool:
        return address.lower() in self.lists

    def is_person(self, address: str) -> bool:
        return address.lower() in self.person_addresses

    def addresses_of(self, name: str) -> set[str]:
        return set(self.people.get(normal_name(name), set()))

    @cached_property
    def list_domains(self) -> frozenset[str]:
        """Domains that host mailing lists rather than people (vger.kernel.org, lists.linux.dev).

        A domain counts when MAINTAINERS lists more lists than people there,
        so kernel.org (people) is not one while vger.kernel.org is; so does
        any ``lists.*`` domain, for a list host MAINTAINERS does not know yet.
        """
        lists = Counter(domain_of(a) for a in self.lists)
        people = Counter(domain_of(a) for a in self.person_addresses)
        return frozenset(d for d, n in lists.items() if n > people.get(d, 0))

    def looks_like_list(self, address: str) -> bool:
        domain = domain_of(address)
        return domain.startswith("lists.") or domain in self.list_domains


def parse_maintainers(text: str) -> Maintainers:
    """Read MAINTAINERS text; lines that are not ``X:`` fields are skipped.  Never raises."""
    m = Maintainers()
    for lineno, line in enumerate(text.splitlines(), 1):
        got = _FIELD.match(line)
        if not got:
            continue
        kind, value = got.groups()
        if kind == "L":
            address = value.split()[0].strip("<>,") if value.split() else ""
            if "@" in address:
                m.lists.setdefault(address.lower(), lineno)
        elif kind in ("M", "R"):
            name, address = parseaddr(value)
            if "@" not in address:
                continue
            address = address.lower()
            m.person_addresses.setdefault(address, lineno)
            if name.strip():
                key = normal_name(name)
                m.people[key].add(address)
                m.display_names.setdefault(key, " ".join(name.split()))
    return m
