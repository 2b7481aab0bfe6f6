"""Find attribute declarations in one file's text.

The pipeline per file: clean (lexer) → collect ``#define``s, attribute arrays and
attribute groups → find declaration macros outside ``#define`` bodies → expand
same-file wrapper macros and scan their expansions → report declaration macros
left inside wrappers that could not be expanded.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

from abi_tools.csrc.context import param_prefix, registrations
from abi_tools.csrc.lexer import clean
from abi_tools.csrc.macros import FRAMEWORK_NAMES, MACROS, MacroSpec
from abi_tools.csrc.mode import classify, evaluate
from abi_tools.csrc.model import Declaration, ScanResult, Unexpanded

# Every declaration macro contains "ATTR" or "_param".  Patterns that start with
# a literal let the regex engine skip ahead quickly; a 100-way alternation of
# macro names does not, and was 20x slower on the kernel tree.
# The engine looks for a literal's first character, and "_" is everywhere in C:
# "param" is a third faster, and finds the same words (the name around each hit
# is looked up in MACROS, whose names all have "_param" where they have "param").
_ATTR_CALL = re.compile(r"ATTR\w*\s*\(")
_PARAM_CALL = re.compile(r"param\w*\s*\(")
# (literal, regex): the "in" test costs nothing on the many short #define
# bodies and wrapper expansions that contain neither literal.
_CALLS = (("ATTR", _ATTR_CALL), ("_param", _PARAM_CALL))
# The body: any characters up to a newline without a backslash before it
# (written "unrolled", runs of ordinary characters at a time: a third faster).
_DEFINE = re.compile(r"define[ \t]+([A-Za-z_]\w*)(\((?:[^)\n\\]|\\\n?)*\))?([^\n\\]*(?:\\\n?[^\n\\]*)*)")
_DIRECTIVE_HEAD = re.compile(r"[ \t]*#[ \t]*\Z")
_IDENT = re.compile(r"[A-Za-z_]\w*\Z")
# __stringify() turns any token run into the name: "read-bytes.scale", "7" and
# runtime templates such as "temp%d_input" (later sprintf'ed) all occur.
_ATTR_NAME = re.compile(r"[\w.\-%]+\Z")
_ARG_PUNCT = re.compile(r"[()\[\]{},]")
# Arrays of attributes and attribute groups, found in one pass: both start
# with "struct", the literal the regex engine skips ahead to.  "__ro_after_init"
# and similar annotations may stand before the "=".
_ARRAY_OR_GROUP = re.compile(
    r"struct\s+(?:"
    r"(?:bin_|configfs_|configfs_bin_)?attribute\s*\*\s*(?:const\s+)?(?P<array>[A-Za-z_]\w*)\s*\[[^\]]*\]"
    r"|attribute_group\s+(?:const\s+)?(?P<group>[A-Za-z_]\w*)\s*(?P<dimension>\[[^\]]*\])?"
    r")\s*(?:__\w+\s*)*=\s*\{"
)
_ARRAY_REF = re.compile(r"&\s*\(?\s*([A-Za-z_]\w*)")
_GROUPS_MACRO = re.compile(r"ATTRIBUTE_GROUPS\s*\(\s*([A-Za-z_]\w*)\s*\)")
_FIELD_NAME = re.compile(r"\.\s*name\s*=\s*([^,}]*)")
_FIELD_ATTRS = re.compile(
    r"\.\s*(attrs|bin_attrs)\s*=\s*(?:\(\s*(?:const\s+)?struct\s+\w+\s*\*+\s*(?:const\s*)?\*?\s*\)\s*)?"
    r"&?\s*([A-Za-z_]\w*)"
)
_STRING = re.compile(r'"([^"\n]*)"')
_OPEN_PAREN = re.compile(r"\s*\(")
_MAX_DEPTH = 8


#: a #define body as (text before, parameter, stringified with #) for each use
#: of a parameter, and the text after the last use
_Template = tuple[tuple[tuple[str, str, bool], ...], str]


@dataclass
class _Define:
    name: str
    params: list[str] | None  # None: object-like
    body: str
    start: int
    end: int
    body_start: int
    #: the body cut at each use of a parameter, made by expand() on first use
    template: _Template | None = field(default=None, compare=False, repr=False)


@dataclass
class _Group:
    variable: str
    name: str | None
    name_expr: str | None


@dataclass
class _FileState:
    path: str
    text: str  # original, for reading string literals back
    code: str  # cleaned, same offsets
    module: str
    defines: dict[str, _Define] = field(default_factory=dict)
    define_spans: list[tuple[int, int]] = field(default_factory=list)
    define_starts: list[int] = field(default_factory=list)
    define_list: list[_Define] = field(default_factory=list)  # parallel to define_spans
    wrappers: dict[str, _Define] = field(default_factory=dict)
    wrapper_re: re.Pattern[str] | None = None
    used_wrappers: set[str] = field(default_factory=set)
    array_of: dict[str, str] = field(default_factory=dict)  # variable -> array
    arrays: set[str] = field(default_factory=set)
    group_of: dict[str, _Group] = field(default_factory=dict)  # array -> group
    _object_defines: dict[str, str] | None = None
    line_cache: tuple[int, int] = (0, 1)  # (offset, line there): lookups mostly ascend
    declarations: list[Declaration] = field(default_factory=list)
    unexpanded: list[Unexpanded] = field(default_factory=list)

    def line_of(self, pos: int) -> int:
        last_pos, last_line = self.line_cache
        if pos < last_pos:
            last_pos, last_line = 0, 1
        line = last_line + self.code.count("\n", last_pos, pos)
        self.line_cache = (pos, line)
        return line

    def object_defines(self) -> dict[str, str]:
        """Object-like ``#define NAME body`` of this file, e.g. permission constants."""
        if self._object_defines is None:
            self._object_defines = {
                n: d.body.replace("\\\n", " ").strip() for n, d in self.defines.items() if d.params is None
            }
        return self._object_defines

    def in_define(self, pos: int) -> _Define | None:
        i = bisect.bisect_right(self.define_starts, pos) - 1
        if i >= 0:
            start, end = self.define_spans[i]
            if start <= pos < end:
                return self.define_list[i]
        return None


def _word_start(code: str, pos: int) -> int:
    start = pos
    while start > 0 and (code[start - 1].isalnum() or code[start - 1] == "_"):
        start -= 1
    return start


def decl_calls(code: str) -> Iterator[tuple[str, int, int]]:
    """(macro, start, offset of its '(') for each declaration-macro call, in order."""
    hits: list[tuple[str, int, int]] = []
    for literal, regex in _CALLS:
        if literal not in code:
            continue
        for m in regex.finditer(code):
            start = _word_start(code, m.start())
            name = code[start : m.end() - 1].rstrip()
            if name in MACROS:
                hits.append((name, start, m.end() - 1))
    hits.sort(key=lambda h: h[1])
    return iter(hits)


def has_decl_call(code: str) -> bool:
    """Whether ``code`` calls any declaration macro (stops at the first)."""
    for literal, regex in _CALLS:
        if literal not in code:
            continue
        for m in regex.finditer(code):
            start = _word_start(code, m.start())
            if code[start : m.end() - 1].rstrip() in MACROS:
                return True
    return False


def module_name_guess(path: str) -> str:
    """KBUILD_MODNAME as kbuild derives it from a single-file module's name."""
    return os.path.splitext(os.path.basename(path))[0].replace("-", "_")


def split_args(code: str, open_pos: int) -> tuple[list[str], int] | None:
    """Arguments of the call whose '(' is at ``open_pos``, and the offset after ')'."""
    depth = 0
    args: list[str] = []
    start = open_pos + 1
    for m in _ARG_PUNCT.finditer(code, open_pos + 1):
        ch = m.group()
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            if depth == 0:
                if ch != ")":
                    return None
                args.append(code[start : m.start()].strip())
                if args == [""]:
                    args = []
                return args, m.end()
            depth -= 1
        elif depth == 0:  # comma
            args.append(code[start : m.start()].strip())
            start = m.end()
    return None


_BRACE = re.compile(r"[{}]")


def _nested_braces(depth: int) -> re.Pattern[str]:
    """A brace pair with up to ``depth`` levels of braces inside.  Possessive
    repeats: a body that nests deeper fails in linear time, never backtracks."""
    pattern = r"\{[^{}]*+\}"
    for _ in range(depth):
        pattern = r"\{[^{}]*+(?:" + pattern + r"[^{}]*+)*+\}"
    return re.compile(pattern)


# Initializers rarely nest deeper than this; one regex match is many times
# cheaper than visiting each brace in Python, which remains the fallback.
_BRACE_PAIR = _nested_braces(6)


def _matching_brace(code: str, open_pos: int) -> int:
    pair = _BRACE_PAIR.match(code, open_pos)
    if pair is not None:
        return pair.end() - 1
    # finditer from a position, not on a slice: no copy of the rest of the file
    depth = 0
    for m in _BRACE.finditer(code, open_pos):
        depth += 1 if m.group() == "{" else -1
        if depth == 0:
            return m.start()
    return len(code)


def _collect_defines(st: _FileState) -> None:
    if "define" not in st.code:
        return
    for m in _DEFINE.finditer(st.code):
        line_start = st.code.rfind("\n", 0, m.start()) + 1
        if not _DIRECTIVE_HEAD.match(st.code, line_start, m.start()):
            continue
        params: list[str] | None = None
        if m.group(2) is not None:
            inner = m.group(2)[1:-1].replace("\\\n", " ").strip()
            params = [p.strip() for p in inner.split(",")] if inner else []
        d = _Define(m.group(1), params, m.group(3), line_start, m.end(), m.start(3))
        # First definition wins: alternatives under #ifdef usually agree on shape.
        st.defines.setdefault(d.name, d)
        st.define_spans.append((line_start, m.end()))
        st.define_list.append(d)
    st.define_starts = [s for s, _ in st.define_spans]


def _find_wrappers(st: _FileState) -> None:
    """Defines that (directly or through each other) use a declaration macro."""
    candidates = {n: d for n, d in st.defines.items() if n not in FRAMEWORK_NAMES}
    wrappers = {n: d for n, d in candidates.items() if has_decl_call(d.body)}
    while True:
        if not wrappers:
            break
        names = re.compile(r"\b(" + "|".join(map(re.escape, wrappers)) + r")\b")
        more = {n: d for n, d in candidates.items() if n not in wrappers and names.search(d.body)}
        if not more:
            break
        wrappers.update(more)
    st.wrappers = wrappers
    if wrappers:
        # No leading \b: then the regex engine can skip ahead to the names'
        # first characters (5x faster); _wrapper_uses() checks the start.
        st.wrapper_re = re.compile(
            "(" + "|".join(sorted(map(re.escape, wrappers), key=len, reverse=True)) + r")\b"
        )


def _wrapper_uses(st: _FileState, code: str) -> Iterator[re.Match[str]]:
    """Each whole-word use of a wrapper's name in ``code``."""
    if st.wrapper_re is None:
        return
    for m in st.wrapper_re.finditer(code):
        # A match inside a longer word runs to that word's end, so it never
        # hides a use that starts a word.
        before = m.start() - 1
        if before < 0 or not (code[before].isalnum() or code[before] == "_"):
            yield m


def expand(define: _Define, args: list[str]) -> str | None:
    """The body of ``define`` with ``args`` substituted, ``#`` and ``##`` applied."""
    params = define.params or []
    mapping: dict[str, str] = {}
    if params and params[-1].endswith("..."):
        fixed = params[:-1]
        if len(args) < len(fixed):
            return None
        va = params[-1][:-3].strip() or "__VA_ARGS__"
        mapping[va] = ", ".join(args[len(fixed) :])
    else:
        fixed = params
        if len(args) != len(fixed):
            return None
    mapping.update(zip(fixed, args, strict=False))
    if define.template is None:
        define.template = _template(define.body, mapping.keys())
    refs, tail = define.template
    parts: list[str] = []
    for before, name, stringify in refs:
        parts.append(before)
        parts.append('"' + mapping[name] + '"' if stringify else mapping[name])
    parts.append(tail)
    return _PASTE.sub("", "".join(parts))


_BODY_TOKEN = re.compile(r"(##)|#\s*([A-Za-z_]\w*)|([A-Za-z_]\w*)")
_PASTE = re.compile(r"\s*##\s*")


def _template(body: str, params: Collection[str]) -> _Template:
    """``body`` cut at its parameters: a wrapper used a hundred times in a file
    is tokenized once, not once per use."""
    body = body.replace("\\\n", " ")
    refs: list[tuple[str, str, bool]] = []
    last = 0
    for m in _BODY_TOKEN.finditer(body):  # "##" is a token too, so "a##b" splits right
        stringified, plain = m.group(2), m.group(3)
        if stringified is not None and stringified in params:
            refs.append((body[last : m.start()], stringified, True))
        elif plain is not None and plain in params:
            refs.append((body[last : m.start()], plain, False))
        else:
            continue
        last = m.end()
    return tuple(refs), body[last:]


def _collect_arrays_and_groups(st: _FileState) -> None:
    if "attribute" in st.code:
        for m in _ARRAY_OR_GROUP.finditer(st.code):
            if m.group("array") is not None:
                _record_array(st, m)
            else:
                _record_group_initializer(st, m)
    if "ATTRIBUTE_GROUPS" in st.code:
        for m in _GROUPS_MACRO.finditer(st.code):
            prefix = st.code[_word_start(st.code, m.start()) : m.start()]
            if prefix not in ("", "BIN_") or st.in_define(m.start()):
                continue
            base = m.group(1)
            st.group_of.setdefault(base + "_attrs", _Group(base + "_group", None, None))


def _record_array(st: _FileState, m: re.Match[str]) -> None:
    array = m.group("array")
    st.arrays.add(array)
    end = _matching_brace(st.code, m.end() - 1)
    body = st.code[m.end() : end]
    for var in _array_refs(st, body, 0):
        st.array_of.setdefault(var, array)


def _array_refs(st: _FileState, body: str, depth: int) -> Iterator[str]:
    for ref in _ARRAY_REF.finditer(body):
        yield ref.group(1)
    if depth >= 3 or not st.defines:
        return
    # Entries such as ATTR_PTR(foo) built by a same-file macro.
    for call in re.finditer(r"\b([A-Za-z_]\w*)\s*\(", body):
        d = st.defines.get(call.group(1))
        if d is None or d.params is None:
            continue
        parsed = split_args(body, call.end() - 1)
        if parsed is None:
            continue
        expanded = expand(d, parsed[0])
        if expanded is not None:
            yield from _array_refs(st, expanded, depth + 1)


def _group_name(st: _FileState, body_start: int, body: str) -> tuple[str | None, str | None]:
    m = _FIELD_NAME.search(body)
    if not m:
        return None, None
    expr = m.group(1).strip()
    literals = list(_STRING.finditer(expr))
    rest = _STRING.sub("", expr).strip()
    if literals and not rest:
        # Read the literal back from the original text at the same offsets.
        base = body_start + m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
        parts = [st.text[base + lit.start(1) : base + lit.end(1)] for lit in literals]
        return "".join(parts), None
    return None, " ".join(st.text[body_start + m.start(1) : body_start + m.end(1)].split())


def _record_group_initializer(st: _FileState, m: re.Match[str]) -> None:
    var = m.group("group")
    end = _matching_brace(st.code, m.end() - 1)
    if m.group("dimension") is None:
        _record_group(st, var, m.end(), st.code[m.end() : end])
        return
    index = 0
    pos = m.end()
    while True:
        inner = st.code.find("{", pos, end)
        if inner < 0:
            break
        inner_end = _matching_brace(st.code, inner)
        _record_group(st, f"{var}[{index}]", inner + 1, st.code[inner + 1 : inner_end])
        index += 1
        pos = inner_end + 1


def _record_group(st: _FileState, var: str, body_start: int, body: str) -> None:
    name, expr = _group_name(st, body_start, body)
    for f in _FIELD_ATTRS.finditer(body):
        st.group_of.setdefault(f.group(2), _Group(var, name, expr))


def _braces_before(code: str, pos: int) -> Iterator[tuple[int, str]]:
    """(offset, brace) of each brace before ``pos``, nearest first.  Two
    rfind cursors: only as far back as the caller walks, never the whole file."""
    opening = code.rfind("{", 0, pos)
    closing = code.rfind("}", 0, pos)
    while opening >= 0 or closing >= 0:
        if opening > closing:
            yield opening, "{"
            opening = code.rfind("{", 0, opening)
        else:
            yield closing, "}"
            closing = code.rfind("}", 0, closing)


#: section and linkage annotations written between a variable and its "="
_ANNOTATIONS = frozenset(
    {"__ro_after_init", "__read_mostly", "__initdata", "__initconst", "__refdata", "__maybe_unused", "__used"}
)


def _assigned_variable(code: str, pos: int) -> tuple[bool, str | None]:
    """Whether ``code`` just before ``pos`` reads ``... = `` and, if so, the plain
    variable assigned (None for a designator such as ``.attr =``).  Done by hand
    from the right: a regex searched over the window was quadratic."""
    end = pos
    while end > 0 and code[end - 1].isspace():
        end -= 1
    if end == 0 or code[end - 1] != "=" or (end > 1 and code[end - 2] in "=!<>+-*/%&|^"):
        return False, None
    end -= 1
    while end > 0 and code[end - 1].isspace():
        end -= 1
    if end > 0 and code[end - 1] == "]":
        bracket = code.rfind("[", max(0, end - 200), end)
        if bracket < 0:
            return True, None
        end = bracket
        while end > 0 and code[end - 1].isspace():
            end -= 1
    start = _word_start(code, end)
    name = code[start:end]
    if name in _ANNOTATIONS:  # "struct x bql_attr __ro_after_init = ..."
        end = start
        while end > 0 and code[end - 1].isspace():
            end -= 1
        start = _word_start(code, end)
        name = code[start:end]
    if not _IDENT.match(name):
        return True, None
    before = start
    while before > 0 and code[before - 1].isspace():
        before -= 1
    if before > 0 and code[before - 1] in ".>":  # .field = / ->field =
        return True, None
    return True, name


def _initializer_variable(code: str, pos: int) -> str | None:
    """The variable an initializer macro at ``pos`` belongs to: ``x = __ATTR(...)``,
    ``x = { .attr = __ATTR(...) }`` or ``x[] = { __ATTR(...), ... }``."""
    _assigned, name = _assigned_variable(code, pos)
    if name is not None:
        return name
    open_braces_seen = 0
    depth = 0
    for bpos, ch in _braces_before(code, pos):
        if open_braces_seen == 4:
            break
        if ch == "}":
            depth += 1
            continue
        if depth:
            depth -= 1
            continue
        open_braces_seen += 1
        assigned, name = _assigned_variable(code, bpos)
        if name is not None:
            return name
        if not assigned and not re.search(r"[,{]\s*$", code[max(0, bpos - 50) : bpos]):
            return None  # a function body or something else we do not follow
    return None


def _declare(
    st: _FileState,
    macro: str,
    spec: MacroSpec,
    args: list[str],
    line: int,
    context_pos: int,
    via: str | None,
    fragments: tuple[tuple[str, int], ...] = (),
) -> None:
    """Record one declaration.  ``fragments`` are (wrapper expansion, offset in it)
    when the macro came out of a wrapper, innermost first (a wrapper used inside
    another's expansion); ``context_pos`` is then the outermost use's offset."""
    if isinstance(spec.name, str):
        name = spec.name
    elif spec.name < len(args):
        name = args[spec.name]
    else:
        st.unexpanded.append(
            Unexpanded(st.path, line, macro, f"{macro}() needs more than {len(args)} arguments")
        )
        return
    if not _ATTR_NAME.match(name):
        st.unexpanded.append(
            Unexpanded(st.path, line, macro, f"attribute name {name!r} is not a literal name")
        )
        return
    if spec.implied_mode is not None:
        octal: int | None = spec.implied_mode
    elif spec.mode_arg is not None and spec.mode_arg < len(args):
        octal = evaluate(args[spec.mode_arg], st.object_defines())
        if octal is not None:
            octal &= ~spec.mode_clear
    else:
        octal = None
    module: str | None = None
    if spec.family == "module-param":
        if octal == 0:
            return  # permission 0: the parameter has no sysfs file
        module = spec.fixed_module or st.module
    variable: str | None
    array: str | None = None
    if spec.variable is not None:
        try:
            variable = spec.variable.format(*args)
        except IndexError:
            variable = None
        if variable is not None and not _IDENT.match(variable):
            variable = None
    elif spec.family == "module-param":
        variable = None
    else:
        variable = None
        for text, pos in fragments:
            variable = _initializer_variable(text, pos)
            if variable is not None:
                break
        if variable is None:
            variable = _initializer_variable(st.code, context_pos)
        if variable in st.arrays:
            array = variable  # e.g. PMU_EVENT_ATTR_ID() listed straight in an array
    if array is None and variable is not None:
        array = st.array_of.get(variable)
    group = st.group_of.get(array) if array else None
    st.declarations.append(
        Declaration(
            file=st.path,
            line=line,
            macro=macro,
            name=name,
            mode=classify(octal),
            octal=octal,
            family=spec.family,
            array=array,
            group=group.variable if group else None,
            group_name=group.name if group else None,
            module=module,
            via_wrapper=via,
            group_name_expr=group.name_expr if group else None,
            variable=variable,
            callbacks=_callbacks(spec, args),
        )
    )


def _callbacks(spec: MacroSpec, args: list[str]) -> str | None:
    """Which of the show/store arguments are not NULL ("show+store", ...)."""
    if spec.show_arg is None or spec.show_arg + 1 >= len(args):
        return None
    given = [
        kind
        for kind, arg in zip(("show", "store"), args[spec.show_arg : spec.show_arg + 2], strict=True)
        if arg.strip() not in ("NULL", "0")
    ]
    return "+".join(given)


def _scan_fragment(
    st: _FileState,
    code: str,
    line: int,
    context_pos: int,
    via: str,
    depth: int,
    outer: tuple[tuple[str, int], ...] = (),
) -> None:
    """Scan a wrapper's expansion; everything in it is reported at ``line``.
    ``outer``: the enclosing expansions and where this one was used in them."""
    for macro, start, paren in decl_calls(code):
        parsed = split_args(code, paren)
        if parsed is None:
            st.unexpanded.append(Unexpanded(st.path, line, macro, f"unbalanced call in expansion of {via}()"))
            continue
        spec = MACROS[macro]
        _declare(st, macro, spec, parsed[0], line, context_pos, via, ((code, start), *outer))
    for m in _wrapper_uses(st, code):
        _expand_use(st, code, m, line, context_pos, via, depth + 1, ((code, m.start()), *outer))


def _expand_use(
    st: _FileState,
    code: str,
    m: re.Match[str],
    line: int,
    context_pos: int,
    via: str | None,
    depth: int,
    outer: tuple[tuple[str, int], ...] = (),
) -> None:
    name = m.group(1)
    d = st.wrappers[name]
    outer_name = via or name
    if depth > _MAX_DEPTH:
        st.unexpanded.append(Unexpanded(st.path, line, name, "wrapper macros nest too deeply"))
        return
    if d.params is None:
        st.used_wrappers.add(name)
        _scan_fragment(st, d.body.replace("\\\n", " "), line, context_pos, outer_name, depth, outer)
        return
    paren = _OPEN_PAREN.match(code, m.end())
    if not paren:
        return  # the name used as a value, not invoked
    # Any call counts as a use: a failed expansion is reported here, not again below.
    st.used_wrappers.add(name)
    parsed = split_args(code, paren.end() - 1)
    if parsed is None:
        st.unexpanded.append(Unexpanded(st.path, line, name, f"unbalanced call of wrapper {name}()"))
        return
    expanded = expand(d, parsed[0])
    if expanded is None:
        st.unexpanded.append(
            Unexpanded(
                st.path,
                line,
                name,
                f"wrapper {name}() called with {len(parsed[0])} arguments, defined with {len(d.params)}",
            )
        )
        return
    _scan_fragment(st, expanded, line, context_pos, outer_name, depth, outer)


def scan_text(
    text: str,
    path: str,
    module: str | None = None,
    *,
    prechecked: bool = False,
    kbuild_module: str | None = None,
) -> ScanResult:
    """Declarations in ``text``; ``path`` is what the results call the file.
    ``prechecked``: the caller already knows has_decl_call() holds.
    ``kbuild_module``: the module the Makefiles link the file into, when known;
    module_param files are put there unless the file sets MODULE_PARAM_PREFIX."""
    if not prechecked and not has_decl_call(text):
        return ScanResult(path)  # cheap: most files mentioning ATTR declare nothing
    code = clean(text)
    module = param_prefix(text) or kbuild_module or module or module_name_guess(path)
    st = _FileState(path=path, text=text, code=code, module=module)
    _collect_defines(st)
    _find_wrappers(st)
    _collect_arrays_and_groups(st)
    for macro, start, paren in decl_calls(code):
        if st.in_define(start):
            continue  # framework definitions and wrapper bodies, handled below
        line = st.line_of(start)
        parsed = split_args(code, paren)
        if parsed is None:
            st.unexpanded.append(Unexpanded(path, line, macro, f"unbalanced call of {macro}()"))
            continue
        _declare(st, macro, MACROS[macro], parsed[0], line, start, None)
    if st.wrapper_re is not None:
        for m in _wrapper_uses(st, code):
            if st.in_define(m.start()):
                continue
            _expand_use(st, code, m, st.line_of(m.start()), m.start(), None, 0)
        for name, d in st.wrappers.items():
            if name in st.used_wrappers:
                continue
            for macro, start, _paren in decl_calls(d.body):
                st.unexpanded.append(
                    Unexpanded(
                        path,
                        st.line_of(d.body_start + start),
                        macro,
                        f"inside #define {name} which is not used in this file",
                    )
                )
    st.declarations.sort(key=lambda d: d.line)
    st.unexpanded.sort(key=lambda u: u.line)
    if not st.declarations and not st.unexpanded:
        return ScanResult(path)
    regs = registrations(text, code, st.line_of, split_args, _matching_brace)
    return ScanResult(
        path,
        tuple(st.declarations),
        tuple(st.unexpanded),
        registrations=regs,
        kbuild_module=kbuild_module,
    )
