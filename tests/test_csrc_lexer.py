"""The lexer keeps offsets and lines while blanking comments, literals and #if 0."""

from __future__ import annotations

from abi_tools.csrc.lexer import clean

SOURCE = """\
int a; /* comment with "quote" and
  second line */ int b;
char *s = "string with /* not a comment */ inside";
char c = '"'; char d = '\\''; // line comment \\
continued
#if 0
dead;
# if defined(X)
still dead;
# endif
#elif defined(Y)
maybe;
#else
live_else;
#endif
/* unterminated
"""


def test_same_length_and_lines() -> None:
    out = clean(SOURCE)
    assert len(out) == len(SOURCE)
    assert out.count("\n") == SOURCE.count("\n")


def test_what_survives() -> None:
    out = clean(SOURCE)
    for gone in ("comment", "quote", "second", "string", "continued", "dead", "unterminated"):
        assert gone not in out, gone
    for kept in ("int a;", "int b;", "char *s", "maybe;", "live_else;"):
        assert kept in out, kept


def test_string_offsets_match_original() -> None:
    out = clean(SOURCE)
    start = out.index('"', out.index("char *s"))
    end = out.index('"', start + 1)
    assert SOURCE[start + 1 : end] == "string with /* not a comment */ inside"
