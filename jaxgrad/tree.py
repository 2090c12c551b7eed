"""Pytree helpers that stand in for torch's in-place gradient bookkeeping.

torch keeps gradients on the tensors (``p.grad``), sums into them on every ``backward()``
and clears them with ``zero_()``; here gradients are values, so these are plain functions
over pytrees of arrays.

>>> import jax.numpy as jnp
>>> from jaxgrad import tree
>>> g = {"w": jnp.ones(2, jnp.float32)}
>>> tree.accumulate(g, g)["w"]
Array([2., 2.], dtype=float32)
"""
from __future__ import annotations

import jax
import jax.numpy as jnp


def accumulate(grads, more):
    """``grads + more`` leaf by leaf: torch's gradient accumulation (``p.grad += new``).

    ``None`` stands for "no gradient yet", as ``p.grad is None`` before the first backward,
    so ``accumulate(None, g)`` is ``g``. Summing the gradients of micro-batches is the
    functional way to accumulate gradients over several ``backward()`` calls::

        grads = None
        for batch in micro_batches:
            grads = jaxgrad.accumulate(grads, jaxgrad.grad(loss_fn)(params, batch))

    >>> import jax.numpy as jnp
    >>> accumulate(None, {"b": jnp.float32(1.)})
    {'b': Array(1., dtype=float32)}
    >>> accumulate({"b": jnp.float32(1.)}, {"b": jnp.float32(2.)})
    {'b': Array(3., dtype=float32)}
    """
    if grads is None:
        return more
    if more is None:
        return grads
    return jax.tree.map(jnp.add, grads, more)


def zeros_like(tree):
    """A pytree of zeros shaped like ``tree``: torch's ``p.grad.zero_()`` /
    ``optimizer.zero_grad(set_to_none=False)``, as a new value.

    >>> import jax.numpy as jnp
    >>> zeros_like({"w": jnp.ones((2,), jnp.float32), "step": jnp.int32(3)})
    {'step': Array(0, dtype=int32), 'w': Array([0., 0.], dtype=float32)}
    """
    return jax.tree.map(jnp.zeros_like, tree)


def scale(tree, factor):
    """Every leaf times ``factor`` (keeping each leaf's dtype): e.g. the mean of accumulated
    micro-batch gradients, ``scale(grads, 1 / k)``.

    >>> import jax.numpy as jnp
    >>> scale({"w": jnp.array([2., 4.], jnp.float32)}, 0.5)
    {'w': Array([1., 2.], dtype=float32)}
    """
    return jax.tree.map(lambda x: x * jnp.asarray(factor, x.dtype), tree)


def global_norm(tree, norm_type=2.0):
    """The ``norm_type``-norm of all leaves together, as ``torch.nn.utils.clip_grad_norm_``
    computes it: the norm of the per-leaf norms (``inf`` for the largest magnitude).

    >>> import jax.numpy as jnp
    >>> global_norm({"a": jnp.array([3.], jnp.float32), "b": jnp.array([4.], jnp.float32)})
    Array(5., dtype=float32)
    """
    leaves = jax.tree.leaves(tree)
    if not leaves:
        return jnp.zeros((), jnp.float32)
    norm_type = float(norm_type)
    dtype = leaves[0].dtype
    norms = jnp.stack([_vector_norm(x.reshape(-1), norm_type, dtype) for x in leaves])
    return _vector_norm(norms, norm_type, dtype)


def _vector_norm(x, norm_type, dtype):
    # torch's vector_norm accumulates float16/bfloat16 in float32 and rounds the result once
    # (summing 300² in half precision would overflow to inf).
    wide = jnp.float32 if x.dtype in (jnp.float16, jnp.bfloat16) else x.dtype
    return jnp.linalg.norm(x.astype(wide), ord=norm_type).astype(dtype)


def clip_by_global_norm(tree, max_norm, norm_type=2.0):
    """(total norm, tree scaled so that its norm is at most ``max_norm``), with torch's
    coefficient ``min(max_norm / (total + 1e-6), 1)``.

    >>> import jax.numpy as jnp
    >>> total, clipped = clip_by_global_norm([jnp.array([3., 4.], jnp.float32)], 1.0)
    >>> float(total), [round(float(v), 4) for v in clipped[0]]   # 3/5, 4/5 (less torch's 1e-6)
    (5.0, [0.6, 0.8])
    """
    total = global_norm(tree, norm_type)
    coef = jnp.minimum(max_norm / (total + 1e-6), 1.0)
    return total, jax.tree.map(lambda x: x * coef.astype(x.dtype), tree)
