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
