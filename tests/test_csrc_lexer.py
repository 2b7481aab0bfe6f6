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


def test_exact_blanking() -> None:
    # A multi-line comment keeps a backslash at the end of each non-empty line
    # (so a #define stays one directive), an empty line stays empty; "//" with
    # a continuation does not; literals keep their quotes; a division is code.
    source = "x = a / b; /* one\n\n two */ y;\n// c \\\n d\ns = \"/* no */\"; c = '\\''; t = \"open\n"
    want = 'x = a / b;      \\\n\n        y;\n      \n  \ns = "        "; c = \'  \'; t = "    \n'
    assert clean(source) == want


def test_non_ascii_comment_blanks_like_ascii() -> None:
    ascii_text = "#define X 1 /* Andre\n * Muller */\nint y;\n"
    other = ascii_text.replace("Andre", "André").replace("Muller", "Müller")
    assert len(other) == len(ascii_text)
    assert clean(other) == clean(ascii_text)
