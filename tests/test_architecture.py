"""The import graph of jaxgrad and compat has no cycle, and every import made inside a function
says why it is not at module level.

Edges are the module-level imports of each file: ``from P import x`` reaches ``P.x`` when it
is a module, and every package on the way (``P`` itself, whose ``__init__`` runs first) except
the importing module's own ancestors, which Python has always started before it.
"""
from __future__ import annotations

import ast
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGES = ("jaxgrad", "compat")
LAZY_MARK = "lazy:"  # the comment a function-local import carries: ``# lazy: <why>``


def _modules():
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _is_package(path) -> bool:
    return path.name == "__init__.py"


def _resolve(module, path, node):
    """The absolute module name a ``from … import`` node names."""
    if node.level == 0:
        return node.module
    base = module.split(".") if _is_package(path) else module.split(".")[:-1]
    base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _targets(module, path, node, modules):
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    else:
        target = _resolve(module, path, node)
        names = [f"{target}.{a.name}" if f"{target}.{a.name}" in modules else target
                 for a in node.names]
    ancestors = {".".join(module.split(".")[:i]) for i in range(1, module.count(".") + 1)}
    if _is_package(path):
        ancestors.add(module)
    out = set()
    for name in names:
        parts = name.split(".")
        for i in range(1, len(parts) + 1):
            prefix = ".".join(parts[:i])
            if prefix in modules and prefix not in ancestors and prefix != module:
                out.add(prefix)
    return out


def _module_level_imports(tree):
    """Import nodes that run when the module is imported (not inside functions or classes'
    methods; ``if TYPE_CHECKING`` blocks excluded)."""
    stack = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, (ast.If, ast.Try, ast.With, ast.ClassDef)):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            for field in ("body", "orelse", "finalbody", "handlers"):
                for child in getattr(node, field, []):
                    stack.extend(child.body if isinstance(child, ast.ExceptHandler) else [child])


def _graph():
    modules = _modules()
    graph = {}
    for module, path in modules.items():
        tree = ast.parse(path.read_text())
        graph[module] = set()
        for node in _module_level_imports(tree):
            graph[module] |= _targets(module, path, node, modules)
    return graph


def _cycles(graph):
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, result = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return result


def test_import_graph_has_no_cycle():
    cycles = _cycles(_graph())
    assert not cycles, f"import cycles: {cycles}"


def test_cycle_detection_finds_a_planted_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_function_local_imports_say_why():
    unexplained = []
    for module, path in _modules().items():
        lines = path.read_text().splitlines()
        tree = ast.parse("\n".join(lines))
        for fn in ast.walk(tree):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(fn):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    if LAZY_MARK not in lines[node.lineno - 1]:
                        unexplained.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not unexplained, ("imports inside functions without a '# lazy: why' comment: "
                             + ", ".join(sorted(set(unexplained))))


def _message_texts(path):
    """The code's string constants that read as messages (f-strings with ``{}`` for their
    fields), docstrings excluded."""
    tree = ast.parse(path.read_text())
    skip = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)) \
                and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            skip.add(id(body[0].value))
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            skip.update(id(v) for v in node.values)
            yield "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node.value


def test_each_error_text_lives_in_one_file():
    """A torch error or warning text (25+ characters, with a space) is written in one file:
    the check that raises it has one home, and its callers use that."""
    homes = {}
    for module, path in _modules().items():
        for text in set(_message_texts(path)):
            if len(text) >= 25 and " " in text:
                homes.setdefault(text, set()).add(str(path.relative_to(ROOT)))
    repeated = {text: sorted(files) for text, files in homes.items() if len(files) > 1}
    assert not repeated, "\n".join(f"{t!r}: {f}" for t, f in sorted(repeated.items()))
