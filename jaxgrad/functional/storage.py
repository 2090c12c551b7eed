"""Reads and writes of a tensor's flat storage: what views are made of.

A view of a base tensor is a set of flat positions in the base; reading the view gathers those
positions, writing through it scatters into them. Both are linear, so autograd keeps only
shapes (and the positions) for their backward.

>>> import jax.numpy as jnp
>>> from jaxgrad.functional.storage import gather_flat, scatter_flat
>>> base = jnp.arange(6, dtype=jnp.float32).reshape(2, 3)
>>> gather_flat(base, jnp.array([[0, 4]]))
Array([[0., 4.]], dtype=float32)
>>> scatter_flat(base, jnp.full(2, 9, jnp.float32), jnp.array([1, 5]))[0]
Array([0., 9., 2.], dtype=float32)
"""
from __future__ import annotations

from ._checks import linear


@linear
def gather_flat(base, positions):
    """The elements of ``base`` at flat ``positions`` (any shape: the result takes it)."""
    return base.reshape(-1)[positions]


@linear
def scatter_flat(base, values, positions):
    """``base`` with ``values`` written at flat ``positions`` (``values`` shaped as them)."""
    flat = base.reshape(-1).at[positions.reshape(-1)].set(values.reshape(-1))
    return flat.reshape(base.shape)
