"""The static check behind "user text only reaches Markdown through ui.safe.md".

Streamlit renders Markdown in many places (st.markdown, captions, alerts, widget labels, help=,
tab and expander titles, radio options...), so user text there can become an image the browser
fetches. This walks the AST of the UI code and reports every such argument that is not provably
safe: a constant, a call to `md(...)`, or something built only from those (f-strings, `+`,
`.format`, `%`, `" ".join(...)`, conditionals, local names assigned only safe values).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

# Calls whose positional argument 0 (or `body=`/`label=`) is rendered as Markdown.
FIRST_ARG = {
    "markdown", "caption", "info", "warning", "error", "success", "toast", "title", "header",
    "subheader", "button", "checkbox", "toggle", "radio", "selectbox", "multiselect", "text_input",
    "text_area", "number_input", "slider", "select_slider", "date_input", "time_input",
    "file_uploader", "download_button", "color_picker", "form_submit_button", "link_button",
    "metric", "expander", "popover", "camera_input", "audio_input", "pills", "segmented_control",
    "page_link", "chat_input", "spinner", "status", "badge", "dialog",
}
ALL_ARGS = {"write"}  # st.write renders every positional argument
LIST_ARG = {"tabs"}  # st.tabs(["title", ...])
KEYWORDS_ONLY = {"progress"}  # st.progress(0.5, text="...")
TEXT_KEYWORDS = ("body", "label", "help", "text")  # placeholders are plain text
# Widgets whose *options* are Markdown (selectbox and multiselect show options as plain text).
MARKDOWN_OPTIONS = {"radio", "select_slider", "pills", "segmented_control"}
RENDER = FIRST_ARG | ALL_ARGS | LIST_ARG | KEYWORDS_ONLY
# Receivers that are not Streamlit even though they have .error/.warning/.write methods.
NOT_STREAMLIT = {"logging", "logger", "log", "warnings", "sys", "handle", "out", "buffer", "stream"}
# String methods that keep an already-safe string safe when given constant arguments.
STR_METHODS = {"replace", "strip", "rstrip", "lstrip", "upper", "lower", "title", "capitalize"}
# Calls that build Markdown on purpose and escape every user string inside with core.text.md_escape
# (markdown_paragraph builds the .md export too, which test_draft_exports and test_fuzz_exports feed
# hostile text).
SAFE_MARKDOWN_CALLS = {"md", "markdown_paragraph"}
# Calls that return numbers (never Markdown): safe inside f-strings and as metric values.
NUMBER_CALLS = {"len", "int", "round", "sum", "min", "max", "abs", "float"}
# Format specs that only accept numbers or dates (a user string would raise): safe to interpolate.
NUMBER_SPEC_TYPES = set("bcdeEfFgGnoxX%,_")


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    call: str
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: st.{self.call}(...) {self.what} is not passed through md()"


# Nodes with their own names: functions, lambdas, the module and comprehensions (Python 3).
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.Module, ast.GeneratorExp, ast.ListComp,
           ast.SetComp, ast.DictComp)


class _Scopes:
    """Name -> every value assigned to it, per function (and the module), for a simple dataflow."""

    def __init__(self, tree: ast.Module):
        self.parent: dict[ast.AST, ast.AST] = {}
        self.assigned: dict[ast.AST, dict[str, list[ast.AST | None]]] = {}
        self.functions: dict[str, ast.FunctionDef] = {}
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                self.parent[child] = node
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                self.functions.setdefault(node.name, node)
        for node in ast.walk(tree):
            scope = self.scope_of(node)
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    self._bind(scope, target, node.value)
            elif isinstance(node, ast.AugAssign) or (isinstance(node, ast.AnnAssign) and node.value):
                self._bind(scope, node.target, node.value)
            elif isinstance(node, ast.For | ast.comprehension):
                self._bind(scope, node.target, None)
            elif isinstance(node, ast.withitem) and node.optional_vars is not None:
                self._bind(scope, node.optional_vars, None)
            elif isinstance(node, ast.NamedExpr):
                self._bind(scope, node.target, node.value)
            elif isinstance(node, ast.arguments):
                for arg in [*node.posonlyargs, *node.args, *node.kwonlyargs, node.vararg, node.kwarg]:
                    if arg is not None:
                        self.assigned.setdefault(scope, {}).setdefault(arg.arg, []).append(None)

    def scope_of(self, node: ast.AST) -> ast.AST:
        current = self.parent.get(node)
        while current is not None and not isinstance(current, _SCOPES):
            current = self.parent.get(current)
        return current if current is not None else node

    def _bind(self, scope, target, value) -> None:
        if isinstance(target, ast.Name):
            self.assigned.setdefault(scope, {}).setdefault(target.id, []).append(value)
        elif isinstance(target, ast.Tuple | ast.List):
            parts = value.elts if isinstance(value, ast.Tuple | ast.List) else None
            if parts is not None and len(parts) == len(target.elts):
                for element, part in zip(target.elts, parts, strict=True):
                    self._bind(scope, element, part)
                return
            for element in target.elts:  # unpacking something else: the parts' values are unknown
                self._bind(scope, element, None)
        elif isinstance(target, ast.Starred):
            self._bind(scope, target.value, None)

    def values(self, name: str, at: ast.AST) -> list[ast.AST | None] | None:
        scope = self.scope_of(at)
        while scope is not None:
            found = self.assigned.get(scope, {}).get(name)
            if found is not None:
                return found
            scope = self.scope_of(scope) if scope in self.parent else None
        return None


class _Checker:
    def __init__(self, tree: ast.Module, path: str):
        self.scopes = _Scopes(tree)
        self.path = path
        self.tree = tree
        self.findings: list[Finding] = []
        self._visiting: set[int] = set()

    def run(self) -> list[Finding]:
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                self._check_call(node, node.func.attr, node.func)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.IfExp):
                # (st.warning if late else st.info)(text): both calls
                for branch in (node.func.body, node.func.orelse):
                    if isinstance(branch, ast.Attribute):
                        self._check_call(node, branch.attr, branch)
        return self.findings

    # -- which arguments render Markdown -------------------------------------------------------
    def _check_call(self, call: ast.Call, name: str, func: ast.Attribute) -> None:
        if name not in RENDER or _root_name(func.value) in NOT_STREAMLIT:
            return
        if name in ALL_ARGS:
            for arg in call.args:
                self._need(arg, call, name, "argument")
        elif name in LIST_ARG and call.args:
            self._need_each(call.args[0], call, name, "title")
        elif name in FIRST_ARG and call.args:
            self._need(call.args[0], call, name, "text")
        for kw in call.keywords:
            if kw.arg in TEXT_KEYWORDS:
                self._need(kw.value, call, name, f"{kw.arg}=")
            elif kw.arg == "format_func" and name in MARKDOWN_OPTIONS:
                self._need_formatter(kw.value, call, name)
        if name in MARKDOWN_OPTIONS and not any(kw.arg == "format_func" for kw in call.keywords):
            options = call.args[1] if len(call.args) > 1 else _keyword(call, "options")
            if options is not None:
                self._need_each(options, call, name, "options")

    def _need(self, node, call, name, what) -> None:
        if not self.safe(node):
            self.findings.append(Finding(self.path, node.lineno, name, what))

    def _need_each(self, node, call, name, what) -> None:
        if isinstance(node, ast.List | ast.Tuple):
            for element in node.elts:
                self._need(element, call, name, what)
        else:
            self._need(node, call, name, what)

    def _need_formatter(self, node, call, name) -> None:
        if not self.safe_function(node):
            self.findings.append(Finding(self.path, node.lineno, name, "format_func"))

    # -- what is safe --------------------------------------------------------------------------
    def safe(self, node: ast.AST | None) -> bool:
        if node is None or id(node) in self._visiting:
            return False
        self._visiting.add(id(node))
        try:
            return self._safe(node)
        finally:
            self._visiting.discard(id(node))

    def _safe(self, node: ast.AST) -> bool:
        match node:
            case ast.Constant():
                return True
            case ast.JoinedStr():
                return all(self._safe_part(part) for part in node.values)
            case ast.BinOp(op=ast.Add() | ast.Mod()):
                return self.safe(node.left) and self.safe(node.right)
            case ast.BinOp():  # arithmetic: numbers
                return self.number(node)
            case ast.Tuple() | ast.List():
                return all(self.safe(e) for e in node.elts)
            case ast.IfExp():
                return self.safe(node.body) and self.safe(node.orelse)
            case ast.BoolOp():
                return all(self.safe(v) for v in node.values)
            case ast.Name():
                return self._safe_name(node)
            case ast.Attribute() if _constant_name(node):
                return True  # module.ALL_CAPS: a constant written by us
            case ast.Subscript():
                return _constant_name(node.value)  # LABELS[key]: our own table
            case ast.Call():
                return self._safe_call(node)
            case ast.GeneratorExp() | ast.ListComp():
                return self.safe(node.elt)
        return False

    def _safe_part(self, part: ast.AST) -> bool:
        if isinstance(part, ast.Constant):
            return True
        assert isinstance(part, ast.FormattedValue)
        if self.safe(part.value) or self.number(part.value):
            return True
        spec = part.format_spec
        if isinstance(spec, ast.JoinedStr) and spec.values and isinstance(spec.values[-1], ast.Constant):
            text = str(spec.values[-1].value)
            # A numeric spec (".2f", ".0%", "02d") or a date spec ("%d %b %Y") fails on a str.
            return bool(text) and (text[-1] in NUMBER_SPEC_TYPES or "%" in text)
        return False

    def _safe_name(self, node: ast.Name) -> bool:
        if _constant_name(node):
            return True  # ALL_CAPS: a module constant written by us, never user data
        values = self.scopes.values(node.id, node)
        return bool(values) and all(v is not None and self.safe(v) for v in values)

    def _safe_call(self, node: ast.Call) -> bool:
        func = node.func
        if isinstance(func, ast.Name):
            if func.id in SAFE_MARKDOWN_CALLS:
                return True
            if func.id in NUMBER_CALLS:
                return True
            if func.id == "str":
                return all(self.safe(a) or self.number(a) for a in node.args)
            return False
        if isinstance(func, ast.Attribute):
            if func.attr == "md" and _root_name(func.value) == "safe":
                return True  # ui.safe.md / safe.md
            if func.attr == "join" and self.safe(func.value):
                return all(self._safe_items(a) for a in node.args)
            if func.attr == "format" and self.safe(func.value):
                return all(self.safe(a) or self.number(a) for a in node.args) and all(
                    self.safe(k.value) or self.number(k.value) for k in node.keywords
                )
            if func.attr in STR_METHODS and self.safe(func.value):
                return all(isinstance(a, ast.Constant) for a in node.args)
            if func.attr == "get" and _constant_name(func.value):
                return all(self.safe(a) for a in node.args[1:])  # LABELS.get(key, "default")
        return False

    def _safe_items(self, node: ast.AST) -> bool:
        """An iterable of safe strings: a comprehension of safe items, a literal, or map(md, ...)."""
        if isinstance(node, ast.GeneratorExp | ast.ListComp | ast.SetComp):
            return self.safe(node.elt)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "map":
            return bool(node.args) and self.safe_function(node.args[0])
        return self.safe(node)

    def number(self, node: ast.AST) -> bool:
        match node:
            case ast.Constant(value=int() | float()):
                return True
            case ast.Call(func=ast.Name(id=name)) if name in NUMBER_CALLS:
                return True
            case ast.BinOp(op=ast.Sub() | ast.Div() | ast.FloorDiv()):
                return True  # a str has no -, / or //: the result is a number (or an error)
            case ast.BinOp(op=ast.Mult() | ast.Add()):
                return self.number(node.left) and self.number(node.right)
            case ast.UnaryOp():
                return self.number(node.operand)
        return False

    def safe_function(self, node: ast.AST) -> bool:
        """A format_func whose output is safe: md, a lambda returning safe text, LABELS.get, a def."""
        match node:
            case ast.Name(id="md") | ast.Attribute(attr="md"):
                return True
            case ast.Attribute(attr="get" | "__getitem__", value=value) if _constant_name(value):
                return True
            case ast.Attribute(attr="get" | "__getitem__", value=ast.Dict() as table):
                return all(self.safe(v) for v in table.values)
            case ast.Lambda():
                return self.safe(node.body)
            case ast.Name(id=name) if name in self.scopes.functions:
                body = self.scopes.functions[name]
                returns = [n.value for n in ast.walk(body) if isinstance(n, ast.Return)]
                return bool(returns) and all(self.safe(r) for r in returns)
        return False


def _keyword(call: ast.Call, name: str):
    return next((kw.value for kw in call.keywords if kw.arg == name), None)


def _root_name(node: ast.AST) -> str | None:
    while isinstance(node, ast.Attribute | ast.Subscript | ast.Call):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _constant_name(node: ast.AST) -> bool:
    name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""
    return len(name) > 1 and name.isupper()


def check_source(source: str, path: str = "<string>") -> list[Finding]:
    """Every Markdown-rendering Streamlit argument in `source` that may carry unescaped user text."""
    return _Checker(ast.parse(source), path).run()


def check_tree(root: Path) -> list[Finding]:
    """Run the check over app.py, pages/ and ui/ under `root`."""
    files = [root / "app.py", *sorted((root / "pages").rglob("*.py")), *sorted((root / "ui").rglob("*.py"))]
    findings: list[Finding] = []
    for path in files:
        if path.name == "safe.py" and path.parent.name == "ui":
            continue  # the escaper itself
        findings += check_source(path.read_text(encoding="utf-8"), str(path.relative_to(root)))
    return findings
