"""Date rules: ABI030 malformed-date, ABI034 date-style, ABI035 date-remark."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rule_helpers import assert_examples_hold, ctx, entry, run

from abi_tools.rules.dates import parse_date

IDS = ["ABI030", "ABI034", "ABI035"]


@pytest.mark.parametrize("rule_id", IDS)
def test_docstring_examples(rule_id: str) -> None:
    assert_examples_hold(rule_id)


@pytest.mark.parametrize(
    ("value", "kind", "canonical"),
    [
        ("March 2025", "canonical", "March 2025"),
        ("Mar 2025", "style", "March 2025"),
        ("March, 2025", "style", "March 2025"),
        ("Nov 16 2022", "style", "November 2022"),
        ("2022-11-16", "style", "November 2022"),
        ("16 November 2022", "style", "November 2022"),
        ("11/2022", "style", "November 2022"),
        ("03-Nov-2011", "style", "November 2011"),
        ("Sept 14, 2022", "style", "September 2022"),
        ("Dec. 2015", "style", "December 2015"),
        ("march 2025", "style", "March 2025"),
        ("2016", "year", ""),
        ("Mai 2012", "misspelt", "May 2012"),
        ("Januari 2021", "misspelt", "January 2021"),
        ("Januarry, 2022", "misspelt", "January 2022"),
        ("November 20:15", "time", ""),
        ("May, 2022, January, 2023", "several", "May 2022"),
        ("pre-git history", "bare-remark", ""),
        ("April 2005 (predates git)", "remark", "April 2005"),
        ("Foo bar", "text", ""),
        ("13/2022", "invalid", ""),
        ("February 30, 2020", "invalid", "February 2020"),
        ("", "empty", ""),
    ],
)
def test_parse_date(value: str, kind: str, canonical: str) -> None:
    p = parse_date(value)
    assert (p.kind, p.canonical) == (kind, canonical)


def test_style_hint_names_canonical_form() -> None:
    (d,) = run(entry(Date="Nov 16 2022"), IDS)
    assert (d.rule_id, d.severity.value) == ("ABI034", "warning")
    assert d.hint == "write 'November 2022'"


@pytest.mark.parametrize(
    "value", ["Mai 2012", "Januarry, 2022", "November 20:15", "May, 2022, January, 2023"]
)
def test_errors(value: str) -> None:
    (d,) = run(entry(Date=value), IDS)
    assert (d.rule_id, d.severity.value) == ("ABI030", "error")


def test_future_date_is_an_error_canonical_or_not() -> None:
    c = ctx(today=dt.date(2025, 3, 10))
    assert run(entry(Date="March 2025"), IDS, c) == []
    (d,) = run(entry(Date="April 2025"), IDS, c)
    assert d.rule_id == "ABI030" and "future" in d.message
    got = {x.rule_id for x in run(entry(Date="Apr 2025"), IDS, c)}
    assert got == {"ABI030", "ABI034"}


def test_a_remark_without_a_date_is_malformed() -> None:
    (d,) = run(entry(Date="Removed in kernel v3.13"), IDS)
    assert (d.rule_id, d.severity.value) == ("ABI030", "error")
    assert d.message == "Date 'Removed in kernel v3.13' holds no date, only a remark"


def test_a_remark_naming_other_months_does_not_pick_one() -> None:
    (d,) = run(entry(Date="July 2014(documented, existed before August 2008)"), IDS)
    assert d.rule_id == "ABI035"
    assert "names July 2014 and August 2008" in d.hint and "write 'July 2014'" not in d.hint


def test_remark_is_info() -> None:
    (d,) = run(entry(Date="May 2010 (scheduled), finally removed in kernel v2.6.37"), IDS)
    assert (d.rule_id, d.severity.value) == ("ABI035", "info")
    assert "May 2010" in d.hint


def test_empty_date_is_left_to_empty_field() -> None:
    assert run("What:\t\t/sys/foo\nDate:\nDescription:\tx\n", IDS) == []


def test_corpus_612(tree612: Path) -> None:
    from abi_tools.lint import run_rules
    from abi_tools.tree import load_tree

    tree = load_tree([str(tree612)])
    ds = run_rules(tree, ctx(), IDS)
    errors = {d.message.split("'")[1] for d in ds if d.rule_id == "ABI030"}
    for bad in ("Mai 2012", "Januari 2021", "Januarry, 2022", "November 20:15", "May, 2022, January, 2023"):
        assert bad in errors
    # Canonical dates are never reported as style.
    styled = {d.message.split("'")[1] for d in ds if d.rule_id == "ABI034"}
    assert {"Nov 16 2022", "Mar 2022"} <= styled
    assert not {s for s in styled if parse_date(s).kind == "canonical"}
