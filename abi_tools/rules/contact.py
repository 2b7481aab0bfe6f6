"""Contact values that are not a list of reachable addresses."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from abi_tools.model import AbiEntry, AbiFile, Field
from abi_tools.rules import Finding, rule

#: A plain address: local part, @, a domain of dot-separated labels.
_ADDR_RE = r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*"
_ADDR = re.compile(_ADDR_RE)
#: Items that email.utils.getaddresses reads as exactly one address, not
#: empty: a plain address after words of atom characters (the words become
#: part of the address), or a name (words, dots, quoted strings and
#: comments without backslashes or nesting) and a plain address in angle
#: brackets at the end.  Nearly every Contact is one of these, and
#: importing email.utils costs a cold lint run 9 ms before its processes
#: start; see email._parseaddr.AddrlistClass.getaddress for why these give
#: one address.
_ONE_ADDRESS = re.compile(
    rf'(?:[^\s<>()@,:;"\[\]\\]+[ \t]+)*{_ADDR_RE}'
    rf'|(?:[^<>()@,:;"\[\]\\\r]|"[^"\\\r()]*"|\([^()"\\\r]*\))*<{_ADDR_RE}>'
)
_QUOTED = re.compile(r'"[^"]*"')
_HINT = "write one address per item, e.g. 'Jane Doe <jane@example.org>' or 'linux-foo@vger.kernel.org'"


def _balance(text: str) -> str | None:
    """What is unbalanced in the value, or None."""
    if text.count('"') % 2:
        return "an unbalanced '\"'"
    for o, c in ("<>", "()"):
        depth = 0
        for ch in text:
            if ch == o:
                depth += 1
            elif ch == c:
                depth -= 1
                if depth < 0:
                    return f"a '{c}' without '{o}'"
        if depth:
            return f"a '{o}' without '{c}'"
    return None


def _items(value: str) -> Iterator[str]:
    """The comma- or newline-separated items of a Contact value (quotes respected)."""
    buf: list[str] = []
    quoted = False
    angle = 0
    for ch in value:
        if ch == '"':
            quoted = not quoted
        elif ch == "<" and not quoted:
            angle += 1
        elif ch == ">" and not quoted:
            angle = max(0, angle - 1)
        if ch in ",\n" and not quoted and not angle:
            yield "".join(buf)
            buf = []
        else:
            buf.append(ch)
    yield "".join(buf)


def _problems(value: str) -> Iterator[tuple[str, str]]:
    """(message, hint) for each problem of one Contact value."""
    if "@" not in value:
        yield (
            f"no e-mail address in Contact {value.splitlines()[0]!r}",
            "add the address: 'Jane Doe <jane@example.org>', or the mailing list's address",
        )
        return
    unbalanced = _balance(value)
    if unbalanced:
        yield f"Contact has {unbalanced}", _HINT
        return
    if value.rstrip().endswith((",", ";")):
        yield "Contact ends with a separator", "remove the trailing comma"
    if ";" in value:
        yield "addresses in Contact are separated by ';'", "separate addresses with ',' or newlines"
        return
    for item in _items(value):
        item = item.strip()
        if item:
            yield from _item_problems(item)


def _item_problems(item: str) -> Iterator[tuple[str, str]]:
    unquoted = _QUOTED.sub('""', item)
    if "@" not in item:
        yield (
            f"{item!r} in Contact is not an address",
            "give its address, and quote a name that has a comma: '\"Doe, Jane\" <jane@example.org>'",
        )
        return
    if "@" not in unquoted:
        bare = item.replace('"', "").strip()
        yield f"the address in {item!r} is inside quotes", f"write '{bare}'"
        return
    if unquoted.count("<") > 1:
        yield (
            f"several addresses without a ',' between them: {item!r}",
            "separate the addresses with ',' or put each on its own line",
        )
        return
    if not _ONE_ADDRESS.fullmatch(item) and not _one_address(item):
        yield f"malformed address {item!r} in Contact", _HINT
        return
    if "<" in unquoted:
        inside = unquoted[unquoted.index("<") + 1 : unquoted.rindex(">")].strip()
        if not _ADDR.fullmatch(inside):
            yield f"malformed address <{inside}> in Contact", _HINT
        elif unquoted[unquoted.rindex(">") + 1 :].strip():
            yield (
                f"text after the address in {item!r}",
                "put the name before the address: 'Jane Doe <jane@example.org>'",
            )
        return
    words = item.split()
    if len(words) == 1:
        if not _ADDR.fullmatch(item):
            yield f"malformed address {item!r} in Contact", _HINT
        return
    at_words = [w for w in words if "@" in w]
    if len(at_words) == 1 and _ADDR.fullmatch(at_words[0].strip("()")):
        rest = " ".join(w for w in words if w is not at_words[0]).strip()
        yield (
            f"address {at_words[0]!r} is not in angle brackets",
            f"write '{rest} <{at_words[0].strip('()')}>'",
        )
    else:
        yield f"malformed address {item!r} in Contact (spaces inside the address?)", _HINT


def _one_address(item: str) -> bool:
    """Whether email.utils reads the item as one address (not empty)."""
    from email.utils import getaddresses

    pairs = getaddresses([item])
    return len(pairs) == 1 and bool(pairs[0][1])


def _check(f: AbiFile, fl: Field) -> Iterator[Finding]:
    value = fl.value.strip()
    if not value:
        return  # empty-field reports it
    for message, hint in _problems_of(value):
        yield Finding(fl.value_span, message, hint)


# Most entries name one of a few hundred maintainers and lists; parsing an
# address list with email.utils is the rule's cost.
@functools.lru_cache(maxsize=4096)
def _problems_of(value: str) -> tuple[tuple[str, str], ...]:
    return tuple(_problems(value))


@rule("ABI040", "bad-contact", "warning")
def bad_contact(ctx: object, f: AbiFile, e: AbiEntry) -> Iterator[Finding]:
    """A Contact that is not a list of e-mail addresses.

    Each item, separated by commas or newlines, must be an address
    (``linux-foo@vger.kernel.org``) or a name with the address in angle
    brackets (``Jane Doe <jane@example.org>``, ``"Doe, Jane" <jane@example.org>``).
    Reported: no address at all, unbalanced quotes or brackets, a trailing
    comma, ``;`` separators, malformed addresses (``foo@``, spaces inside)
    and addresses written after a name without angle brackets.

    PASS:
        Contact:	Jane Doe <jane@example.org>,
                        linux-foo@vger.kernel.org

    FAIL:
        Contact:	Jane Doe
    """
    for fl in e.all("Contact"):
        yield from _check(f, fl)
