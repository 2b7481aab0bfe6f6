"""The one-pass line lexer gives exactly the tokens lark's own lexer gives."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from lark import Lark
from lark.exceptions import UnexpectedCharacters

from abi_tools import parse
from abi_tools.linelexer import LineLexer


def _lark_lexed() -> Lark:
    """The same grammar and callbacks with lark's contextual lexer."""
    return Lark(
        parse._grammar_text(),
        parser="lalr",
        lexer="contextual",
        lexer_callbacks={"TEXT": parse._on_text},
        maybe_placeholders=False,
    )


_REFERENCE: list[Lark] = []


def _tokens(p: Lark, text: str) -> list[tuple[str, str, int | None]]:
    tree = p.parse(text)
    return [(t.type, str(t), t.line) for t in tree.scan_values(lambda _: True)]


def _same(text: str) -> None:
    if not _REFERENCE:
        _REFERENCE.append(_lark_lexed())
    assert _tokens(parse.parser(), text) == _tokens(_REFERENCE[0], text)


def test_parser_uses_the_line_lexer() -> None:
    assert parse.parser().options.lexer is LineLexer


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n",
        "What: /sys/a\n",
        "preamble\n  indented\n\nWhat: /sys/a\n\t/sys/b\n/sys/c\nDate:\tMay 2020\nDescription:\n\tx\n\n  y\n",
        "Date: no what yet\nContact: a@b\nWhat: /sys/a\n",
        "What: /sys/a\nKernelVersion\t6.7\nWDate:  May 2020\nUser:  me\nWhat; /sys/b\n",
        "what: /sys/a\ncontact: x\nUsers can write here\nValues:\n  0 off\n",
        "What:/sys/a\r\nDate:\r\n\f\n\v x\n",
    ],
)
def test_same_tokens_as_lark_on_shapes(text: str) -> None:
    _same(text)


def test_same_tokens_as_lark_on_every_corpus_file(kernel_tree: Path) -> None:
    files = sorted(p for p in (kernel_tree / "Documentation" / "ABI").rglob("*") if p.is_file())
    assert len(files) > 500
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        if not text.endswith("\n"):
            text += "\n"
        _same(text)


def test_same_tokens_as_lark_on_random_line_soup() -> None:
    pieces = ["What: /sys/x", "Date:", "KernelVersion\t6.1", "  indented", "", "\t", "text", "Users:"]
    pieces += ["WHAT:", "x:", "Contact"]
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(pieces) + "\n" for _ in range(rng.randint(0, 12)))
        _same(text)


def test_text_without_final_newline_is_an_error_like_lark_gives() -> None:
    with pytest.raises(UnexpectedCharacters) as exc:
        parse.parser().parse("What: /sys/a\nDate: May")
    assert exc.value.line == 2
