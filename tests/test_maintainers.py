"""The MAINTAINERS reader, on text of our own and on the 6.12 file in ../shared/corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from abi_tools.maintainers import parse_maintainers

TEXT = """\
Maintainers List
----------------

FOO DRIVER
M:	"Doe, Jane" <jane@example.org>
M:	Jane Doe <jane@kernel.org>
R:	Bo  Lindqvist <BO@example.net>
L:	linux-foo@vger.kernel.org
L:	linux-arm-kernel@lists.infradead.org (moderated for non-subscribers)
S:	Maintained
F:	drivers/misc/foo.c

BAR DRIVER
M:	Greta Example <greta@example.com>
L:	bar-devel@lists.example.net
W:	https://example.net/bar
"""


def test_lists_people_and_addresses() -> None:
    m = parse_maintainers(TEXT)
    assert m.is_list("linux-foo@vger.kernel.org")
    assert m.is_list("LINUX-ARM-KERNEL@lists.infradead.org")  # the remark after it is not part of it
    assert not m.is_list("jane@example.org")
    assert m.is_person("bo@example.net")  # addresses compare without case
    assert m.addresses_of("Bo Lindqvist") == {"bo@example.net"}  # blanks folded
    assert m.addresses_of("Doe, Jane") == {"jane@example.org"}
    assert m.addresses_of("Jane Doe") == {"jane@kernel.org"}
    assert m.addresses_of("Nobody") == set()
    assert m.lists["linux-foo@vger.kernel.org"] == 8


def test_list_domains() -> None:
    m = parse_maintainers(TEXT)
    assert m.looks_like_list("linux-bar@vger.kernel.org")  # a vger list MAINTAINERS lacks
    assert m.looks_like_list("other@lists.linux.dev")  # any lists.* host
    assert not m.looks_like_list("someone@example.org")


def test_garbage_is_skipped() -> None:
    m = parse_maintainers("M:\tno address here\nL:\t\nX\x00:\tjunk\n\nM: Ann <ann@example.org>\n")
    assert m.people == {"ann": {"ann@example.org"}}
    assert m.lists == {}


def _corpus_maintainers() -> Path:
    root = Path(__file__).resolve().parents[1]
    for base in (root, *root.parents):
        cand = base.parent / "shared" / "corpus" / "linux-6.12" / "MAINTAINERS"
        if cand.is_file():
            return cand
    pytest.skip("no ../shared/corpus/linux-6.12/MAINTAINERS")


def test_linux_612() -> None:
    m = parse_maintainers(_corpus_maintainers().read_text(encoding="utf-8"))
    assert m.is_list("linux-coco@lists.linux.dev")
    assert m.is_list("linux-kernel@vger.kernel.org")
    assert {"vger.kernel.org", "lists.infradead.org", "lists.linux.dev"} <= m.list_domains
    assert "kernel.org" not in m.list_domains and "gmail.com" not in m.list_domains
    assert len(m.lists) > 200 and len(m.people) > 1500
    assert m.addresses_of("Greg Kroah-Hartman") == {"gregkh@linuxfoundation.org"}
