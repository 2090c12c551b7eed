"""Which inputs each output of a function depends on, read off its jaxpr.

Double backward needs it: torch's gradient of ``x * y`` with respect to ``x`` is ``grad * y``,
which does not involve ``x`` at all, so differentiating it again with respect to ``x`` gives
``None`` (no path in the graph), and the gradient of ``2 * x`` involves no input that requires
grad, so it does not require grad. A backward computed as one JAX function has the same
structure inside its jaxpr: an output depends on an input when a chain of equations leads
from one to the other.

>>> import jax.numpy as jnp
>>> dependencies(lambda x, y, ct: (ct * y, ct * x), (jnp.ones(2), jnp.ones(2), jnp.ones(2)))
({1, 2}, {0, 2})
"""
from __future__ import annotations

import jax

_CACHE: dict = {}


def _key(value):
    if value is None or isinstance(value, (bool, int, float, complex)):
        return type(value)
    return (tuple(value.shape), value.dtype)


def dependencies(fn, args, through_masks=True) -> tuple:
    """Per output leaf of ``fn(*args)``, the set of positions of ``args`` it depends on
    (``None`` args have no leaves; an equation with inner jaxprs counts as depending on all
    of its inputs, which errs towards depending). With ``through_masks=False`` a value
    reaching an output only through a boolean or integer result (a comparison's mask) does
    not count, as torch's graph has no edge through a comparison.

    >>> import jax.numpy as jnp
    >>> dependencies(lambda x, ct: jnp.where(x > 0, ct, 0.), (jnp.ones(2), jnp.ones(2)),
    ...              through_masks=False)
    ({1},)
    """
    key = (fn, tuple(_key(a) for a in args), through_masks)
    found = _CACHE.get(key)
    if found is not None:
        return found
    jaxpr = jax.make_jaxpr(fn)(*args).jaxpr
    positions = [i for i, a in enumerate(args) for _ in jax.tree_util.tree_leaves(a)]
    found = tuple(set(d) for d in _propagate(
        jaxpr, [frozenset((pos,)) for pos in positions], through_masks))
    if len(_CACHE) > 4096:
        _CACHE.clear()
    _CACHE[key] = found
    return found


_EMPTY = frozenset()


def _propagate(jaxpr, in_depends, through_masks):
    """The dependence sets of ``jaxpr``'s outputs given its inputs'; without
    ``through_masks`` a jitted call inside is followed into its own jaxpr (where only part of
    its inputs may reach an output)."""
    depends = {}
    for var, deps in zip(jaxpr.invars, in_depends):
        depends[var] = deps if through_masks or _carries_gradient(var) else _EMPTY
    for eqn in jaxpr.eqns:
        ins = [_EMPTY if hasattr(v, "val") else depends.get(v, _EMPTY)  # literals: nothing
               for v in eqn.invars]
        inner = eqn.params.get("jaxpr")
        inner = getattr(inner, "jaxpr", inner)  # a ClosedJaxpr's own jaxpr
        # (followed only for masks: torch's single-op backwards, as nll_loss_backward, take
        # inputs they read only for their shape, and the graph has edges to them)
        if not through_masks and inner is not None and hasattr(inner, "eqns") and \
                len(inner.invars) == len(ins) and len(inner.outvars) == len(eqn.outvars):
            outs = _propagate(inner, ins, through_masks)
        else:
            outs = [_EMPTY.union(*ins)] * len(eqn.outvars)
        for out, deps in zip(eqn.outvars, outs):
            depends[out] = deps if through_masks or _carries_gradient(out) else _EMPTY
    return [_EMPTY if hasattr(v, "val") else depends.get(v, _EMPTY) for v in jaxpr.outvars]


def _carries_gradient(var) -> bool:
    dtype = getattr(getattr(var, "aval", None), "dtype", None)
    return dtype is None or jax.numpy.issubdtype(dtype, jax.numpy.inexact)
