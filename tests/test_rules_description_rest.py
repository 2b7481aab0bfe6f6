"""ABI070 description-rest and its cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rule_helpers import corpus_findings, example, lint

from abi_tools.rules import description_rest, rest_cache

HEAD = "What:\t\t/sys/foo\nContact:\ta@example.org\n"


@pytest.fixture(autouse=True)
def no_cache() -> None:
    rest_cache.disable_cache()


def test_docstring_examples() -> None:
    assert lint("ABI070", example("ABI070", "PASS")) == []
    assert len(lint("ABI070", example("ABI070", "FAIL"))) == 1


def test_error_on_third_line_is_reported_at_its_file_line() -> None:
    text = HEAD + "Description:\n\t\tFirst line.\n\n\t\tThird *line.\n"
    got = lint("ABI070", text)
    assert len(got) == 1
    assert "Inline emphasis" in got[0].message
    assert got[0].span.line == 6


def test_unexpected_indentation_line() -> None:
    text = HEAD + "Description:\tSupported values are listed\n\t\tbelow::\n\t\t  a = 1\n\n\t\tDone.\n"
    got = lint("ABI070", text)
    assert [(d.span.line, d.message) for d in got] == [(5, "ReST: Unexpected indentation.")]


def test_title_underlines_are_removed_like_get_abi() -> None:
    text = HEAD + "Description:\n\t\tTitle\n\t\t-----\n\t\tText.\n"
    assert lint("ABI070", text) == []


def test_sphinx_roles_and_directives_are_accepted() -> None:
    text = HEAD + (
        "Description:\tSee :ref:`foo` and :c:func:`bar` and :doc:`/admin-guide/x`.\n\n"
        "\t\t.. code-block:: c\n\n\t\t   int x;\n"
    )
    assert lint("ABI070", text) == []


def test_raw_and_include_are_not_executed() -> None:
    text = HEAD + (
        "Description:\tText.\n\n\t\t.. raw:: html\n\n\t\t   <script>x</script>\n\n"
        "\t\t.. include:: /etc/passwd\n"
    )
    got = lint("ABI070", text)
    assert {d.message for d in got} == {
        'ReST: "raw" directive disabled.',
        'ReST: "include" directive disabled.',
    }
    assert all("root:" not in d.message for d in got)


def test_cache_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "abi-tools" / "rest-cache.json"
    rest_cache.load_cache(path)
    text = HEAD + "Description:\tA *broken line.\n"
    first = lint("ABI070", text)
    assert rest_cache.CACHE and len(rest_cache.CACHE) == 1
    assert rest_cache.save_cache(path)
    assert json.loads(path.read_text())["format"] == rest_cache.cache_format()
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left
    rest_cache.load_cache(path)
    assert lint("ABI070", text) == first


def test_cache_is_consulted() -> None:
    rest_cache.CACHE = {}
    key = rest_cache.key(description_rest.prepare("Fine text."))
    rest_cache.CACHE[key] = [(1, 2, "planted")]
    got = lint("ABI070", HEAD + "Description:\tFine text.\n")
    assert [d.message for d in got] == ["ReST: planted"]


def test_stale_cache_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"format": "0", "entries": {"x": [[1, 2, "old"]]}}))
    assert rest_cache.load_cache(path) == {}
    path.write_text("not json")
    assert rest_cache.load_cache(path) == {}


def test_cache_path_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert rest_cache.cache_path() == tmp_path / "abi-tools" / "rest-cache.json"


def test_runs_on_the_corpus(kernel_tree: Path) -> None:
    found = corpus_findings(kernel_tree, "ABI070")
    assert len(found) < 20  # the kernel keeps htmldocs nearly clean


#: ReST of our own that makes docutils speak, and some that does not, to
#: run through one parser in a row: a state machine kept from one
#: description to the next must judge each as a fresh one would.
REST_SAMPLES = [
    "Reads the counter.",
    "Values:\n  a\n\nb",
    "Third *line.",
    "A list:\n\n- one\n- two\n  - nested\n- three\nNo blank line.",
    "Supported values::\n\n  a = 1\n\n  b = 2\n\nDone.",
    "Title\n=====\n\nText under a title.",
    "=====  =====\nA      B\n=====  =====\n1      2\n3\n=====  =====",
    "+---+---+\n| a | b |\n+---+--+\n",
    ".. note::\n   A note.\n.. unknown-thing:: x\n\nafter",
    "1. one\n2. two\n3 three\n\n#. auto\n#. auto",
    ":field: value\n:other: value\n  continued\nnot a field",
    "term\n  definition\nterm two\n  definition two\n\n``unclosed literal",
    "| line block\n| second\n\n  block quote\nends here",
    ".. _target:\n\nSee target_ and missing_ and `a link <http://example.org>`_.",
    "Text with a default role `x` and :unknown:`role` and |sub|.\n\n.. |sub| replace:: text",
    "Section\n-------\n\nSub\n~~~\n\nAnother\n-------\n\nBack\n~~~",
    "\n\n  indented start\n\nnormal",
    ".. raw:: html\n\n   <b>x</b>",
    "Transition below\n\n----------\n\nand text",
    "See http://example.org/x, <https://example.org/y> and mailto:a@example.org.",
    "*unclosed emphasis http://example.org/z and ``literal`` and `interpreted`",
]


def test_kept_state_machine_judges_like_a_fresh_one() -> None:
    from docutils.parsers.rst import Parser

    texts = [description_rest.prepare(t) for t in REST_SAMPLES]
    texts = texts + texts[::-1]
    ours = [description_rest.check_text(t) for t in texts]
    assert ours == [description_rest.check_text(t, Parser()) for t in texts]
    assert sum(1 for m in ours if m) >= 10  # the samples do make docutils speak


def test_kept_state_machine_on_the_corpus(tree612: Path) -> None:
    from docutils.parsers.rst import Parser

    from abi_tools.tree import load_tree

    entries = load_tree([str(tree612)]).entries()
    descriptions = [description_rest.prepare(e.description) for _, e in entries if e.description]
    samples = [description_rest.prepare(t) for t in REST_SAMPLES]
    # Every third description, each followed by one of our samples: the
    # parser goes from texts docutils has nothing to say about to ones it
    # has, and back.
    texts = []
    for i, d in enumerate(descriptions[::3]):
        texts += [d, samples[i % len(samples)]]
    stock = Parser()
    assert [description_rest.check_text(t) for t in texts] == [
        description_rest.check_text(t, stock) for t in texts
    ]
