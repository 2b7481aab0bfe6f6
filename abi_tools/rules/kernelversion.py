"""The KernelVersion field: the first mainline release that has the ABI, as ``X.Y``.

- ``ABI031 malformed-kernelversion`` (warning): not ``X.Y[.Z]`` / ``vX.Y[.Z]``;
- ``ABI032 unreleased-kernelversion`` (error): a release that never existed
  (5.20, 4.21, 3.21), or one newer than the tree being linted;
- ``ABI033 date-version-mismatch`` (warning): Date and KernelVersion that
  cannot both be right.

Release facts come from :mod:`abi_tools.releases`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from abi_tools import releases
from abi_tools.model import AbiEntry, AbiFile, Field
from abi_tools.releases import Version
from abi_tools.rules import Finding, options, rule
from abi_tools.rules.dates import MONTHS, parse_date

_CLEAN = re.compile(r"v?\d+\.\d+(?:\.\d+){0,2}")
_ANY = re.compile(r"(?<![\w.])v?(\d+\.\d+(?:\.\d+){0,2})(-rc\d+)?(?![\w.])")
_LEADING_ZERO = re.compile(r"(?:^|\.)0\d")
_PLACEHOLDER = re.compile(r"^[?.\sx]*$|\b(tbd|tba|unknown|not yet|next|upcoming)\b", re.I)


@dataclass(frozen=True)
class ParsedVersion:
    """What a KernelVersion field says.

    ``kind``: ``clean``, ``empty``, ``placeholder`` (``?``, ``TBD``), ``rc``
    (``3.3-rc1``), ``several``, ``zero`` (``4.07``), ``remark`` (a version
    and some words), ``text`` (no version at all).
    """

    kind: str
    version: Version | None = None
    #: Every version named in the field, in order.
    versions: tuple[Version, ...] = ()


# Pure, and asked for by three rules per entry about a few hundred distinct values.
@functools.lru_cache(maxsize=4096)
def parse_kernelversion(value: str) -> ParsedVersion:
    text = " ".join(value.split())
    if not text:
        return ParsedVersion("empty")
    if _CLEAN.fullmatch(text):
        v = Version.try_parse(text)
        if v is None:
            return ParsedVersion("text")
        if _LEADING_ZERO.search(text.lstrip("v")):
            return ParsedVersion("zero", v, (v,))
        return ParsedVersion("clean", v, (v,))
    found = [(Version.try_parse(m.group(1)), m.group(2)) for m in _ANY.finditer(text)]
    vers = tuple(v for v, _ in found if v is not None)
    if not vers:
        return ParsedVersion("placeholder" if _PLACEHOLDER.search(text) else "text")
    first = vers[0]
    if len(set(vers)) > 1:
        return ParsedVersion("several", first, vers)
    if found[0][1] and re.fullmatch(r"v?\d+\.\d+(?:\.\d+)?-rc\d+", text):
        return ParsedVersion("rc", first, vers)
    return ParsedVersion("remark", first, vers)


def _fields(e: AbiEntry) -> Iterator[tuple[Field, ParsedVersion]]:
    for fl in e.all("KernelVersion"):
        p = parse_kernelversion(fl.value)
        if p.kind != "empty":
            yield fl, p


def _tree(ctx: object) -> Version | None:
    tv = getattr(ctx, "tree_version", None)
    if not tv or tv[0] < 3:
        return None
    return _version(int(tv[0]), int(tv[1]))


@functools.cache
def _version(major: int, minor: int) -> Version:
    return Version(major, minor)


# The verdicts below are pure functions of a field's text and the run's
# settings, and a few hundred distinct values fill thousands of entries:
# they are memoised.  The release table is part of each key, so that a
# refreshed table is never judged by old verdicts.
Verdict = tuple[str, str] | None


def _plain(v: Version) -> str:
    return str(v.release())


@rule("ABI031", "malformed-kernelversion", "warning")
def malformed_kernelversion(ctx: object, f: AbiFile, e: AbiEntry) -> Iterator[Finding]:
    """A KernelVersion that is not one release number ``X.Y`` (or ``vX.Y``, ``X.Y.Z``).

    Tools compare KernelVersions with releases; ``?``, ``TBD``, ``-rc``
    tags, several versions or a sentence cannot be compared.  The
    KernelVersion is the first mainline release with the ABI; remarks
    (backports, removals) belong in the Description.

    PASS:
        What:		/sys/foo
        KernelVersion:	6.5
        Description:	Reads the foo counter.

    FAIL:
        What:		/sys/foo
        KernelVersion:	6.5 but backported to all supported stable branches
        Description:	Reads the foo counter.
    """
    tree = _tree(ctx)
    today: dt.date = getattr(ctx, "today", None) or dt.date.today()
    table = releases.load_table()
    for fl, _ in _fields(e):
        got = _malformed(fl.value, tree, today, table)
        if got:
            yield Finding(fl.value_span, *got)


@functools.lru_cache(maxsize=4096)
def _malformed(value: str, tree: Version | None, today: dt.date, table: releases.ReleaseTable) -> Verdict:
    p = parse_kernelversion(value)
    v = " ".join(value.split())
    if p.kind == "placeholder" or p.kind == "text":
        earliest = releases.next_version(tree) if tree else releases.first_release_after(today)
        return (
            f"KernelVersion '{v}' is not a release number",
            f"write the first release with it as 'X.Y' (new ABI goes into {earliest} at the earliest)",
        )
    if p.kind == "rc" and p.version:
        return (
            f"KernelVersion '{v}' names a release candidate",
            f"write '{_plain(p.version)}', the release that -rc led to",
        )
    if p.kind == "several" and p.version:
        others = ", ".join(_plain(x) for x in p.versions[1:])
        return (
            f"KernelVersion '{v}' names several releases",
            f"write '{_plain(p.version)}' (the first) and say in the Description what {others} "
            "changed (or removed)",
        )
    if p.kind == "zero" and p.version:
        return f"KernelVersion '{v}' has a leading zero", f"write '{_plain(p.version)}'"
    if p.kind == "remark" and p.version and v.endswith("?"):
        return (
            f"KernelVersion '{v}' is marked as uncertain",
            f"check which release first had it and write that ('{_plain(p.version)}' or another)",
        )
    if p.kind == "remark" and p.version:
        return (
            f"KernelVersion '{v}' is a release number with a remark",
            f"write '{_plain(p.version)}' and move the remark into the Description",
        )
    return None


@rule("ABI032", "unreleased-kernelversion", "error")
def unreleased_kernelversion(ctx: object, f: AbiFile, e: AbiEntry) -> Iterator[Finding]:
    """A KernelVersion that was never released, or is newer than the tree it is in.

    After 3.19 came 4.0, after 4.20 came 5.0, after 5.19 came 6.0 and after
    6.19 came 7.0: 3.20, 4.21, 5.20 never existed.  An entry in a 6.12 tree
    cannot first appear in 6.13.  Without a tree version (a lone file), a
    version not expected for more than a year (``max_months_ahead``, 12) is
    reported.

    PASS:
        What:		/sys/foo
        KernelVersion:	6.0
        Description:	Reads the foo counter.

    FAIL:
        What:		/sys/foo
        KernelVersion:	5.20
        Description:	Reads the foo counter.
    """
    tree = _tree(ctx)
    tree_text = getattr(ctx, "tree_version_text", "") or (str(tree) if tree else "")
    today: dt.date = getattr(ctx, "today", None) or dt.date.today()
    ahead = int(options(ctx, "unreleased-kernelversion").get("max_months_ahead", 12))
    table = releases.load_table()
    for fl in e.all("KernelVersion"):
        got = _unreleased_value(fl.value, tree, tree_text, today, ahead, table)
        if got:
            yield Finding(fl.value_span, *got)


@functools.lru_cache(maxsize=4096)
def _unreleased_value(
    value: str, tree: Version | None, tree_text: str, today: dt.date, ahead: int, table: releases.ReleaseTable
) -> Verdict:
    # Keyed by the text: the release() of a parsed value is a new Version,
    # and hashing it (and building it) cost more than the check.
    p = parse_kernelversion(value)
    if p.kind not in ("clean", "zero") or p.version is None:
        return None
    return _unreleased(p.version.release(), tree, tree_text, today, ahead, table)


@functools.lru_cache(maxsize=4096)
def _unreleased(
    v: Version, tree: Version | None, tree_text: str, today: dt.date, ahead: int, table: releases.ReleaseTable
) -> Verdict:
    if not releases.exists(v):
        instead = releases.successor(v)
        before = releases.load_table().previous_version(instead)
        return (
            f"KernelVersion {v} was never released: {before} was followed by {instead}",
            f"write '{instead}'",
        )
    if tree is not None and v > tree:
        released = table.release_date(v)
        if tree_text.count(".") >= 2 and released is not None and released <= today:
            # A stable tree (6.12.117) takes ABI backported from later
            # mainline releases, and their entries keep the release that
            # first had it: telling the author to write 6.12 would be wrong.
            return (
                f"KernelVersion {v} is newer than this stable tree ({tree_text})",
                f"if the entry came with a backport, {v} (released {released.isoformat()}) is right"
                f" and the finding belongs in the baseline; otherwise write '{tree}' or the older"
                " release that first had it",
            )
        return (
            f"KernelVersion {v} is newer than this tree ({tree_text or tree})",
            f"write '{tree}' or the older release that first had it",
        )
    if tree is None:
        due = releases.projected_date(v)
        if due is not None and due > today + dt.timedelta(days=ahead * 31):
            return (
                f"KernelVersion {v} is not expected before {MONTHS[due.month - 1]} {due.year}",
                f"write '{releases.earliest_possible_release(email_date=today)}' or the release"
                " the ABI is merged for",
            )
    return None


#: Thresholds of ABI033, in months between the Date's month and the release's.
AFTER_MONTHS = 6
BEFORE_MONTHS = 24


def _months(a: dt.date, b: dt.date) -> int:
    """Whole months from b to a (month granularity)."""
    return (a.year - b.year) * 12 + a.month - b.month


@rule("ABI033", "date-version-mismatch", "warning")
def date_version_mismatch(ctx: object, f: AbiFile, e: AbiEntry) -> Iterator[Finding]:
    """A Date too far from the release date of the KernelVersion for both to be right.

    The Date is usually the month the patch was written, so it comes some
    weeks before the release.  In the 6.12 tree, over 2,000 entries have both
    a readable Date and a KernelVersion: 97% are dated between six months
    before and one month after the release, 99.2% no later than a month
    after it.  So this reports a Date more than ``after_months`` (6) months
    after the release: the KernelVersion or the Date is stale (a copy-pasted
    block, 3.1.0 written for 5.1).  Dates *before* the release are only
    reported past ``before_months`` (24): at 12 months this cried wolf on
    about 35 correct 6.12 entries (series that waited a year or more, drivers
    that left staging with their old Dates); read by hand, almost all were
    both right.  Both thresholds are options of the rule.

    PASS:
        What:		/sys/foo
        Date:		March 2023
        KernelVersion:	6.4
        Description:	Reads the foo counter.

    FAIL:
        What:		/sys/foo
        Date:		March 2023
        KernelVersion:	5.18
        Description:	Reads the foo counter.
    """
    opts = options(ctx, "date-version-mismatch")
    after = int(opts.get("after_months", AFTER_MONTHS))
    before = int(opts.get("before_months", BEFORE_MONTHS))
    dates = e.all("Date")
    kvs = list(_fields(e))
    if len(dates) != 1 or len(kvs) != 1:
        return
    fl, _ = kvs[0]
    got = _mismatch(dates[0].value, fl.value, after, before, releases.load_table())
    if got:
        yield Finding(fl.value_span, *got)


@functools.lru_cache(maxsize=4096)
def _mismatch(date: str, version: str, after: int, before: int, table: releases.ReleaseTable) -> Verdict:
    pd = parse_date(date)
    pv = parse_kernelversion(version)
    day = pd.first_of_month
    if day is None or pd.kind not in ("canonical", "style", "remark") or pv.version is None:
        return None
    if pv.kind not in ("clean", "zero"):
        return None
    v = pv.version.release()
    rel = releases.release_date(v)
    if rel is None:
        return None
    gap = _months(day, rel)
    if -before <= gap <= after:
        return None
    fits = releases.first_release_after(day + dt.timedelta(days=60))
    when = "after" if gap > 0 else "before"
    return (
        f"Date '{pd.canonical}' is {abs(gap)} months {when} {v} was released ({rel.isoformat()})",
        f"make them agree: a Date of {pd.canonical} fits KernelVersion {fits} or so;"
        f" {v} fits a Date around {MONTHS[(rel.month - 4) % 12]} {rel.year - (rel.month <= 3)}",
    )
