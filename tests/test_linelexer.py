"""The one-pass line lexer gives exactly the tokens lark's own lexer gives."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from lark import Lark

from abi_tools import grammar, parse


def _lark_lexed() -> Lark:
    """The same grammar and callbacks with lark itself and its contextual lexer."""
    return Lark(
        grammar.grammar_text(),
        parser="lalr",
        lexer="contextual",
        lexer_callbacks={"TEXT": parse._on_text},
        maybe_placeholders=False,
    )


_REFERENCE: list[Lark] = []


def _tokens(p: Lark | grammar.AbiParser, text: str) -> list[tuple[str, str, int | None]]:
    out: list[tuple[str, str, int | None]] = []

    def walk(node: Any) -> None:
        for child in node.children:
            if isinstance(child, str):
                out.append((child.type, str(child), child.line))  # type: ignore[attr-defined]
            else:
                walk(child)

    walk(p.parse(text))
    return out


def _same(text: str) -> None:
    if not _REFERENCE:
        _REFERENCE.append(_lark_lexed())
    assert _tokens(parse.parser(), text) == _tokens(_REFERENCE[0], text)


def test_parser_runs_the_generated_runtime_with_the_line_lexer() -> None:
    p = parse.parser()
    assert p.runtime.__name__ == grammar.MODULE
    assert type(p.parse("What: /sys/a\n")).__module__ == grammar.MODULE
    assert p._lark.options._plugins["LexerThread"].__name__ == "LineLexerThread"


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


def test_text_without_final_newline_is_an_error_with_its_line() -> None:
    with pytest.raises(grammar.ParseError) as exc:
        parse.parser().parse("What: /sys/a\nDate: May")
    assert exc.value.line == 2
    assert "No terminal matches 'D'" in str(exc.value)


def test_ignored_terminals_are_skipped_and_still_count_lines() -> None:
    # The ABI grammar ignores nothing; a grammar that does must lex as lark does.
    import textwrap

    from abi_tools.linelexer import thread_class

    g = textwrap.dedent(
        r"""
        start: LINE*
        LINE: /[a-z]+\n/
        COMMENT: /#[^\n]*\n/
        %ignore COMMENT
        """
    )
    import lark

    ours = Lark(g, parser="lalr", lexer="basic", _plugins={"LexerThread": thread_class(lark.lexer)})
    theirs = Lark(g, parser="lalr", lexer="basic")
    text = "a\n# note\nb\n#\nc\n"
    assert (
        _tokens(ours, text)
        == _tokens(theirs, text)
        == [("LINE", "a\n", 1), ("LINE", "b\n", 3), ("LINE", "c\n", 5)]
    )
