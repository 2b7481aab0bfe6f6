"""Blank out what cannot declare anything: comments, string/char literals, ``#if 0``.

The cleaned text has exactly the same length and the same newlines as the input,
so an offset in it is an offset in the original (which is how the scanner reads
back a string literal such as ``.name = "seamldr"``) and line numbers survive.

Comments and literals are found by stepping from one ``/``, ``"`` or ``'`` to
the next with str.find; the Python work is proportional to the number of
comments and literals, never to the number of characters.
"""

from __future__ import annotations

import re

# A line comment, a string or character literal: from its first character to its end.
_LINE_COMMENT = re.compile(r"//[^\n\\]*(?:\\.[^\n\\]*)*", re.DOTALL)  # with backslash continuations
_LITERAL = re.compile(
    r""""[^"\\\n]*(?:\\.[^"\\\n]*)*"?|'[^'\\\n]*(?:\\.[^'\\\n]*)*'?""",
    re.DOTALL,
)

# Start with a literal '#' (fast to search for); line-start is checked by hand.
_DIRECTIVE = re.compile(r"#[ \t]*(if|ifdef|ifndef|elif|else|endif)\b([^\n]*)")
_CONSTANT_IF = re.compile(r"#[ \t]*(?:if|elif)[ \t]*\(?[ \t]*(?:0+|1|false|true)\b")
_LINE_HEAD = re.compile(r"[ \t]*\Z")
_FALSE = re.compile(r"\s*\(?\s*(?:0+|false)\s*\)?\s*$")
_TRUE = re.compile(r"\s*\(?\s*(?:0*1|true)\s*\)?\s*$")


#: every byte but the newline to a space
_SPACES = bytes(b if b == 0x0A else 0x20 for b in range(256))


def _blank(text: str, keep_continuations: bool) -> str:
    if "\n" not in text:
        return " " * len(text)
    if text.isascii():
        # bytes.translate and one replace: a third less time than a Python
        # loop over the comment's lines.
        blanked = text.encode("ascii").translate(_SPACES)
        if keep_continuations:
            blanked = blanked.replace(b" \n", b"\\\n")
        return blanked.decode("ascii")
    parts = text.split("\n")
    if keep_continuations:
        # A comment spanning lines inside a #define does not end the directive;
        # a trailing backslash keeps that true in the cleaned text.
        head = [(" " * (len(p) - 1) + "\\") if p else "" for p in parts[:-1]]
    else:
        head = [" " * len(p) for p in parts[:-1]]
    return "\n".join([*head, " " * len(parts[-1])])


def _blank_noise(text: str) -> str:
    """A comment or literal blanked; a literal keeps its quotes."""
    first = text[0]
    n = len(text)
    if "\n" not in text:  # the common case, kept free of further calls
        if first == "/":
            return " " * n
        if n >= 2 and text[-1] == first:
            return first + " " * (n - 2) + first
        return first + " " * (n - 1)
    if first == "/":
        return _blank(text, keep_continuations=text[1] == "*")
    # Keep the quotes so the scanner still sees a literal (and can read it back).
    if n >= 2 and text[-1] == first:
        return first + _blank(text[1:-1], keep_continuations=True) + first
    return first + _blank(text[1:], keep_continuations=True)


def strip_comments_and_strings(text: str) -> str:
    # Whichever of comment / string / char literal starts first wins, so "/*"
    # inside a string and '"' inside a comment are both handled correctly.
    # In a copy with both quotes turned into "/", one str.find reaches the next
    # candidate at memchr speed; a regex search for any of the three characters
    # tested each character in turn and was most of the lexer's time.
    find = text.replace('"', "/").replace("'", "/").find
    out: list[str] = []
    last = 0
    i = find("/")
    while i >= 0:
        if text[i] != "/":
            literal = _LITERAL.match(text, i)
            assert literal is not None  # a quote always starts one
            end = literal.end()
        elif text.startswith("*", i + 1):
            # A block comment ends at the first "*/" after its "/*", else at the end of the file.
            end = text.find("*/", i + 2)
            end = len(text) if end < 0 else end + 2
        elif text.startswith("/", i + 1):
            comment = _LINE_COMMENT.match(text, i)
            assert comment is not None  # "//" always starts one
            end = comment.end()
        else:
            i = find("/", i + 1)  # a division
            continue
        out.append(text[last:i])
        out.append(_blank_noise(text[i:end]))
        last = end
        i = find("/", end)
    out.append(text[last:])
    return "".join(out)


def strip_dead_code(text: str) -> str:
    """Blank ``#if 0`` blocks (and the ``#else`` side of ``#if 1``), tracking nesting."""
    if "#" not in text:
        return text
    # Quick reject: most files have no constant conditional at all.
    if not _CONSTANT_IF.search(text):
        return text
    # stack entries: was this branch dead because of a constant condition?
    # (state, done): state "dead"/"live"/"unknown"; done = a live branch already taken
    stack: list[tuple[str, bool]] = []
    dead_from: int | None = None
    spans: list[tuple[int, int]] = []

    def dead_depth() -> bool:
        return any(state == "dead" for state, _ in stack)

    for m in _DIRECTIVE.finditer(text):
        if not _LINE_HEAD.match(text, text.rfind("\n", 0, m.start()) + 1, m.start()):
            continue
        word, rest = m.group(1), m.group(2)
        was_dead = dead_depth()
        if word in ("if", "ifdef", "ifndef"):
            if word == "if" and _FALSE.match(rest):
                stack.append(("dead", False))
            elif word == "if" and _TRUE.match(rest):
                stack.append(("live", True))
            else:
                stack.append(("unknown", False))
        elif word == "elif":
            if not stack:
                continue
            state, done = stack[-1]
            if done:
                stack[-1] = ("dead", True)
            elif _FALSE.match(rest):
                stack[-1] = ("dead", False)
            elif _TRUE.match(rest):
                stack[-1] = ("live", True)
            else:
                stack[-1] = ("unknown", state == "live")
        elif word == "else":
            if not stack:
                continue
            state, done = stack[-1]
            if done or state == "live":
                stack[-1] = ("dead", True)
            elif state == "dead":
                stack[-1] = ("live", True)
            else:
                stack[-1] = ("unknown", False)
        else:  # endif
            if stack:
                stack.pop()
        now_dead = dead_depth()
        if now_dead and not was_dead:
            dead_from = m.end()
        elif was_dead and not now_dead and dead_from is not None:
            spans.append((dead_from, m.start()))
            dead_from = None
    if dead_from is not None:
        spans.append((dead_from, len(text)))
    if not spans:
        return text
    out: list[str] = []
    last = 0
    for start, end in spans:
        out.append(text[last:start])
        out.append(_blank(text[start:end], keep_continuations=False))
        last = end
    out.append(text[last:])
    return "".join(out)


def clean(text: str) -> str:
    """Comments, literals' contents and dead conditional blocks replaced by blanks."""
    return strip_dead_code(strip_comments_and_strings(text))
