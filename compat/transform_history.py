"""Autograd history for what ``torch.func`` transforms return.

In torch, a transform's result is differentiable by ordinary autograd in the tensors the
transform was called with: ``g = torch.func.grad(f)(w)`` with ``w.requires_grad`` gives a
``g`` whose ``backward()`` reaches ``w`` (meta-learning differentiates through an inner
gradient this way). Here a transform runs as one JAX computation of the arrays of its
arguments; when it is called outside any other transform, with grad mode on and an argument
that requires grad, :func:`call` records that whole computation as one backward node: its
vector-Jacobian product is JAX's VJP of the transformed function, which itself records a node
under ``create_graph``, so higher derivatives are exact too. Tensors the function only
captures (not arguments) are constants of it, as they are to ``jax.jit``.

>>> import compat as torch
>>> w = torch.tensor([1., 2.], requires_grad=True)
>>> g = torch.func.grad(lambda a: (a ** 3).sum())(w)       # 3 w², with history
>>> g.sum().backward()
>>> w.grad                                                 # d/dw Σ 3 w² = 6 w
tensor([ 6., 12.])
"""
from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from .autograd import grad_mode
from .dispatch import is_differentiable_dtype
from .graph import Node, accumulate_grad_node
from .tensors import Tensor


class FunctionTransformBackward(Node):
    """The backward node of a transform's result: one VJP of the whole transformed function."""

    __slots__ = ()


def _is_tensor(x):
    return isinstance(x, Tensor)


def _edge(t):
    return (t._grad_fn, t._output_nr) if t._grad_fn is not None else (accumulate_grad_node(t), 0)


def _wanted(leaves):
    """Positions of the argument tensors whose gradients the result's history carries."""
    if not grad_mode.is_grad_enabled():
        return []
    if any(isinstance(t._value, jax.core.Tracer) for t in leaves if _is_tensor(t)):
        return []  # inside another transform: that one differentiates
    return [i for i, t in enumerate(leaves) if _is_tensor(t) and t.requires_grad
            and is_differentiable_dtype(t._value.dtype)]


def _wrap(out):
    return jax.tree_util.tree_map(
        lambda a: Tensor._make(a) if isinstance(a, (jax.Array, jax.core.Tracer)) else a, out)


def call(fn, args):
    """``fn(*arrays of args)`` with its array outputs as tensors; recorded as one backward
    node when an argument requires grad (see the module docstring)."""
    leaves, tree = jax.tree_util.tree_flatten(args, is_leaf=_is_tensor)
    arrays = [t._value if _is_tensor(t) else t for t in leaves]
    wanted = _wanted(leaves)
    if not wanted:
        return _wrap(fn(*jax.tree_util.tree_unflatten(tree, arrays)))

    def of_wanted(*values):
        full = list(arrays)
        for i, v in zip(wanted, values):
            full[i] = v
        return fn(*jax.tree_util.tree_unflatten(tree, full))

    out, pullback = jax.vjp(of_wanted, *[arrays[i] for i in wanted])
    outs, out_tree = jax.tree_util.tree_flatten(out)
    inputs = [leaves[i] for i in wanted]
    node = FunctionTransformBackward(tuple(_edge(t) for t in inputs), _backward,
                                     (of_wanted, pullback, inputs, outs, out_tree), True)
    results = []
    for k, a in enumerate(outs):
        t = Tensor._make(a)
        if is_differentiable_dtype(a.dtype):
            t._grad_fn, t._output_nr, t._requires_grad = node, k, True
        results.append(t)
    return jax.tree_util.tree_unflatten(out_tree, results)


def _cotangent(grad, out):
    if not is_differentiable_dtype(out.dtype):
        return np.zeros(out.shape, jax.dtypes.float0)
    if grad is None:
        return jnp.zeros_like(out)
    return jnp.asarray(grad._current(), out.dtype)


def _backward(saved, grads, create_graph):
    of_wanted, pullback, inputs, outs, out_tree = saved
    grads = tuple(grads) + (None,) * (len(outs) - len(grads))
    if create_graph:
        # the VJP as a function of the inputs and the incoming gradients, recorded in turn
        floats = [k for k, o in enumerate(outs) if is_differentiable_dtype(o.dtype)]

        def vjp_of(values, float_cts):
            cts = [_cotangent(None, o) for o in outs]
            for k, c in zip(floats, float_cts):
                cts[k] = c
            return jax.vjp(of_wanted, *values)[1](jax.tree_util.tree_unflatten(out_tree, cts))
        float_cts = [grads[k] if grads[k] is not None else Tensor._make(jnp.zeros_like(outs[k]))
                     for k in floats]
        return tuple(call(vjp_of, (tuple(inputs), float_cts)))
    cts = [_cotangent(g, o) for g, o in zip(grads, outs)]
    return tuple(Tensor._make(g) for g in pullback(jax.tree_util.tree_unflatten(out_tree, cts)))
