"""``make_dot``: draw a tensor's backward graph with PyTorchViz's (torchviz's) conventions.

Light-blue boxes are the leaves whose ``.grad`` backward fills (an ``AccumulateGrad``'s
``.variable``), gray boxes are backward nodes named by class (``MulBackward0``), the green box is
the tensor passed in; edges run from inputs towards that root. Node ids are ``id()``s, labels and
attributes are PyTorchViz's, so a graph reads (and renders) as torchviz's would. Under
``python -m compat`` this module is also ``torchviz``.

It reads only what torch's graph also exposes (``grad_fn``, ``next_functions``, ``variable``,
``_saved_*``, ``saved_tensors``, ``size()``), so it draws real torch tensors' graphs too.

The result is a ``graphviz.Digraph``: ``.source`` is the DOT text (no Graphviz install needed);
``.render(format="png")`` and notebook display need Graphviz's ``dot`` program.

>>> import compat as torch
>>> b = torch.tensor([1.0], requires_grad=True)
>>> w = torch.tensor([2.0], requires_grad=True)
>>> x = torch.tensor([[0.5], [1.5]])
>>> dot = make_dot(b + w * x, params={"b": b, "w": w})
>>> import re
>>> for line in dot.body[:5]:
...     print(re.sub(r"\\d{6,}", "N", line.strip().replace("\\n", "|")))
N [label="| (2, 1)" fillcolor=darkolivegreen1]
N [label=AddBackward0]
N -> N
N [label="b| (1)" fillcolor=lightblue]
N -> N
"""
from __future__ import annotations

__all__ = ["make_dot", "resize_graph"]

# Backward nodes expose what they saved as ``_saved_<name>`` attributes (as torch's do).
SAVED_PREFIX = "_saved_"

NODE_ATTR = dict(style="filled", shape="box", align="left", fontsize="10", ranksep="0.1",
                 height="0.2", fontname="monospace")


def _digraph_class():
    try:
        from graphviz import Digraph  # lazy: graphviz is the optional 'viz' extra
    except ImportError as err:
        raise ImportError("make_dot needs the graphviz Python package: pip install graphviz "
                          "(and, to render images, Graphviz's `dot` program)") from err
    return Digraph


def _is_tensor(obj) -> bool:
    return hasattr(obj, "grad_fn") and hasattr(obj, "requires_grad") and callable(getattr(obj, "size", None))


def _size_to_str(size) -> str:
    return "(" + ", ".join("%d" % v for v in size) + ")"


def _saved_attrs(fn):
    """``{name: value}`` of the node's ``_saved_*`` attributes (empty for nodes without any)."""
    out = {}
    for attr in dir(fn):
        if attr.startswith(SAVED_PREFIX):
            out[attr[len(SAVED_PREFIX):]] = getattr(fn, attr)
    return out


def _fn_label(fn, show_attrs, max_attr_chars) -> str:
    name = type(fn).__name__
    if not show_attrs:
        return name
    attrs = {}
    for key, val in _saved_attrs(fn).items():
        if _is_tensor(val):
            attrs[key] = "[saved tensor]"
        elif isinstance(val, tuple) and any(_is_tensor(t) for t in val):
            attrs[key] = "[saved tensors]"
        else:
            attrs[key] = str(val)
    if not attrs:
        return name
    max_attr_chars = max(max_attr_chars, 3)
    width_key = max(len(k) for k in attrs)
    width_val = min(max(len(v) for v in attrs.values()), max_attr_chars)

    def cut(text):
        return text[:width_val - 3] + "..." if len(text) > width_val else text

    rows = "\n".join(f"{k:<{width_key}}: {cut(v):>{width_val}}" for k, v in attrs.items())
    return name + "\n" + "-" * max(width_key + width_val + 2, len(name)) + "\n" + rows


def _is_view(tensor) -> bool:
    is_view = getattr(tensor, "_is_view", None)
    if callable(is_view):
        return bool(is_view())
    # compat's tensors: ``_base`` is also set on detach()/.data aliases, which torch does not
    # count as views; a view proper also records how it reads its base (``_view``).
    return getattr(tensor, "_base", None) is not None and getattr(tensor, "_view", None) is not None


def make_dot(var, params=None, show_attrs=False, show_saved=False, max_attr_chars=50):
    """The backward graph of ``var`` (a tensor or a tuple of tensors) as a ``graphviz.Digraph``.

    ``params`` maps names to tensors, to label the leaves; ``show_attrs`` lists a node's saved
    non-tensor attributes; ``show_saved`` draws its saved tensors (orange); ``max_attr_chars``
    truncates attribute values.

    >>> import compat as torch
    >>> w = torch.ones(10, 1, requires_grad=True)
    >>> dot = make_dot((w * 2).sum(), params={"W": w})
    >>> dot.source.count("fillcolor=lightblue"), "W\\n (10, 1)" in dot.source
    (1, True)
    """
    Digraph = _digraph_class()
    if params is not None:
        for name, p in params.items():
            if not _is_tensor(p):
                raise TypeError(f"make_dot: params[{name!r}] is not a tensor")
        param_map = {id(v): k for k, v in params.items()}
    else:
        param_map = {}

    dot = Digraph(node_attr=dict(NODE_ATTR), graph_attr=dict(size="12,12"))
    seen = {}  # id → object: ids stay meaningful because the objects are kept alive here

    def mark(obj):
        seen[id(obj)] = obj

    def var_label(tensor, name=None):
        if not name:
            name = param_map.get(id(tensor), "")
        return "%s\n %s" % (name, _size_to_str(tensor.size()))

    def saved_node(fn, tensor, name):
        mark(tensor)
        dot.edge(str(id(fn)), str(id(tensor)), dir="none")
        dot.node(str(id(tensor)), var_label(tensor, name), fillcolor="orange")

    def add_nodes(fn):
        if id(fn) in seen:
            return
        mark(fn)
        if show_saved:
            for key, val in _saved_attrs(fn).items():
                mark(val)
                if _is_tensor(val):
                    saved_node(fn, val, key)
                if isinstance(val, tuple):
                    for i, t in enumerate(val):
                        if _is_tensor(t):
                            saved_node(fn, t, "%s[%s]" % (key, i))
        if hasattr(fn, "variable"):  # AccumulateGrad: draw the leaf it fills
            leaf = fn.variable
            mark(leaf)
            dot.node(str(id(leaf)), var_label(leaf), fillcolor="lightblue")
            dot.edge(str(id(leaf)), str(id(fn)))
        dot.node(str(id(fn)), _fn_label(fn, show_attrs, max_attr_chars))
        for nxt, _ in getattr(fn, "next_functions", ()):
            if nxt is not None:
                dot.edge(str(id(nxt)), str(id(fn)))
                add_nodes(nxt)
        if hasattr(fn, "saved_tensors"):  # custom Function nodes
            for t in fn.saved_tensors:
                mark(t)
                dot.edge(str(id(t)), str(id(fn)), dir="none")
                dot.node(str(id(t)), var_label(t), fillcolor="orange")

    def add_base_tensor(tensor, color="darkolivegreen1"):
        if id(tensor) in seen:
            return
        mark(tensor)
        dot.node(str(id(tensor)), var_label(tensor), fillcolor=color)
        if tensor.grad_fn is not None:
            add_nodes(tensor.grad_fn)
            dot.edge(str(id(tensor.grad_fn)), str(id(tensor)))
        if _is_view(tensor):
            add_base_tensor(tensor._base, color="darkolivegreen3")
            dot.edge(str(id(tensor._base)), str(id(tensor)), style="dotted")

    for v in (var if isinstance(var, tuple) else (var,)):
        add_base_tensor(v)
    resize_graph(dot)
    return dot


def resize_graph(dot, size_per_element=0.15, min_size=12):
    """Set the drawing size from the number of DOT lines (PyTorchViz's rule), in place."""
    size = max(min_size, len(dot.body) * size_per_element)
    dot.graph_attr.update(size=str(size) + "," + str(size))
