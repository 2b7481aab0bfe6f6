"""The Date field: one month and year, written ``Month YYYY`` (``March 2025``).

The registry gives a rule one severity, and a Date can be wrong in ways that
differ in weight, so the checks are split into three rules:

- ``ABI030 malformed-date`` (error): a Date no reader or tool can trust -- a
  misspelt month (``Mai 2012``, ``Januari 2021``), a time instead of a year
  (``November 20:15``), several dates in one field, text that is no date at
  all (a remark alone, ``Removed in kernel v3.13``, included), an impossible
  date, or a date after today;
- ``ABI034 date-style`` (warning): a correct date in another spelling
  (``Mar 2025``, ``March, 2025``, ``Nov 16 2022``, ``2022-11-16``,
  ``16 November 2022``, ``11/2022``) or a year without its month;
- ``ABI035 date-remark`` (info): a date with a remark (``April 2005
  (predates git)``, ``May 2010 (scheduled), finally removed in kernel
  v2.6.37``).  This is how very old entries in ``obsolete/`` and
  ``removed/`` record history; it is only worth knowing, and the remark
  belongs in the Description.

:func:`parse_date` is shared with the KernelVersion rules.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from abi_tools.model import AbiEntry, AbiFile, Field
from abi_tools.rules import Finding, rule

MONTHS: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_ALIASES: dict[str, int] = {m.lower(): i for i, m in enumerate(MONTHS, 1)}
_ALIASES.update({m[:3].lower(): i for i, m in enumerate(MONTHS, 1)})
_ALIASES["sept"] = 9

#: Words in a Date that say it records history rather than a date.
_REMARK = re.compile(
    r"\b(git|removed|predates?|history|scheduled|documented|existed|finally|kernel|since|before)\b", re.I
)

_WORD = r"[A-Za-z]{3,10}"
_DATE_IN_TEXT = re.compile(
    rf"(?P<w1>{_WORD})\.?,?\s+(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?(?P<y1>\d{{4}})\b"
    rf"|\b(?P<d2>\d{{1,2}})[-\s](?P<w2>{_WORD})[-\s,]+(?P<y2>\d{{4}})\b"
    rf"|\b(?P<y3>\d{{4}})[-/](?P<m3>\d{{1,2}})(?:[-/](?P<d3>\d{{1,2}}))?\b"
    rf"|\b(?P<m4>\d{{1,2}})/(?P<y4>\d{{4}})\b"
)
_TIME = re.compile(rf"^(?P<w>{_WORD})\.?,?\s+\d{{1,2}}:\d{{2}}$")
_YEAR = re.compile(r"^(?P<y>\d{4})$")


def _month_year(year: int | None, month: int | None) -> str:
    return "" if year is None or month is None else f"{MONTHS[month - 1]} {year}"


@dataclass(frozen=True)
class ParsedDate:
    """What a Date field says.

    ``kind`` is one of ``canonical``, ``style``, ``year`` (ABI034),
    ``remark`` (ABI035), ``misspelt``, ``several``, ``time``, ``invalid``,
    ``text``, ``bare-remark`` (ABI030) or ``empty``.
    """

    kind: str
    year: int | None = None
    month: int | None = None
    #: The month as written when it is misspelt (``Mai``).
    word: str = ""
    #: For a remark: the other dates it names (``August 2008``), canonical.
    also: tuple[str, ...] = ()

    @property
    def canonical(self) -> str:
        """``November 2022`` when year and month are known, else ``''``."""
        return _month_year(self.year, self.month)

    @property
    def first_of_month(self) -> dt.date | None:
        if self.year is None or self.month is None:
            return None
        return dt.date(self.year, self.month, 1)


def month_of(word: str) -> tuple[int | None, bool]:
    """(month, exact) for a word: exact for a name or abbreviation, else a close misspelling."""
    w = word.lower().rstrip(".")
    if w in _ALIASES:
        return _ALIASES[w], True
    close = difflib.get_close_matches(w, [m.lower() for m in MONTHS], n=1, cutoff=0.6)
    if close and close[0][0] == w[0]:
        return _ALIASES[close[0]], False
    return None, False


@dataclass(frozen=True)
class _Hit:
    """A date found in free text: where, what it says, how exactly it was spelt."""

    start: int
    end: int
    year: int
    month: int | None
    day: int | None
    exact: bool
    word: str


def _hits(text: str) -> list[_Hit]:
    out: list[_Hit] = []
    for m in _DATE_IN_TEXT.finditer(text):
        g = m.groupdict()
        day: int | None
        if g["y1"]:
            word, year, day = g["w1"], int(g["y1"]), int(g["d1"]) if g["d1"] else None
        elif g["y2"]:
            word, year, day = g["w2"], int(g["y2"]), int(g["d2"])
        else:
            word = ""
            year = int(g["y3"] or g["y4"])
            num = int(g["m3"] or g["m4"])
            day = int(g["d3"]) if g["d3"] else None
            if 1 <= num <= 12:
                out.append(_Hit(m.start(), m.end(), year, num, day, True, ""))
            else:
                out.append(_Hit(m.start(), m.end(), year, None, day, True, ""))
            continue
        month, exact = month_of(word)
        if month is None:
            continue  # "since 2016": a word and a year, not a date
        out.append(_Hit(m.start(), m.end(), year, month, day, exact, word))
    return out


def _valid(h: _Hit) -> bool:
    if h.month is None or not 1900 < h.year < 2200:
        return False
    if h.day is None:
        return True
    try:
        dt.date(h.year, h.month, h.day)
    except ValueError:
        return False
    return True


# A pure function of the text, and the same few hundred values recur across
# thousands of entries (and several rules ask for each): remember them.
@functools.lru_cache(maxsize=4096)
def parse_date(value: str) -> ParsedDate:
    """Classify a Date field's value (see :class:`ParsedDate`)."""
    text = " ".join(value.split())
    if not text:
        return ParsedDate("empty")
    m = re.fullmatch(r"([A-Z][a-z]+) (\d{4})", text)
    if m and m.group(1) in MONTHS:
        return ParsedDate("canonical", int(m.group(2)), MONTHS.index(m.group(1)) + 1)
    if (y := _YEAR.match(text)) is not None:
        return ParsedDate("year", int(y.group("y")))
    if (t := _TIME.match(text)) is not None:
        month, _ = month_of(t.group("w"))
        return ParsedDate("time", None, month, t.group("w"))
    hits = _hits(text)
    if not hits:
        return ParsedDate("bare-remark" if _REMARK.search(text) else "text")
    rest = text
    for h in reversed(hits):
        rest = rest[: h.start] + rest[h.end :]
    prose = re.sub(r"[\s,.;:&()-]|\band\b", "", rest)
    first = hits[0]
    if not _valid(first):
        return ParsedDate("invalid", first.year, first.month)
    if not first.exact:
        return ParsedDate("misspelt", first.year, first.month, first.word)
    if prose:
        if _REMARK.search(rest):
            named = (_month_year(h.year, h.month) for h in hits[1:] if _valid(h))
            return ParsedDate("remark", first.year, first.month, also=tuple(c for c in named if c))
        return ParsedDate("text", first.year, first.month)
    if len(hits) > 1:
        return ParsedDate("several", first.year, first.month)
    return ParsedDate("style", first.year, first.month)


def _dates(e: AbiEntry) -> Iterator[tuple[Field, ParsedDate]]:
    for fl in e.all("Date"):
        p = parse_date(fl.value)
        if p.kind != "empty":
            yield fl, p


def _write(p: ParsedDate, fallback: str = "March 2025") -> str:
    return f"write '{p.canonical or fallback}'"


def _future(p: ParsedDate, today: dt.date) -> bool:
    return p.year is not None and (p.year, p.month or 1) > (today.year, today.month)


@rule("ABI030", "malformed-date", "error")
def malformed_date(ctx: object, f: AbiFile, e: AbiEntry) -> Iterator[Finding]:
    """A Date that is not a date: misspelt month, a time, several dates, free text, the future.

    The Date says in which month the ABI appeared, as ``Month YYYY``.
    Other spellings of a good date are ABI034, remarks are ABI035.

    PASS:
        What:		/sys/foo
        Date:		May 2012
        Description:	Reads the foo counter.

    FAIL:
        What:		/sys/foo
        Date:		Mai 2012
        Description:	Reads the foo counter.
    """
    today: dt.date = getattr(ctx, "today", None) or dt.date.today()
    for fl, p in _dates(e):
        v = fl.value.strip()
        if p.kind == "misspelt":
            yield Finding(
                fl.value_span,
                f"Date '{v}': '{p.word}' is not an English month name; read as {MONTHS[(p.month or 1) - 1]}",
                _write(p),
            )
        elif p.kind == "time":
            yield Finding(
                fl.value_span,
                f"Date '{v}' gives a time where the year should be",
                f"write '{MONTHS[(p.month or 1) - 1]} YYYY' with the year the ABI appeared",
            )
        elif p.kind == "several":
            yield Finding(
                fl.value_span,
                f"Date '{v}' holds several dates; give the one month the ABI appeared",
                f"{_write(p)} and say in the Description what changed later",
            )
        elif p.kind == "text":
            yield Finding(
                fl.value_span,
                f"Date '{v}' is not a date",
                f"{_write(p)} ('Month YYYY', the month the ABI appeared)",
            )
        elif p.kind == "bare-remark":
            yield Finding(
                fl.value_span,
                f"Date '{' '.join(v.split())}' holds no date, only a remark",
                "write the month the ABI appeared as 'Month YYYY' and move the remark into the Description",
            )
        elif p.kind == "invalid":
            yield Finding(
                fl.value_span, f"Date '{v}' is not a possible date", "write 'Month YYYY', e.g. 'March 2025'"
            )
        elif _future(p, today):
            yield Finding(
                fl.value_span,
                f"Date '{v}' is in the future (today is {today.isoformat()})",
                "write the month the ABI was proposed or merged, e.g. "
                f"'{MONTHS[today.month - 1]} {today.year}'",
            )


@rule("ABI034", "date-style", "warning")
def date_style(ctx: object, f: AbiFile, e: AbiEntry) -> Iterator[Finding]:
    """A good date in another spelling than ``Month YYYY``, or a year without its month.

    ``Mar 2025``, ``March, 2025``, ``Nov 16 2022``, ``2022-11-16``,
    ``16 November 2022``, ``11/2022`` all say a month the tools can read;
    one spelling makes the documentation uniform and greppable.

    PASS:
        What:		/sys/foo
        Date:		November 2022
        Description:	Reads the foo counter.

    FAIL:
        What:		/sys/foo
        Date:		Nov 16 2022
        Description:	Reads the foo counter.
    """
    for fl, p in _dates(e):
        v = fl.value.strip()
        if p.kind == "style":
            yield Finding(fl.value_span, f"Date '{v}' should be written '{p.canonical}'", _write(p))
        elif p.kind == "year":
            yield Finding(
                fl.value_span,
                f"Date '{v}' has no month",
                f"write 'Month {p.year}' with the month the ABI appeared",
            )


@rule("ABI035", "date-remark", "info")
def date_remark(ctx: object, f: AbiFile, e: AbiEntry) -> Iterator[Finding]:
    """A Date that carries a remark besides its date (``April 2005 (predates git)``).

    A remark with no date at all is malformed-date.

    Old entries record history this way; the Date field is for the month,
    the history belongs in the Description.

    PASS:
        What:		/sys/foo
        Date:		April 2005
        Description:	Reads the foo counter.  (This predates git.)

    FAIL:
        What:		/sys/foo
        Date:		April 2005 (predates git)
        Description:	Reads the foo counter.
    """
    for fl, p in _dates(e):
        if p.kind == "remark":
            v = fl.value.strip()
            if p.also:
                # The remark names other months: which one the ABI appeared
                # in is for the author to say, not for us to guess.
                named = " and ".join((p.canonical, *p.also))
                hint = (
                    f"write the month the ABI appeared as 'Month YYYY' (the field names {named}) "
                    "and move the remark into the Description"
                )
            else:
                hint = f"write '{p.canonical}' and move the remark into the Description"
            yield Finding(fl.value_span, f"Date '{' '.join(v.split())}' carries a remark", hint)
