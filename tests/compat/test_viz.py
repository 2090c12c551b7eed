"""compat.viz.make_dot against PyTorchViz's conventions, checked on torch's own graphs.

torchviz is not a test dependency, so the reference here is a small walker that applies
PyTorchViz's rules (torchviz/dot.py: which boxes, which colours, which edges, in which order)
to the *torch* backward graph of the same program. compat's DOT statements must equal the
reference statements once node ids (``id()``s) are renumbered by order of first appearance.
"""
import re
import shutil
import sys

import numpy as np
import pytest

from bad_inputs.functions import saving_function
from compat.viz import make_dot
from oracle import both, compat, torch

graphviz = pytest.importorskip("graphviz")

# PyTorchViz's drawing attributes (torchviz/dot.py, make_dot).
NODE_ATTR = {"style": "filled", "shape": "box", "align": "left", "fontsize": "10",
             "ranksep": "0.1", "height": "0.2", "fontname": "monospace"}


# ------------------------------------------------------------------ the reference walker

def reference(var, params=None):
    """PyTorchViz's statements for torch tensor ``var``: ("node", id, label, fillcolor|None)
    and ("edge", tail, head, attrs) in the order make_dot emits them."""
    names = {id(t): name for name, t in (params or {}).items()}
    out, alive, done = [], [], set()

    def shape_label(t, name=""):
        return (name or names.get(id(t), "")) + "\n (" + ", ".join(str(int(d)) for d in t.shape) + ")"

    def fn_node(fn):
        if id(fn) in done:
            return
        done.add(id(fn))
        alive.append(fn)  # torch's node wrappers must outlive the walk for ids to stay unique
        leaf = getattr(fn, "variable", None)
        if leaf is not None:
            done.add(id(leaf))
            out.append(("node", id(leaf), shape_label(leaf), "lightblue"))
            out.append(("edge", id(leaf), id(fn), ""))
        out.append(("node", id(fn), type(fn).__name__, None))
        for nxt, _ in fn.next_functions:
            if nxt is not None:
                out.append(("edge", id(nxt), id(fn), ""))
                fn_node(nxt)
        for t in (fn.saved_tensors if hasattr(fn, "saved_tensors") else ()):
            alive.append(t)
            out.append(("edge", id(t), id(fn), "dir=none"))
            out.append(("node", id(t), shape_label(t), "orange"))

    def tensor_node(t, color="darkolivegreen1"):
        if id(t) in done:
            return
        done.add(id(t))
        alive.append(t)
        out.append(("node", id(t), shape_label(t), color))
        if t.grad_fn is not None:
            fn = t.grad_fn
            fn_node(fn)
            out.append(("edge", id(fn), id(t), ""))
        if t._is_view():
            tensor_node(t._base, "darkolivegreen3")
            out.append(("edge", id(t._base), id(t), "style=dotted"))

    for v in var if isinstance(var, tuple) else (var,):
        tensor_node(v)
    return out


# ------------------------------------------------------------------ reading a Digraph back

NODE = re.compile(r'\t(\S+) \[label=("(?:[^"\\]|\\.)*"|\S+?)(?: fillcolor=(\S+?))?\]\n\Z', re.S)
EDGE = re.compile(r"\t(\S+) -> (\S+)(?: \[(.*)\])?\n\Z")


def statements(dot):
    """The node and edge statements of a Digraph, as tuples like :func:`reference`'s."""
    out = []
    for line in dot.body:
        m = EDGE.match(line)
        if m:
            out.append(("edge", m[1], m[2], m[3] or ""))
            continue
        m = NODE.match(line)
        assert m, f"unexpected DOT line {line!r}"
        label = m[2][1:-1] if m[2].startswith('"') else m[2]
        out.append(("node", m[1], label, m[3]))
    return out


def canonical(stmts):
    """Renumber node ids 0, 1, 2… by first appearance."""
    ids = {}

    def num(i):
        return ids.setdefault(str(i), len(ids))

    return [(k, num(a), b if k == "node" else num(b), c) for k, a, b, c in stmts]


def graphs(program, **kwargs):
    """(compat's statements, the reference's, compat's Digraph) for ``program(lib) -> (var,
    params)``, run in both libraries (:func:`oracle.both`)."""
    (c_var, c_params), (t_var, t_params) = both(program)
    dot = make_dot(c_var, params=c_params, **kwargs)
    return canonical(statements(dot)), canonical(reference(t_var, t_params)), dot


# ------------------------------------------------------------------ seed programs

def _data(lib):
    np.random.seed(42)
    x = np.random.rand(100, 1)
    y = 1 + 2 * x + .1 * np.random.randn(100, 1)
    idx = np.arange(100)
    np.random.shuffle(idx)
    return (lib.as_tensor(x[idx[:80]]).float(), lib.as_tensor(y[idx[:80]]).float())


def seed002_yhat(lib):
    x_train_tensor, _ = _data(lib)
    lib.manual_seed(42)
    b = lib.randn(1, requires_grad=True, dtype=lib.float)
    w = lib.randn(1, requires_grad=True, dtype=lib.float)
    yhat = b + w * x_train_tensor
    return yhat, None


def seed002_yhat_params(lib):
    x_train_tensor, _ = _data(lib)
    b = lib.zeros(1, requires_grad=True)
    w = lib.ones(1, requires_grad=True)
    return b + w * x_train_tensor, {"b": b, "w": w}


def seed002_b_nograd(lib):
    x_train_tensor, _ = _data(lib)
    b_nograd = lib.randn(1, requires_grad=False, dtype=lib.float)
    w = lib.randn(1, requires_grad=True, dtype=lib.float)
    yhat = b_nograd + w * x_train_tensor
    return yhat, None


def seed002_nonsense(lib):
    x_train_tensor, y_train_tensor = _data(lib)
    lib.manual_seed(7)
    b = lib.randn(1, requires_grad=True, dtype=lib.float)
    w = lib.randn(1, requires_grad=True, dtype=lib.float)
    yhat = b + w * x_train_tensor
    error = y_train_tensor - yhat
    loss = (error ** 2).mean()
    if loss > 0:
        yhat2 = w * x_train_tensor
        error2 = y_train_tensor - yhat2
    loss += error2.mean()
    return loss, {"b": b, "w": w}


def seed001_regression(lib):
    W = lib.ones(10, 1, requires_grad=True)
    b = lib.ones(1, requires_grad=True)
    x = lib.full((1, 10), 0.5)
    output = lib.matmul(x, W) + b
    loss = 1 - output
    return loss, {"W": W, "b": b}


def seed003_chain(lib):
    x = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = x + 2
    z = (2 * y ** 2).mean()
    return z, {"x": x}


def shared_leaf(lib):
    w = lib.tensor([2.0, 3.0], requires_grad=True)
    return (w * w + w).sum(), {"w": w}


def view_root(lib):
    w = lib.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    return (w * 2)[0], None


def two_outputs(lib):
    a = lib.tensor([1.0, 2.0], requires_grad=True)
    b = lib.tensor([3.0], requires_grad=True)
    return (a * b, (a + b).sum()), {"a": a}


def leaf_root(lib):
    return lib.ones(3, 1, requires_grad=True), None


PROGRAMS = [seed002_yhat, seed002_yhat_params, seed002_b_nograd, seed002_nonsense,
            seed001_regression, seed003_chain, shared_leaf, view_root, two_outputs, leaf_root]


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.__name__)
def test_graph_matches_pytorchviz_rules_on_torch(program):
    ours, ref, _ = graphs(program)
    assert ours == ref


def test_seed002_yhat_reads_as_the_document_describes():
    ours, _, dot = graphs(seed002_yhat)
    nodes = {i: (label, color) for kind, i, label, color in ours if kind == "node"}
    edges = {(a, b) for kind, a, b, _ in ours if kind == "edge"}
    # blue boxes "(1)" for b and w, gray MulBackward0 / AccumulateGrad, green root (80, 1)
    assert sorted(nodes.values(), key=str) == sorted([
        ("\n (80, 1)", "darkolivegreen1"), ("AddBackward0", None), ("AccumulateGrad", None),
        ("\n (1)", "lightblue"), ("MulBackward0", None), ("AccumulateGrad", None),
        ("\n (1)", "lightblue")], key=str)
    by_label = {label: i for i, (label, _) in nodes.items()}
    # two arrows into the add (b's accumulator and w*x), one into the mul (w's accumulator)
    assert sum(1 for a, b in edges if b == by_label["AddBackward0"]) == 2
    assert sum(1 for a, b in edges if b == by_label["MulBackward0"]) == 1
    assert (by_label["AddBackward0"], by_label["\n (80, 1)"]) in edges  # towards the root


def test_b_nograd_has_no_box_for_b():
    ours, _, _ = graphs(seed002_b_nograd)
    labels = [label for kind, _, label, _ in ours if kind == "node"]
    assert labels.count("\n (1)") == 1 and labels.count("AccumulateGrad") == 1


def test_params_name_the_leaves():
    ours, _, dot = graphs(seed002_nonsense)
    labels = {label for kind, _, label, _ in ours if kind == "node"}
    assert {"b\n (1)", "w\n (1)", "\n ()"} <= labels
    assert 'label="w\n (1)" fillcolor=lightblue' in dot.source


def test_drawing_attributes_are_pytorchviz_s():
    dot = make_dot(seed002_yhat(compat)[0])
    assert isinstance(dot, graphviz.Digraph)
    assert dot.node_attr == NODE_ATTR
    assert dot.graph_attr == {"size": "12,12"}
    assert dot.source.startswith("digraph {\n\tgraph [size=\"12,12\"]\n\tnode [align=left "
                                 "fontname=monospace fontsize=10 height=0.2 ranksep=0.1 "
                                 "shape=box style=filled]\n")


def test_big_graphs_grow_the_drawing_size():
    x = compat.ones(2, requires_grad=True)
    y = x
    for _ in range(40):
        y = y * 1.5
    dot = make_dot(y)
    size = len(dot.body) * 0.15
    assert size > 12 and dot.graph_attr["size"] == f"{size},{size}"


def test_params_must_be_tensors():
    x = compat.ones(1, requires_grad=True)
    with pytest.raises(TypeError, match="params\\['x'\\]"):
        make_dot(x * 2, params={"x": [1.0]})


def test_without_the_graphviz_package_the_error_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "graphviz", None)
    with pytest.raises(ImportError, match="pip install graphviz"):
        make_dot(compat.ones(1, requires_grad=True) * 2)


def test_make_dot_draws_torch_tensors_too():
    # what `python -m compat --torch` relies on where PyTorchViz is not installed
    t_var, params = seed002_nonsense(torch)
    assert canonical(statements(make_dot(t_var, params=params))) == canonical(reference(t_var, params))


def test_render_uses_dot_where_installed():
    dot = make_dot(seed002_yhat(compat)[0])
    if shutil.which("dot") is None:
        with pytest.raises(graphviz.ExecutableNotFound):
            dot.pipe(format="svg")
    else:
        assert b"<svg" in dot.pipe(format="svg")
        assert "AddBackward0" in dot.pipe(format="svg").decode()


def custom_function(lib):
    square = saving_function(lib, "Square", lambda x: x * x, lambda grad, x: 2 * x * grad)
    x = lib.tensor([1.0, 2.0], requires_grad=True)
    return square.apply(x).sum(), {"x": x}


def test_custom_function_saved_tensors_are_drawn():
    ours, ref, _ = graphs(custom_function)
    assert ours == ref


def test_show_saved_draws_saved_tensors():
    c_var, _ = seed002_yhat(compat)
    t_var, _ = seed002_yhat(torch)
    ours = canonical(statements(make_dot(c_var, show_saved=True)))
    theirs = canonical(statements(make_dot(t_var, show_saved=True)))
    assert ours == theirs
