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


def dependencies(fn, args) -> tuple:
    """Per output leaf of ``fn(*args)``, the set of positions of ``args`` it depends on
    (``None`` args have no leaves; an equation with inner jaxprs counts as depending on all
    of its inputs, which errs towards depending)."""
    key = (fn, tuple(_key(a) for a in args))
    found = _CACHE.get(key)
    if found is not None:
        return found
    closed = jax.make_jaxpr(fn)(*args)
    jaxpr = closed.jaxpr
    positions = [i for i, a in enumerate(args) for _ in jax.tree_util.tree_leaves(a)]
    depends = {var: frozenset((pos,)) for var, pos in zip(jaxpr.invars, positions)}
    empty = frozenset()
    for eqn in jaxpr.eqns:
        inputs = empty.union(*(depends.get(v, empty) for v in eqn.invars
                               if not hasattr(v, "val")))  # literals depend on nothing
        for out in eqn.outvars:
            depends[out] = inputs
    found = tuple(set(depends.get(v, empty)) if not hasattr(v, "val") else set()
                  for v in jaxpr.outvars)
    if len(_CACHE) > 4096:
        _CACHE.clear()
    _CACHE[key] = found
    return found
