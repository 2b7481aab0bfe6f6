"""ABI040 bad-contact."""

from __future__ import annotations

from pathlib import Path

import pytest
from rule_helpers import corpus_findings, example, lint


def contact(value: str) -> str:
    return f"What:\t\t/sys/foo\nContact:\t{value}\nDescription:\tReads foo.\n"


def test_docstring_examples() -> None:
    assert lint("ABI040", example("ABI040", "PASS")) == []
    assert len(lint("ABI040", example("ABI040", "FAIL"))) == 1


@pytest.mark.parametrize(
    "value",
    [
        "linux-iio@vger.kernel.org",
        "Linux kernel mailing list <linux-kernel@vger.kernel.org>",
        '"Name" <a@b>',
        '"Doe, Jane" <jane@example.org>',
        "Jane Doe <jane@example.org>, linux-foo@vger.kernel.org",
        "Jane Doe <jane+tag@example.org>,\n\t\tJohn Roe <john@example.org>",
        "Jane Doe <jane@example.org>\n\t\tlinux-foo@vger.kernel.org",
    ],
)
def test_good_contacts(value: str) -> None:
    assert lint("ABI040", contact(value)) == []


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("John Doe", "no e-mail address"),
        ("foo@", "malformed"),
        ("Jane Doe <jane @example.org>", "malformed"),
        ("Jane Doe <jane@example.org", "'<' without '>'"),
        ('"Jane Doe <jane@example.org>', "unbalanced"),
        ("Jane Doe <jane@example.org>,", "ends with a separator"),
        ("Jane Doe jane@example.org", "not in angle brackets"),
        ("Jane <jane@example.org> John <john@example.org>", "without a ','"),
        ('"Jane Doe <jane@example.org>"', "inside quotes"),
        ("Doe, Jane <jane@example.org>", "'Doe' in Contact is not an address"),
        ("<>", "no e-mail address"),
    ],
)
def test_bad_contacts(value: str, says: str) -> None:
    got = lint("ABI040", contact(value))
    assert len(got) == 1, got
    assert says in got[0].message
    assert got[0].span.line == 2
    assert got[0].hint


def test_runs_on_the_corpus(kernel_tree: Path) -> None:
    found = corpus_findings(kernel_tree, "ABI040")
    assert all(d.rule_id == "ABI040" for d in found)
    # Common, correct kernel forms are never reported.
    assert not any("linux-kernel@vger.kernel.org>" in d.message for d in found)


@pytest.mark.parametrize(
    "item",
    [
        "jane@example.org",
        "Jane Doe <jane@example.org>",
        '"Doe, Jane" <jane@example.org>',
        "Jinlong Mao (QUIC) <jm@example.com>",
        "<jane@example.org>",
        "Jane Q. Doe jane@example.org",
        'J. Doe\t(ACME) "Team, Red" <a.b+c@x-y.example.org>',
    ],
)
def test_items_read_as_one_address_without_email_utils(item: str) -> None:
    from email.utils import getaddresses

    from abi_tools.rules.contact import _ONE_ADDRESS

    assert _ONE_ADDRESS.fullmatch(item)
    pairs = getaddresses([item])
    assert len(pairs) == 1 and pairs[0][1]


@pytest.mark.parametrize(
    "item",
    [
        "Jane <a@b> <c@d>",
        "a@b c@d",
        "(a <b@c>",
        'x\\"y <a@b.org>',
        "Team: a@b.org",
        "a@[1.2.3.4]",
        "a@b@c.org",
    ],
)
def test_other_items_are_left_to_email_utils(item: str) -> None:
    from abi_tools.rules.contact import _ONE_ADDRESS

    assert not _ONE_ADDRESS.fullmatch(item)


def test_fast_reading_agrees_with_email_utils_on_random_items() -> None:
    """Every item the pattern takes is one address to email.utils too."""
    import random
    from email.utils import getaddresses

    from abi_tools.rules.contact import _ONE_ADDRESS

    rnd = random.Random(7)
    parts = [
        "a@b.org",
        "<a@b.org>",
        "Jane",
        " ",
        '"Doe, J"',
        "(QUIC)",
        "x.y",
        "@",
        "<",
        ">",
        "(",
        ")",
        '"',
        ".",
        "\t",
    ]
    taken = 0
    for _ in range(20000):
        item = "".join(rnd.choice(parts) for _ in range(rnd.randint(1, 6))).strip()
        if item and _ONE_ADDRESS.fullmatch(item):
            taken += 1
            pairs = getaddresses([item])
            assert len(pairs) == 1 and pairs[0][1], item
    assert taken > 100
