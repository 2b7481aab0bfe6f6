"""ABI060 whitespace."""

from __future__ import annotations

from pathlib import Path

from rule_helpers import corpus_findings, example, lint

GOOD = "What:\t\t/sys/foo\nContact:\ta@example.org\nDescription:\tReads foo.\n\t\tWrites reset it.\n"


def test_docstring_examples() -> None:
    assert lint("ABI060", example("ABI060", "PASS")) == []
    assert len(lint("ABI060", example("ABI060", "FAIL"))) == 1


def test_clean_file() -> None:
    assert lint("ABI060", GOOD) == []


def test_trailing_whitespace_grouped() -> None:
    text = GOOD.replace("foo.\n", "foo.  \n").replace("it.\n", "it.\t\n")
    got = lint("ABI060", text)
    assert [(d.span.line, d.span.last_line) for d in got] == [(3, 4)]
    assert "lines 3-4" in got[0].message


def test_trailing_whitespace_summarised() -> None:
    body = "\n\n".join(f"\t\tline {i} " for i in range(20)) + "\n"
    got = lint("ABI060", GOOD + body)
    assert len(got) == 6
    assert "15 more line(s)" in got[-1].message


def test_crlf_final_newline_blank_tail() -> None:
    assert "CRLF" in lint("ABI060", GOOD.replace("\n", "\r\n"))[0].message
    got = lint("ABI060", GOOD.rstrip("\n"))
    assert len(got) == 1 and "no newline" in got[0].message and got[0].span.line == 4
    got = lint("ABI060", GOOD + "\n\n")
    assert len(got) == 1 and "2 blank line(s)" in got[0].message and got[0].span.line == 5


def test_mixed_indentation_that_changes_meaning() -> None:
    text = GOOD + "\t\tAn item:\n\t\t    - one\n\t\t\t- two\n"
    # '    ' after two tabs is 20 columns, '\t' is 24: aligned only with 4-column tabs? No:
    # both lines start with a tab, so the kind is the same and nothing is reported.
    assert lint("ABI060", text) == []
    text = "What:\t\t/sys/foo\nDescription:\n    Reads foo.\n\tWrites it.\n"
    got = lint("ABI060", text)
    assert len(got) == 1 and got[0].span.line == 4 and "4-column tabs" in got[0].message


def test_mixed_indentation_inside_a_literal_block_is_shown_as_written() -> None:
    # obsolete/sysfs-gpio draws a tree in a literal block: 4 spaces, then a tab.
    text = "What:\t\t/sys/foo\nDescription:\n  The files::\n\n    /sys/class/gpio\n\t/export\n"
    assert lint("ABI060", text) == []
    # After the block, mixing counts again.
    text += "\n  After.\n    Reads foo.\n\tWrites it.\n"
    got = lint("ABI060", text)
    assert len(got) == 1 and got[0].span.line == 10


def test_runs_on_the_corpus(kernel_tree: Path) -> None:
    found = corpus_findings(kernel_tree, "ABI060")
    assert len(found) < 100
