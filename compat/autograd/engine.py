"""The backward engine: a dependency-counted walk of the graph from the roots.

Gradients arriving at a node are summed per output; a node runs once every node that feeds it
has run; leaves receive their gradient through AccumulateGrad. Without ``retain_graph`` the
saved values of every node walked are freed, as in torch.

>>> import compat as torch
>>> x = torch.tensor(3.0, requires_grad=True)
>>> run_backward([x * x], [None], retain_graph=False, create_graph=False)
>>> x.grad
tensor(6.)
"""
from __future__ import annotations

from jaxgrad import functional as F

from .. import dispatch as _dispatch
from . import grad_mode
from .graph import AccumulateGrad, accumulate_grad_node

Tensor = None  # bound by compat.tensors
_cached_zeros = _cached_ones = None  # bound by compat.tensors


def _sum(a, b):
    """Sum two gradients: raw arrays, or tensors when the backward itself is recorded."""
    if a is None:
        return b
    if isinstance(a, Tensor) or isinstance(b, Tensor):
        return _as_tensor(a) + _as_tensor(b)
    return _dispatch.call(F.add, (a, b))


def _as_tensor(g):
    return g if isinstance(g, Tensor) else Tensor._make(g)


def _root_node(t):
    if t._grad_fn is not None:
        return t._grad_fn, t._output_nr
    if t._requires_grad:
        return accumulate_grad_node(t), 0
    raise RuntimeError("element 0 of tensors does not require grad and does not have a grad_fn")


def _initial_grads(roots, grads, create_graph):
    out = []
    for t, g in zip(roots, grads):
        if g is None:
            if t.numel() != 1:
                raise RuntimeError("grad can be implicitly created only for scalar outputs")
            if not t.is_floating_point():
                raise RuntimeError(f"grad can be implicitly created only for real scalar outputs but "
                                   f"got {t.dtype}")
            g = _cached_ones(t._data.shape, t._data.dtype)
        elif isinstance(g, Tensor):
            if tuple(g.shape) != tuple(t.shape):
                raise RuntimeError(f"Mismatch in shape: grad_output[0] has a shape of {g.shape} and "
                                   f"output[0] has a shape of {t.shape}.")
            g = g if create_graph else g._data
        else:
            raise TypeError(f"gradients can be either Tensors or None, but got {type(g).__name__}")
        out.append(g)
    return out


def _dependencies(root_nodes):
    deps, stack, seen = {}, list(root_nodes), set()
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        for child, _ in node.next_functions:
            if child is not None:
                deps[child] = deps.get(child, 0) + 1
                stack.append(child)
    return deps


def run_backward(roots, grads, retain_graph, create_graph, inputs=None, accumulate=True):
    """Backpropagate from ``roots``; accumulate into leaves' ``.grad`` or, with ``inputs`` and
    ``accumulate=False``, return the gradients of ``inputs`` (``torch.autograd.grad``)."""
    for t in roots:
        if not t._requires_grad:
            raise RuntimeError("element 0 of tensors does not require grad and does not have a "
                               "grad_fn")
    grads = _initial_grads(roots, grads, create_graph)
    targets = _capture_targets(inputs) if inputs is not None else None
    captured = {}
    buffers = {}
    starts = []
    for t, g in zip(roots, grads):
        node, nr = _root_node(t)
        buf = buffers.setdefault(node, {})
        buf[nr] = _sum(buf.get(nr), g)
        if node not in starts:
            starts.append(node)
    deps = _dependencies(starts)
    ready = [n for n in starts if deps.get(n, 0) == 0]
    prev_mode = grad_mode.STATE.enabled
    grad_mode.STATE.enabled = create_graph
    try:
        while ready:
            node = ready.pop()
            slots = buffers.pop(node, {})
            if isinstance(node, AccumulateGrad):
                _accumulate(node, slots.get(0), targets, captured, accumulate, create_graph)
                continue
            if node._pre_hooks or node._retained or targets is not None:
                grads_out = _pre_hooks(node, slots, targets, captured, create_graph)
            else:
                grads_out = tuple(slots.get(i) for i in range(max(slots, default=0) + 1))
            input_grads = node._apply(grads_out, create_graph)
            if node._hooks:
                for hook in node._hooks:
                    res = hook(tuple(_wrap_opt(g) for g in input_grads),
                               tuple(_wrap_opt(g) for g in grads_out))
                    if res is not None:
                        input_grads = tuple(r if r is None or create_graph else r._data for r in res)
            if not retain_graph:
                node._release()
            for (child, nr), g in zip(node.next_functions, input_grads):
                if child is None:
                    continue
                if g is not None:
                    buf = buffers.setdefault(child, {})
                    buf[nr] = _sum(buf.get(nr), g)
                deps[child] -= 1
                if deps[child] == 0:
                    ready.append(child)
    finally:
        grad_mode.STATE.enabled = prev_mode
    if targets is not None:
        return [captured.get(key) for key in targets]
    return None


def _wrap_opt(g):
    return None if g is None else _as_tensor(g)


def _pre_hooks(node, slots, targets, captured, create_graph):
    """Tensor hooks and retain_grad of a node's outputs; captures autograd.grad targets.

    ``slots`` maps output number → summed gradient; outputs that got none stay None (the
    compiled backward treats them as zeros)."""
    n = 1 + max((*slots, *(node._retained or ()), *(node._pre_hooks or ()), 0))
    grads = [slots.get(i) for i in range(n)]
    hooks = node._pre_hooks
    if hooks:
        for nr, fns in hooks.items():
            if nr < 0:
                for fn in fns:
                    res = fn(tuple(_wrap_opt(g) for g in grads))
                    if res is not None:
                        grads = [r if r is None or create_graph else r._data for r in res]
                continue
            for fn in fns:
                if grads[nr] is None:
                    continue
                res = fn(_as_tensor(grads[nr]))
                if res is not None:
                    grads[nr] = res if create_graph else res._data
    if node._retained:
        for nr, ref in node._retained.items():
            t = ref()
            if t is not None and grads[nr] is not None and t._grad_fn is node:
                _store_grad(t, grads[nr], create_graph)
    if targets is not None:
        for i, g in enumerate(grads):
            if (id(node), i) in targets and g is not None:
                captured[(id(node), i)] = _as_tensor(g)
    return tuple(grads)


def _store_grad(t, g, create_graph):
    if t._grad is None:
        t._grad = _as_tensor(g) if create_graph else Tensor._make(g)
    elif create_graph:
        t._grad = t._grad + _as_tensor(g)
    elif t._grad._data is _cached_zeros(t._grad._data.shape, t._grad._data.dtype):
        # A grad just reset by zero_() holds the shared zeros array: adding to it is a copy.
        t._grad._set_data(g if g.dtype == t._grad._data.dtype else g.astype(t._grad._data.dtype))
    else:
        t._grad._set_data(_sum(t._grad._data, g))


def _accumulate(node, g, targets, captured, accumulate, create_graph):
    if g is None:
        return
    t = node.variable
    for hook in t._hooks or ():
        res = hook(_as_tensor(g))
        if res is not None:
            g = res if create_graph else res._data
    if targets is not None and (id(node), 0) in targets:
        captured[(id(node), 0)] = _as_tensor(g)
    if not accumulate:
        return
    _store_grad(t, g, create_graph)
    if node._hooks:
        for hook in node._hooks:
            hook(t)


def _capture_targets(inputs):
    keys = []
    for t in inputs:
        if t._grad_fn is not None:
            keys.append((id(t._grad_fn), t._output_nr))
        else:
            keys.append((id(accumulate_grad_node(t)), 0))
    return keys
