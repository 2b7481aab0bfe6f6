"""One description's ReST -> a safe HTML fragment, with docutils' messages kept.

Docutils is run with everything that reaches outside the text switched off
(``raw``, ``include`` and file/URL insertion) and with nothing printed:
every system message is collected instead and returned, so the caller can
show it (the HTML site) or report it (a lint rule).  After docutils'
transforms the tree is cleaned before it is written:

- links whose scheme is not http(s), mailto, ftp or relative are unlinked;
- images are replaced by their alt text (no resource from the network);
- raw/meta nodes and docutils' own system-message boxes are removed;
- an optional *linker* may turn plain text (e.g. ``/sys/...`` paths) into
  links; it is applied to text nodes and to inline literals.

Settings are built once per process; one description costs one parse.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from docutils import frontend, nodes, statemachine, utils
from docutils.parsers import rst
from docutils.parsers.rst import roles, states
from docutils.readers import standalone
from docutils.transforms import frontmatter, universal
from docutils.utils import urischemes
from docutils.writers import html5_polyglot

#: (line in the description, 1-based or 0 when unknown; docutils level 1-4; message)
Message = tuple[int, int, str]

#: A linker: text -> sorted, non-overlapping (start, end, href) spans to link.
Linker = Callable[[str], Sequence[tuple[int, int, str]]]

LEVEL_NAMES = {1: "info", 2: "warning", 3: "error", 4: "severe"}

_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "ftp", "ftps"})
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True)
class RenderedDescription:
    """The HTML fragment of one description and what docutils said about it.

    ``ok`` is False when docutils reported an error or worse (level >= 3)
    or could not render the text at all; in the latter case ``html`` is
    the escaped text in a ``<pre>``.
    """

    html: str
    messages: tuple[Message, ...]
    ok: bool

    @property
    def problems(self) -> tuple[Message, ...]:
        """Messages at warning level or above."""
        return tuple(m for m in self.messages if m[1] >= 2)


def is_safe_uri(uri: str) -> bool:
    """True for http(s)/mailto/ftp URIs and scheme-less (relative) ones."""
    cleaned = _CONTROL.sub("", uri)
    m = _SCHEME.match(cleaned)
    if not m:
        return True
    return m.group(1).lower() in _SAFE_SCHEMES


def _settled_inliner(settings: Any) -> states.Inliner:
    """An inline-markup parser whose patterns are compiled once.

    docutils calls ``init_customizations`` at the start of every parse and
    compiles a dozen large patterns (and appends to the implicit-link list);
    our settings never change, so the first compilation serves every
    description.  (A subclass cannot do this: the patterns are built from
    the class's own attributes, ``vars(self.__class__)``.)
    """
    inliner = states.Inliner()
    inliner.init_customizations(settings)
    inliner.init_customizations = lambda _settings: None
    return inliner


class _ReusingParser(rst.Parser):  # type: ignore[misc]
    """The ReST parser, keeping one state machine for every description.

    docutils' ``Parser.parse`` builds a new ``RSTStateMachine`` per document:
    fifteen states and several hundred compiled transitions, a third of the
    whole site's render time for thousands of short descriptions.  The machine
    is reusable: ``RSTStateMachine.run`` resets everything that belongs to one
    run (document, memo, states, line offsets), as docutils itself relies on
    for the nested machines it caches.  After an exception it is rebuilt.
    """

    _machine: states.RSTStateMachine | None = None

    def parse(self, inputstring: str, document: nodes.document) -> None:
        self.setup_parse(inputstring, document)
        lines = statemachine.string2lines(
            inputstring, tab_width=document.settings.tab_width, convert_whitespace=True
        )
        limit = document.settings.line_length_limit
        too_long = next((n for n, line in enumerate(lines, 1) if len(line) > limit), None)
        if too_long is not None:
            document.append(document.reporter.error(f"Line {too_long} exceeds the line-length-limit."))
        else:
            machine, self._machine = self._machine, None
            if machine is None:
                machine = states.RSTStateMachine(
                    state_classes=self.state_classes, initial_state=self.initial_state
                )
            machine.run(lines, document, inliner=self.inliner)
            self._machine = machine
        roles._roles.pop("", None)  # a default-role directive lasts one description
        self.finish_parse()


@functools.cache
def _components() -> tuple[rst.Parser, standalone.Reader, html5_polyglot.Writer, Any]:
    parser = _ReusingParser()
    reader = standalone.Reader(parser=parser)
    writer = html5_polyglot.Writer()
    settings = frontend.get_default_settings(rst.Parser, standalone.Reader, html5_polyglot.Writer)
    overrides: dict[str, Any] = {
        "raw_enabled": False,
        "file_insertion_enabled": False,
        "report_level": 5,
        "halt_level": 5,
        "warning_stream": False,
        "traceback": True,
        "doctitle_xform": False,
        "sectsubtitle_xform": False,
        "docinfo_xform": False,
        "initial_header_level": 4,
        "syntax_highlight": "none",
        "smart_quotes": False,
        "embed_stylesheet": False,
        "stylesheet_path": [],
        "stylesheet": [],
        "math_output": "HTML",
        "cloak_email_addresses": False,
        "input_encoding": "unicode",
        "output_encoding": "unicode",
        "character_level_inline_markup": False,
        "pep_references": False,
        "rfc_references": False,
        "_disable_config": True,
        "tab_width": 8,
        "section_self_link": False,
        "footnote_backlinks": True,
    }
    for k, v in overrides.items():
        setattr(settings, k, v)
    parser.inliner = _settled_inliner(settings)
    return parser, reader, writer, settings


_DROPPED = (nodes.system_message, nodes.raw, nodes.meta, nodes.comment)


#: Transforms of the reader, parser and writer that do nothing under the
#: settings of :func:`_components` (each checked against its ``apply``):
#: no header/footer, no doctitle/docinfo, no validation, no smart quotes, no
#: stripping; and the system messages they gather are removed by _sanitise.
_IDLE_TRANSFORMS = frozenset(
    {
        universal.Decorations,
        universal.ExposeInternals,
        universal.StripComments,
        universal.Validate,
        universal.SmartQuotes,
        universal.Messages,
        universal.FilterMessages,
        universal.StripClassesAndElements,
        frontmatter.DocTitle,
        frontmatter.SectionSubTitle,
        frontmatter.DocInfo,
    }
)


@functools.cache
def _transforms() -> tuple[tuple[str, Any, None, dict[str, Any]], ...]:
    """The transforms every description needs, as the transformer stores them.

    ``populate_from_components`` would gather them per document (and the idle
    ones with them).  Their serial numbers start at 500, after those of the
    transforms a document's own directives add while it is parsed, so the
    order is the one docutils would use.
    """
    parser, reader, writer, _ = _components()
    kept = [t for c in (reader, parser, writer) for t in c.get_transforms() if t not in _IDLE_TRANSFORMS]
    return tuple((f"{t.default_priority:03d}-{500 + n:03d}", t, None, {}) for n, t in enumerate(kept))


def _clean(document: nodes.document, linker: Linker | None, notes: list[Message]) -> None:
    """Make the tree safe to write and add the linker's links."""
    _sanitise(document, notes)
    if linker is not None:
        _link(document, linker)


def _sanitise(node: nodes.Element, notes: list[Message]) -> None:
    """One walk over the tree (the site renders thousands of small ones):
    drop system messages, raw, meta and comments; problematic text and
    images become plain inlines; links with an unsafe scheme are unlinked."""
    for child in list(node.children):
        if isinstance(child, _DROPPED):
            node.remove(child)
        elif isinstance(child, nodes.problematic):
            child.replace_self(nodes.inline(child.astext(), child.astext(), classes=["problematic"]))
        elif isinstance(child, nodes.image):
            alt = child.get("alt") or child.get("uri", "")
            child.replace_self(nodes.inline(alt, alt, classes=["image-removed"]))
        elif isinstance(child, nodes.Element):
            _sanitise(child, notes)  # first, so an unlinked image keeps its alt text
            uri = child.get("refuri")
            if uri is None or is_safe_uri(uri):
                continue
            if isinstance(child, nodes.reference):
                line = child.line or _line_of(child)
                notes.append((line, 2, f"link to unsafe URI scheme removed: {uri[:60]!r}"))
                child.replace_self(nodes.inline(child.astext(), child.astext(), classes=["unsafe-link"]))
            elif isinstance(child, nodes.target):
                del child["refuri"]


def _line_of(node: nodes.Node) -> int:
    while node is not None:
        if getattr(node, "line", None):
            return int(node.line)
        node = node.parent
    return 0


_NO_LINK_PARENTS = (nodes.reference, nodes.target, nodes.title, nodes.raw, nodes.comment)


def _inside(node: nodes.Node, kinds: tuple[type[nodes.Node], ...]) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parent
    return False


def _link(document: nodes.document, linker: Linker) -> None:
    # Inline literals: the HTML writer skips their children, so a whole literal
    # that is one linkable path is wrapped in a reference instead.
    for lit in list(document.findall(nodes.literal)):
        if _inside(lit, _NO_LINK_PARENTS):
            continue
        text = lit.astext()
        spans = linker(text)
        if len(spans) == 1 and spans[0][0] == 0 and spans[0][1] >= len(text.rstrip("/.,:;")):
            ref = nodes.reference("", "", refuri=spans[0][2], classes=["xref"])
            lit.replace_self(ref)
            ref.append(lit)
    for text_node in list(document.findall(nodes.Text)):
        parent = text_node.parent
        if parent is None or isinstance(parent, nodes.literal) or _inside(text_node, _NO_LINK_PARENTS):
            continue
        text = str(text_node)
        spans = linker(text)
        if not spans:
            continue
        new: list[nodes.Node] = []
        pos = 0
        for start, end, href in spans:
            if start > pos:
                new.append(nodes.Text(text[pos:start]))
            new.append(nodes.reference(text[start:end], text[start:end], refuri=href, classes=["xref"]))
            pos = end
        if pos < len(text):
            new.append(nodes.Text(text[pos:]))
        index = parent.index(text_node)
        parent.remove(text_node)
        for offset, n in enumerate(new):
            parent.insert(index + offset, n)


#: What could make docutils read a text as more than plain paragraphs: an
#: inline-markup or escape character, a ``word_`` reference, ``::`` or ``..``,
#: a tab or form feed, and a line that does not start with a letter or digit
#: (indented blocks, lists, tables, titles, fields, options, directives) or
#: that starts like an enumerated list item (``1.``, ``a)``, ``iv.``, ``#.``).
_NOT_PLAIN = re.compile(
    r"[*`|\\\[\]@\t\v\f\x00]|_(?![A-Za-z0-9])|::|\.\."
    r"|^[^A-Za-z0-9\n]|^(?:\d+|[A-Za-z#]|[ivxlcdm]+|[IVXLCDM]+)[.)](?:[ \n]|$)",
    re.M,
)
#: ``scheme:`` followed by text: a standalone URI when docutils knows the scheme.
_SCHEME_USE = re.compile(r"([A-Za-z][A-Za-z0-9.+-]*):(?=\S)")
_HTML_ESCAPES = html5_polyglot.HTMLTranslator.special_characters


def _plain_paragraphs(text: str) -> list[str] | None:
    """The paragraphs of a text docutils would render as nothing but paragraphs, or None.

    Most ABI descriptions are such prose; rendering them here skips a whole
    docutils run.  Conservative on purpose: anything that might be markup
    sends the text to docutils.  ``test_plain_text_renders_as_docutils_does``
    compares both paths on every description of the kernel corpus.
    """
    if _NOT_PLAIN.search(text):
        return None
    if any(m.group(1).lower() in urischemes.schemes for m in _SCHEME_USE.finditer(text)):
        return None
    lines = [line.rstrip() for line in text.split("\n")]
    if any(len(line) > 10_000 for line in lines):
        return None
    paragraphs = [p for p in "\n".join(lines).split("\n\n") if p.strip()]
    return [p.strip("\n") for p in paragraphs]


def _render_plain(paragraphs: list[str], linker: Linker | None) -> str:
    """The HTML docutils writes for plain paragraphs, links from ``linker`` included."""
    out: list[str] = []
    for para in paragraphs:
        parts: list[str] = []
        pos = 0
        for start, end, href in linker(para) if linker is not None else ():
            parts.append(para[pos:start].translate(_HTML_ESCAPES))
            parts.append(
                f'<a class="reference external xref" href="{href.translate(_HTML_ESCAPES)}">'
                f"{para[start:end].translate(_HTML_ESCAPES)}</a>"
            )
            pos = end
        parts.append(para[pos:].translate(_HTML_ESCAPES))
        out.append(f"<p>{''.join(parts)}</p>\n")
    return "".join(out)


def render_description(text: str, linker: Linker | None = None, id_prefix: str = "") -> RenderedDescription:
    """Render one description (ReST) to an HTML fragment; never raises.

    ``id_prefix`` keeps the ids docutils makes (sections, footnotes) unique
    when many descriptions share one page.
    """
    paragraphs = _plain_paragraphs(text)
    if paragraphs:
        return RenderedDescription(_render_plain(paragraphs, linker), (), True)
    return render_with_docutils(text, linker, id_prefix)


def render_with_docutils(text: str, linker: Linker | None = None, id_prefix: str = "") -> RenderedDescription:
    """:func:`render_description` without the plain-prose shortcut."""
    parser, reader, writer, base = _components()
    settings = copy.copy(base)
    settings.id_prefix = id_prefix
    settings.auto_id_prefix = "%"
    messages: list[Message] = []
    try:
        document = utils.new_document("<description>", settings)

        def observe(msg: nodes.system_message) -> None:
            line = msg.get("line") or 0
            body = msg.children[0].astext() if msg.children else msg.astext()
            messages.append((int(line), int(msg["level"]), body))

        document.reporter.attach_observer(observe)
        parser.parse(text, document)
        transformer = document.transformer
        transformer.components.update(reader=reader, parser=parser, writer=writer)
        transformer.transforms.extend(_transforms())
        transformer.sorted = False
        transformer.apply_transforms()
        _clean(document, linker, messages)
        visitor = html5_polyglot.HTMLTranslator(document)
        document.walkabout(visitor)
        html = "".join(visitor.fragment)
    except Exception as exc:  # docutils bug or pathological input: show the text as it is
        messages.append((0, 4, f"docutils could not render this description: {type(exc).__name__}: {exc}"))
        return RenderedDescription(_pre(text), _dedupe(messages), False)
    msgs = _dedupe(messages)
    return RenderedDescription(html, msgs, not any(level >= 3 for _, level, _ in msgs))


def _dedupe(messages: list[Message]) -> tuple[Message, ...]:
    seen: set[Message] = set()
    out: list[Message] = []
    for m in messages:
        if m not in seen:
            seen.add(m)
            out.append(m)
    return tuple(out)


def _pre(text: str) -> str:
    from markupsafe import escape

    return f'<pre class="description-text">{escape(text)}</pre>\n'
