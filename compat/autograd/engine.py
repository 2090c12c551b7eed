"""The backward engine: a dependency-counted walk of the graph from the roots.

Gradients arriving at a node are summed per output; a node runs once every node that feeds it
has run; leaves receive their gradient through AccumulateGrad. Without ``retain_graph`` the
saved values of every node walked are freed, as in torch. Every gradient the engine carries
is a Tensor: with ``create_graph`` one with history (the backward is recorded), otherwise a
plain one (grad mode is off while the engine runs). Accumulation into ``.grad`` holds a lock,
so threads backpropagating into the same leaf lose no update.

>>> import compat as torch
>>> x = torch.tensor(3.0, requires_grad=True)
>>> run_backward([x * x], [None], retain_graph=False, create_graph=False)
>>> x.grad
tensor(6.)
"""
from __future__ import annotations

import threading

from jaxgrad.transforms import check_implicit_seed

from .. import dispatch, lazy
from ..ops.arithmetic import add as _add
from ..tensors import Tensor, _cached_ones, _cached_zeros
from . import grad_mode
from .anomaly_mode import check_gradients
from .graph import AccumulateGrad, accumulate_grad_node

_ACCUMULATE_LOCK = threading.Lock()  # ``.grad`` updates are read-modify-write


def _sum(a, b):
    """Sum two gradients (None: none yet)."""
    if a is None:
        return b
    return _add(a, b)


def _as_tensor(g):
    return g if g is None or isinstance(g, Tensor) else Tensor._make(g)


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
            check_implicit_seed(t.numel() == 1, t._store.dtype, repr(t.dtype))
            g = Tensor._make(_cached_ones(t._store.shape, t._store.dtype))
        elif isinstance(g, Tensor):
            if tuple(g.shape) != tuple(t.shape):
                raise RuntimeError(f"Mismatch in shape: grad_output[0] has a shape of {g.shape} and "
                                   f"output[0] has a shape of {t.shape}.")
            g = g if create_graph else Tensor._make(g._current())
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
    observer = dispatch.observer()  # an active profiler times each node, as torch's does
    try:
        while ready:
            node = ready.pop()
            slots = buffers.pop(node, {})
            # autograd.grad captures its inputs' gradients: their AccumulateGrad does not run
            span = None if observer is None or not accumulate and isinstance(
                node, AccumulateGrad) else observer.evaluate(node, slots)
            if isinstance(node, AccumulateGrad):
                _accumulate(node, slots.get(0), targets, captured, accumulate, create_graph)
                if span is not None:
                    observer.end(span)
                continue
            if node._pre_hooks or node._retained or targets is not None:
                grads_out = _pre_hooks(node, slots, targets, captured, create_graph)
            else:
                grads_out = tuple(slots.get(i) for i in range(max(slots, default=0) + 1))
            # A node's backward (a custom Function's too) may hand back raw arrays.
            inner = None if span is None else observer.apply(node, grads_out)
            input_grads = tuple(_as_tensor(g) for g in node._apply(grads_out, create_graph))
            if inner is not None:
                observer.end(inner, input_grads)
            check_gradients(node, input_grads)
            if node._hooks:
                for hook in node._hooks:
                    input_grads = _replaced_all(hook, input_grads, hook(input_grads, grads_out))
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
            if span is not None:
                observer.end(span)
    finally:
        grad_mode.STATE.enabled = prev_mode
    lazy.boundary()  # the step recorded so far (forward and backward) runs as one program
    if targets is not None:
        return [captured.get(key) for key in targets]
    return None


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
                    grads = list(_replaced_all(fn, tuple(grads), fn(tuple(grads))))
                continue
            for fn in fns:
                if grads[nr] is None:
                    continue
                grads[nr] = _replaced(fn, grads[nr], fn(grads[nr]))
    if node._retained:
        for nr, ref in node._retained.items():
            t = ref()
            if t is not None and grads[nr] is not None and t._grad_fn is node:
                _store_grad(t, grads[nr], create_graph)
    if targets is not None:
        for i, g in enumerate(grads):
            if (id(node), i) in targets and g is not None:
                captured[(id(node), i)] = g
    return tuple(grads)


def accumulate_grad(t, g, create_graph):
    """What a leaf's AccumulateGrad does: add ``g`` into ``t.grad``, then run ``t``'s post
    accumulate grad hooks."""
    _store_grad(t, g, create_graph)
    for hook in t._post_accumulate_hooks or ():
        result = hook(t)
        if result is None or result is t:  # torch lets the hook hand back its own tensor
            continue
        if not isinstance(result, Tensor):
            raise not_a_variable(result)
        raise RuntimeError("Tensor post accumulate grad hooks should return None.")


def _store_grad(t, g, create_graph):
    """Add gradient ``g`` into ``t.grad``, atomically."""
    g = _as_tensor(g)
    with _ACCUMULATE_LOCK:
        current = t._grad
        if current is None:
            t._grad = g if create_graph else Tensor._make(g._current())
        elif create_graph:
            t._grad = current + g
        elif current._store is _cached_zeros(current._store.shape, current._store.dtype):
            # A grad just reset by zero_() holds the shared zeros array: adding to it is a copy.
            data = g._current()
            current._set_data(data if data.dtype == current._store.dtype
                              else g._data.astype(current._store.dtype))
        else:
            current._set_data(_sum(current, g)._current())


def _hook_name(hook) -> str:
    return getattr(hook, "__name__", type(hook).__name__)


def not_a_variable(result) -> TypeError:
    """torch's engine refusing what a tensor hook returned that is neither None nor a Tensor."""
    return TypeError(f"expected Variable, but hook returned '{type(result).__name__}'")


def _replaced(hook, value, result):
    """A tensor hook's replacement for gradient ``value``, checked as torch's engine checks
    it (same size and dtype; a Tensor or None)."""
    if result is None:
        return value
    if not isinstance(result, Tensor):
        raise not_a_variable(result)
    if tuple(result.shape) != tuple(value.shape):
        raise RuntimeError(f"hook '{_hook_name(hook)}' has changed the size of value")
    if result.dtype is not value.dtype:
        raise RuntimeError(f"hook '{_hook_name(hook)}' has changed the type of value (was "
                           f"{value.type()} got {result.type()})")
    return result


def _replaced_all(hook, values, results):
    """A node hook's replacement for its gradients ``values``: as many, and no value where
    there was none."""
    if results is None:
        return values
    results = tuple(results) if isinstance(results, (tuple, list)) else (results,)
    if len(results) != len(values):
        raise RuntimeError(f"hook '{_hook_name(hook)}' has returned an incorrect number of values "
                           f"(got {len(results)}, but expected {len(values)})")
    out = []
    for value, result in zip(values, results):
        if value is None:
            if result is not None:
                raise RuntimeError("can't replace a None gradient with a non-None value")
            out.append(None)
        else:
            out.append(_replaced(hook, value, _as_tensor(result)) if result is not None else None)
    return tuple(out)


def _accumulate(node, g, targets, captured, accumulate, create_graph):
    if g is None:
        return
    t = node.variable
    for hook in t._hooks or ():
        g = _replaced(hook, g, hook(g))
    if targets is not None and (id(node), 0) in targets:
        captured[(id(node), 0)] = g
    if not accumulate:
        return
    accumulate_grad(t, g, create_graph)
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
