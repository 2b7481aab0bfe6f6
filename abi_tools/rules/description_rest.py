"""Descriptions that are not valid ReST: what ``make htmldocs`` warns about."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from abi_tools.model import AbiEntry, AbiFile, Field, Span
from abi_tools.rules import Finding, rest_cache, rule
from abi_tools.rules.rest_cache import Message

#: get_abi removes title markup before Sphinx sees a description (titles
#: inside ABI entries would clash with the page's own section levels).
_TITLE_MARK = re.compile(r"\n[-*=^~]+\n")

#: Directives Sphinx or the kernel's extensions provide; docutils alone
#: does not know them, ``make htmldocs`` does.
SPHINX_DIRECTIVES = frozenset(
    {
        "code-block",
        "sourcecode",
        "literalinclude",
        "highlight",
        "toctree",
        "only",
        "index",
        "glossary",
        "productionlist",
        "versionadded",
        "versionchanged",
        "deprecated",
        "seealso",
        "centered",
        "hlist",
        "tabularcolumns",
        "kernel-doc",
        "kernel-abi",
        "kernel-feat",
        "kernel-include",
        "kernel-figure",
        "kernel-image",
        "kernel-render",
        "flat-table",
        "cssclass",
    }
)

_UNKNOWN_DIRECTIVE = re.compile(r'Unknown directive type "([^"]+)"')
_HINTS = {
    "Unexpected indentation": "indent only what belongs to a list item, literal block or block quote; "
    "start a block quote after a blank line",
    "Block quote ends without a blank line": "put a blank line after the indented block, or indent the "
    "line that follows it the same way",
    "Inline emphasis start-string without end-string": "write a lone '*' as '\\*' or put the path in "
    "``double backquotes``",
    "Inline strong start-string without end-string": "escape the asterisks or use ``double backquotes``",
    "Inline literal start-string without end-string": "close the ``literal`` or escape the backquotes",
    "Inline interpreted text or phrase reference start-string without end-string": "close the `text` "
    "or write the backquote as '\\`'",
    "Definition list ends without a blank line": "put a blank line after the definition list",
    "Bullet list ends without a blank line": "put a blank line after the list",
    "Enumerated list ends without a blank line": "put a blank line after the list",
    "Explicit markup ends without a blank line": "put a blank line after the directive or comment",
    "Malformed table": "fix the table's borders so every row lines up with the '=' or '-' rules",
    "Literal block expected; none found": "indent the text after '::', with a blank line before it, "
    "or write ':' instead of '::'",
}
_DEFAULT_HINT = "fix the ReST markup of the description (see the docutils message)"


class _Null:
    def write(self, text: str) -> None:
        pass

    def flush(self) -> None:
        pass


def _reusing_parser() -> Any:
    """docutils' ReST parser, made to keep its state machine from one document to the next.

    ``Parser.parse`` builds a new RSTStateMachine for every document, with
    all its states and their compiled transitions: on ABI descriptions that
    is more than half of docutils' time.  A state machine can be run again
    (``run`` resets it, and docutils itself keeps nested ones for reuse in
    ``RSTState.nested_sm_cache``), so this parse is docutils' own with that
    one change; a parse that raises drops the machine.

    Likewise the inline-markup parser: docutils makes a new one per document
    and builds its dozen regular expressions from the settings (an eighth
    of the rest); ours keeps one and builds them again only for other
    settings.  Tests compare the verdicts with a stock parser's, document
    by document.
    """
    import docutils.statemachine
    from docutils.parsers.rst import Parser, roles, states

    # An instance's method is replaced, not the class subclassed: the
    # Inliner fills its patterns from vars() of its own class.
    inliner = states.Inliner()
    build = inliner.init_customizations
    built_for: list[Any] = []

    def init_customizations(settings: Any) -> None:
        if not built_for or built_for[0] is not settings:
            inliner.implicit_dispatch = []  # as a new Inliner has it: building appends
            build(settings)
            built_for[:] = [settings]

    inliner.init_customizations = init_customizations

    class ReusingParser(Parser):  # type: ignore[misc]
        machine: Any = None

        def parse(self, inputstring: str, document: Any) -> None:
            self.setup_parse(inputstring, document)
            settings = document.settings
            settings.setdefault("tab_width", 8)
            settings.setdefault("syntax_highlight", "long")
            if self.machine is None:
                self.machine = states.RSTStateMachine(
                    state_classes=self.state_classes,
                    initial_state=self.initial_state,
                    debug=document.reporter.debug_flag,
                )
            self.statemachine = self.machine
            lines = docutils.statemachine.string2lines(
                inputstring, tab_width=settings.tab_width, convert_whitespace=True
            )
            too_long = next((i for i, ln in enumerate(lines, 1) if len(ln) > settings.line_length_limit), 0)
            if too_long:
                document.append(document.reporter.error(f"Line {too_long} exceeds the line-length-limit."))
            else:
                try:
                    self.machine.run(lines, document, inliner=self.inliner)
                except BaseException:
                    self.machine = None
                    raise
            if "" in roles._roles:  # as Parser.parse: forget a default role the text set
                del roles._roles[""]
            self.finish_parse()

    return ReusingParser(inliner=inliner)


def warm_up() -> None:
    """Load and set up docutils now (before forking workers, so that they share it)."""
    _machinery()


@functools.cache
def _machinery() -> tuple[Any, Any]:
    """The docutils parser and settings, built once per process."""
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser

    parser = _reusing_parser()
    settings = get_default_settings(Parser)
    settings.report_level = 5
    settings.halt_level = 5
    settings.warning_stream = _Null()
    settings.raw_enabled = False
    settings.file_insertion_enabled = False
    settings.line_length_limit = 100_000
    settings.tab_width = 8
    return parser, settings


def prepare(text: str) -> str:
    """The description as Sphinx receives it from the kernel's get_abi (title marks removed)."""
    return _TITLE_MARK.sub("\n\n", text + "\n")


def _keep(level: int, message: str) -> bool:
    if level < 2:
        return False
    if message.startswith("Unknown interpreted text role"):
        return False  # Sphinx roles (:ref:, :doc:, :c:func:) are known to make htmldocs
    m = _UNKNOWN_DIRECTIVE.match(message)
    return not (m and (m.group(1) in SPHINX_DIRECTIVES or ":" in m.group(1)))


def check_text(text: str, parser: Any = None) -> list[Message]:
    """docutils' messages (level >= WARNING) on a prepared description: (line, level, message).

    ``line`` is 1-based within ``text``, 0 when docutils gives none.
    ``parser`` replaces ours (tests compare it with a stock one).
    """
    from docutils.utils import new_document

    ours, settings = _machinery()
    parser = parser or ours
    document = new_document("<description>", settings)
    out: list[Message] = []

    def observe(msg: Any) -> None:
        level = int(msg["level"])
        first = msg.children[0].astext() if msg.children else msg.astext()
        first = " ".join(first.split())
        if _keep(level, first):
            out.append((int(msg.get("line") or 0), level, first))

    document.reporter.attach_observer(observe)
    try:
        parser.parse(text, document)
    except Exception as exc:  # docutils must never stop the linter
        out.append((0, 4, f"docutils failed on this description: {type(exc).__name__}: {exc}"))
    return out


def messages(text: str) -> list[Message]:
    """check_text of the prepared description, through the cache when there is one."""
    prepared = prepare(text)
    cache = rest_cache.CACHE
    if cache is None:
        return check_text(prepared)
    k = rest_cache.key(prepared)
    got = cache.get(k)
    if got is None:
        got = check_text(prepared)
        cache[k] = got
    return got


def _file_line(fl: Field, line: int) -> int:
    if not fl.line_map:
        return fl.span.line
    if line < 1:
        return fl.line_map[0]
    return fl.line_map[min(line, len(fl.line_map)) - 1]


@rule("ABI070", "description-rest", "warning")
def description_rest(ctx: object, f: AbiFile, e: AbiEntry) -> Iterator[Finding]:
    """A Description that is not valid ReST: the warnings ``make htmldocs`` prints for it.

    The text is checked with docutils as the kernel's get_abi hands it to
    Sphinx (title underlines removed); roles and directives that only
    Sphinx knows (``:ref:``, ``:doc:``, ``.. code-block::``) are accepted.
    ``raw`` and ``include`` directives are not executed and are reported.
    Each problem is reported at the line of the ABI file it is on.

    PASS:
        Description:	Reads the counter.

                        - first item
                        - second item

    FAIL:
        Description:	Reads the counter of /sys/foo/*/bar.
    """
    for fl in e.all("Description"):
        if not fl.value.strip():
            continue
        seen: set[tuple[int, str]] = set()
        for line, _level, message in messages(fl.value):
            where = _file_line(fl, line)
            if (where, message) in seen:
                continue
            seen.add((where, message))
            hint = next((h for k, h in _HINTS.items() if message.startswith(k)), _DEFAULT_HINT)
            yield Finding(Span(f.path, where, 1), f"ReST: {message}", hint)
